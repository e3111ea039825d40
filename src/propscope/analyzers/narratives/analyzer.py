"""The ``narratives`` analyzer: which catalogued narratives a text carries, and in whose voice.

Every sentence, and every attribution's content of five words or more that is not itself a
sentence, is scored against the catalogue (:mod:`.scoring`).  A unit that passes its best
narrative's threshold becomes a span of the ``narratives`` layer::

    {"start", "end", "narrative": "deep_state_plot", "score": 0.91, "unit": "sentence",
     "voice": "outlet" | <speaker> | "unknown speaker", "voice_attribution": 3}

The voice follows the ``voice`` analyzer's rules: a unit is the quoted speaker's when at
least half of it lies in an attribution's content, or, for a sentence, when one
attribution (source, cue and content) spans at least half of it ("Trump called the caravan
an invasion" reports Trump's narrative); content the outlet only dresses as someone's
(:func:`~propscope.analyzers.voice.outlet_voiced`) stays the outlet's.  The layer's data
names the catalogue (source, fingerprint) and each narrative found (name, parent, count,
best score, counts by voice, and ``carried``: whether the article as a whole carries it,
with at least ``article_min_sightings`` sightings or one scored ``article_single`` or more),
so the report can draw its legend without the catalogue.  The ``techniques`` layer, when the
pipeline has one, feeds the scorer (how many technique spans a unit holds); it is optional.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.analyzers.narratives.catalogue import Catalogue, load_catalogue
from propscope.analyzers.narratives.classifier import NarrativeClassifier, pair_context
from propscope.analyzers.narratives.head import NarrativeHead, default_head_dir
from propscope.analyzers.narratives.prefilter import Prefilter, prefilter_for, unit_pairs
from propscope.analyzers.narratives.scoring import Calibration, NarrativeScorer, TextEncoder
from propscope.analyzers.voice import OUTLET, UNKNOWN_SPEAKER, outlet_voiced
from propscope.article import Article, Span

__all__ = ["NarrativesAnalyzer", "outlet_own_claim", "quoted_share", "sentence_voice", "sentence_voices",
           "speaker_voice", "unit_contexts"]

MIN_CONTENT_WORDS = 5
#: a content making up this share of its one sentence is scored as that sentence (:meth:`NarrativesAnalyzer.units`)
CONTENT_OF_SENTENCE = 0.8

# The outlet's own claim, although the attribution layer gives it a source:
#: the author speaking ("as we reported", "I tell you") or a thing, not a person ("It shows",
#: "evidence has confirmed")
_SELF_OR_THING = re.compile(r"^(?:i|we|us|me|our|my|it|this|that|these|those|(?:the |new |photographic |video )?"
                            r"(?:evidence|documents?|records?|photos?|footage|data|facts?))\b", re.IGNORECASE)
#: a denial or a refusal ("DHS denied terrorists were crossing": the outlet asserts the
#: contrary) and a guess at what someone might say ("Ragan might explain that …")
_DENIAL_OR_GUESS = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refus\w*|(?:does|do|did|will|would|could)\s*n[o’']t"
                              r"|never|might|would|could|may)\b", re.IGNORECASE)
_OPEN = "“«„"
_CLOSE = "”»"
#: how many sentences an unclosed quotation may run on ("“This is … / … any further.”")
QUOTE_CARRY = 3


def outlet_own_claim(text: str, attribution: Span) -> bool:
    """Whether the narrative in ``attribution``'s content is the outlet's claim rather than
    the speaker's: content the voice analyzer already calls the outlet's
    (:func:`~propscope.analyzers.voice.outlet_voiced`), a source that is the author or a
    thing, or a cue of denial or conjecture."""
    if outlet_voiced(text, attribution):
        return True
    if attribution.attrs.get("speaker") and attribution.label == "direct":
        return False
    src, cue = attribution.attrs.get("source"), attribution.attrs.get("cue")
    if src and _SELF_OR_THING.match(text[src[0]:src[1]].strip()):
        return True
    return bool(cue and _DENIAL_OR_GUESS.search(text[cue[0]:cue[1]]))


def quoted_share(text: str, sentences: list[tuple[int, int]]) -> list[float]:
    """Per sentence, the share of its characters inside quotation marks, following an
    unclosed quotation over at most :data:`QUOTE_CARRY` sentences (a quote that runs over
    several sentences opens in the first and closes in the last).  Curly quotes open and
    close; a straight ``"`` toggles; single quotes count only when they open at a word start."""
    out: list[float] = []
    inside, carried = False, 0
    for start, end in sentences:
        if inside:
            carried += 1
            if carried > QUOTE_CARRY:
                inside, carried = False, 0
        n_in = n = 0
        single = False
        prev = " "
        for ch in text[start:end]:
            if ch in _OPEN or (ch == '"' and not inside):
                inside, carried = True, 0
            elif ch in _CLOSE or ch == '"':
                inside = False
            elif ch == "‘" and not prev.isalnum():
                single = True
            elif ch == "’" and single:
                single = False
            elif not ch.isspace():
                n += 1
                n_in += inside or single
            prev = ch
        out.append(n_in / n if n else 0.0)
    return out


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def speaker_voice(start: int, end: int, attributions: Layer | None, text: str,
                  whole_attribution: bool = False) -> tuple[str, int | None]:
    """The voice of ``text[start:end]``: a speaker (or ``unknown speaker``) and the index of
    the attribution it comes from, or ``("outlet", None)``."""
    if attributions is None:
        return OUTLET, None
    length = max(1, end - start)
    best_k, best = None, 0
    for k, a in enumerate(attributions.spans):
        if a.end <= start or a.start >= end or outlet_own_claim(text, a):
            continue
        inside = sum(_overlap(s, e, start, end) for s, e in (a.attrs.get("content") or [[a.start, a.end]]))
        if whole_attribution and inside * 4 >= length:  # the sentence reports this attribution
            inside = max(inside, _overlap(a.start, a.end, start, end))
        if inside > best:
            best_k, best = k, inside
    if best_k is None or best * 2 < length:
        return OUTLET, None
    speaker = attributions.spans[best_k].attrs.get("speaker")
    return str(speaker or UNKNOWN_SPEAKER), best_k


def sentence_voice(start: int, end: int, attributions: Layer | None, text: str) -> tuple[str, int | None]:
    return speaker_voice(start, end, attributions, text, whole_attribution=True)


def sentence_voices(text: str, sentences: list[tuple[int, int]],
                    attributions: Layer | None) -> list[tuple[str, int | None]]:
    """The voice of each sentence (in article order): its attribution's speaker
    (:func:`sentence_voice`), else ``unknown speaker`` when at least half of it lies inside
    quotation marks (a tweet, a quoted letter, the middle of a quote running over several
    sentences), else the outlet."""
    shares = quoted_share(text, sentences)
    out = []
    for (s, e), share in zip(sentences, shares, strict=True):
        voice, k = sentence_voice(s, e, attributions, text)
        if voice == OUTLET and share >= 0.5:
            voice = UNKNOWN_SPEAKER
        out.append((voice, k))
    return out


def unit_contexts(article: Article, units: list[tuple[int, int, str, int | None]]) -> list[str]:
    """The classifier's second segment for each unit (:func:`.classifier.pair_context`): the
    article's title (else its first sentence, unless the unit is that sentence), the sentence
    before and the sentence after; for an attribution's content, those around the sentence
    holding it.  ``units`` as :meth:`NarrativesAnalyzer.units` gives them (sentences first)."""
    text = article.text
    sents = [(s.start, s.end) for s in article.sentences]
    starts = [s for s, _ in sents]
    title = " ".join(article.title.split()) if article.title else None
    first = 0 if title else 1  # without a title the first sentence plays it
    out = []
    for s, _e, kind, _ in units:
        pos = bisect_right(starts, s) - 1
        if pos < 0:
            out.append(pair_context(title, None, None))
            continue
        head = title if title else (text[slice(*sents[0])] if pos > 0 else None)
        before = text[slice(*sents[pos - 1])] if pos - 1 >= first else None
        after = text[slice(*sents[pos + 1])] if pos + 1 < len(sents) else None
        if kind != "sentence" and not (sents[pos][0] <= s < sents[pos][1]):
            after = None
        out.append(pair_context(head, before, after))
    return out


#: the most words of a sentence outside a speaker's attribution (and the dateline) for the
#: sentence's narrative to be that speaker's alone (see :meth:`NarrativesAnalyzer.reported_in_sentence`)
OUTSIDE_WORDS = 6
_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


class NarrativesAnalyzer(BaseAnalyzer):
    """Settings: ``catalogue`` (a YAML path; the shipped default otherwise), ``calibration``
    (a JSON path), ``head`` (a head model folder, :mod:`.head`; the shipped one otherwise;
    ``false`` or ``"none"``: similarity scoring only), ``classifier`` (a fine-tuned classifier
    folder, :mod:`.classifier`; the shipped one otherwise, none is shipped yet; ``false`` or
    ``"none"``: the head and the similarity scoring), ``prefilter`` (a pre-filter folder,
    :mod:`.prefilter`; the shipped one when it covers the catalogue; ``"none"``: every unit
    is scored), ``prefilter_recall`` (another recall target it was fitted for: 0.8 (its
    default), 0.9, 0.95, 0.97 or 0.99), ``batch_articles`` (embed a batch's articles together: less CPU, coarser
    vectors; off), ``encoder_dir`` (an embeddings model folder), ``threads`` (ONNX threads of
    the encoder; one per worker when the pipeline runs several)."""

    name = "narratives"
    version = "2"
    requires = ("attributions",)
    produces = ("narratives",)
    description = "Finds catalogued narratives in sentences and quoted content, with their voice."

    def __init__(self, **settings: Any) -> None:
        super().__init__(**settings)
        self.scorer: NarrativeScorer | None = None
        self.prefilter: Prefilter | None = None
        self.encoder: TextEncoder | None = settings.get("encoder")

    def load(self, model_dir: Path | None = None) -> None:
        if self.scorer is not None:
            return
        catalogue: Catalogue = load_catalogue(self.settings.get("catalogue"))
        calibration = Calibration.load(self.settings.get("calibration"))
        if self.encoder is None:
            from propscope.embeddings import Encoder, default_encoder

            enc_dir = self.settings.get("encoder_dir") or model_dir
            threads = self.settings.get("threads")
            if enc_dir or threads:  # its own session: another model, or a bound on its threads
                self.encoder = Encoder(enc_dir, threads=int(threads) if threads else None)
            else:
                self.encoder = default_encoder()
        head_setting = self.settings.get("head")
        head = None
        if head_setting is None:
            if (default_head_dir() / "head.npz").is_file():
                head = NarrativeHead.load()
        elif head_setting not in (False, "none", ""):
            head = NarrativeHead.load(head_setting)
        self.scorer = NarrativeScorer(catalogue, self.encoder, calibration, head, self._classifier())
        self.prefilter = prefilter_for(self.settings.get("prefilter"), [n.id for n in self.scorer.narratives],
                                       self.settings.get("prefilter_recall"))

    def _classifier(self) -> NarrativeClassifier | None:
        setting = self.settings.get("classifier")
        if setting in (False, "none", ""):
            return None
        threads = self.settings.get("threads")
        if setting is None and not NarrativeClassifier.available():
            return None
        return NarrativeClassifier(setting, threads=int(threads) if threads else None)

    def units(self, article: Article, attributions: Layer | None) -> list[tuple[int, int, str, int | None]]:
        """(start, end, unit kind, attribution index) for sentences and longer contents."""
        out: list[tuple[int, int, str, int | None]] = [(s.start, s.end, "sentence", None) for s in article.sentences]
        starts = [s.start for s in article.sentences]
        if attributions is not None:
            for k, a in enumerate(attributions.spans):
                if outlet_voiced(article.text, a):
                    continue
                for s, e in a.attrs.get("content") or []:
                    piece = article.text[s:e].strip()
                    if len(piece.split()) >= MIN_CONTENT_WORDS and not self._nearly_a_sentence(article, starts, s, e):
                        out.append((s, e, "content", k))
        return out

    @staticmethod
    def _nearly_a_sentence(article: Article, starts: list[int], s: int, e: int) -> bool:
        """Whether content ``[s, e)`` lies in one sentence and makes up at least
        :data:`CONTENT_OF_SENTENCE` of it: that sentence, a unit already, stands for it (its
        vector is nearly the content's, and its voice is the speaker's when the attribution
        covers half of it), so the content is not embedded a second time."""
        i = bisect_right(starts, s) - 1
        if i < 0:
            return False
        sent = article.sentences[i]
        return e <= sent.end and (e - s) >= CONTENT_OF_SENTENCE * max(1, sent.end - sent.start)

    @staticmethod
    def unit_inputs(units: list[tuple[int, int, str, int | None]],
                    techniques: Layer | None) -> tuple[list[list[int]], list[int]]:
        """Per unit: the indices of its context units (the sentences before and after; for a
        content, the sentence holding it and those around) and how many technique spans
        overlap it."""
        sent_idx = [i for i, u in enumerate(units) if u[2] == "sentence"]
        starts = [units[i][0] for i in sent_idx]
        context: list[list[int]] = []
        for i, (s, e, kind, _) in enumerate(units):
            if kind == "sentence":
                pos = i  # sentences come first, in order (see units())
                context.append([sent_idx[j] for j in (pos - 1, pos + 1) if 0 <= j < len(sent_idx)])
            else:
                pos = max(0, bisect_right(starts, s) - 1)
                context.append([sent_idx[j] for j in (pos - 1, pos, pos + 1) if 0 <= j < len(sent_idx)])
        counts = [0] * len(units)
        if techniques is not None and techniques.spans:
            tspans = sorted((t.start, t.end) for t in techniques.spans)
            tstarts = [t[0] for t in tspans]
            for i, (s, e, _, _) in enumerate(units):
                hi = bisect_left(tstarts, e)
                counts[i] = sum(1 for a, b in tspans[:hi] if b > s)
        return context, counts

    def selection(self, texts: list[str], context: list[list[int]]) -> tuple[list[int], list[int]]:
        """The units to score (those the pre-filter keeps, :mod:`.prefilter`; all without
        one) and the units to embed for them: with their context units when the scorer reads
        context vectors."""
        assert self.scorer is not None
        if self.prefilter is None:
            every = list(range(len(texts)))
            return every, every
        keep = self.prefilter.select(unit_pairs(texts, context)) if texts else []
        need = set(keep)
        if getattr(self.scorer, "uses_context", True):
            need.update(j for i in keep for j in context[i])
        return keep, sorted(need)

    def score_units(self, article: Article, units: list[tuple[int, int, str, int | None]],
                    context: list[list[int]], counts: list[int]) -> np.ndarray:
        """``[n_units, n_narratives]`` probabilities of the units :meth:`selection` keeps
        (scored with the units of their context); the others get 0: never a sighting."""
        assert self.scorer is not None
        texts = [article.text[s:e] for s, e, _, _ in units]
        pairs = unit_contexts(article, units) if self.scorer.needs_context else None
        keep, order = self.selection(texts, context)
        if len(order) == len(texts):
            probs = self.scorer.score(texts, article.language, context=context, techniques=counts, contexts=pairs)
            if len(keep) < len(texts):
                dropped = np.ones(len(texts), dtype=bool)
                dropped[keep] = False
                probs[dropped] = 0.0
            return probs
        pos = {u: k for k, u in enumerate(order)}
        probs = np.zeros((len(units), len(self.scorer.narratives)), dtype=np.float32)
        if keep:
            sub = self.scorer.score([texts[u] for u in order], article.language,
                                    context=[[pos[j] for j in context[u] if j in pos] for u in order],
                                    techniques=[counts[u] for u in order],
                                    contexts=[pairs[u] for u in order] if pairs is not None else None)
            probs[keep] = sub[[pos[u] for u in keep]]
        return probs

    def annotate_batch(self, articles: Iterable[tuple[Article, Mapping[str, Layer]]]) -> list[Mapping[str, Layer] | None]:
        """As :meth:`annotate` for each; with setting ``batch_articles``, the units of all the
        batch's articles are embedded together first (:meth:`propscope.embeddings.Encoder.scope`).
        Off by default: fuller int8 batches cost 12 % less encoder CPU but quantise coarser
        (mean cosine to the text's own vector 0.995 article by article, 0.992 in blocks of
        four), and at the head's threshold that lost 9 of 102 calls on the train gold."""
        items = list(articles)
        self.load()
        scope = getattr(self.encoder, "scope", None)
        if not self.settings.get("batch_articles") or scope is None or len(items) < 2:
            return super().annotate_batch(items)
        texts: list[str] = []
        for article, layers in items:
            try:
                units = self.units(article, layers.get("attributions"))
                context, _ = self.unit_inputs(units, None)
                unit_texts = [article.text[s:e] for s, e, _, _ in units]
                texts += [unit_texts[u] for u in self.selection(unit_texts, context)[1]]
            except Exception:  # noqa: BLE001 - annotate() meets it again and reports it for this article
                continue
        with scope(texts):
            return super().annotate_batch(items)

    @staticmethod
    def reported_in_sentence(article: Article, units: list[tuple[int, int, str, int | None]],
                             best: list[tuple[int, float] | None], attributions: Layer | None) -> set[int]:
        """The sentence units whose narrative a speaker's content inside them carries too, where
        the attribution is nearly the whole sentence (at most :data:`OUTSIDE_WORDS` words of it
        lie outside the attribution and the dateline, a relay's ", RIA reported" say): the
        sentence is that speaker's sighting, counted once, in their voice ("MOSCOW (TASS) –
        Zakharova said that the protests were a colour revolution staged from abroad, RIA
        reported" is her narrative reported, not the outlet's own), so its own sighting is
        dropped.  With more of the outlet's words around ("In another report that contradicts
        the official story, a couple said …"), the sentence stays the outlet's sighting."""
        if attributions is None:
            return set()
        starts = [s.start for s in article.sentences]
        dateline = article.dateline.span if article.dateline is not None else None
        out: set[int] = set()
        for (s, _, kind, k), hit in zip(units, best, strict=True):
            if hit is None or kind != "content" or k is None:
                continue
            if outlet_own_claim(article.text, attributions.spans[k]):
                continue
            i = bisect_right(starts, s) - 1  # sentences come first in units, in order
            if not (0 <= i < len(starts) and best[i] is not None and best[i][0] == hit[0]):
                continue
            sent, a = article.sentences[i], attributions.spans[k]
            parts = [(a.start, a.end), *(tuple(a.attrs[key]) for key in ("source", "cue") if a.attrs.get(key))]
            said = [(min(x for x, _ in parts), max(y for _, y in parts))]  # the source and cue with the content
            if dateline is not None:
                said.append((dateline.start, dateline.end))
            outside = sum(1 for w in _WORDS.finditer(article.text, sent.start, sent.end)
                          if not any(x <= w.start() < y for x, y in said))
            if outside <= OUTSIDE_WORDS:
                out.add(i)
        return out

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        self.load()
        assert self.scorer is not None
        attributions = layers.get("attributions")
        units = self.units(article, attributions)
        context, counts = self.unit_inputs(units, layers.get("techniques"))
        probs = self.score_units(article, units, context, counts)
        best = self.scorer.pick(probs)
        # the voices of the sentences, only when a unit is called (most articles call none)
        voices = sentence_voices(article.text, [(s.start, s.end) for s in article.sentences], attributions) \
            if any(hit is not None for hit in best) else []
        spans: list[Span] = []
        found: dict[str, dict[str, Any]] = {}
        reported = self.reported_in_sentence(article, units, best, attributions)
        for i, ((s, e, kind, k), hit) in enumerate(zip(units, best, strict=True)):
            if hit is None or i in reported:
                continue
            narrative = self.scorer.narratives[hit[0]]
            if kind == "content" and k is not None and attributions is not None:
                a = attributions.spans[k]
                if outlet_own_claim(article.text, a):
                    voice, vk = OUTLET, None
                else:
                    voice, vk = str(a.attrs.get("speaker") or UNKNOWN_SPEAKER), k
            else:
                voice, vk = voices[i]  # sentences come first in units
            attrs: dict[str, Any] = {"score": round(hit[1], 3), "unit": kind, "voice": voice}
            if vk is not None:
                attrs["voice_attribution"] = vk
            spans.append(Span(s, e, narrative.id, attrs))
            row = found.setdefault(narrative.id, {"name": narrative.name, "parent": narrative.parent,
                                                  "count": 0, "best_score": 0.0, "outlet": 0, "speakers": 0})
            row["count"] += 1
            row["best_score"] = max(row["best_score"], attrs["score"])
            row["outlet" if voice == OUTLET else "speakers"] += 1
        cal = self.scorer.calibration
        for row in found.values():  # the article-level call: several sightings, or one sure one
            row["carried"] = bool(row["count"] >= cal.article_min_sightings or row["best_score"] >= cal.article_single)
        cat = self.scorer.catalogue
        data = {"catalogue": {"source": Path(cat.source).name, "fingerprint": cat.fingerprint,
                              "narratives": len(cat.matchable)},
                "narratives": found}
        return {"narratives": self.layer("narratives", spans, data, label_key="narrative")}

"""The ``voice`` analyzer: whose words each technique span is in.

A technique span gets ``voice`` = the canonical speaker of the attribution whose content
contains it (``"unknown speaker"`` when that attribution's speaker is not resolved), or
``"outlet"`` when it lies in the author's own words.  A span counts as inside a content when
at least half of its characters lie in the content's pieces.

Two kinds of reported content (no quotation marks) stay in the outlet's voice
(:func:`outlet_voiced`): content whose source is everyone or no one in general ("Every
patriot knows …", "Nobody doubts …", "All decent people understand …"): the outlet speaking
for an imagined crowd; and content under a cue that is no verb of saying ("Only traitors and
their masters want …", "Ivanov believes …", "Nalen is wanted on charges of …"): the
attribution tagger, trained on PolNeAR, also marks beliefs, wishes and perceptions, and
their wording is the outlet's: nobody said it.

Words in quotation marks are someone's (:func:`quoted_speaker`): a technique span that no
content claims but that lies inside quotation marks, in a sentence where a speaker's cue comes
before it ("Kim routinely blasts his neighbours as 'stooges'"), is that speaker's, even when the
cue is no verb of saying or the attribution's content stops short of the quote.  In mixed
content two parts stay the outlet's: under a verb of naming ("calling Soros a \"public enemy\"",
"termed them \"unsafe\"") all but the quoted label, and a clause appended after the last
quotation mark (", opening him to charges …", ", which violated …"); in indirect content the
addressee of a reported order ("ordered all the squatters to leave") and a final apposition
glossing a name ("…, worse than Al Capone, the notorious gangster").  A paragraph that opens
with a quotation mark or leaves one unpaired, and names no one, continues the quote of the
paragraph before it (:func:`continued_speaker`).  The layer keeps the name ``techniques``, its
label key and data; only the ``voice`` attribute is added (and
``voice_attribution``, the index of the attribution in the ``attributions`` layer).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping

from propscope.analysis import Layer
from propscope.analyzers.base import BaseAnalyzer
from propscope.article import Article, Span
from propscope.analyzers.attribution.saying import is_saying_word, states_a_claim

__all__ = ["UNKNOWN_SPEAKER", "VoiceAnalyzer", "assign_voice", "continued_speaker", "generic_source", "outlet_voiced",
           "quoted_speaker"]

OUTLET = "outlet"
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
UNKNOWN_SPEAKER = "unknown speaker"


#: "every patriot", "any honest observer", "all decent people", "everyone", "nobody"; not
#: "all three ministers", "all of the ministers", "each of them"
_GENERIC_SOURCE = re.compile(
    r"(?:(?:every|any|no)\s+(?!one\b|of\b)[a-z]|all\s+(?!the\b|of\b|these\b|those\b|their\b|his\b|her\b|our\b"
    r"|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|\d)[a-z]"
    r"|(?:everyone|everybody|anyone|anybody|nobody|no\s+one)\s*$)", re.IGNORECASE)


def _says(text: str, attribution: Span) -> bool:
    """Whether the attribution reports speech: its content is quoted, its cue is a verb of
    saying, or the layout states it (a transcript's "WALLACE:", a vox pop's dash; no cue)."""
    if attribution.label in ("direct", "mixed"):
        return True
    cue = attribution.attrs.get("cue")
    words = re.findall(r"[A-Za-z]+", text[cue[0] : cue[1]]) if cue else []
    return not words or any(is_saying_word(w) for w in words)


def outlet_voiced(text: str, attribution: Span) -> bool:
    """Whether ``attribution``'s content is in the outlet's words although tagged as someone's:
    unquoted content given to everyone or no one, or under a cue that is not a verb of saying
    ("Ivanov wants the army strong", "Nalen is wanted on charges of extremism": nobody said it)."""
    if attribution.label != "indirect":
        return False
    return generic_source(text, attribution) or not _says(text, attribution) or not _claims(text, attribution)


#: a cue ending in one of these takes a noun phrase, a topic ("agree on", "spoke about")
_PREPOSITIONS = frozenset("on about of with at for over".split())
#: how a clause that states a claim opens
_CLAUSE_OPENERS = frozenset("that how why whether what when if".split())


def _claims(text: str, attribution: Span) -> bool:
    """Whether the attribution's content is a claim, not the noun object of a verb of judging
    ("Orban then called out the traitors …": the outlet's words; :func:`states_a_claim`) nor
    the topic after a cue that ends in a preposition ("They cannot agree on …", "spoke about
    the plan"; not "according to", nor a clause: "spoke about how …")."""
    cue = attribution.attrs.get("cue")
    content = attribution.attrs.get("content") or [[attribution.start, attribution.end]]
    if not cue:
        return True
    cue_text, first = text[cue[0] : cue[1]], text[content[0][0] : content[0][1]]
    words = re.findall(r"[A-Za-z]+", cue_text.lower())
    if words and words[-1] in _PREPOSITIONS and words[-2:] != ["according", "to"]:
        # "cannot agree on the person of …", "spoke about the plan": a topic, no claim
        opener = re.match(r"\s*([A-Za-z]+)", first)
        if not opener or opener.group(1).lower() not in _CLAUSE_OPENERS:
            return False
    return states_a_claim(cue_text, first)


#: verbs that name what they report ("called Soros a \"public enemy\"", "termed them \"unsafe\"",
#: "referred to it as \"the zone\""): only the quoted label is the speaker's
_NAMING = frozenset("call calls called calling term terms termed terming label labels labelled labeled labelling "
                    "labeling brand brands branded branding dub dubs dubbed dubbing nickname nicknamed refer refers "
                    "referred referring".split())
#: what makes "called" a verb of asking, not of naming: "called for", "called on"
_NOT_NAMING = frozenset("for on upon off in out up".split())
#: after a quotation's closing mark, a clause the outlet appends: ", opening the president to …",
#: ", which violated …"
_APPENDED = re.compile(r"(?:,[\"”’]|[\"”’]\s*,)\s+(?:which\b|[a-z]+ing\b)")


def _names(text: str, attribution: Span) -> bool:
    """Whether the attribution's cue is a verb of naming ("calling", "termed", "referred to … as")."""
    cue = attribution.attrs.get("cue")
    if not cue:
        return False
    words = re.findall(r"[A-Za-z]+", text[cue[0] : cue[1]].lower())
    after = re.match(r"\s*([A-Za-z]+)", text[cue[1] : cue[1] + 20])
    if after and after.group(1).lower() in _NOT_NAMING or (words and words[-1] in _NOT_NAMING):
        return False
    return any(w in _NAMING for w in words)


def _before_appended(text: str, pieces: list[list[int]]) -> list[list[int]]:
    """Content pieces cut before a clause the outlet appends after the last quotation mark."""
    out = []
    for a, b in pieces:
        m = _APPENDED.search(text, a, b)
        out.append([a, m.start() + 2] if m else [a, b])
    return out


#: verbs of ordering and asking whose object is the addressee: "ordered all the squatters to leave"
#: ("tell" and "ask" left out: "told reporters the plan was set to fail" reports a claim)
_ORDERS = frozenset("order orders ordered ordering urge urges urged urging instruct instructs instructed "
                    "instructing command commands commanded commanding direct directs directed directing".split())
#: the addressee before the order: "all the squatters to leave" (at most eight words, no clause)
_ADDRESSEE = re.compile(r"((?:[\w’'-]+\s+){0,7}?[\w’'-]+)\s+to\s+[a-z]")
#: a final apposition glossing a name: "…, worse than Al Capone, the notorious gangster"
_FINAL_GLOSS = re.compile(r"[A-Z][\w’'-]*,\s+(?:the|a|an)\s+[^,;]+$")


def _without_outlet_glosses(text: str, attribution: Span, pieces: list[list[int]]) -> list[list[int]]:
    """Indirect content less the outlet's words in it: the addressee of a reported order (the
    outlet describes whom "he ordered … to leave") and a final apposition glossing a name."""
    cue = attribution.attrs.get("cue")
    words = re.findall(r"[A-Za-z]+", text[cue[0] : cue[1]].lower()) if cue else []
    out = []
    for n, (a, b) in enumerate(pieces):
        if n == 0 and words and words[-1] in _ORDERS:
            m = _ADDRESSEE.match(text, a, b)
            addressee = m.group(1) if m else ""
            if addressee and not re.search(r"[,;:\"“”]", addressee) and (
                    addressee.split()[0].lower() not in _CLAUSE_OPENERS):
                a = m.end(1)
        m = _FINAL_GLOSS.search(text, a, b)
        if m:
            b = m.start() + m.group(0).index(",")
        out.append([a, b])
    return out


def _quoted_parts(text: str, pieces: list[list[int]] | list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of content pieces between quotation marks."""
    out = []
    for a, b in pieces:
        out.extend((a + m.start(), a + m.end()) for m in _QUOTED.finditer(text[a:b]))
    return out


#: a quotation between double quotes, or between single curly quotes whose closing mark is no
#: apostrophe (not followed by a letter: "‘America’s stooges’")
_QUOTATION = re.compile(r"\"[^\"\n]+\"|“[^“”\n]+”|‘[^‘\n]+?’(?![A-Za-z])")
#: where a sentence ends: a full stop, question or exclamation mark (and any closing quote) then space
_SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+|\n")


#: how far around a span quotation marks and a sentence's start are looked for, and how many
#: paragraphs back a quotation is followed: bounds on the work per span on hostile input
_WINDOW = 2000
_MAX_PARAGRAPHS = 20


def _quotation_around(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The quotation (marks included) on the span's line holding at least half of ``start:end``."""
    lo = max(text.rfind("\n", 0, start) + 1, start - _WINDOW)
    hi = text.find("\n", end)
    hi = min(len(text) if hi < 0 else hi, end + _WINDOW)
    for m in _QUOTATION.finditer(text, lo, hi):
        if (min(m.end(), end) - max(m.start(), start)) * 2 >= max(1, end - start):
            return m.start(), m.end()
    return None


def quoted_speaker(text: str, span: Span, attributions: Layer) -> int | None:
    """Index of the attribution whose quoted words ``span`` is, though no content holds it: the
    span lies inside quotation marks and the attribution's cue (its source when it has no cue)
    comes before the quotation in the same sentence; the nearest wins.  Speech given to everyone
    or no one (:func:`generic_source`) gives none."""
    quote = _quotation_around(text, span.start, span.end)
    if quote is None:
        return None
    lo = max(0, quote[0] - _WINDOW)
    sentence = max((m.end() for m in _SENTENCE_END.finditer(text, lo, quote[0])), default=lo)
    best, where = None, -1
    for k, a in enumerate(attributions.spans):
        anchor = a.attrs.get("cue") or a.attrs.get("source")
        if not anchor or not sentence <= anchor[0] < anchor[1] <= quote[0] or generic_source(text, a):
            continue
        if anchor[0] > where:
            best, where = k, anchor[0]
    return best


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, offset) + 1
    hi = text.find("\n", offset)
    return lo, len(text) if hi < 0 else hi


def _in_quotation(paragraph: str) -> bool:
    """Whether a paragraph is part of a quotation running over paragraphs: it opens with a
    quotation mark, or its quotation marks do not pair up (one opened and not closed, or closed
    and not opened, as in the paragraphs of a quotation that runs on)."""
    return (paragraph.lstrip().startswith(('"', "“")) or paragraph.count('"') % 2 == 1
            or paragraph.count("“") != paragraph.count("”"))


def _anchors(attributions: Layer) -> list[tuple[int, int]]:
    """Sorted ``(offset, index)`` of every cue and source (index -1) and of the first and last
    character of every content piece (the attribution's index for a direct or mixed quote, else -1)."""
    out = []
    for k, a in enumerate(attributions.spans):
        for key in ("cue", "source"):
            at = a.attrs.get(key)
            if isinstance(at, (list, tuple)) and at and isinstance(at[0], int):  # a stored analysis may hold text
                out.append((at[0], -1))
        quote = k if a.label in ("direct", "mixed") else -1
        for s, e in a.attrs.get("content") or [[a.start, a.end]]:
            out += [(s, quote), (max(s, e - 1), quote)]
    return sorted(out)


def continued_speaker(text: str, span: Span, attributions: Layer,
                      anchors: list[tuple[int, int]] | None = None) -> int | None:
    """Index of the attribution whose quotation the paragraph of ``span`` continues: the
    paragraph opens with a quotation mark or leaves one unpaired (:func:`_in_quotation`) and
    holds no attribution's cue, source or content, and the paragraphs before it back to the
    nearest one holding any (at most 20) are such paragraphs too; that paragraph's last direct
    or mixed quote wins.  A speaker's quotation often runs on over paragraphs with no new "he
    said".  ``anchors``: :func:`_anchors` of ``attributions``, computed once per article."""
    anchors = _anchors(attributions) if anchors is None else anchors

    def inside(lo: int, hi: int) -> list[tuple[int, int]]:
        return anchors[bisect.bisect_left(anchors, (lo, -2)) : bisect.bisect_left(anchors, (hi, -2))]

    lo, hi = _paragraph(text, span.start)
    for _ in range(_MAX_PARAGRAPHS):
        if lo == 0 or not _in_quotation(text[lo:hi]) or inside(lo, hi):
            return None
        lo, hi = _paragraph(text, lo - 1)
        while not text[lo:hi].strip() and lo > 0:  # blank lines between paragraphs
            lo, hi = _paragraph(text, lo - 1)
        found = inside(lo, hi)
        if found:
            quotes = [k for _, k in found if k >= 0]
            return quotes[-1] if quotes else None
    return None


def generic_source(text: str, attribution: Span) -> bool:
    """Whether ``attribution`` is unquoted speech put in the mouth of everyone or no one."""
    src = attribution.attrs.get("source")
    if attribution.label != "indirect" or not src or attribution.attrs.get("speaker"):
        return False
    return _GENERIC_SOURCE.match(text[src[0] : src[1]].strip()) is not None


def assign_voice(techniques: Layer, attributions: Layer, text: str = "") -> list[Span]:
    """``text``: the article's text, to tell content that is the outlet's own (:func:`outlet_voiced`)."""
    pieces: list[tuple[int, int, int]] = []  # (start, end, attribution index)
    extent: dict[int, int] = {}  # attribution index -> from its first piece to its last
    for k, a in enumerate(attributions.spans):
        if text and outlet_voiced(text, a):
            continue
        content = a.attrs.get("content") or [[a.start, a.end]]
        if text and a.label == "mixed" and not _says(text, Span(a.start, a.end, "indirect", a.attrs)):
            # a belief ("Orban sees it as …") with quoted words in it: only the quoted words are his
            content = _quoted_parts(text, content) or content
        elif text and a.label == "mixed" and _names(text, a):
            # a naming verb's content is the label only: "calling Soros a \"public enemy\""
            content = _quoted_parts(text, content) or content
        if text and a.label == "mixed":
            content = _before_appended(text, content)
        if text and a.label == "indirect":
            content = _without_outlet_glosses(text, a, content)
        extent[k] = max(e for _, e in content) - min(s for s, _ in content)
        for s, e in content:
            pieces.append((s, e, k))
    pieces.sort()
    starts = [p[0] for p in pieces]
    anchors = _anchors(attributions)
    out = []
    for span in techniques.spans:
        best_k, best, size = None, 0, 0
        i = bisect.bisect_right(starts, span.end)
        for s, e, k in pieces[max(0, i - 50) : i]:
            inter = min(e, span.end) - max(s, span.start)
            # the innermost quote wins a tie: the smaller attribution, not the smaller piece (a
            # copied block is one piece a line, a transcript turn inside it one over several)
            if inter > best or (inter == best > 0 and extent[k] < size):
                best_k, best, size = k, inter, extent[k]
        attrs = dict(span.attrs)
        if best_k is not None and best * 2 >= max(1, span.end - span.start):
            speaker = attributions.spans[best_k].attrs.get("speaker")
            attrs["voice"] = speaker or UNKNOWN_SPEAKER
            attrs["voice_attribution"] = best_k
        elif text and (k := quoted_speaker(text, span, attributions)) is not None:
            attrs["voice"] = attributions.spans[k].attrs.get("speaker") or UNKNOWN_SPEAKER
            attrs["voice_attribution"] = k
        elif text and (k := continued_speaker(text, span, attributions, anchors)) is not None:
            attrs["voice"] = attributions.spans[k].attrs.get("speaker") or UNKNOWN_SPEAKER
            attrs["voice_attribution"] = k
        else:
            attrs["voice"] = OUTLET
        out.append(Span(span.start, span.end, span.label, attrs))
    return out


class VoiceAnalyzer(BaseAnalyzer):
    name = "voice"
    version = "1"
    requires = ("techniques", "attributions")
    produces = ("techniques",)
    description = "Marks each technique span as the outlet's own voice or a quoted speaker's."

    def annotate(self, article: Article, layers: Mapping[str, Layer]) -> Mapping[str, Layer]:
        tech = layers["techniques"]
        spans = assign_voice(tech, layers["attributions"], article.text)
        return {"techniques": Layer(tech.name, tech.analyzer, tech.version, tuple(spans), tech.data, tech.label_key)}

"""Attributions the page layout states, applied after speakers are resolved (issue 15 §3).

- :func:`speaker_labels`: transcript and interview turns, "WALLACE: …", "Sputnik: …?",
  "Maria Zakharova: …"; a label must recur as a label or name someone the text names
  elsewhere, so that wire section headings ("ANALYSIS: …", "CHINA TALK: …") are no speakers.
- :func:`continued_quotes`: a paragraph that is only a quotation, with no cue, continues the
  speaker of the attribution just before it ("…," she said. / "And the combination can be
  lethal."), and so does a quoted sentence of its own right after an attributed one in the
  same paragraph: news quotes one person over several sentences and paragraphs and names
  them once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from propscope.article import Span

__all__ = ["block_marker", "blocks", "continued_quotes", "only_quotation", "speaker_labels"]

#: "WALLACE: …", "“PUTIN: …", and mixed case "Maria Zakharova: …", "Sputnik: …?"
_LABEL = re.compile(r"(?P<q>[\"“]?)(?P<src>(?:[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3})|"
                    r"(?:[A-Z][\w.'’\-]*[a-z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,3}))(?P<cue>:)\s+(?P<con>\S.*)$",
                    re.DOTALL)

_LETTER = re.compile(r"[^\W\d_]")


def only_quotation(text: str, para: Span, quotes: Sequence[Span]) -> list[Span]:
    """The top-level quotes of ``para`` when, outside them, it holds no letter (else [])."""
    inside = [q for q in quotes if q.attrs.get("depth", 0) == 0 and q.start < para.end and para.start < q.end]
    if not inside:
        return []
    pos, rest = para.start, []
    for q in sorted(inside, key=lambda q: q.start):
        rest.append(text[pos : max(pos, q.start)])
        pos = max(pos, q.end)
    rest.append(text[pos : para.end])
    return [] if _LETTER.search("".join(rest)) else inside


def _standalone_quotes(text: str, sentences: Sequence[Span], quotes: Sequence[Span],
                       para: Span) -> list[tuple[Span, int]]:
    """Top-level quotes of ``para`` that are whole sentences on their own (no letter outside
    them in the sentences they cover), each with the index of its first sentence."""
    out = []
    for q in quotes:
        if q.attrs.get("depth", 0) or not (para.start <= q.start < para.end):
            continue
        cover = [k for k, x in enumerate(sentences) if x.start < max(q.end, q.start + 1) and q.start < x.end]
        if not cover:
            continue
        lo, hi = sentences[cover[0]].start, sentences[cover[-1]].end
        if _LETTER.search(text[max(lo, para.start) : q.start]) or _LETTER.search(text[q.end : min(hi, para.end)]):
            continue
        out.append((q, cover[0]))
    return out


def continued_quotes(text: str, paragraphs: Sequence[Span], quotes: Sequence[Span], found: Sequence[Any],
                     make: Callable[[tuple[int, int], Any], Any], skip_paragraph: Callable[[Span], bool],
                     sentences: Sequence[Span] = ()) -> list[Any]:
    """New attributions for cue-less quotations that continue the last speaker.

    ``found``: attributions in text order, each with ``content``, ``source`` and ``speaker``;
    ``make`` builds one from a content span and the attribution it continues (whose source
    mention and speaker it shares).  Two layouts: a paragraph that is only quotation
    (:func:`only_quotation`) continues the last attribution of the nearest paragraph before
    it that is not empty or furniture (``skip_paragraph``), and carries on to the next such
    paragraph; a quotation that is a sentence of its own inside a paragraph ('"…," said X.
    "And more."') continues the attribution of the sentence just before it.  Only quotes no
    attribution touches, and only from an attribution with a speaker.
    """
    # for news features and interviews: one speaker quoted over several paragraphs, named once
    def touching(a: int, b: int) -> list[Any]:
        return [f for f in found if any(x < b and a < y for x, y in f.content)
                or (f.cue is not None and a <= f.cue[0] < b)]

    out: list[Any] = []
    carried: dict[int, Any] = {}  # paragraph index -> the attribution carried into it
    for k, para in enumerate(paragraphs):
        qs = only_quotation(text, para, quotes)
        if qs and not touching(para.start, para.end):
            j = k - 1
            while j >= 0 and (not _LETTER.search(text[paragraphs[j].start : paragraphs[j].end])
                              or skip_paragraph(paragraphs[j])):
                j -= 1
            if j < 0:
                continue
            last = carried.get(j)
            if last is None:
                before = touching(paragraphs[j].start, paragraphs[j].end)
                last = before[-1] if before else None
            if last is None or last.speaker is None:
                continue
            for q in qs:
                out.append(make((max(q.start, para.start), min(q.end, para.end)), last))
            carried[k] = last
            continue
        for q, first in _standalone_quotes(text, sentences, quotes, para):
            if first == 0 or touching(q.start, q.end) or sentences[first - 1].end <= para.start:
                continue
            prev = sentences[first - 1]
            before = touching(prev.start, prev.end) + [f for f in out if f.content[0][0] >= prev.start
                                                       and f.content[-1][1] <= prev.end]
            before = [f for f in before if f.content[-1][1] <= q.start]
            if before and before[-1].speaker is not None:
                out.append(make((q.start, q.end), before[-1]))
    return out


#: labels of page furniture and dates, never speakers
_NOT_LABELS = frozenset(["photo", "photos", "image", "images", "video", "source", "sources", "read", "related", "watch",
                         "note", "update", "updated", "credit", "caption", "also", "share", "editor's note", "listen",
                         "january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday", "advertisement", "subscribe", "follow", "warning", "correction"])


def _label_key(label: str) -> str:
    return " ".join(w.capitalize() for w in label.split())


def speaker_labels(text: str, paragraphs: Sequence[Span]) -> list[tuple[tuple[int, int], tuple[int, int],
                                                                          tuple[int, int]]]:
    """Speaker-label turns as (source, cue, content) spans: the label, its colon, and the
    rest of the paragraph.  A label counts when it opens two paragraphs or more, or when its
    words stand elsewhere in the text in title case ("WALLACE" and "Chris Wallace"); headings
    ("ANALYSIS: …", "ECB WATCH: …") occur once and name nobody."""
    # for transcripts and Q&A interviews: the turns are the speakers' words, not the outlet's
    hits = []
    for para in paragraphs:
        m = _LABEL.match(text, para.start, para.end)
        if (m is None or para.end - m.start("con") < 3 or len(m.group("src")) < 2
                or m.group("src").lower() in _NOT_LABELS or m.group("src").split()[0].lower() in _NOT_LABELS):
            continue
        hits.append((m, para))
    counts: dict[str, int] = {}
    for m, _ in hits:
        counts[_label_key(m.group("src"))] = counts.get(_label_key(m.group("src")), 0) + 1
    out = []
    for m, para in hits:
        key = _label_key(m.group("src"))
        elsewhere = [x.start() for x in re.finditer(rf"\b{re.escape(key)}\b", text)
                     if not m.start("src") <= x.start() < m.end("src")]
        if counts[key] < 2 and not elsewhere:
            continue
        out.append(((m.start("src"), m.end("src")), (m.start("cue"), m.end("cue")), (m.start("con"), para.end)))
    return out


# --- blocks: another outlet's report copied in, or a statement after a colon (issue 15 §3, §5)

_BNAME = r"(?P<name>(?:the\s+)?[A-Z][\w&’'.\-!]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&’'.\-!]*){0,5})"
_BVERB = (r"(?:reports|reported|adds|added|continues|continued|writes|wrote|notes|noted|explains|explained|says|said|"
          r"states|stated|explaining|saying|writing|noting|adding|declared|argued|tweeted|posted)")
#: paragraphs that introduce a block: "RT reports:", "Reuters adds:", "A report from RT tells the tale:",
#: "“Title,” by Ana Kell, The Daily Mirror, June 8, 2018:", "Here's Mollie Hemingway explaining:"
_BLOCK_MARKERS = (
    re.compile(rf"(?:Here['’]s\s+|And\s+|As\s+)?(?:(?:[Tt]he\s+)?[A-Z][\w’'.\-]*['’]s\s+)?{_BNAME}(?:\s+(?:also|further|"
               rf"then|later))?\s+{_BVERB}(?:\s+(?:that|in\s+(?:a|an|its|his|her)\s+\w+(?:\s+\w+)?|on\s+\w+))?\s*:\s*$"),
    re.compile(rf"(?:A|An|The|This)\s+(?:[\w\-]+\s+){{0,2}}(?:report|story|article|piece|dispatch|statement)\s+"
               rf"(?:from|by|in|at|of)\s+{_BNAME}[^:\n]{{0,60}}:\s*$"),
    re.compile(rf"[\"“][^\n]{{3,200}}?[,”\"]{{1,3}}\s+by\s+[^,\n]{{2,60}},\s+{_BNAME}(?:,\s+[^:\n]{{2,40}})?:\s*$"),
)
#: lines that end a copied block: a credit, a repost notice, a source line
_BLOCK_END = re.compile(r"\s*(?:[–—]\s*\S[^\n]{0,40}|Article posted with permission\b.*|This (?:article|report|story) "
                        r"(?:was|is) (?:originally )?(?:published|posted)\b.*|(?:Source|Sources|Via|Read more)\s*:.*)$",
                        re.IGNORECASE | re.DOTALL)
#: the blogger speaking again: "I", "my", "we" or an exclamation outside quotation marks
_OWN_VOICE = re.compile(r"(?:^|[\s(])(?:I|I'm|I’m|I've|I’ve|my|My)\b|!")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def block_marker(text: str, para: Span) -> tuple[int, int] | None:
    """The span naming whose block ``para`` introduces, when it is a block marker, else None."""
    line = text[para.start : para.end].strip()
    if not line.endswith(":") or len(line) > 300:
        return None
    off = para.start + (len(text[para.start : para.end]) - len(text[para.start : para.end].lstrip()))
    for pat in _BLOCK_MARKERS:
        m = pat.fullmatch(line)
        if m is not None:
            a, b = off + m.start("name"), off + m.end("name")
            poss = max(text.rfind("’s ", a, b), text.rfind("'s ", a, b))
            if poss >= 0:  # "The Daily Lamp’s Mara Lind": the person, not the outlet
                a = poss + 3
            if text[a:b].lower().startswith("the "):
                a += 4
            return a, b
    return None


def blocks(text: str, paragraphs: Sequence[Span], skip_paragraph: Callable[[Span], bool],
           ) -> list[tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], bool]]:
    """Blocks introduced by a marker paragraph: (marker, name, content paragraphs).

    A block runs over the paragraphs after its marker until the next marker, a closing credit
    or repost line, a paragraph in the writer's own voice (first person singular or an
    exclamation outside quotation marks: wire copy has neither), or the end; furniture
    paragraphs inside it (``skip_paragraph``) are stepped over, not included.  The last item
    of each block says whether its end is certain: a closing credit or the end of the text
    (not the next marker or the writer's voice, which the copied passage may end well before).
    """
    # for aggregator and blog copy: "RT reports:" and a pasted passage, the words of RT
    out = []
    k = 0
    while k < len(paragraphs):
        name = block_marker(text, paragraphs[k])
        if name is None:
            k += 1
            continue
        marker = (paragraphs[k].start, paragraphs[k].end)
        body: list[tuple[int, int]] = []
        closed = True
        j = k + 1
        while j < len(paragraphs):
            p = paragraphs[j]
            seg = text[p.start : p.end]
            if not seg.strip() or skip_paragraph(p):
                j += 1
                continue
            if _BLOCK_END.fullmatch(seg):
                break
            if block_marker(text, p) is not None or _OWN_VOICE.search(_QUOTED.sub("", seg)):
                closed = False
                break
            body.append((p.start, p.end))
            j += 1
        if body:
            out.append((marker, name, body, closed))
        k = j
    return out

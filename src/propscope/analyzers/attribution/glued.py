"""Statements introduced by a colon that run over the paragraph end (issue 15 §3).

Two layouts the tagger misses because the words of saying and the words said are glued by a
colon rather than by a clause:

* a paragraph whose last sentence ends in a cue and a colon ("Mayor Tom Becker said:", "…,
  saying:", "she told reporters:") and the paragraphs after it that are only quotation: those
  quotations are the statement;
* a sentence "Her message now is simple: build the levee." (a possessive, a noun naming words —
  message, advice, answer —, a copula, a colon): what follows the colon is the statement of the
  possessor, and quotation paragraphs right after it continue it;
* a sentence whose subject is a person and whose clause ends in a colon right before a quotation
  ('Ruiz, the mayor, is more blunt: "…"', 'Ruiz has a different view: "…"'): the quotation is the
  subject's statement, and quotation paragraphs right after it continue it.  A subject that is no
  person ("The problem is simple: …") gives nothing.

Each gives ``(content, cue, source)`` spans; the analyzer turns them into attributions and
resolves their source like any other (pronouns included).  Only text no attribution touches is
taken, and a line that is a block marker of its own is left to :func:`layouts.blocks`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Any

from propscope.article import Span

from .layouts import block_marker, lines_of, only_quotation
from .saying import SPEECH_VERBS, is_saying_word

__all__ = ["carried_mixed", "glued_statements", "past_a_question", "with_glued"]

_LETTER = re.compile(r"[^\W\d_]")
#: "Smith said:", "she told reporters:", "…, saying:", "he said in a statement:" (the cue and at most
#: a few words before the colon)
_COLON_END = re.compile(r"(?<![\w’'\-])(?P<cue>[A-Za-z]+)(?P<tail>(?:\s+[\w’'\-]+){0,4}?)\s*:\s*$")
_TAIL_OK = re.compile(r"^(?:\s+(?:also|then|later|further|simply|in|on|at|a|an|the|this|that|his|her|their|its|"
                      r"statement|interview|post|tweet|video|message|letter|speech|reporters?|journalists?|"
                      r"us|me|him|them|[A-Z][\w’'\-]*))*$")
_PRONOUN_BEFORE = re.compile(r"\b(?P<src>he|she|they|we|it|He|She|They|We|It)\s+(?:also\s+|then\s+|later\s+)?$")
#: "Her message now is simple: …", "Lopez's advice was blunt: …"
_POSSESSIVE_COLON = re.compile(
    r"(?:^|(?<=[\s(]))(?P<src>[Hh]is|[Hh]er|[Tt]heir|(?:[A-Z][\w\-]+\s+){0,2}[A-Z][\w\-]+(?=['’]))(?:['’]s?)?\s+"
    r"(?:[a-z\-]+\s+)?(?P<cue>message|advice|answer|response|reply|verdict|plea|warning|explanation|position|"
    r"argument|point|view|conclusion|demand|request|appeal|wish|hope|motto|mantra|take)\s+"
    r"(?:now\s+|also\s+|then\s+|still\s+)?(?:is|was|remains|remained)"
    r"(?:\s+(?:simple|clear|blunt|straightforward|short|plain|direct))?\s*:\s+(?=\S)")
#: "Martell, the doctor on the coast, is more blunt: "…"", "Ruiz has a different view: "…"" (a
#: sentence that opens on its subject — a name, "he" or "she" —, an optional appositive between
#: commas, a copula or "have" and at most four lower-case words, then a colon)
_SUBJECT_COLON = re.compile(
    r"(?:(?:But|And|Yet|So)\s+)?(?P<src>(?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?(?:[A-Z][\w’'\-]+\s+){0,2}[A-Z][\w’'\-]+)"
    r"(?:,[^,:;\"“”\n]{1,120},)?\s+(?:also\s+|now\s+|still\s+)?"
    r"(?P<cue>is|was|has|had|remains|remained|sounds|sounded|seems|seemed)"
    r"(?P<pred>(?:\s+[a-z][\w’'\-]*){1,4})\s*:\s*")
_SUBJECT_PRONOUN = frozenset({"He", "She"})
#: words of a predicate that point at words of someone else ("a fan of the slogan", "was handed a note from …")
_NOT_THEIR_WORDS = frozenset({"of", "by", "from", "handed", "shown", "sent", "given"})


def _colon_cue(seg: str) -> re.Match[str] | None:
    """The cue of a sentence that ends "… said:" (a verb of saying and at most four words before
    the colon: "told reporters", "said in a statement"), else None."""
    if not seg.endswith(":"):
        return None
    for start in (m.start() for m in re.finditer(r"(?<![\w’'\-])[A-Za-z]", seg)):
        m = _COLON_END.match(seg, start)
        if m is not None and is_saying_word(m.group("cue")) and _TAIL_OK.match(m.group("tail")):
            return m
    return None


def _subject_colon(text: str, para: Span, inside: Sequence[Span], quotes: Sequence[Span], mentions: Sequence[Span],
                   ) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    """``(quotation, cue, source)`` of the first sentence of ``inside`` (the sentences of ``para``)
    that opens 'Ruiz, the mayor, is more blunt: "…"' (:data:`_SUBJECT_COLON`), else None.  The
    subject is "he", "she" or a person's mention that starts with the sentence; the quotation is a
    top-level one that starts right after the colon."""
    people = [m for m in mentions if m.label == "PERSON"]
    for s in inside:
        lead = s.start + len(text[s.start : s.end]) - len(text[s.start : s.end].lstrip())
        m = _SUBJECT_COLON.match(text, lead, min(s.end, para.end))
        if m is None:
            m = _SUBJECT_COLON.match(text, lead, para.end)  # the splitter may cut inside the quotation
        pred = m.group("pred").split() if m is not None else []
        if not pred or is_saying_word(pred[0]) or any(w in _NOT_THEIR_WORDS for w in pred):
            continue  # "X was asked:", "X has said:" (the cue rules), "X was a fan of the slogan:"
        q = next((q for q in quotes if q.start == m.end() and q.attrs.get("depth", 0) == 0), None)
        if q is None:
            continue
        src = (m.start("src"), m.end("src"))
        if m.group("src") not in _SUBJECT_PRONOUN and not any(
                x.start <= src[0] < x.end and src[1] <= x.end + 1 for x in people):
            continue  # "The problem is simple:" names no one
        return (q.start, q.end), (m.start("cue"), m.end("cue")), src
    return None


def _quotation_paragraphs(text: str, paragraphs: Sequence[Span], k: int, quotes: Sequence[Span],
                          skip_paragraph: Callable[[Span], bool]) -> list[tuple[int, int]]:
    """The quotes of the paragraphs after ``paragraphs[k]`` that are only quotation, up to the first
    paragraph that is not (empty and furniture paragraphs are stepped over)."""
    out: list[tuple[int, int]] = []
    for para in paragraphs[k + 1 :]:
        if not _LETTER.search(text[para.start : para.end]) or skip_paragraph(para):
            continue
        qs = only_quotation(text, para, quotes)
        if not qs:
            break
        out.extend((q.start, q.end) for q in sorted(qs, key=lambda q: q.start))
    return out


def _source_before(text: str, start: int, cue: int, mentions: Sequence[Span]) -> tuple[int, int] | None:
    """The speaker of a cue at ``cue`` in a sentence from ``start``: a pronoun just before the cue,
    else the last mention that ends before it in the sentence."""
    m = _PRONOUN_BEFORE.search(text, start, cue)
    if m is not None and m.end() == cue:
        return m.start("src"), m.end("src")
    before = [x for x in mentions if start <= x.start and x.end <= cue]
    if not before:
        return None
    last = max(before, key=lambda x: x.end)
    return last.start, last.end


def glued_statements(text: str, paragraphs: Sequence[Span], sentences: Sequence[Span], quotes: Sequence[Span],
                     mentions: Sequence[Span], taken: Sequence[tuple[int, int]],
                     skip_paragraph: Callable[[Span], bool] = lambda p: False,
                     ) -> list[tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]]]:
    """``(content, cue, source)`` of the colon statements of ``text`` (see the module's doc) whose
    content no span of ``taken`` (contents, cues, sources already found) overlaps."""
    def free(spans: list[tuple[int, int]]) -> bool:
        return not any(a < y and x < b for a, b in spans for x, y in taken)

    out: list[tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]]] = []
    lines = lines_of(text, paragraphs)
    for k, para in enumerate(lines):
        if skip_paragraph(para) or block_marker(text, para) is not None:
            continue  # a marker line of its own is a block (layouts.blocks)
        inside = [s for s in sentences if para.start <= s.start < para.end]
        if not inside:
            continue
        last = inside[-1]
        seg = text[last.start : min(last.end, para.end)].rstrip()
        m = _colon_cue(seg)
        if m is not None:
            after = _quotation_paragraphs(text, lines, k, quotes, skip_paragraph)
            cue = (last.start + m.start("cue"), last.start + m.end("cue"))
            source = _source_before(text, last.start, cue[0], mentions)
            if after and source is not None and free(after):
                out.append((after, cue, source))
            continue
        subject = _subject_colon(text, para, inside, quotes, mentions)
        if subject is not None:
            (qa, qb), cue, source = subject
            content = [(qa, qb)]
            if _QUOTE_TAIL.fullmatch(text, qb, para.end) is not None:  # the quotation ends the paragraph
                content += _quotation_paragraphs(text, lines, k, quotes, skip_paragraph)
            if free(content):
                out.append((content, cue, source))
                continue
        for s in inside:
            stext = text[s.start : min(s.end, para.end)]  # a sentence may run past its line ("….\n.")
            p = _POSSESSIVE_COLON.search(stext)
            if p is None:
                continue
            a, b = s.start + p.end(), s.start + len(stext.rstrip())
            while b > a and (text[b - 1] in ".!;" or text[b - 1].isspace()):
                b -= 1
            if b - a < 3:
                continue
            content = [(a, b)]
            if s is last:
                content += _quotation_paragraphs(text, lines, k, quotes, skip_paragraph)
            if free(content):
                out.append((content, (s.start + p.start("cue"), s.start + p.end("cue")),
                            (s.start + p.start("src"), s.start + p.end("src"))))
    return out


def with_glued(text: str, paragraphs: Sequence[Span], sentences: Sequence[Span], quotes: Sequence[Span],
               mentions: Sequence[Span], found: Sequence[Any], make: Callable[..., Any],
               skip_paragraph: Callable[[Span], bool] = lambda p: False) -> list[Any]:
    """``found`` (attributions with ``content``, ``cue`` and ``source``) with the colon statements
    added (``make(content, cue, source)`` builds one).  A content span on another line than its
    attribution's cue (a quotation paragraph the tagger glued to a cue in a later paragraph) does
    not keep a statement from taking it: the statement takes it over."""
    lines = lines_of(text, paragraphs)
    starts = [x.start for x in lines]

    def line_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    def loose(f: Any, span: tuple[int, int]) -> bool:
        return f.cue is not None and line_of(span[0]) != line_of(f.cue[0])

    taken = [p for f in found for p in f.content if not loose(f, p)] + [f.cue for f in found if f.cue] + [
        f.source for f in found if f.source]
    new = [make(c, cue, src) for c, cue, src in glued_statements(text, paragraphs, sentences, quotes, mentions,
                                                                  taken, skip_paragraph)]
    covered = [p for g in new for p in g.content]
    if not covered:
        return list(found)
    out = []
    for f in found:
        f.content = [p for p in f.content if not (loose(f, p) and any(x <= p[0] and p[1] <= y for x, y in covered))]
        if f.content:
            out.append(f)
    return out + new


_QUOTE_TAIL = re.compile(r"[\s.,;:!?)\]]*")


def carried_mixed(text: str, paragraphs: Sequence[Span], quotes: Sequence[Span], mentions: Sequence[Span],
                  found: Sequence[Any], make: Callable[[list[tuple[int, int]], Any], Any],
                  skip_paragraph: Callable[[Span], bool] = lambda p: False) -> list[Any]:
    """New attributions for cue-less paragraphs that lead into a quotation of the speaker quoted
    just before ('As long as nobody acts, "we will act alone."' after a paragraph quoting X).

    ``found``: attributions in text order (``content``, ``cue``, ``speaker``); ``make(content,
    last)`` builds one continuing ``last``.  A line counts when nothing attributed touches it,
    it ends with a quotation of four words or more that starts in its first sentence, the words
    outside its quotes hold no verb of saying and no person's name (another speaker may
    intervene), and the last attribution of the story line before it has a speaker and quoted
    words.  Its whole text is the content."""
    # news convention: a speaker quoted last speaks on in a paragraph that names nobody new
    lines = lines_of(text, paragraphs)
    people = [m for m in mentions if m.label == "PERSON"]

    def touching(a: int, b: int) -> list[Any]:
        return [f for f in found if any(x < b and a < y for x, y in f.content)
                or (f.cue is not None and a <= f.cue[0] < b)]

    out: list[Any] = []
    for k, line in enumerate(lines):
        seg = text[line.start : line.end]
        if skip_paragraph(line) or touching(line.start, line.end):
            continue
        qs = sorted((q for q in quotes if q.attrs.get("depth", 0) == 0 and line.start <= q.start < line.end),
                    key=lambda q: q.start)
        if not qs or only_quotation(text, line, quotes):
            continue  # a paragraph that is only quotation: layouts.continued_quotes
        stop = next((x.end for x in lines[k:] if x.start <= qs[-1].end <= x.end), line.end)  # a quote may run on
        if _QUOTE_TAIL.fullmatch(text, qs[-1].end, stop) is None:
            continue
        first_stop = re.search(r"[.!?](?=\s+[A-Z\"“])", seg)
        if first_stop is not None and qs[0].start >= line.start + first_stop.end():
            continue
        if sum(len(text[q.start : q.end].split()) for q in qs) < 4:
            continue
        outside, pos = [], line.start
        for q in qs:
            outside.append(text[pos : q.start])
            pos = q.end
        words = re.findall(r"[A-Za-z’']+", " ".join(outside))
        if not words or any(w.lower() in SPEECH_VERBS for w in words):
            continue
        if any(line.start <= m.start < line.end and not any(q.start <= m.start < q.end for q in qs) for m in people):
            continue
        j = k - 1
        while j >= 0 and (not _LETTER.search(text[lines[j].start : lines[j].end]) or skip_paragraph(lines[j])):
            j -= 1
        if j < 0:
            continue
        before = [f for f in list(found) + out if lines[j].start <= f.content[-1][1] <= lines[j].end]
        if not before:
            continue
        last = max(before, key=lambda f: f.content[-1][1])
        if last.speaker is None or not any(
                q.start < y and x < q.end for x, y in last.content for q in quotes if q.attrs.get("depth", 0) == 0):
            continue
        end = stop - (len(text[line.start : stop]) - len(text[line.start : stop].rstrip()))
        lead = line.start + len(seg) - len(seg.lstrip())
        out.append(make([(lead, end)], last))
    return out


def past_a_question(text: str, sentences: Sequence[Span], quotes: Sequence[Span], found: Sequence[Any],
                    make: Callable[[tuple[int, int], Any], Any]) -> list[Any]:
    """New attributions for a quoted sentence of its own that answers the writer's question
    ('"We are ready," she said. And if the state refuses? "I won't think about that."'): it
    continues the attribution of the sentence before the question, in the same paragraph.

    ``found``: attributions (``content``, ``cue``, ``speaker``); ``make(span, last)`` builds one
    continuing ``last``.  The question holds no quotation and no attribution; the attribution
    before it has a speaker and quoted words."""
    # interviews written up as prose: the writer asks, the speaker quoted last answers
    top = [q for q in quotes if q.attrs.get("depth", 0) == 0]

    def touching(a: int, b: int) -> bool:
        return any(any(x < b and a < y for x, y in f.content) or (f.cue is not None and a <= f.cue[0] < b)
                   for f in found)

    out: list[Any] = []
    for i in range(2, len(sentences)):
        s, question, before = sentences[i], sentences[i - 1], sentences[i - 2]
        lead = s.start + len(text[s.start : s.end]) - len(text[s.start : s.end].lstrip())
        q = next((q for q in top if q.start == lead), None)
        if q is None or touching(q.start, q.end) or "\n" in text[before.start : q.start]:
            continue
        asked = text[question.start : question.end].strip()
        if not asked.endswith("?") or any(question.start <= x.start < question.end for x in top) or touching(
                question.start, question.end):
            continue
        cands = [f for f in list(found) + out if before.start <= f.content[-1][1] <= before.end]
        if not cands:
            continue
        last = max(cands, key=lambda f: f.content[-1][1])
        if last.speaker is None or not any(x.start < b and a < x.end for a, b in last.content for x in top):
            continue
        out.append(make((q.start, q.end), last))
    return out

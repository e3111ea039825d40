"""Parenthetical attributions: a source and a cue set inside the sentence they report.

News writers cut a reported sentence with its attribution: "Too often, he says, they get
it."; "What he discovered, he says, is that …"; "It had, in her words, become …"; "At that
height, according to Gibson, the driver could see the sign." The tagger trained on PolNeAR
often finds only one half, or takes the name after a postposed cue for the content ("…,
argued Palvetzian.").  Three repairs, each on the shape of the sentence alone:

- :func:`head_before` gives an attribution whose content starts just after ", SOURCE CUE,"
  the part of its sentence before that comma (when nothing else holds it);
- :func:`inverted_name` turns "CLAUSE, CUE NAME." whose only content is the name into the
  attribution of the clause by the name;
- :func:`plain_reports` finds "SOURCE told OUTLET (that) …" / "SOURCE said (Monday) that …"
  sentences no attribution touches;
- :func:`named_labels` finds the label a source puts on something ("methods that critics have
  called authoritarian", "what the commander-in-chief called a looming “invasion”", "The navy
  termed these encounters, “unsafe.”", "Soros compared Orban to the Nazis"): the label is the
  content, the outlet's words about the object stay outside;
- :func:`as_reports` finds "As SOURCE (adverb) CUE (…), CONTENT." ("As The Hill pointed out
  earlier this morning, …", "As Trump grandly proclaimed, …");
- :func:`uncovered` finds sentences of the form "A, SOURCE CUE, B." / "A, CUE SOURCE." /
  "A, according to SOURCE, B." / "A, in her words, B." that no attribution touches.

Each works on offsets only and returns plain tuples; the analyzer wraps them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .saying import is_saying_word

__all__ = ["as_reports", "as_urged", "clause_before", "head_before", "inverted_name", "inverted_name_inside",
           "medium_before_quote", "named_labels", "plain_reports", "uncovered"]

Pair = tuple[int, int]

_QUOTE_MARKS = "\"“”«»„"
#: a short source: a pronoun, or one to four capitalised words (a title and a name), maybe after "the"
_SOURCE = (r"(?:he|she|they|He|She|They|(?:the\s+|The\s+)?(?:\d{1,3}-year-old\s+)?"
           r"(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*)")
#: a verb of saying in the present or past, maybe with "out" ("points out")
_CUE = r"(?:[a-z]+(?:\s+out)?)"
_PAREN = re.compile(rf",\s*(?P<src>{_SOURCE})\s+(?P<cue>{_CUE})\s*(?:,\s*|(?=[.!?]\s*$))")
_PAREN_INV = re.compile(rf",\s*(?P<cue>{_CUE})\s+(?P<src>{_SOURCE})\s*(?:,\s*|(?=[.!?]\s*$))")
#: a description closing the sentence as its source: "…, the complaint said."
_PAREN_DESCRIBED = re.compile(rf",\s*(?P<src>(?:the|The)\s+(?:[a-z][\w’'\-]*\s+){{0,3}}[a-z][\w’'\-]*)\s+"
                              rf"(?P<cue>{_CUE})\s*(?=[.!?]\s*$)")
_ACCORDING = re.compile(rf",\s*(?P<cue>according\s+to)\s+(?P<src>{_SOURCE})\s*,\s*")
_WORDS_OF = re.compile(r",\s*(?P<cue>in\s+(?P<src>his|her|their)\s+words)\s*,\s*")
_NOT_CUES = frozenset(["according", "post", "report", "reports", "statement", "interview", "speech", "remarks",
                       "call", "called", "charge", "charged", "order", "ordered", "issue", "issued", "address",
                       "addressed", "question", "questioned", "voice", "voiced", "brief", "briefed", "point",
                       "continued", "continue", "describe", "described", "mention", "mentioned", "quote", "quoted",
                       "cite", "cited", "publish", "published", "broadcast", "inform", "informed", "reveal",
                       "welcome", "welcomed", "praise", "praised", "blame", "blamed", "hail", "hailed", "label",
                       "labelled", "labeled", "dub", "dubbed", "brand", "branded", "term", "termed", "defend",
                       "defended", "reject", "rejected", "dismiss", "dismissed", "appeal", "appealed", "agree",
                       "agreed", "interview"])


def _is_cue(words: str) -> bool:
    head = words.split()[0].lower()
    return head not in _NOT_CUES and is_saying_word(head) and not head.endswith("ing")


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


def _trim(text: str, a: int, b: int) -> Pair:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1] in ".!?;:," or text[b - 1].isspace()):
        b -= 1
    return a, b


def _free(span: Pair, taken: Sequence[Pair]) -> bool:
    return not any(x < span[1] and span[0] < y for x, y in taken)


def head_before(text: str, content: Sequence[Pair], cue: Pair | None, source: Pair | None, sentence: Pair,
                taken: Sequence[Pair]) -> Pair | None:
    """The sentence's head to put before ``content`` when the content starts right after
    ", SOURCE CUE," (either order) in mid-sentence: "What he discovered, he says, is that …".
    None when the shape differs, the head holds a quotation mark or another attribution."""
    if not content or cue is None or source is None:
        return None
    start = content[0][0]
    lo, hi = min(cue[0], source[0]), max(cue[1], source[1])
    if not (sentence[0] < lo and hi <= start <= sentence[1]):
        return None
    if not re.fullmatch(r"\s*,\s*", text[hi:start]) and not (text[hi - 1] == "," and text[hi:start].isspace()):
        return None  # the cue may hold its comma ("explains,")
    m = re.search(r",\s*$", text[sentence[0] : lo]) if not text[lo - 1 : lo].isalnum() else None
    if m is None:
        return None
    a, b = _trim(text, sentence[0], sentence[0] + m.start())
    head = text[a:b]
    if b <= a or any(c in head for c in _QUOTE_MARKS) or _words(head) < 1 or not _free((a, b), taken):
        return None
    return a, b


#: "in an email, “…", "in a statement: “…": where the words were written, between a cue and its quotation
_MEDIUM = re.compile(r"(?:in|on|via)\s+(?:(?:an?|the|his|her|their|its)\s+)?(?:[\w\-]+\s+){0,2}?"
                     r"(?:e-?mails?|statement|letter|interview|tweets?|post|message|text|memo|note|speech|op-ed|"
                     r"column|Twitter|Facebook|podcast|video|broadcast)\s*[,:]\s*(?=[\"“„«])", re.IGNORECASE)


def medium_before_quote(text: str, piece: Pair) -> Pair:
    """``piece`` without the medium the tagger took with it ("in an email, “Yikes…") when a
    quotation follows: the quotation is the content, the medium only says where it was written."""
    # for "X wrote in an email, "…"": the quote's own span, so that it runs on to its closing mark
    m = _MEDIUM.match(text, piece[0], piece[1])
    return piece if m is None or m.end() >= piece[1] else (m.end(), piece[1])


def clause_before(text: str, content: Sequence[Pair], cue: Pair | None, source: Pair | None, sentence: Pair,
                  taken: Sequence[Pair]) -> Pair | None:
    """The sentence's opening clause to put before ``content`` when the content ends right before
    ", SOURCE CUE" and starts after a comma in mid-sentence: "As the West wants the east to follow,
    a struggle was likely, he said" (the tagger took only "a struggle was likely").  None when the
    shape differs, or the clause holds a quotation mark, a verb of saying or another attribution."""
    # for reported sentences that open with a subordinate clause before a postposed cue
    if not content or cue is None or source is None:
        return None
    lo = min(cue[0], source[0])
    start = content[0][0]
    end = max((y for _x, y in content if y <= lo), default=content[-1][1])  # pieces after the cue run on
    if not (sentence[0] < start and end <= lo <= sentence[1]) or not re.fullmatch(r"[\s,]*", text[end:lo]):
        return None
    m = re.search(r",\s*$", text[sentence[0] : start])
    if m is None:
        return None
    a, b = _trim(text, sentence[0], sentence[0] + m.start())
    head = text[a:b]
    if b <= a or any(c in head for c in _QUOTE_MARKS) or _words(head) < 3 or not _free((a, b), taken):
        return None
    if any(is_saying_word(w) for w in re.findall(r"[A-Za-z]+", head)):
        return None  # "Officials said that, …": another report, not the clause of this one
    return a, b


def inverted_name(text: str, content: Sequence[Pair], cue: Pair | None, source: Pair | None, sentence: Pair,
                  people: Sequence[Pair], taken: Sequence[Pair]) -> tuple[Pair, Pair] | None:
    """("content", "source") for "CLAUSE, CUE NAME." tagged with the name as its only content
    and no source: the clause (to the comma before the cue) is what NAME said.  ``people``:
    the person mentions of the article.  None for any other shape."""
    if source is not None or cue is None or len(content) != 1:
        return None
    a, b = content[0]
    if not any(p[0] <= a and b <= p[1] for p in people):
        return None
    if not re.fullmatch(r"\s+", text[cue[1] : a]) or not re.fullmatch(r"\s*[.!?]?\s*", text[b : sentence[1]]):
        return None
    if not _is_cue(text[cue[0] : cue[1]]):
        return None
    m = re.search(r",\s*$", text[sentence[0] : cue[0]])
    if m is None:
        return None
    head = _trim(text, sentence[0], sentence[0] + m.start())
    clause = text[head[0] : head[1]]
    if _words(clause) < 3 or any(c in clause for c in _QUOTE_MARKS) or not _free(head, taken):
        return None
    return head, (a, b)


def inverted_name_inside(text: str, content: Sequence[Pair], cue: Pair | None, source: Pair | None, sentence: Pair,
                         people: Sequence[Pair], taken: Sequence[Pair]) -> tuple[list[Pair], Pair] | None:
    """(content pieces, source) for "A, CUE NAME, B." tagged with no source and a content that
    opens with the name ("There is a joy, insists 16-year-old Mia Tamm, in seeing it through"):
    A and B are what NAME said, the inverted cue and the name sit inside the sentence.  None for
    any other shape (:func:`inverted_name` takes the name closing the sentence)."""
    # for inverted parenthetical cues the tagger read with the name as the start of the content
    if source is not None or cue is None or not content or not _is_cue(text[cue[0] : cue[1]]):
        return None
    k = next((n for n, (a, _b) in enumerate(content) if a >= cue[1]), None)
    if k is None or not re.fullmatch(r"\s+", text[cue[1] : content[k][0]]):
        return None
    a, b = content[k]
    name = next((p for p in people if a <= p[0] and p[1] < b
                 and re.fullmatch(r"(?:the\s+)?(?:\d{1,3}-year-old\s+)?", text[a : p[0]])), None)
    comma = re.match(r"\s*,\s*", text[name[1] : b]) if name is not None else None
    m = re.search(r",\s*$", text[sentence[0] : cue[0]])
    if name is None or comma is None or m is None:
        return None
    head = _trim(text, sentence[0], sentence[0] + m.start())
    tail = _trim(text, name[1] + comma.end(), b)
    own = [p for n, p in enumerate(content) if n != k]
    if _words(text[head[0] : head[1]]) < 3 or _words(text[tail[0] : tail[1]]) < 2:
        return None
    if any(c in text[head[0] : tail[1]] for c in _QUOTE_MARKS) or not _free(head, taken):
        return None
    if any(p[1] > head[1] or p[0] < head[0] for p in own):
        return None  # the tagger's other pieces lie outside the clause before the cue
    return [head, tail], name


_DAY = r"(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|yesterday|today)"
#: "NAME told OUTLET the laws favour …", "He said Monday that …": a plain report the tagger left
_REPORT = re.compile(
    r"^(?:(?:That said|However|But|And|Still|Meanwhile),?\s+)?"
    rf"(?P<src>{_SOURCE}|(?:[A-Z][\w’'\-.]*\s+){{0,2}}(?:[a-z][\w’'\-]*\s+){{1,5}}(?:[A-Z][\w’'\-.]*\s+){{0,3}}"
    r"[A-Z][\w’'\-]*)\s+(?:(?:also|later|repeatedly|previously|then|again|has|had|did)\s+)?"
    r"(?:(?P<told>told|tells)\s+(?:reporters|the\s+[a-z]+|[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,3})"
    r"|(?P<cue>said|says|added|adds|explained|explains|argued|argues|insisted|insists|warned|warns|noted|notes|"
    r"stressed|admitted|admits|claimed|claims|maintained|maintains|confirm|confirmed|conceded|acknowledged|"
    r"contended|made\s+clear|makes\s+clear|pointed\s+out|points\s+out|expressed\s+(?:confidence|concern|hope|doubt))"
    rf"(?:\s+{_DAY}|\s+(?:earlier|later)\s+(?:this|in\s+the|last)\s+\w+)?)"
    r",?\s+(?:that\s+)?(?P<content>[^\s\"“”].*?)[.!?]?\s*$")


def _untouched_lines(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> Iterator[Pair]:
    """Each sentence no attribution touches, cut at its first line break, without leading space."""
    for s0, s1 in sentences:
        if not _free((s0, s1), taken):
            continue
        cut = text.find("\n", s0, s1)
        s1 = s1 if cut < 0 else cut
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        yield s0, s1


def plain_reports(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> list[tuple[list[Pair], Pair, Pair]]:
    """(content, cue, source) of each sentence no attribution touches that reads "SOURCE
    told/said (OBJECT) (that) CONTENT": a name (maybe after its role: "Toronto city councillor
    Jane Roe"), "the …" or a pronoun, a verb of saying, and
    a content of at least four words that opens with no quotation mark."""
    out: list[tuple[list[Pair], Pair, Pair]] = []
    for s0, s1 in _untouched_lines(text, sentences, taken):
        m = _REPORT.match(text[s0:s1])
        if m is None or m.group("src").split()[0].lower() in ("it", "this", "that", "there"):
            continue
        a, b = _trim(text, s0 + m.start("content"), s1)
        if _words(text[a:b]) < 4:
            continue
        verb = "told" if m.group("told") else "cue"
        out.append(([(a, b)], (s0 + m.start(verb), s0 + m.end(verb)), (s0 + m.start("src"), s0 + m.end("src"))))
    return out


def uncovered(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> list[tuple[list[Pair], Pair, Pair]]:
    """(content pieces, cue, source) of each sentence that no attribution touches and that
    reads "A, SOURCE CUE, B." / "A, SOURCE CUE." / "A, CUE SOURCE." / "A, according to
    SOURCE, B." / "A, in her words, B.": the cue a verb of saying, A at least one word, no
    quotation mark at its start nor one left open."""
    out: list[tuple[list[Pair], Pair, Pair]] = []
    for s0, s1 in sentences:
        if not _free((s0, s1), taken):
            continue
        cut = text.find("\n", s0, s1)
        s1 = s1 if cut < 0 else cut  # a separator line glued to the sentence ("…get it.\n.")
        sent = text[s0:s1]
        if not sent.strip() or sent.lstrip()[:1] in _QUOTE_MARKS or sent.count("\"") % 2 or \
                sum(sent.count(c) for c in "“”") % 2:
            continue  # a quotation is the tagger's and the quote rules' work; unbalanced marks: a quote's part
        for pat in (_PAREN, _PAREN_INV, _PAREN_DESCRIBED, _ACCORDING, _WORDS_OF):
            m = pat.search(sent)
            if m is None or m.start() == 0:
                continue
            if pat in (_PAREN, _PAREN_INV, _PAREN_DESCRIBED) and not _is_cue(m.group("cue")):
                continue
            src = m.group("src")
            if src.lower() in ("it", "this", "that") or (pat is not _WORDS_OF and src.split()[0][:1].islower()
                                                          and src.split()[0].lower() not in ("he", "she", "they",
                                                                                             "the")):
                continue
            head = _trim(text, s0, s0 + m.start())
            if _words(text[head[0] : head[1]]) < 1 or head[1] <= head[0]:
                continue
            pieces = [head]
            tail = _trim(text, s0 + m.end(), s1)
            if tail[1] > tail[0]:
                if _words(text[tail[0] : tail[1]]) < 2:
                    continue
                pieces.append(tail)
            if _words(" ".join(text[a:b] for a, b in pieces)) < 3:
                continue
            out.append((pieces, (s0 + m.start("cue"), s0 + m.end("cue")), (s0 + m.start("src"), s0 + m.end("src"))))
            break
    return out


# --- naming verbs: the label a source puts on something (issue 15: "that critics have called authoritarian")

_NAMING = (r"(?:called|calls|termed|terms|dubbed|dubs|branded|brands|labell?ed|labels|described\s+as|describes\s+as|"
           r"rebuked\s+as|denounced\s+as|decried\s+as|derided\s+as|condemned\s+as|dismissed\s+as|"
           r"referred\s+to\s+as|refers\s+to\s+as|characteri[sz]ed\s+as)")
_ADV = r"(?:(?:has|have|had)\s+)?(?:(?:long|repeatedly|once|previously|also|often|routinely|frequently|since)\s+)?"
#: "… that critics have called LABEL", "what the president called LABEL"
_RELATIVE_NAMING = re.compile(
    rf"\b(?:what|that|which)\s+(?P<src>(?:the\s+|[\w’'\-]+['’]s\s+)?(?:[\w’'\-]+\s+){{0,3}}?[\w’'\-]+)\s+{_ADV}"
    rf"(?P<cue>{_NAMING})\s+(?P<label>\S)")
#: "SUBJECT compared/likened X to Y"
_COMPARING = re.compile(r"\b(?P<cue>compared|likened|compares|likens)\s+(?P<label>[^.;!?\n]+?\bto\b[^.;!?\n]+?)"
                        r"(?=,\s+(?:saying|adding|while|calling|describing|and)\b|[.;!?\n]|$)")
#: "SUBJECT termed/blasts OBJECT (as) “LABEL”"
_QUOTED_NAMING = re.compile(
    r"\b(?P<cue>called|termed|dubbed|branded|labell?ed|described|blasts|blasted|denounced|derided|decried|slammed)\s+"
    r"(?P<obj>[^.;!?“”\"‘\n]{1,90}?),?\s+(?:as\s+)?(?P<open>[“\"‘])")
#: where a plain label ends: punctuation, or a word that opens another clause
_LABEL_END = re.compile(r"[,;:.!?\n(]|\s(?:and|but|while|because|as|when|which|who|whose|after|before|since|"
                        r"until|if|though|although|amid|despite)\s")
_CLOSERS = {"“": "”", "\"": "\"", "‘": "’"}
#: the subject that opens a sentence: a name, "The Hungarian leader", a pronoun (up to a comma,
#: an auxiliary or the verb)
_SUBJECT = re.compile(r"(?P<src>(?:(?:The|the)\s+)?(?:[A-Z][\w’'\-.]*|[a-z][\w’'\-]*)(?:\s+[\w’'\-.]+){0,3}?)"
                      r"(?=,|\s*$|\s+(?:has|have|had|is|was|will|would|also|then|routinely|repeatedly|long|once|"
                      r"compared|likened|compares|likens|called|termed|dubbed|branded|labell?ed|described|blasts|"
                      r"blasted|denounced|derided|decried|slammed)\b)")


def _label(text: str, a: int, end: int) -> Pair:
    """A label from ``a``: up to the clause's end, or just past the closing mark of a quotation it opens."""
    seg = text[a:end]
    stop = _LABEL_END.search(seg)
    b = a + (stop.start() if stop else len(seg))
    opened = re.search(r"[“\"‘]", text[a:b])
    if opened:
        close = text.find(_CLOSERS[opened.group()], a + opened.end(), end)
        while close >= 0 and _CLOSERS[opened.group()] == "’" and close + 1 < end and text[close + 1].isalpha():
            close = text.find("’", close + 1, end)  # an apostrophe ("America’s"), not the closing mark
        if close >= 0:
            b = close + 1
    return _trim(text, a, b)


def _subject(text: str, s0: int, cue: int) -> Pair | None:
    """The subject that opens the sentence at ``s0``, when the verb at ``cue`` is its own (no
    comma-less clause of another subject between)."""
    lead = text[s0:cue]
    rel = re.search(r"\b(?:who|which)\s+(?:[a-z]+ly\s+)?$", lead)
    if rel is not None:  # "Kim – who routinely blasts …": the relative pronoun stands for the speaker
        return s0 + rel.start(), s0 + rel.start() + len(rel.group().split()[0])
    m = _SUBJECT.match(lead)
    if m is None or m.group("src").split()[0].lower() in ("it", "this", "that", "there", "in", "on", "at", "as"):
        return None
    return s0 + m.start("src"), s0 + m.end("src")


def named_labels(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> list[tuple[list[Pair], Pair, Pair]]:
    """(content, cue, source) for each label a source puts on something that no attribution
    holds yet: "(what|that) SOURCE (has) called/termed/rebuked as LABEL" (the source in the
    relative clause), "SOURCE compared X to Y" (X to Y) and "SOURCE termed/blasts OBJECT (as)
    “LABEL”" (the quoted label), the source the subject that opens the sentence.  The label
    alone is the content (for naming verbs the outlet's words about the object stay outside)."""
    # for news: "methods that critics have called authoritarian" reports the critics' word
    out: list[tuple[list[Pair], Pair, Pair]] = []
    for s0, s1 in sentences:
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        sent = text[s0:s1]
        for m in _RELATIVE_NAMING.finditer(sent):
            label = _label(text, s0 + m.start("label"), s1)
            if label[1] > label[0] and _free(label, taken) and _words(text[label[0] : label[1]]) <= 12:
                cue = (s0 + m.start("cue"), s0 + m.end("cue"))
                out.append(([label], cue, (s0 + m.start("src"), s0 + m.end("src"))))
        for m in _COMPARING.finditer(sent):
            src = _subject(text, s0, s0 + m.start("cue"))
            label = _trim(text, s0 + m.start("label"), s0 + m.end("label"))
            if src is not None and _free(label, taken):
                out.append(([label], (s0 + m.start("cue"), s0 + m.end("cue")), src))
        for m in _QUOTED_NAMING.finditer(sent):
            src = _subject(text, s0, s0 + m.start("cue"))
            label = _label(text, s0 + m.start("open"), s1)
            if src is not None and label[1] > label[0] and _free(label, taken):
                out.append(([label], (s0 + m.start("cue"), s0 + m.end("cue")), src))
    return out


#: "As The Hill pointed out earlier this morning, CONTENT", "As Trump grandly proclaimed, CONTENT"
_AS_REPORT = re.compile(
    r"(?P<lead>As|as)\s+(?P<src>(?:the\s+|The\s+)?(?:[A-Z][\w’'\-.]*\s+){0,3}[A-Z][\w’'\-]*|he|she|they|He|She|They)\s+"
    r"(?:[a-z]+ly\s+)?(?:has\s+|had\s+|have\s+)?(?P<cue>[a-z]+(?:\s+out)?)(?:\s+[^,.;:!?\n]{1,40}?)?,\s+"
    r"(?P<content>[^\s\"“”].*?)[.!?]?\s*$")


def as_reports(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> list[tuple[list[Pair], Pair, Pair]]:
    """(content, cue, source) of each sentence no attribution touches that opens "As SOURCE
    (adverb) CUE (time), CONTENT": the cue a verb of saying, the content at least four words
    ("As the caravan approaches the border, …" has no verb of saying: nothing)."""
    # for news: the writer endorses a claim by citing who made it ("As The Hill pointed out, …")
    out: list[tuple[list[Pair], Pair, Pair]] = []
    for s0, s1 in _untouched_lines(text, sentences, taken):
        m = _AS_REPORT.match(text[s0:s1])
        if m is None or m.group("lead") != "As" or not _is_cue(m.group("cue")):
            continue
        a, b = _trim(text, s0 + m.start("content"), s1)
        if _words(text[a:b]) < 4:
            continue
        out.append(([(a, b)], (s0 + m.start("cue"), s0 + m.end("cue")), (s0 + m.start("src"), s0 + m.end("src"))))
    return out


#: "…, as many in Congress have urged." closing a sentence
_AS_URGED = re.compile(r",\s+as\s+(?P<src>(?:[\w’'\-.]+\s+){0,6}?[\w’'\-.]+)\s+(?:(?:have|has|had)\s+)?"
                       r"(?:(?:long|also|repeatedly)\s+)?(?P<cue>urged|demanded|called\s+for|proposed|suggested|"
                       r"argued|insisted|warned|claimed|said|says)\s*[.!?]?[\s\"”’]*$")


def as_urged(text: str, sentences: Sequence[Pair], taken: Sequence[Pair]) -> list[tuple[list[Pair], Pair, Pair]]:
    """(content, cue, source) of each sentence that ends ", as SOURCE (have) CUE.": what the
    sentence says before that comma (after its last quotation, if any), at least four words, is
    what SOURCE urged or said ("… take punitive steps against Riyadh, as many in Congress have
    urged").  ``taken``: the cues and sources of other attributions, which the new one must not
    touch (another attribution's content may hold the clause: the quotation it continues)."""
    # for news that sides a claim with its backers at the end of the sentence
    out: list[tuple[list[Pair], Pair, Pair]] = []
    for s0, s1 in sentences:
        cut = text.find("\n", s0, s1)
        s1 = s1 if cut < 0 else cut
        m = _AS_URGED.search(text, s0, s1)
        if m is None or m.group("src")[:1] in _QUOTE_MARKS:
            continue
        head = text[s0 : m.start()]
        last = max(head.rfind(q) for q in _QUOTE_MARKS)
        a, b = _trim(text, s0 + last + 1 if last >= 0 else s0, m.start())
        if _words(text[a:b]) < 4 or not _free((a, m.end()), taken):
            continue
        out.append(([(a, b)], (m.start("cue"), m.end("cue")), (m.start("src"), m.end("src"))))
    return out

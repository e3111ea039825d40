"""Attributions the page layout states, applied after speakers are resolved (issue 15 §3).

- :func:`speaker_labels`: transcript and interview turns, "WALLACE: …", "Sputnik: …?",
  "Maria Zakharova: …"; a label must recur as a label or name someone the text names
  elsewhere, so that wire section headings ("ANALYSIS: …", "CHINA TALK: …") are no speakers.
- :func:`continued_quotes`: a paragraph that is only a quotation, with no cue, continues the
  speaker of the attribution just before it ("…," she said. / "And the combination can be
  lethal."), and so does a quoted sentence of its own right after an attributed one in the
  same paragraph: news quotes one person over several sentences and paragraphs and names
  them once.
- :func:`lone_quotations`: a line that is only a quotation and that nothing else attributes (a
  subtitle, a pull quote) is someone's words: the speaker of the same words elsewhere in the
  article, else an unknown speaker; never the outlet's voice.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any

from propscope.analyzers.entities.registry import find_outlets
from propscope.article import Span

from .relays import is_outlet_name
from .spoke import introducing_line

__all__ = ["block_marker", "blocks", "complete_quotations", "continued_quotes", "host_outlet", "inline_marker",
           "is_closing_credit", "label_person", "lines_of", "lone_quotations", "only_quotation", "post_author", "posts",
           "speaker_labels",
           "told_marker"]

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
    carried: dict[int, Any] = {}  # line index -> the attribution carried into it
    paragraphs = lines_of(text, paragraphs)  # one sentence per line: a quotation line continues too
    done: set[int] = set()  # quotes already carried (one quotation over several lines is one)
    for k, para in enumerate(paragraphs):
        qs = only_quotation(text, para, quotes)
        if qs and all(q.start in done for q in qs):
            carried[k] = carried.get(k - 1)
            continue
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
                if q.start not in done:
                    out.append(make((q.start, q.end), last))
                    done.add(q.start)
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


#: a line wrapped whole in straight single quotes ("'I never said that.'"), as subtitles print
#: a quotation; an apostrophe inside stands between letters ("don't"), never before or after a space
_SINGLE_QUOTED_LINE = re.compile(r"'(?=[^\W\d_])(?:[^'\n]|(?<=[^\W_])'(?=[^\W_]))+(?<=[^\s'])'")


def _words_key(s: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", s.lower()))


def _heading(words: str) -> bool:
    """Whether a quotation's words are capitalised like a heading ("'All Bets Are Off.'")."""
    ws = re.findall(r"[^\W\d_][\w’']*", words)
    return len(ws) >= 2 and all(w[0].isupper() for w in ws if len(w) > 3)


def _same_words(key: str, other: str, min_words: int) -> bool:
    """Whether a lone quotation's words (``key``) are another attribution's (``other``): a pull
    quote lifted from it, or one holding it whole with little more (at least half of it is the
    other's: "“A.” / Name, Body." with the credit line set inside the quotation marks)."""
    if f" {key} " in f" {other} ":
        return True
    n = len(other.split())
    return n >= min_words and 2 * n >= len(key.split()) and f" {other} " in f" {key} "


def lone_quotations(text: str, paragraphs: Sequence[Span], quotes: Sequence[Span], found: Sequence[Any],
                    make: Callable[[tuple[int, int], Any, tuple[tuple[int, int], tuple[int, int]] | None], Any],
                    min_words: int = 4) -> list[Any]:
    """New attributions for a line that is only a quotation and that nothing attributes (no
    cue in it, no speaker before it to continue: a subtitle or a pull quote, "“I never said
    that.”" or "'I never said that.'"): the words are someone's, not the outlet's.
    ``make(span, other, cue)`` builds one from the quotation's span; ``other``: the attribution
    elsewhere in ``found`` whose content holds the same words (its speaker says them), else
    None; ``cue``: (cue span, source span) when the story line before the run of quotation lines
    it opens introduces them (:func:`~.spoke.introducing_line`: "He said:", "Mayor Ana Roe spoke
    to reporters on Monday."), else None (then, without ``other``, an unknown speaker).
    Quotations of fewer than ``min_words`` words (a title, a nickname; any length under an
    introducing line) and headings set in quotation marks ("'All Bets Are Off.'") are left."""
    # for subtitles and pull quotes: a quotation the page lifts out of the story it heads
    def touching(a: int, b: int) -> bool:
        return any(x < b and a < y for f in found for x, y in f.content)

    keys = [(_words_key(" ".join(text[x:y] for x, y in f.content)), f) for f in found]
    out: list[Any] = []
    made: set[tuple[int, int]] = set()
    lines = lines_of(text, paragraphs)
    run = None  # (cue, source) of the line that introduces the quotation lines since
    for k, line in enumerate(lines):
        spans = [(q.start, q.end) for q in only_quotation(text, line, quotes)]
        if not spans and _SINGLE_QUOTED_LINE.fullmatch(text, line.start, line.end):
            spans = [(line.start, line.end)]
        if not spans:
            run = None
            continue
        if k > 0 and not only_quotation(text, lines[k - 1], quotes):
            run = introducing_line(text, lines[k - 1].start, lines[k - 1].end)
        for a, b in spans:
            key = _words_key(text[a:b])
            if (a, b) in made or len(key.split()) < (1 if run else min_words) or touching(a, b) or _heading(text[a:b]):
                continue  # (a quotation over two lines is one)
            made.add((a, b))
            same = next((f for k2, f in keys if f.speaker is not None and _same_words(key, k2, min_words)), None)
            out.append(make((a, b), same, run))
    return out


def complete_quotations(text: str, contents: Sequence[list[tuple[int, int]]], quotes: Sequence[Span],
                        taken: Sequence[tuple[int, int]] = ()) -> None:
    """Content pieces that open a quotation and stop at a line break inside it run on to its
    closing mark, and pieces that close one and start at a line start inside it run back to its
    opening mark, in place: text laid out one sentence per line puts a quotation of several
    sentences on several lines, and the tagger reads one.  ``contents``: each attribution's
    content pieces; ``taken``: spans of cues and sources, which the rest of the quotation must
    not hold (nor another attribution's content)."""
    # for one-sentence-per-line text: '“A.\nB.\nC.”' is one quotation, said by one speaker
    tops = [q for q in quotes if q.attrs.get("depth", 0) == 0]
    pieces = [p for c in contents for p in c]
    for content in contents:
        for n, (x, y) in enumerate(content):
            others = [*taken, *(p for p in pieces if p != (x, y))]
            q = next((q for q in tops if q.start <= x <= q.start + 1 and x < y < q.end - 1), None)
            nl = text.find("\n", y, q.end) if q is not None else -1
            if q is not None and nl >= 0 and not re.search(r"\w", text[y:nl]) and not any(
                    a < q.end and y < b for a, b in others):
                content[n] = (x, q.end)  # it stops at a line's end inside the quotation: on to the close
                continue
            # the mirror case: a piece that closes a quotation and starts at a line's start inside it
            q = next((q for q in tops if q.end - 1 <= y <= q.end and q.start + 1 < x < y), None)
            nl = text.rfind("\n", q.start, x) if q is not None else -1
            if q is not None and nl >= 0 and not re.search(r"\w", text[nl:x]) and not any(
                    a < x and q.start < b for a, b in others):
                content[n] = (q.start, y)


#: labels of page furniture and dates, never speakers
_NOT_LABELS = frozenset(["photo", "photos", "image", "images", "video", "source", "sources", "read", "related", "watch",
                         "note", "update", "updated", "credit", "caption", "also", "share", "editor's note", "listen",
                         "january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
                         "saturday", "sunday", "advertisement", "subscribe", "follow", "warning", "correction"])


def _label_key(label: str) -> str:
    return " ".join(w.capitalize() for w in label.split())


def lines_of(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """The non-empty lines of ``paragraphs``, stripped: the units of a layout.  Text laid out one
    sentence per line keeps whole articles in one paragraph, and a transcript turn or a copied
    block starts on a line of its own there."""
    out = []
    for para in paragraphs:
        pos = para.start
        for line in text[para.start : para.end].split("\n"):
            a, b = pos, pos + len(line)
            pos = b + 1
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(Span(a, b))
    return out


#: "SARAH CARTER, CIRCA NEWS: …", "BACON Q: …", "Q: …": a capitals label with an affiliation or a
#: question/answer role after the name
_CAPS_LABEL = re.compile(r"(?P<q>[\"“]?)(?P<src>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}?)?"
                         r"(?:,\s+[A-Z][A-Z0-9.,'’&\- ]{1,80}?|\s*\b(?P<role>[QA]))?(?P<cue>:)\s+(?P<con>\S.*)$",
                         re.DOTALL)


def _label_at(text: str, line: Span) -> re.Match[str] | None:
    """The speaker label opening ``line`` (not one of the furniture words), else None."""
    m = _CAPS_LABEL.match(text, line.start, line.end)
    if m is None or (m.group("src") is None and m.group("role") is None):
        m = _LABEL.match(text, line.start, line.end)
    if m is None or line.end - m.start("con") < 2:
        return None
    src = m.group("src") or ""
    if src and (src.lower() in _NOT_LABELS or src.split()[0].lower() in _NOT_LABELS):
        return None
    if src and len(src) < 2 and not ("role" in m.re.groupindex and m.group("role")):
        return None
    return m


def _turn_end(text: str, lines: Sequence[Span], k: int, skip_paragraph: Callable[[Span], bool],
              surnames: frozenset[str] = frozenset()) -> int:
    """Where the turn opened on ``lines[k]`` ends: before the next label, block marker or closing
    credit ("Article posted with permission …"); furniture lines end it too, and so does a line
    that names one of the transcript's speakers by ``surnames`` (title case, outside quotation
    marks; given for the last turn only): the writer narrating again ("BACON: … / Bacon did not
    respond to questions")."""
    end = lines[k].end
    for line in lines[k + 1 :]:
        seg = text[line.start : line.end]
        if (_label_at(text, line) is not None or _LABEL.match(seg) is not None or skip_paragraph(line)
                or _BLOCK_END.fullmatch(seg) or block_marker(text, line) is not None):
            break
        if surnames and set(re.findall(r"\b[A-Z][a-z][\w’'\-]*\b", _QUOTED.sub("", seg))) & surnames:
            break
        end = line.end
    return end


def speaker_labels(text: str, paragraphs: Sequence[Span], skip_paragraph: Callable[[Span], bool] = lambda p: False,
                   ) -> list[tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int]]]:
    """Speaker-label turns as (source, cue, content) spans: the label, its colon, and the turn,
    which runs over the lines after the label's until the next label (transcripts put a
    speaker's several sentences on several lines).  A label counts when it opens two lines or
    more, or when its surname stands elsewhere in the text in title case ("WALLACE" and "Chris
    Wallace"; "SARAH CARTER, CIRCA NEWS" and "Sara Carter"); headings ("ANALYSIS: …", "ECB
    WATCH: …") occur once and name nobody.  Question-and-answer labels: "BACON Q:" gives the
    Q turns after it to Bacon until another name takes the role; a bare "Q:" or "A:" that no
    name took is left out (the outlet's own question)."""
    # for transcripts and Q&A interviews: the turns are the speakers' words, not the outlet's
    lines = lines_of(text, paragraphs)
    hits = []
    for k, line in enumerate(lines):
        m = _label_at(text, line)
        if m is not None:
            hits.append((m, k))
    counts: dict[str, int] = {}
    for m, _ in hits:
        key = _label_key(m.group("src") or m.group("role"))
        counts[key] = counts.get(key, 0) + 1
        if m.group("src") and "role" in m.re.groupindex and m.group("role"):
            counts[m.group("role")] = counts.get(m.group("role"), 0) + 1
    out: list[tuple[tuple[int, int] | None, tuple[int, int], tuple[int, int]]] = []
    speakers = {_label_key(m.group("src") or m.group("role")) for m, _ in hits}
    dialogue = len(speakers) >= 2  # two voices or more: a transcript, whose turns run over lines
    surnames = frozenset(_label_key(m.group("src")).split()[-1] for m, _ in hits
                         if m.group("src") and len(m.group("src")) > 2 and m.group("src").isupper())
    roles: dict[str, tuple[int, int]] = {}  # "Q"/"A" -> the label span of the name that took it
    for m, k in hits:
        role = m.group("role") if "role" in m.re.groupindex else None
        src = m.group("src")
        if src is None:
            if role not in roles:
                continue
            source: tuple[int, int] | None = roles[role]
        else:
            key = _label_key(src)
            surname = key.split()[-1]
            elsewhere = [x.start() for x in re.finditer(rf"\b{re.escape(surname)}\b", text)
                         if not m.start("src") <= x.start() < m.end("src")]
            if counts[key] < 2 and not elsewhere and not (role and counts.get(_label_key(role), 0) >= 2):
                continue
            source = (m.start("src"), m.end("src"))
            if role:
                roles[role] = source
        last_turn = k == hits[-1][1]  # speakers name each other in their turns; after the last, the writer does
        end = (_turn_end(text, lines, k, skip_paragraph, surnames if last_turn else frozenset())
               if dialogue and k > 0 else lines[k].end)
        out.append((source, (m.start("cue"), m.end("cue")), (m.start("con"), end)))
    return out


def label_person(label: str, people: Sequence[tuple[str, str]]) -> str | None:
    """The id of the one person in ``people`` ((id, full name) pairs) that a transcript label
    names: same surname ("HANNITY" → Sean Hannity) and, where the label gives a first name, one
    that agrees with it ("SARAH CARTER" → Sara Carter); None when none or several do."""
    words = [w.strip(".").lower() for w in label.split()]
    if not words:
        return None
    found = set()
    for pid, name in people:
        parts = [w.strip(".").lower() for w in name.split()]
        if len(parts) < 2 or parts[-1] != words[-1]:
            continue
        if len(words) > 1 and not (parts[0].startswith(words[0][:3]) or words[0].startswith(parts[0][:3])):
            continue
        found.add(pid)
    return found.pop() if len(found) == 1 else None


_HOST_GAP = re.compile(r"\s*(?:['’]s?)?\s*(?:(?:host|anchor|presenter|correspondent|reporter|commentator)\s+)?$")


def host_outlet(text: str, names: Sequence[str]) -> tuple[int, int] | None:
    """The outlet a transcript's speakers are introduced with ("Fox News' Sean Hannity sat down
    with …", "CNN host Jake Tapper"): the broadcast through which every turn came, else None."""
    # a transcript copied from a broadcast: the relay is named once, in the introduction
    for name in names:
        if len(name) < 3:
            continue
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            lo = max(0, m.start() - 60)
            for a, b, _o in find_outlets(text[lo : m.start()]):
                if _HOST_GAP.fullmatch(text[lo + b : m.start()]):
                    return lo + a, lo + b
    return None


# --- embedded posts: "text pic.twitter.com/… — Name (@handle) May 7, 2018" (issue 15 §3)

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
#: the signature an embedded tweet leaves in scraped text, at the end of a line; the links before
#: it are the embed's, but a mention before them ("vid @someone") is the post's own text
_POST_SIGNATURE = re.compile(
    r"(?P<links>(?:\s*(?:pic\.twitter\.com/\S+|https?://\S+))*)\s*[—–]\s*"
    r"(?P<name>[^()\n—–]{1,60}?)\s*\(@(?P<handle>\w{1,30})\)\s+" + _MONTH + r"\.?\s+\d{1,2},\s+\d{4}\s*$")
#: the same signature glued to the article's next sentence on one line ("… November 2, 2018 For now, …")
_POST_SIGNATURE_MID = re.compile(_POST_SIGNATURE.pattern[: -len(r"\s*$")] + r"(?=\s+[A-Z])")
#: a Facebook embed: "text Posted by Name on Wednesday, February 7, 2018"
_FB_SIGNATURE = re.compile(r"\s+Posted by\s+(?P<name>[^\n]{2,60}?)\s+on\s+(?:[A-Z][a-z]+day,\s+)?" + _MONTH
                           + r"\s+\d{1,2},\s+\d{4}\s*$")
_TAGS = re.compile(r"pic\.twitter\.com/\S+|https?://\S+|[@#]\w+")
#: a display name that is a person's: two to four capitalised words of letters, nothing else
_PERSON_NAME = re.compile(r"[A-Z][^\W\d_]+(?:[ .\-'’][A-Z]?[^\W\d_]+\.?){1,3}")
#: a line that reports speech is the article's, not a post's ("Trump, however, said that …")
_REPORTING = re.compile(r"\b(?:said|says|told|according\s+to|reported)\b")
#: a hashtag or an @mention: a post's own words ("My speech at the #FreeTommy protest"), not the article's
_MARK = re.compile(r"(?<![\w@#])[@#][A-Za-z_]\w*")
_POST_MAX = 320  # a post's text: a tweet's 280 characters and some slack
_POST_ABOVE = 290  # a post on the lines above its signature: at most a tweet's 280 characters and its line breaks


def posts(text: str, paragraphs: Sequence[Span], skip_paragraph: Callable[[Span], bool] = lambda p: False,
          ) -> list[tuple[tuple[int, int], tuple[int, int], str | None, tuple[int, int]]]:
    """Embedded posts as (content, name span, handle or None, signature span).

    The signature "— Name (@handle) date" (or "Posted by Name on date") closes the post at the
    end of a line (or where the article's next sentence was glued to it); the post is the text before it on that line, or, where the line holds only
    links and hashtags, the lines before it as well, back to the previous signature, a line
    ending with a colon (the article's introduction), a line that reports speech ("X said
    that …": the article's) or the length of a tweet.  Furniture
    lines (``skip_paragraph``) in between are stepped over."""
    # for embedded tweets and Facebook posts: their text is the account's words, not the outlet's
    lines = lines_of(text, paragraphs)
    out = []
    last_signed = -1
    for k, line in enumerate(lines):
        seg = text[line.start : line.end]
        m = _POST_SIGNATURE.search(seg) or _FB_SIGNATURE.search(seg) or _POST_SIGNATURE_MID.search(seg)
        if m is None:
            continue
        handle = m.groupdict().get("handle")
        name = (line.start + m.start("name"), line.start + m.end("name"))
        sig = (line.start + m.start(), line.start + m.end() if m.re is _POST_SIGNATURE_MID else line.end)
        a, b = line.start, line.start + m.start()
        while b > a and text[b - 1].isspace():
            b -= 1
        if m.re is _POST_SIGNATURE_MID:  # glued into a line of the article: the post starts after the
            tag = _TAGS.search(text, a, b)  # last sentence end before its first hashtag, handle or link
            if tag is not None:
                ends = [x.end() for x in re.finditer(r"[.!?][”\"’]?\s+(?=[A-Z“\"])", text[a : tag.start()])]
                a = a + ends[-1] if ends else a
        if b - a > _POST_MAX:  # a sentence of the article runs into the post on one line
            cut = max(text.rfind(". ", a, b - _POST_MAX // 2), text.rfind("” ", a, b - _POST_MAX // 2))
            a = cut + 2 if cut >= 0 and b - cut < _POST_MAX else a
        if len(_TAGS.sub("", text[a:b]).split()) < 3:  # links and hashtags only: the text is above
            j, size, first = k - 1, b - a, None
            while j > last_signed:
                prev = text[lines[j].start : lines[j].end]
                if not skip_paragraph(lines[j]):
                    if prev.rstrip().endswith(":") or size + len(prev) > _POST_ABOVE or _REPORTING.search(
                            _QUOTED.sub("", prev)):
                        break
                    size += len(prev) + 1
                    first = j
                j -= 1
            if first is None and k - 1 > last_signed:  # one long line above: a long post, if any
                prev = text[lines[k - 1].start : lines[k - 1].end]
                first = k - 1 if not prev.rstrip().endswith(":") and len(prev) <= _POST_MAX else None
            if first is not None:  # a hashtag or mention marks the post's own lines: it starts at the topmost one
                # (not the line above the signature: its end tags and credits, "Reporting with @x",
                # say nothing of where the post starts)
                marked = [i for i in range(first, k - 1) if _MARK.search(text, lines[i].start, lines[i].end)]
                first = marked[0] if marked else first
                a = lines[first].start
                b = b if b > a and b > line.start else lines[k - 1].end
        last_signed = k
        if len(_TAGS.sub("", text[a:b]).split()) >= 1:
            out.append(((a, b), name, handle, sig))
    return out


def post_author(name: str, handle: str | None) -> str | None:
    """The author a signature names: the display name when it is a person's name (the shape of
    one, not "The …", and a word of it in the handle), else the account ("Twitter user
    @handle", as pseudonymous accounts are cited); None for none."""
    clean = re.sub(r"[^\w\s.'’\-#]", "", name).strip()
    if handle is None:
        return clean or None
    if _PERSON_NAME.fullmatch(clean) and not clean.lower().startswith("the ") and _name_in_handle(clean, handle):
        return clean
    return f"Twitter user @{handle}"


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalnum() and c.isascii())


def _name_in_handle(name: str, handle: str) -> bool:
    """Whether a display name is the account holder's own: one of its words (three letters or
    more, accents folded) is in the handle ("Ida Vance" @idavance, "Ida Vance" @TVnewsIda);
    a nickname ("Battle Beagle" @HarmlessYardDog) shares none."""
    folded = _fold(handle)
    return any(len(w) >= 3 and w in folded for w in map(_fold, name.split()))


# --- blocks: another outlet's report copied in, or a statement after a colon (issue 15 §3, §5)

_BNAME = r"(?P<name>(?:the\s+)?[A-Z][\w&’'.\-!]*(?:\s+(?:of\s+|&\s+)?[A-Z][\w&’'.\-!]*){0,5})"
_BVERB = (r"(?:reports|reported|adds|added|continues|continued|writes|wrote|notes|noted|explains|explained|says|said|"
          r"states|stated|explaining|saying|writing|noting|adding|declared|argued|tweeted|posted)")
#: what a block marker calls the words it introduces ("argument", "full statement")
_BNOUN = (r"(?:argument|statement|remarks|words|response|comments?|answer|reply|speech|letter|op-ed|post|tweets?|"
          r"explanation|testimony|message)")
#: paragraphs that introduce a block: "RT reports:", "Reuters adds:", "A report from RT tells the tale:",
#: "“Title,” by Ana Kell, The Daily Mirror, June 8, 2018:", "Here's Mollie Hemingway explaining:"
_BLOCK_MARKERS = (
    re.compile(rf"(?:Here['’]s\s+|And\s+|As\s+)?(?:(?:[Tt]he\s+)?[A-Z][\w’'.\-]*['’]s\s+)?{_BNAME}(?:\s+(?:also|further|"
               rf"then|later))?\s+{_BVERB}(?:\s+(?:that|in\s+(?:a|an|its|his|her)\s+\w+(?:\s+\w+)?|on\s+\w+))?\s*:\s*$"),
    re.compile(rf"(?:A|An|The|This)\s+(?:[\w\-]+\s+){{0,2}}(?:report|story|article|piece|dispatch|statement)\s+"
               rf"(?:from|by|in|at|of)\s+{_BNAME}[^:\n]{{0,60}}:\s*$"),
    re.compile(rf"[\"“][^\n]{{3,200}}?[,”\"]{{1,3}}\s+by\s+[^,\n]{{2,60}},\s+{_BNAME}(?:,\s+[^:\n]{{2,40}})?:\s*$"),
    # "Here's the crux of Ana Kell's argument:", "Below is Kell's full statement:"
    re.compile(rf"(?:Here['’]s|Here\s+is|Below\s+is|This\s+is|Read)\s+(?:(?:the|an?)\s+(?:[\w\-]+\s+){{0,2}}of\s+)?"
               rf"(?:(?:[Tt]he\s+)?[A-Z][\w’'.\-]*['’]s\s+)?{_BNAME}['’]s?\s+(?:[\w\-]+\s+)?{_BNOUN}\s*:\s*$"),
    # "Here's what Ana Kell said:", "Here is what Kell had to say:"
    re.compile(rf"(?:Here['’]s|Here\s+is)\s+what\s+{_BNAME}\s+(?:said|says|wrote|writes|told\s+[^:\n]{{2,40}}|"
               rf"had\s+to\s+say)(?:\s+[^:\n]{{0,40}})?:\s*$"),
)
#: "He told Sputnik:", "Lind told the Norvik Courier in an interview:": a statement given to an outlet,
#: the paragraphs after it in the speaker's first person
_TOLD_MARKER = re.compile(
    rf"(?:(?:[Tt]he\s+)?[A-Z][\w’'.\-]*['’]s\s+)?{_BNAME}(?:\s+(?:also|further|then|later))?\s+(?:told|tells)\s+"
    r"(?P<to>(?:the\s+)?[A-Z][\w&’'.\-!]*(?:\s+[A-Z][\w&’'.\-!]*){0,3})"
    r"(?:\s+(?:in|during)\s+(?:an?|the|his|her)\s+(?:[\w\-]+\s+){0,2}interview)?\s*:\s*$")
#: the first person of a speaker's own statement
_FIRST_PERSON = re.compile(r"(?:^|[\s(“\"])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|My|me|we|We|our|Our|us|"
                           r"we're|we’re|We're|We’re)\b")
#: lines that end a copied block: a credit, a repost notice, a source line
_BLOCK_END = re.compile(r"\s*(?:[–—]\s*\S[^\n]{0,40}|Article posted with permission\b.*|This (?:article|report|story) "
                        r"(?:was|is) (?:originally )?(?:published|posted)\b.*|(?:Source|Sources|Via|Read more)\s*:.*)$",
                        re.IGNORECASE | re.DOTALL)
#: the blogger speaking again: "I", "my", "we" or an exclamation outside quotation marks
_OWN_VOICE = re.compile(r"(?:^|[\s(])(?:I|I'm|I’m|I've|I’ve|my|My)\b|!")
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def told_marker(text: str, para: Span) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(speaker span, outlet span) when ``para`` introduces a statement the speaker gave an outlet
    ("He told Sputnik:", "Lind told the Norvik Courier in an interview:"); None otherwise, and
    when the addressee is no outlet ("She told the minister:")."""
    # for interviews whose answers follow as the speaker's own paragraphs, without quotation marks
    line = text[para.start : para.end].strip()
    if not line.endswith(":") or len(line) > 300:
        return None
    off = para.start + (len(text[para.start : para.end]) - len(text[para.start : para.end].lstrip()))
    m = _TOLD_MARKER.fullmatch(line)
    if m is None or not is_outlet_name(m.group("to")):
        return None
    a, b = off + m.start("name"), off + m.end("name")
    poss = max(text.rfind("’s ", a, b), text.rfind("'s ", a, b))
    if poss >= 0:
        a = poss + 3
    to = (off + m.start("to"), off + m.end("to"))
    if text[to[0] : to[1]].lower().startswith("the "):
        to = (to[0] + 4, to[1])
    return (a, b), to


def block_marker(text: str, para: Span) -> tuple[int, int] | None:
    """The span naming whose block ``para`` introduces, when it is a block marker, else None."""
    told = told_marker(text, para)
    if told is not None:
        return told[0]
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


def cites_an_article(text: str, para: Span) -> bool:
    """Whether the marker ``para`` credits an article ("“Title,” by Ana Kell, KRWG, June 8, 2018:"):
    what follows is that outlet's copy, whether or not the outlet's name is one we know."""
    line = text[para.start : para.end].strip()
    return line.endswith(":") and len(line) <= 300 and _BLOCK_MARKERS[2].fullmatch(line) is not None


#: "RT reports: To get there, …": an outlet's marker and the copy on one line
_INLINE_MARKER = re.compile(rf"{_BNAME}\s+(?:reports|reported|adds|added|continues|continued|writes|wrote)"
                            r"\s*:\s+(?=\S)")


def inline_marker(text: str, para: Span) -> tuple[tuple[int, int], int] | None:
    """(the outlet's name, where the copy starts) when ``para`` opens with an outlet's marker
    followed by the copied text on the same line ("RT reports: To get there, …"); None
    otherwise, and for a person's name (a person's words after a colon are left to the colon
    rules)."""
    # for blog copy pasted right after its marker
    m = _INLINE_MARKER.match(text, para.start, para.end)
    if m is None or not is_outlet_name(m.group("name")):
        return None
    a, b = m.start("name"), m.end("name")
    if text[a:b].lower().startswith("the "):
        a += 4
    return (a, b), m.end()


def is_closing_credit(line: str) -> bool:
    """Whether ``line`` is a line that ends a copied block: a credit, a repost notice, a source line."""
    return _BLOCK_END.fullmatch(line) is not None


_CURLY = re.compile(r"[‘’“”]")
_STRAIGHT = re.compile(r"[\"']")


def typography(paragraph: str) -> str | None:
    """"curly" when a paragraph writes its quotation marks and apostrophes curly (’ “ ”),
    "straight" when it writes any of them straight (' "), None when it has none.  Copied text keeps
    its source's typography; the writer who pasted it types their own, so a change of style marks
    where a copied passage ends and the writer's comment begins."""
    # for blog copy of wire text with no closing credit: "RT reports:", the copy, then "Of course, they won't."
    if _STRAIGHT.search(paragraph):
        return "straight"
    return "curly" if _CURLY.search(paragraph) else None


def blocks(text: str, paragraphs: Sequence[Span], skip_paragraph: Callable[[Span], bool],
           credit_at_end: bool = False,
           ) -> list[tuple[tuple[int, int], tuple[int, int], list[tuple[int, int]], bool]]:
    """Blocks introduced by a marker paragraph: (marker, name, content paragraphs).

    A block runs over the paragraphs after its marker until the next marker, a closing credit
    or repost line, a paragraph in the writer's own voice (first person singular or an
    exclamation outside quotation marks: wire copy has neither), a paragraph of an outlet's copy
    typed in another style of quotation marks and apostrophes (:func:`typography`), or the end; furniture
    paragraphs inside it (``skip_paragraph``) are stepped over, not included.  The last item
    of each block says whether its end is certain: a closing credit or the end of the text
    (not the next marker or the writer's voice, which the copied passage may end well before).
    A person's statement that runs to the end is certain only with ``credit_at_end`` (the
    reader removed a closing credit right after the text: "Article posted with permission …").
    """
    # for aggregator and blog copy: "RT reports:" and a pasted passage, the words of RT
    out = []
    paragraphs = lines_of(text, paragraphs)  # a copied block starts on a line of its own
    k = 0
    while k < len(paragraphs):
        name = block_marker(text, paragraphs[k])
        body: list[tuple[int, int]] = []
        marker = (paragraphs[k].start, paragraphs[k].end)
        if name is None:
            inline = inline_marker(text, paragraphs[k])
            if inline is None:
                k += 1
                continue
            name, opened = inline  # "RT reports: To get there, …": the copy starts on the marker's line
            marker = (paragraphs[k].start, opened)
            body.append((opened, paragraphs[k].end))
        closed = True
        outlet = is_outlet_name(text[name[0] : name[1]]) or cites_an_article(text, paragraphs[k])
        surname = text[name[0] : name[1]].split()[-1]
        interview = told_marker(text, paragraphs[k]) is not None  # "He told Sputnik:": first-person answers
        turns = False  # a transcript inside the block: its speakers say "I", not the writer
        style: str | None = None  # the copy's typography: "curly" or "straight" quotation marks and apostrophes
        j = k + 1
        while j < len(paragraphs):
            p = paragraphs[j]
            seg = text[p.start : p.end]
            if not seg.strip() or skip_paragraph(p):
                j += 1
                continue
            if _BLOCK_END.fullmatch(seg):
                break
            if block_marker(text, p) is not None:
                closed = False
                break
            turns = turns or _label_at(text, p) is not None
            unquoted = _QUOTED.sub("", seg)
            if not outlet and re.search(rf"\b{re.escape(surname)}\b", unquoted):
                break  # a person's statement ends where the writer names them again
            if interview and not _FIRST_PERSON.search(seg):
                break  # an interview's answers speak in the first person; the writer's next line does not
            if not outlet and not interview and j == len(paragraphs) - 1 and not credit_at_end:
                closed = False  # a statement that runs to the end with no credit: where it ends is unknown
            if outlet and not turns and _OWN_VOICE.search(unquoted):
                closed = False
                break
            following = next((text[q.start : q.end] for q in paragraphs[j + 1 :] if text[q.start : q.end].strip()), "")
            in_post = any(_POST_SIGNATURE.search(x) or _FB_SIGNATURE.search(x) for x in (seg, following))
            marks = None if in_post else typography(seg)  # an embedded post keeps its author's typing
            if outlet and style is not None and marks is not None and marks != style:
                closed = False  # the writer's own paragraph after the copy: their keyboard, not the outlet's
                break
            style = style or marks
            body.append((p.start, p.end))
            j += 1
        if body:
            out.append((marker, name, body, closed))
        k = j
    return out

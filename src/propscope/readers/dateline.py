"""Datelines: ``MOSCOW, Jan 10 (TASS) –``, ``WASHINGTON (AP) —``, ``KYIV —``, ``Geneva -``, and a
wire named after the place without brackets, ``DAMASCUS, SANA –`` (the wires are the furniture
data's ``wires``: there a name is the agency, not a region).

The dateline is found at the head of the first paragraph, parsed into place, date and
agency, and left in the text; its span points at it.  Scraped pages often put a standfirst
(a lead-in line or two) above it: a dateline in its strict forms (with an agency, or an
upper-case place and a dash) is also taken at the head of one of the first few lines,
unless a line above introduces a quotation ("The Daily Wire reports:"): that dateline is
the quoted story's.
Look-alikes are not datelines: a politician's party tag ("Rep. Jane Roe (D-XX)"), a
transcript label ("DB:"), a glued section crumb ("NewsPolitics -"), and a title-case "X -"
that opens a headline rather than a sentence ("Tillerson Out – CIA Director Pompeo In At …").
"""

from __future__ import annotations

import re

from propscope.article import Dateline, Span
from propscope.readers.furniture import is_wire

__all__ = ["find_dateline", "opens_with_dateline", "quoted_datelines"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}})"
_WORD_ANY = r"[A-ZÀ-Þ][\w.'’\-]*"
_WORD_UPPER = r"[A-ZÀ-Þ][A-ZÀ-Þ.'’\-]+"
_PLACE_ANY = rf"{_WORD_ANY}(?:\s{_WORD_ANY}){{0,3}}"
_PLACE_UPPER = rf"{_WORD_UPPER}(?:[\s\-]{_WORD_UPPER}){{0,3}}"
_REGION = rf"(?!{_DATE}){_WORD_ANY}(?:\s{_WORD_ANY}){{0,2}}"
_DASH = r"(?:[-–—]{1,2}|:)"
_AGENCY = r"(?:\((?P<agency>[^()\n]{2,40})\)|/(?P<agency2>[^/\n]{2,30})/)"

_WITH_AGENCY = re.compile(
    rf"(?P<place>{_PLACE_ANY})(?:,\s*(?P<region>{_REGION}))?(?:,?\s*(?P<date>{_DATE}))?\.?\s*{_AGENCY}\.?\s*(?:{_DASH})?"
)
_UPPER_DASH = re.compile(
    rf"(?P<place>{_PLACE_UPPER})(?:,\s*(?P<region>{_REGION}))?(?:,?\s*(?P<date>{_DATE}))?\s*{_DASH}(?=\s)"
)
#: "DAMASCUS, SANA –", "Tehran, Dec 5, IRNA --": a wire's name after the place (and date), then a dash
_WIRE_DASH = re.compile(
    rf"(?P<place>{_PLACE_ANY})(?:,\s*(?P<region>{_REGION}))?(?:,?\s*(?P<date>{_DATE}))?,\s*"
    rf"(?P<wire>{_WORD_ANY}(?:\s{_WORD_ANY})?)\s*{_DASH}(?=\s)"
)
_TITLE_DASH = re.compile(rf"(?P<place>{_PLACE_ANY})(?:,\s*(?P<region>{_REGION}))?\s+[-–—]{{1,2}}(?=\s)")

_FULL_MONTH_DOT = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December)\.$")
_NOT_PLACES = frozenset("the a an but and meanwhile however but yet so in on at this that it he she they we".split())
#: a title before a name makes it a person, not a place ("Rep. Jane Roe (D-XX)")
_HONORIFICS = frozenset(
    "mr mrs ms miss dr rep sen senator representative congressman congresswoman gov governor president "
    "pres prime minister secretary judge gen general col lt sgt capt rev sir lord lady dame prof".split())
#: a party and state tag in parentheses ("(D-NY)", "(R-Texas)", "(I)"), not an agency
_PARTY_TAG = re.compile(r"^[DRIL](?:[-–][A-Za-z. ]{2,20})?$")
#: upper-case labels of page furniture and rubrics, not places ("WATCH (Aired May 2): …", "UPDATE —")
_LABELS = frozenset("watch listen read video photos photo gallery update updated breaking exclusive opinion analysis "
                    "editorial correction clarification note live related advertisement sponsored".split())
#: a glued crumb: a lower-case letter followed by an upper-case one inside a word ("NewsFaith")
_GLUED = re.compile(r"[a-z]{3}[A-Z]")
#: how many lines after the first a dateline in a strict form may stand (below a standfirst)
_MAX_LINES = 3
#: words a sentence writes in lower case and a headline capitalises ("Pompeo In At State Dept")
_SMALL_WORDS = frozenset("a an and as at by for from in into of off on or out over the to up with".split())
_MAX_OFFSET = 800


def find_dateline(text: str, *, window: int = 160) -> Dateline | None:
    """The dateline at the start of ``text`` (after leading whitespace), or in a strict form at
    the head of one of the next few lines (below a standfirst), if there is one."""
    start = len(text) - len(text.lstrip())
    found = _dateline_at(text, start, window, strict=False)
    if found is not None:
        return found
    pos = start
    for _ in range(_MAX_LINES):
        nl = text.find("\n", pos)
        if nl < 0 or text[pos:nl].rstrip().endswith(":"):
            break  # "Reuters reports:": what follows is another outlet's story, its dateline is not ours
        pos = nl + 1
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= min(len(text), _MAX_OFFSET):
            break
        found = _dateline_at(text, pos, window, strict=True)
        if found is not None:
            return found
    return None


def opens_with_dateline(line: str, *, window: int = 160) -> bool:
    """Whether ``line`` opens with a dateline in a strict form (with an agency, or an upper-case
    place and a dash) followed by prose: the first line of a story's body, never its headline."""
    start = len(line) - len(line.lstrip())
    found = _dateline_at(line, start, window, strict=True)
    if found is None or found.span is None:
        return False
    return len(line[found.span.end :].split()) >= 3


def quoted_datelines(text: str, *, window: int = 160) -> list[Dateline]:
    """Datelines with an agency at the head of any line, in the strict forms: the article's own
    and those of the stories it quotes ("CBN reports:" / "SANTA FE (AP) — …")."""
    out: list[Dateline] = []
    pos = 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        found = _dateline_at(text, pos, window, strict=True) if pos < len(text) else None
        if found is not None and found.agency:
            out.append(found)
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return out


def _headline_after(text: str, pos: int) -> bool:
    """Whether the rest of the line from ``pos`` is written like a headline, its small words
    capitalised: two or more past its first word ("Tillerson Out – CIA Director Pompeo In At
    State Dept"); a dateline opens a sentence ("Geneva - The World Health Organisation chief
    on Wednesday …")."""
    nl = text.find("\n", pos)
    words = re.findall(r"[^\W\d_][\w'’\-]*", text[pos: nl if nl >= 0 else len(text)])
    return sum(w[0].isupper() and w.lower() in _SMALL_WORDS for w in words[1:]) >= 2


def _dateline_at(text: str, start: int, window: int, *, strict: bool) -> Dateline | None:
    """The dateline at ``start``; ``strict`` takes only the forms with an agency or with an
    upper-case place and a dash."""
    head = text[start : start + window]
    for pattern in (_WITH_AGENCY, _WIRE_DASH, _UPPER_DASH) if strict else (_WITH_AGENCY, _WIRE_DASH, _UPPER_DASH,
                                                                           _TITLE_DASH):
        m = pattern.match(head)
        if not m or (pattern is _WIRE_DASH and not is_wire(m.group("wire"))):
            continue
        place = m.group("place").strip()
        words = place.split()
        if words[0].lower() in _NOT_PLACES or any(w.lower().rstrip(".") in _HONORIFICS for w in words):
            continue  # "Democratic Senator Jo Bell (NY) said": a title inside makes a person, not a place
        if any(_GLUED.search(w) for w in words):
            continue
        groups = m.groupdict()
        region = (groups.get("region") or "").strip() or None
        agency = (groups.get("agency") or groups.get("agency2") or groups.get("wire") or "").strip() or None
        date = (groups.get("date") or "").strip() or None
        if agency and (_PARTY_TAG.match(agency) or re.search(rf"\d{{4}}|{_DATE}", agency)):
            continue  # "(D-XX)": a party tag; "(Aired Sept. 18, 2007)": a note with a date
        if place.lower() in _LABELS or words[0].lower() in ("breaking", "editor's", "editor’s"):
            continue
        if pattern is _UPPER_DASH and m.group(0).rstrip().endswith(":") and not (region or date):
            continue  # "DB:", "UPDATE:": a label, not a place
        if strict and pattern in (_WITH_AGENCY, _WIRE_DASH) \
                and not (place.isupper() or re.search(r"[-–—:]\s*$", m.group(0))):
            continue  # below the first line, a title-case place needs its dash too
        if date and _FULL_MONTH_DOT.search(date):
            date = date[:-1]  # "12 February. /TASS/": the sentence's full stop, not an abbreviation's
        if pattern is _TITLE_DASH and (len(place.split()) > 3 or _headline_after(text, start + m.end())):
            continue
        full_place = f"{place}, {region}" if region else place
        end = start + len(m.group(0).rstrip())
        return Dateline(place=full_place, agency=agency, date=date, span=Span(start, end, "dateline"))
    return None

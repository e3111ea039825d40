"""Datelines: ``MOSCOW, Jan 10 (TASS) –``, ``WASHINGTON (AP) —``, ``KYIV —``, ``Geneva -``.

The dateline is found at the head of the first paragraph, parsed into place, date and
agency, and left in the text; its span points at it.
"""

from __future__ import annotations

import re

from propscope.article import Dateline, Span

__all__ = ["find_dateline"]

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
_TITLE_DASH = re.compile(rf"(?P<place>{_PLACE_ANY})(?:,\s*(?P<region>{_REGION}))?\s+[-–—]{{1,2}}(?=\s)")

_FULL_MONTH_DOT = re.compile(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                             r"December)\.$")
_NOT_PLACES = frozenset("the a an but and meanwhile however but yet so in on at this that it he she they we".split())


def find_dateline(text: str, *, window: int = 160) -> Dateline | None:
    """The dateline at the start of ``text`` (after leading whitespace), if there is one."""
    start = len(text) - len(text.lstrip())
    head = text[start : start + window]
    for pattern in (_WITH_AGENCY, _UPPER_DASH, _TITLE_DASH):
        m = pattern.match(head)
        if not m:
            continue
        place = m.group("place").strip()
        if place.split()[0].lower() in _NOT_PLACES:
            continue
        groups = m.groupdict()
        region = (groups.get("region") or "").strip() or None
        agency = (groups.get("agency") or groups.get("agency2") or "").strip() or None
        date = (groups.get("date") or "").strip() or None
        if date and _FULL_MONTH_DOT.search(date):
            date = date[:-1]  # "12 February. /TASS/": the sentence's full stop, not an abbreviation's
        if pattern is _TITLE_DASH and len(place.split()) > 3:
            continue
        full_place = f"{place}, {region}" if region else place
        end = start + len(m.group(0).rstrip())
        return Dateline(place=full_place, agency=agency, date=date, span=Span(start, end, "dateline"))
    return None

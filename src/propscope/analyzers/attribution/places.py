""""The city" as a source: the city the story named last, which speaks through its government.

News names a municipality once and then quotes it as "the city" ("Toronto council voted …. The
city said it will hire 300 staff"; "According to the city's Street Needs Assessment, …"): the
speaker is that city, the way "the company" is the company named before.  :func:`city_source`
reads the source ("the city", "the town", "the city's <document>") and :func:`city_before`
finds the city: the last place named before it that the gazetteer knows as a city or a town
(:func:`~propscope.analyzers.entities.gazetteer.place_kind`) or that the text calls one ("the
city of Halifax"), never a country, a province or a state.

>>> city_source("the city's Street Needs Assessment"), city_source("The town"), city_source("the city council")
(True, True, False)
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from propscope.analyzers.entities.gazetteer import place_kind

from .descriptions import DOCUMENT_NOUNS

__all__ = ["city_before", "city_source"]

_CITY = re.compile(r"(?i:the)\s+(?:city|town|municipality)(?P<doc>['’]s\s+(?P<words>[\w\-]+(?:\s+[\w\-]+){0,4}))?")
_CALLED_CITY = r"(?:city|town)\s+of\s+$"
#: provinces a gazetteer of cities knows as cities elsewhere ("Ontario", California): no city in news
_PROVINCES = frozenset(["Ontario", "Quebec", "Alberta", "Manitoba", "Saskatchewan", "British Columbia", "Nova Scotia",
                        "New Brunswick", "Newfoundland", "Prince Edward Island", "Yukon", "Nunavut"])


def city_source(source: str) -> bool:
    """Whether ``source`` is "the city" / "the town" itself or a document it owns ("the city's
    Street Needs Assessment", "the city's report"); not a body of it ("the city council")."""
    m = _CITY.fullmatch(source.strip())
    if m is None:
        return False
    if m.group("doc") is None:
        return True
    words = m.group("words")
    last = words.split()[-1].lower().rstrip("s")
    return last in DOCUMENT_NOUNS or last + "s" in DOCUMENT_NOUNS or words[:1].isupper()


def city_before(resolver: Any, start: int) -> Any:
    """The entity of the last place named before ``start`` that is a city or a town (see the
    module), else None.  ``resolver``: the :class:`~.speakers.AttributionSpeakers`."""
    r = resolver
    for m in reversed(r.mentions[: bisect.bisect_left(r.starts, start)]):
        ent = r.entities[m.attrs["entity"]]
        if ent.type != "GPE":
            continue
        called = re.search(_CALLED_CITY, r.text[max(0, m.start - 12) : m.start], re.IGNORECASE)
        if called or (place_kind(ent.name) in ("city", "town") and ent.name not in _PROVINCES):
            return ent
    return None

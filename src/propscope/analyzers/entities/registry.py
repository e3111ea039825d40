"""The curated registry of news outlets and agencies (``data/outlets.json``).

Each entry: ``name``, ``aliases``, ``type`` (``outlet`` | ``agency``), ``country`` (ISO 3166
alpha-2), ``state_affiliated`` and ``source`` (the public source of that fact: the outlet's
Wikipedia article, or a government designation).  It is the one list of outlets: the entities
analyzer types a matching mention as an organisation, never a person or a place, and the
``sources`` analyzer reads the wires from it.

Matching: whole words, as written or in capitals ("Reuters", "REUTERS"; "AP", "RT" only so), and a
name in capitals also with one capital ("Tass", "Ria Novosti"; not "Ria" or "Sana", names of women);
"The X" also as "the X" (not where X is the sun or a planet: "the Sun" is the star), and as "X"
alone when X has two words or more ("New York Times"), so that "The Times" or "The Hill" never
match the common word.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MEDIA_WORDS", "Outlet", "find_outlets", "lookup", "outlets"]

#: words of the media in a name ("Harbour Daily", "Lark News Agency", "Channel 5"): a name with one is
#: an outlet's by its own words (the sources layer, the attribution of a credit line)
MEDIA_WORDS = re.compile(
    r"\b(?:news|agency|press|times|post|journal|daily|herald|tribune|gazette|telegraph|guardian|"
    r"chronicle|observer|tv|television|radio|broadcaster|channel|network|magazine|newspaper|wire|"
    r"media)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    type: str  # outlet | agency
    country: str
    state_affiliated: bool
    source: str


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    raw = json.loads(resources.files("propscope.analyzers.entities").joinpath("data/outlets.json").read_text("utf-8"))
    return tuple(Outlet(o["name"], tuple(o.get("aliases", ())), o["type"], o["country"], bool(o["state_affiliated"]),
                        o["source"]) for o in raw["outlets"])


def _norm(s: str) -> str:
    s = re.sub(r"[’‘`]", "'", s.strip())
    return re.sub(r"'s$", "", s).strip()


def _celestial() -> frozenset[str]:
    from .words import name_words  # the word lists; imported here, they read no registry

    return name_words().get("celestial", frozenset())


def _variants(alias: str) -> set[str]:
    """The written forms an alias matches: as written and in capitals; "The X" also as "the X",
    and as "X" alone when X is two words or more ("New York Times"; "The Times" needs its "The")."""
    alias = _norm(alias)
    forms = {alias}
    m = re.match(r"(?i)the\s+(.+)", alias)
    if m and m.group(1).lower() not in _celestial():  # "the Sun" is the star; the tabloid is "The Sun"
        forms.add("the " + m.group(1))
        if len(m.group(1).split()) >= 2:
            forms.add(m.group(1))
    return forms | {f.upper() for f in forms if len(f) > 3} | {t for t in map(_title_case, forms) if t}


def _title_case(form: str) -> str | None:
    """The form as papers whose style writes a name in capitals with one capital only ("TASS" ->
    "Tass", "RIA Novosti" -> "Ria Novosti", "ITAR-TASS" -> "Itar-Tass"): each word of three
    capitals or more; None where nothing changes, or for one short word or a first name ("RIA",
    "SANA": "Ria" and "Sana" are women's names)."""
    words = re.split(r"([\s\-]+)", form)
    out = "".join(w.capitalize() if re.fullmatch(r"[A-Z]{3,}", w) else w for w in words)
    if out == form:
        return None
    if len(form.split()) == 1 and "-" not in form:
        from .words import first_names  # the word lists; imported here, they read no registry

        if len(form) < 4 or form.lower() in first_names():
            return None
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, Outlet]:
    index: dict[str, Outlet] = {}
    for o in outlets():
        for n in (o.name, *o.aliases):
            for f in _variants(n):
                index.setdefault(f, o)
    return index


def lookup(name: str) -> Outlet | None:
    """The outlet ``name`` names as a whole ("The Telegraph", "REUTERS", "AP"; a web address
    of one, "Bloomberg.com", names it too), else None."""
    key = _norm(name)
    index = _index()
    found = index.get(key) or index.get(re.sub(r"^The ", "the ", key))
    web = re.fullmatch(r"(?:www\.)?(.+?)\.(?:com|net|org|co\.uk|ru|cn)", key)
    if found is None and web is not None and web.group(1) != key:
        return lookup(web.group(1))
    return found


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alts = [re.escape(k) for k in sorted(_index(), key=len, reverse=True)]
    return re.compile(r"(?<![\w@#.])(?:" + "|".join(alts) + r")(?![\w@]|\.\w)")


def find_outlets(text: str) -> list[tuple[int, int, Outlet]]:
    """Every registry name or alias in ``text`` as (start, end, outlet), longest first at a position."""
    out = []
    for m in _pattern().finditer(text):
        o = lookup(m.group())
        if o is not None:
            out.append((m.start(), m.end(), o))
    return out

"""One name per speaker or agency in a ranked list: "Trump" and "Donald Trump" are one row.

Within an article the entities analyzer already gives each person one canonical name; across
articles the same person is often "Donald Trump" in one and only "Trump" in another, and a
wire is "AP" in one dateline and "Associated Press" in the next.  :func:`merge_names` folds
such rows where a list is built (outlet profiles, the report's tables), with the rules the
entities analyzer uses inside one article, and no name lists of its own:

* an outlet or agency name or alias from the registry (``analyzers/entities/data/outlets.json``)
  becomes the registry's name ("AP", "A.P." when listed, "REUTERS" -> "Associated Press", "Reuters");
* accents are not part of a name ("Viktor Orbán" and "Viktor Orban" are one row);
* titles are not part of a name ("President Trump" is "Trump"), but a name nothing else
  joins is shown as given ("Minister Ivanov");
* a shorter name joins a longer one when its words are the longer one's last words (a
  surname: "Trump" -> "Donald Trump"), its first and last words without the middle names or
  initials ("John Kennedy" -> "John F. Kennedy"), or it is the same name with an initial
  ("D. Trump"), and only when exactly one longer name fits: "Clinton" stays apart beside both
  "Bill Clinton" and "Hillary Clinton".

The row keeps the longest name; counts add up.  A search for one speaker folds the same way:
:func:`speaker_candidates` picks, among the stored names' keys, the few that can be in the row of
a name (same surname, same registry entry), and :func:`same_speaker` says which of them are.

>>> merge_names([("Trump", 3), ("Donald Trump", 2), ("AP", 1), ("Associated Press", 1)])
[('Donald Trump', 5), ('Associated Press', 2)]
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from propscope.analyzers.entities.canonical import TITLE_WORDS
from propscope.analyzers.entities.canonical import name_form as _entity_form
from propscope.analyzers.entities.registry import lookup, outlets
from propscope.store.records import name_key

__all__ = ["canonical_names", "merge_names", "same_speaker", "speaker_candidates"]


def name_form(word: str) -> str:
    """A name word as compared here: the entities analyzer's form, accents folded ("Orbán" is
    "Orban": outlets spell one name with and without them)."""
    form = _entity_form(word)
    return "".join(c for c in unicodedata.normalize("NFKD", form) if not unicodedata.combining(c))


def _words(name: str) -> list[str]:
    """The name's words without leading titles ("President", "Mr."); all of them if only titles."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i].rstrip(".").casefold() in TITLE_WORDS:
        i += 1
    return words[i:]


def _registry_name(name: str) -> str | None:
    try:
        outlet = lookup(name)
    except Exception:  # noqa: BLE001 - a broken registry must not break a list; names stay as given
        return None
    return outlet.name if outlet is not None else None


def _fits(short: list[str], full: list[str]) -> bool:
    """``short`` names the person ``full`` names: its last words ("Kennedy"), or its first and
    last words with middle names or initials left out ("John Kennedy" in "John F. Kennedy")."""
    if len(short) >= len(full):
        return False
    s = [name_form(w) for w in short]
    f = [name_form(w) for w in full]
    if f[-len(s):] == s:
        return True
    return len(s) >= 2 and s[0] == f[0] and s[-1] == f[-1] and _in_order(s[1:-1], f[1:-1])


def _in_order(part: list[str], whole: list[str]) -> bool:
    """Whether ``part``'s words appear in ``whole`` in the same order (others may stand between)."""
    rest = iter(whole)
    return all(any(w == x for x in rest) for w in part)


def _same_with_initials(a: list[str], b: list[str]) -> bool:
    """"D. Trump" and "Donald Trump": same length, each word equal or an initial of the other's."""
    if len(a) != len(b) or len(a) < 2:
        return False
    for x, y in zip(a, b, strict=True):
        fx, fy = name_form(x), name_form(y)
        if fx == fy:
            continue
        short, full = (x, y) if len(x) <= len(y) else (y, x)
        if not (len(short.rstrip(".")) == 1 and full[:1].casefold() == short[:1].casefold()):
            return False
    return True


def _written(name: str) -> tuple[int, bool, bool, str]:
    """How well a form is written: longest, capitalised, not all capitals."""
    return (len(name), name[:1].isupper(), not name.isupper(), name)


def _fold(name: str) -> str:
    return " ".join(name_form(w) for w in name.split())


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Each name -> the name of its row (itself when nothing else names the same one)."""
    given = list(dict.fromkeys(n for n in names if n and n.strip()))
    base = {name: _registry_name(name) or " ".join(_words(name)) for name in given}
    registry = {b for b in base.values() if _registry_name(b) == b}
    # case and spacing differences are one name, written in its longest form
    forms: dict[str, list[str]] = {}
    for b in dict.fromkeys(base.values()):
        forms.setdefault(_fold(b), []).append(b)
    target = {b: max(v, key=_written) for v in forms.values() for b in v}
    people = [t for t in dict.fromkeys(target.values()) if t not in registry]

    def only(fits: list[str]) -> str | None:
        return fits[0] if len(fits) == 1 else None

    # an initial ("D. Trump") joins the one full form it abbreviates
    step: dict[str, str] = {}
    for t in people:
        if any(len(w.rstrip(".")) == 1 for w in t.split()):
            full = only([f for f in people if f != t and len(f) > len(t) and _same_with_initials(t.split(), f.split())])
            if full:
                step[t] = full
    rest = [t for t in people if t not in step]
    # a surname ("Trump") joins the one fuller name that ends with it
    for t in rest:
        fits = [f for f in rest if _fits(t.split(), f.split())]
        longest = [f for f in fits if not any(_fits(f.split(), g.split()) for g in fits)]
        full = only(longest)
        if full:
            step[t] = full
    for b, t in target.items():
        seen = {t}
        while t in step and step[t] not in seen:
            t = step[t]
            seen.add(t)
        target[b] = t
    out = {name: target[b] for name, b in base.items()}
    # a name nothing else joins keeps its own form ("Minister Ivanov"), unless the registry renames it
    alone = Counter(out.values())
    return {name: t if alone[t] > 1 or t in registry else name for name, t in out.items()}


def merge_names(rows: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """``(name, count)`` rows with one row per speaker or agency, most counted first, then by name."""
    rows = [(name, n) for name, n in rows if name and name.strip()]
    names = canonical_names(name for name, _ in rows)
    counts: Counter[str] = Counter()
    for name, n in rows:
        counts[names[name]] += n
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))


@lru_cache(maxsize=1)
def _registry_by_key() -> dict[str, str]:
    """Every registry name and alias by its case-folded key -> the registry's name."""
    out: dict[str, str] = {}
    try:
        for o in outlets():
            for n in (o.name, *o.aliases):
                key = name_key(n)
                if key:
                    out.setdefault(key, o.name)
                    if key.startswith("the "):
                        out.setdefault(key[4:], o.name)
    except Exception:  # noqa: BLE001 - a broken registry must not break a search; names stay as given
        return {}
    return out


def _surname(name: str) -> str | None:
    words = _words(name)
    return name_form(words[-1]) if words else None


def speaker_candidates(name: str, keys: Iterable[str]) -> list[str]:
    """The keys (:func:`~propscope.store.records.name_key`) among ``keys`` that may name the
    speaker ``name`` names: the same key, the same surname ("trump" for "Donald Trump", and
    back), or the same registry entry ("associated press" for "AP").  A superset of
    :func:`same_speaker`'s answer, cheap enough for every distinct speaker of a corpus.

    >>> speaker_candidates("Trump", ["donald trump", "president trump", "bill clinton"])
    ['donald trump', 'president trump']
    """
    own = name_key(name)
    surname = _surname(name) if own else None
    registry = _registry_by_key()
    outlet = _registry_name(name) or (registry.get(own) if own else None)
    out = []
    for key in keys:
        if key == own or (outlet is not None and registry.get(key) == outlet):
            out.append(key)
        elif surname is not None and name_form(key.rsplit(" ", 1)[-1]) == surname and _surname(key) == surname:
            out.append(key)
    return out


def same_speaker(name: str, stored: Iterable[str]) -> list[str]:
    """The ``stored`` names that a list built from them and ``name`` shows in ``name``'s row
    (:func:`canonical_names`), and those equal to ``name`` but for case and spacing.

    >>> same_speaker("Trump", ["Donald Trump", "D. Trump", "Ivan Petrov"])
    ['Donald Trump', 'D. Trump']
    >>> same_speaker("Clinton", ["Bill Clinton", "Hillary Clinton"])
    []
    """
    stored = [s for s in stored if s and s.strip()]
    if not name or not name.strip():
        return []
    rows = canonical_names([name, *stored])
    own, key = rows[name], name_key(name)
    return [s for s in dict.fromkeys(stored) if rows[s] == own or name_key(s) == key]

"""Speakers no entity holds: two people named together as one source ("Tanya and Jason Badger",
"deputy minister Walt Roe and associate deputy minister Lisa Lind"), and the reference built for
such a speaker.  Its own module so that the speaker resolver (:mod:`.speakers`) and the naming of
sources (:mod:`.naming`, which imports the resolver) both read it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence

from propscope.analyzers.entities.resolve import EntityRef
from propscope.article import Span

__all__ = ["joint_names", "joint_people", "named_ref"]


def named_ref(kind: str, name: str, type_: str) -> EntityRef:
    """A speaker the entities table does not hold (a body named only in a source, a pair of
    people), under an id of its own kind: ``body:the-security-studies-group``."""
    return EntityRef(f"{kind}:" + re.sub(r"\W+", "-", name.lower()).strip("-"), name, type_)


#: the role a name may carry before it in a joint source: capitalised words of a body at most,
#: then lower-case role words ("Veterans Affairs deputy minister", "associate deputy minister",
#: "owners"); no preposition among them ("the wife of X" is not X)
_ROLE_LEAD = (r"(?:(?:the|The)\s+)?(?:(?:[A-Z][\w’'\-.]*\s+){0,3}"
              r"(?:(?!(?:of|for|to|with|from|by|at|in|on|and|or|the|a|an)\s)[a-z][\w\-]*\s+){1,4})?")
#: "Tanya and Jason Badger", "Ada Roe and Ian Lind", "deputy minister Walt Roe and associate deputy
#: minister Lisa Lind": two names joined, each maybe after its role, no pronoun among them
_JOINT_NAMES = re.compile(rf"{_ROLE_LEAD}(?P<a>[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){{0,3}})\s+and\s+"
                          rf"{_ROLE_LEAD}(?P<b>[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*){{0,3}})")


def joint_names(text: str, source: tuple[int, int]) -> str | None:
    """The display name of a source that joins two named people, as written ("Tanya and Jason
    Badger", "Giuliani and Jay Sekulow": a lone word may be a first name or a surname, so none
    is filled in), without the roles written before each name ("deputy minister Walt Roe and
    associate deputy minister Lisa Lind" -> "Walt Roe and Lisa Lind"); None when the source is no
    such pair, joins a pronoun, or its second part is a single word ("Marks and Spencer", "Trump
    and Kim": too little to tell two people from one body)."""
    # for a couple or two partners speaking together: the pair is the speaker, not no one
    m = _JOINT_NAMES.fullmatch(text[source[0] : source[1]].strip())
    if m is None or len(m.group("b").split()) < 2:
        return None
    return m.group("a") + " and " + m.group("b")


#: what may stand before a person's name in one part of a coordinated source: a role in lower-case
#: words after capitalised ones ("committee clerk", "Police Chief"), or a relative and a comma
#: ("her husband, "); no preposition ("the lawyer for X" is not X, "people like X and Y" not them)
_PART_LEAD = re.compile(r"(?:(?:the|The)\s+)?(?:(?:[A-Z][\w’'\-.]*\s+){0,3}"
                        r"(?:(?!(?:of|for|to|with|from|by|at|in|on|or|a|an|like|as|including|such|than|about|"
                        r"against|between|among|via|over|after|before|versus|vs)\s)[a-z][\w\-]*\s+){0,4})?"
                        r"|(?:his|her|their|His|Her|Their)\s+[a-z][\w\-]*,\s*")
#: what may follow the name in its part: nothing, an age, or an appositive set off by commas
_PART_TAIL = re.compile(r"(?:,\s*\d{1,3})?(?:,\s*(?:the|a|an|its|his|her|their)\s[^,]*,?)?\s*")


def joint_people(text: str, source: tuple[int, int], mentions: Sequence[Span],
                 entities: Mapping[str, EntityRef]) -> str | None:
    """The display name of a source that joins two people the entity layer knows, each by their
    own name ("Jones and Brown said", "Jones and committee clerk Tom Brown", "Mary Jones, the
    committee chair, and Tom Brown, its clerk", "Mary Jones and her husband, Tom"): their
    canonical names joined by "and" ("Mary Jones and Tom Brown"); None when a part names no one,
    two people or a body, or names its person after a preposition ("the lawyer for Roe and Lind")."""
    # for two people speaking together, named short after they were introduced
    a, b = source
    raw = text[a:b]
    parts = re.split(r",?\s+and\s+", raw)
    if len(parts) != 2:
        return None
    starts = [m.start for m in mentions]
    names: list[str] = []
    pos = a
    for part in parts:
        at = raw.index(part, pos - a) + a
        inside = [m for m in mentions[bisect.bisect_left(starts, at) : bisect.bisect_left(starts, at + len(part))]
                  if m.end <= at + len(part)]
        if len({x.attrs.get("entity") for x in inside}) != 1:
            return None  # no one, or two people ("Roe and Lind's lawyer" aside, a description of the same is one)
        m = inside[0]
        ent = entities.get(m.attrs.get("entity", ""))
        if ent is None or ent.type != "PERSON" or not _PART_LEAD.fullmatch(text[at : m.start]) \
                or not _PART_TAIL.fullmatch(text[m.end : at + len(part)]):
            return None
        names.append(ent.name)
        pos = at + len(part)
    if names[0] == names[1]:
        return None
    return " and ".join(names)

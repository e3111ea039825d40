"""Speakers no entity holds: two people named together as one source ("Tanya and Jason Badger",
"deputy minister Walt Roe and associate deputy minister Lisa Lind"), and the reference built for
such a speaker.  Its own module so that the speaker resolver (:mod:`.speakers`) and the naming of
sources (:mod:`.naming`, which imports the resolver) both read it."""

from __future__ import annotations

import re

from propscope.analyzers.entities.resolve import EntityRef

__all__ = ["joint_names", "named_ref"]


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

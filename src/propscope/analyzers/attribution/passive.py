"""A verb of telling or accusing in the passive, with its agent after "by": the agent speaks.

"Barros is accused by the victims of having been in the room", "Governor Tom Reed was
accused by Senator Ann Dow of hiding the deficit", "Reporters were told by Carla Alston, the
director of communications, that the sheriff was away": the subject is the one accused or
told, the addressee; who said it is the agent.  The tagger reads the subject before the cue as
the source (or none at all) and runs the content over the cue; :func:`passive_agent` gives the
attribution the agent as its source and what follows "that" / "of" / "to" as its content.

>>> text = "Barros is accused by the victims of having been in the room."
>>> content, cue, source = passive_agent(text, (10, 21), (0, len(text)))
>>> text[source[0] : source[1]], text[cue[0] : cue[1]], text[content[0][0] : content[0][1]]
('the victims', 'is accused', 'of having been in the room')
"""

from __future__ import annotations

import re

from .saying import POSTPOSED_CUE

__all__ = ["passive_agent"]

_AUX = r"(?:(?:has|have|had)\s+)?(?:is|are|was|were|been|being|be)"
#: "was accused by AGENT(, appositive,) of …ing": the agent's accusation
_ACCUSED = re.compile(
    rf"\b(?P<cue>{_AUX}\s+accused)\s+by\s+(?P<agent>(?:the\s+|a\s+|an\s+)?[^\s,;:.\"“”][^,;:\"“”]{{0,70}}?)"
    r"(?P<apposition>\s*,[^,;:\"“”]{2,90},)?\s+(?P<lead>of)\s+(?=[a-z]+ing\b)")
#: "were told by AGENT(, appositive,) that/to/whether …": the agent's words or request
_TOLD = re.compile(
    rf"\b(?P<cue>{_AUX}\s+(?:told|warned|urged|informed|assured|reminded|advised|asked))\s+by\s+"
    r"(?P<agent>(?:the\s+|a\s+|an\s+)?[^\s,;:.\"“”][^,;:\"“”]{0,70}?)"
    r"(?P<apposition>\s*,[^,;:\"“”]{2,90},)?\s+(?P<lead>that|to|whether|if)\s+(?=\w)")
#: a postposed cue closing the sentence (", Toensing said."): the passive is part of its words
_POSTPOSED = re.compile(POSTPOSED_CUE)


def passive_agent(text: str, cue: tuple[int, int] | None, sentence: tuple[int, int] | None
                  ) -> tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]] | None:
    """(content, cue, source) of a passive verb of telling or accusing whose agent follows "by",
    when the attribution's ``cue`` lies on that verb (its auxiliary, the verb or "by"); else
    None, and None inside what a postposed cue closing the sentence gives someone else (", Toensing
    said.").  The content runs from after "that" (from "of" / "to" / "whether" on) to the end of
    ``sentence``."""
    if cue is None or sentence is None:
        return None
    found = [*_ACCUSED.finditer(text, sentence[0], sentence[1]), *_TOLD.finditer(text, sentence[0], sentence[1])]
    for m in sorted(found, key=lambda x: x.start()):
        if not (m.start("cue") <= cue[0] < m.start("agent")):
            continue
        start = m.end() if m.group("lead") == "that" else m.start("lead")
        end = sentence[1]
        if _POSTPOSED.search(text, start, end):
            return None  # "…, but was asked by the FBI to sign …, Toensing said.": all Toensing's words
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?\"”’'"):
            end -= 1
        if end <= start:
            return None
        return [(start, end)], (m.start("cue"), m.end("cue")), (m.start("agent"), m.end("agent"))
    return None

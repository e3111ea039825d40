"""A cue inside a relative clause: its content ends where the clause ends.

"The standards that Facebook demands everyone follow are strict": source and cue sit in a
relative clause on "standards"; what Facebook demands is "everyone follow", and the main
clause's predicate after it ("are strict") is the writer's, not Facebook's.  The dependency
parse marks such a clause: the cue's verb is a ``relcl`` and its subtree ends where the
clause does.  When the clause holds a clausal complement after the cue ("everyone follow"),
the content is cut at the clause's end.  Without one the content stays as it is: in "a
person that Ramirez claimed was at the party" the noun is the complement's subject and the
parser hangs "was at the party" on the main clause, though it is what Ramirez claimed.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

__all__ = ["clip_to_relative_clause"]

_QUOTES = "\"“”„«»'‘’"
_CLAUSAL = frozenset({"ccomp", "xcomp"})
_RELATIVE_WORDS = frozenset({"who", "whom", "which", "that", "whose"})


def _tokens_in(tags: Any, a: int, b: int) -> list[int]:
    starts = [t.start for t in tags]
    i = bisect_left(starts, a)
    out = []
    while i < len(tags) and tags[i].start < b:
        out.append(i)
        i += 1
    return out


def clip_to_relative_clause(text: str, content: list[tuple[int, int]], cue: tuple[int, int] | None,
                            source: tuple[int, int] | None, nlp_out: Any) -> list[tuple[int, int]]:
    """``content`` cut at the end of the relative clause that holds its cue and a clausal
    complement after it; unchanged when the cue heads no relative clause, its source is the
    relative word itself ("who said …"), the content does not follow the cue, holds a quotation
    or ends inside the clause, or there is no parse."""
    if cue is None or source is None or nlp_out is None or not getattr(nlp_out, "deps", ()):
        return content
    if not content or content[0][0] < cue[1] or source[0] > cue[0]:
        return content  # the source must come before the cue ("that X says …"), the content after
    if any(ch in _QUOTES for a, b in content for ch in text[a:b]):
        return content  # quoted words are the speaker's whatever the parse says
    if text[source[0] : source[1]].strip().lower() in _RELATIVE_WORDS:
        return content  # "the man who said …": the clause's subject is the noun it modifies
    tags, deps, heads = nlp_out.tags, nlp_out.deps, nlp_out.heads
    if len(deps) != len(tags) or len(heads) != len(tags):
        return content
    cue_toks = _tokens_in(tags, *cue)
    verb = next((i for i in cue_toks if deps[i] == "relcl"), None)
    if verb is None:
        return content
    # the clause: the tokens whose chain of heads reaches the cue's verb
    lo = max(0, verb - 80)
    hi = min(len(tags), verb + 80)
    inside = []
    for i in range(lo, hi):
        j, steps = i, 0
        while j != verb and heads[j] != j and steps < 40:
            j, steps = heads[j], steps + 1
        if j == verb:
            inside.append(i)
    end = max(tags[i].end for i in inside)
    if content[-1][1] <= end:
        return content  # the content stays inside the clause
    said = any(deps[i] in _CLAUSAL and heads[i] == verb and tags[i].start >= cue[1] for i in inside)
    if not said:
        return content  # "an incident she claimed happened …", "a person that Ramirez claimed was at the party":
        # the gap is the complement's subject and the parser hung the complement on the main clause
    out = []
    for a, b in content:
        if a >= end:
            continue
        b = min(b, end)
        while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:"):
            b -= 1
        if b > a:
            out.append((a, b))
    return out

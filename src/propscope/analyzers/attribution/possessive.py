"""A speech noun with a possessor frames a clause: "In Ash's view, the change would …".

"In the mayor's telling, the talks went well", "By Lind's account, the meeting was short",
"…, in Bolton's view.", "The only other step, in Professor Vask's view, would be …": the
possessor is the source and the clause the phrase is set off from is what they said or think.
The tagger rarely marks these (no verb), and a possessor is no subject the other rules look
for.  The phrase must be set off by commas or stand at a sentence edge: "in her account being
suspended" and "in his estimation of the market" frame nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from propscope.article import Span

__all__ = ["possessive_accounts"]

#: nouns of a telling, a reckoning or a view: the possessor holds what the clause says
_NOUNS = ("telling|retelling|account|recounting|recollection|version|words|view|views|estimation|reckoning|"
          "assessment|judgment|judgement|opinion|mind|eyes")
_PHRASE = re.compile(
    r"\b(?:[Ii]n|[Bb]y|[Tt]o)\s+(?P<src>(?:(?:[A-Z][\w.’'\-]*|de|van|von)\s+){0,3}?[A-Z][\w’'\-]*?(?:[’']s|s[’'])"
    r"|his|her|their|[Hh]is|[Hh]er|[Tt]heir)\s+(?:own\s+)?(?P<noun>" + _NOUNS + r")\b(?=\s*(?P<after>[,.;—–]|$))")
#: a word that closes the clause before a mid-sentence phrase: the words before it are no part of what was said
_OPENER_BEFORE = re.compile(r"\b(?:because|that|and|but|which|who|while|since|as|so|if|when|whereas|though|"
                            r"although|or)\s*,?\s*$", re.IGNORECASE)
#: a subject before a mid-sentence phrase is short; a longer run is a clause of its own
_SUBJECT_WORDS = 8
_LEAD = re.compile(r"^\W*(?:(?:And|But|Yet|So|Still|Now)\s*,?\s+)?$")
#: "in my view", "to his mind" as a figure of speech: only these nouns take "to"
_TO_NOUNS = frozenset(["mind", "eyes"])


def _possessor(text: str, a: int, b: int) -> tuple[int, int]:
    """The possessor's span less its "'s"."""
    word = text[a:b]
    for tail in ("’s", "'s", "’", "'"):
        if word.endswith(tail) and len(word) > len(tail):
            return a, b - len(tail)
    return a, b


def possessive_accounts(text: str, sentences: Sequence[Span], taken: Sequence[tuple[int, int]]
                        ) -> list[tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]]]:
    """(content pieces, cue, source) of each possessive speech-noun phrase that frames a clause
    of its sentence and that no attribution (``taken``: their contents, cues and sources) covers."""
    out: list[tuple[list[tuple[int, int]], tuple[int, int], tuple[int, int]]] = []
    for sent in sentences:
        s = text[sent.start : sent.end]
        for m in _PHRASE.finditer(s):
            if m.group(0)[:2].lower() == "to" and m.group("noun") not in _TO_NOUNS:
                continue
            if m.group(0)[:2].lower() != "to" and m.group("noun") in _TO_NOUNS:
                continue  # "in her eyes" is a look, "in his mind" a place
            a, b = sent.start + m.start(), sent.start + m.end()
            if any(x < b and a < y for x, y in taken):
                continue
            before, after = s[: m.start()], s[m.end() :]
            head = before.rstrip()
            at_start = _LEAD.match(before) is not None
            if not (at_start or head.endswith((",", "—", "–", "("))):
                continue  # "so clearly believed in her judgment.": an object, not a frame
            pieces: list[tuple[int, int]] = []
            rest = re.match(r"\s*[,;—–]?\s*", after)
            assert rest is not None
            tail_start = m.end() + rest.end()
            tail = s[tail_start:].rstrip()
            tail = tail[:-1] if tail.endswith((".", ";")) and not tail.endswith(("”.", '".')) else tail
            front = head.rstrip(",—–( ")
            if at_start:
                if tail:
                    pieces.append((sent.start + tail_start, sent.start + tail_start + len(tail)))
            elif not after.strip(" .;\n"):  # "…, in Bolton's view.": the clause before it
                if front:
                    pieces.append((sent.start + len(s) - len(s.lstrip()), sent.start + len(front)))
            else:
                if front and _OPENER_BEFORE.search(front) is None and "," not in front and len(
                        front.split()) <= _SUBJECT_WORDS:  # "The only other step, in X's view, would be": its subject
                    pieces.append((sent.start + len(s) - len(s.lstrip()), sent.start + len(front)))
                if tail:
                    pieces.append((sent.start + tail_start, sent.start + tail_start + len(tail)))
            pieces = [p for p in pieces if len(re.findall(r"\w+", text[p[0] : p[1]])) >= 3]
            if not pieces or any(x < p[1] and p[0] < y for p in pieces for x, y in taken):
                continue
            src = _possessor(text, sent.start + m.start("src"), sent.start + m.end("src"))
            out.append((pieces, (a, b), src))
    return out

"""The writer speaking to the reader: "We told you about the shake-ups on Tuesday", "As I warned
you last week, …".  A first-person source outside anyone's quotation that tells "you" is the
outlet's own voice addressing its readers, no attribution of anyone's words; the tagger read "We"
as a source and "you about …" as what was said.  So is "you" as the source outside anyone's
quotation ("If you enjoyed her tenure as Secretary of State, you'll like his"): the reader says nothing.

>>> text = "We told you about Trump's shake-ups on Tuesday:"
>>> writer_to_reader(text, (0, 2), (3, 7), [(8, 46)], [])
True
>>> text = "We told the minister that the plan failed."
>>> writer_to_reader(text, (0, 2), (3, 7), [(21, 41)], [])
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .saying import TELLING

__all__ = ["writer_to_reader"]

#: and the writer showing or warning the reader ("As we showed you", "I warn you")
_TELLING = TELLING | frozenset("warn remind showed show".split())


def writer_to_reader(text: str, source: tuple[int, int] | None, cue: tuple[int, int] | None,
                     content: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    """Whether the attribution (``source``, ``cue``, ``content``) is the writer telling the reader:
    its source "we" or "I", outside ``others`` (the other attributions' contents: a speaker's
    quoted "we" is theirs), its cue a verb of telling, and "you" right after the cue."""
    if source is None or cue is None or not content:
        return False
    who = text[source[0] : source[1]].strip().lower()
    if who not in ("we", "i", "you") or any(a <= source[0] < b for a, b in others):
        return False
    if who == "you":
        return True  # "If you enjoyed Clinton's tenure, …": the reader, whom the writer addresses, says nothing
    words = text[cue[0] : cue[1]].lower().split()
    if not words or words[-1] not in _TELLING:
        return False
    return re.match(r"\s*you\b", text[cue[1] : cue[1] + 8], re.IGNORECASE) is not None

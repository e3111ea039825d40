""""Did you mean …?" for a mistyped name: analyzers, techniques, outlets.

One function, used wherever a name is looked up among known ones, so that every message
reads the same: ``no analyzer 'quotse'; did you mean 'quotes'? available: ...``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["close_names", "did_you_mean"]


def _key(name: str) -> str:
    """Case, spaces, ``_`` and ``-`` aside: ``loaded language`` is ``Loaded_Language``."""
    return re.sub(r"[\s_\-]+", " ", name.casefold()).strip()


def close_names(name: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The known names closest to ``name`` (difflib's ratio over case-folded words), best first."""
    by_key: dict[str, str] = {}
    for k in known:
        if k and _key(k) not in by_key:
            by_key[_key(k)] = k
    return [by_key[m] for m in difflib.get_close_matches(_key(name), list(by_key), n=n, cutoff=cutoff)]


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``"did you mean 'quotes'?"`` (or ``'a' or 'b'``), or ``""`` when nothing is close."""
    close = close_names(name, known)
    return f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""

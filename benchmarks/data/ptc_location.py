"""Where the PTC release is, for the gold checks beside this file (standard library only).

    from ptc_location import find_ptc
    find_ptc(None)            # $PROPSCOPE_PTC, else the first shared/data/ptc beside the checkout or above it

The gold files hold ids and offsets only; the texts stay in the PTC release, found here once
for every check (``review/check.py``, ``narratives/check.py``).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["find_ptc"]

HERE = Path(__file__).resolve().parent


def find_ptc(arg: str | None, start: Path | None = None) -> Path | None:
    """``arg`` when given, else ``$PROPSCOPE_PTC``, else the first ``shared/data/ptc`` holding
    ``datasets/train-articles`` in a folder above ``start`` (this folder by default); None when
    there is none (a machine without the data: the corpus checks are skipped)."""
    if arg:
        return Path(arg)
    if os.environ.get("PROPSCOPE_PTC"):
        return Path(os.environ["PROPSCOPE_PTC"])
    for base in (start or HERE).resolve().parents:
        cand = base / "shared" / "data" / "ptc"
        if (cand / "datasets" / "train-articles").is_dir():
            return cand
    return None

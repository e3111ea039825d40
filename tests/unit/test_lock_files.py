"""The lock files pin, with hashes, a version inside every range pyproject.toml declares.

pyproject.toml holds compatible ranges (so propscope installs next to other libraries); the
lock files hold the exact versions `make` installs without resolution (issue 14).  A range
edited without `make lock`, or a lock edited by hand, fails here instead of at install time.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)")


def _pins(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    lines = lock.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        m = _PIN.match(line)
        if m:
            pins[canonicalize_name(m.group(1))] = m.group(2)
            # every pin carries at least one hash, on its own continuation lines
            assert line.rstrip().endswith("\\") and "--hash=sha256:" in lines[n + 1], f"{lock.name}: {line} has no hash"
    return pins


def _requirements(*extras: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in extras:
        reqs += project["optional-dependencies"][extra]
    return [Requirement(r) for r in reqs]


@pytest.mark.parametrize(("lock", "extras"), [("lock.txt", ()), ("dev.lock.txt", ("dev",))])
def test_lock_files_pin_a_version_inside_every_declared_range(lock: str, extras: tuple[str, ...]) -> None:
    pins = _pins(ROOT / "requirements" / lock)
    for req in _requirements(*extras):
        name = canonicalize_name(req.name)
        assert name in pins, f"{lock} does not pin {req.name}; run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {req.name}=={pins[name]}, outside pyproject.toml's {req}; run `make lock`")


def test_lock_files_pyproject_declares_ranges_not_pins() -> None:
    """Exact pins belong in the lock files; only data packages (the spaCy pipeline) are exact."""
    exact = [str(r) for r in _requirements("dev", "train", "dask")
             if any(s.operator == "==" for s in r.specifier) and "core-web-sm" not in r.name]
    assert exact == []


def test_lock_files_name_no_machine_local_index() -> None:
    """A lock file that names this machine's package mirror would send a user's pip looking for it."""
    for lock in ("lock.txt", "dev.lock.txt"):
        text = (ROOT / "requirements" / lock).read_text(encoding="utf-8")
        assert "file:///" not in text and "--find-links" not in text, lock

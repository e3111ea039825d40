"""Model folders are data, checked at load: ``MANIFEST.sha256`` lists ``<sha256>  <file>``.

Every shipped model (``propscope/models/*``) and every folder passed with ``--model`` goes
through :func:`check_manifest` before a byte of it is used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from propscope.errors import ModelError

__all__ = ["MANIFEST", "check_manifest", "sha256_file", "write_manifest"]

MANIFEST = "MANIFEST.sha256"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_manifest(model_dir: Path) -> Path:
    """``sha256  name`` for every file of ``model_dir`` but the manifest itself."""
    model_dir = Path(model_dir)
    lines = [f"{sha256_file(p)}  {p.name}" for p in sorted(model_dir.iterdir()) if p.is_file() and p.name != MANIFEST]
    out = model_dir / MANIFEST
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def check_manifest(model_dir: Path, required: Sequence[str] = (), *, analyzer: str | None = None) -> dict[str, str]:
    """Verify every file the manifest lists (and that ``required`` ones are listed).

    Returns ``{file name: sha256}``; raises :class:`ModelError` on any missing or changed file.
    """
    model_dir = Path(model_dir)
    manifest = model_dir / MANIFEST
    if not manifest.is_file():
        raise ModelError(f"model folder {model_dir} has no {MANIFEST}; it is incomplete or not a propscope model",
                         analyzer=analyzer)
    listed: dict[str, str] = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        digest, _, name = line.strip().partition("  ")
        listed[name.strip()] = digest.strip()
    for name in required:
        if name not in listed:
            raise ModelError(f"model folder {model_dir}: {MANIFEST} does not list the required file {name}",
                             analyzer=analyzer)
    for name, digest in listed.items():
        path = model_dir / name
        if not path.is_file():
            raise ModelError(f"model folder {model_dir} is missing {name} (listed in {MANIFEST})", analyzer=analyzer)
        actual = sha256_file(path)
        if actual != digest:
            raise ModelError(
                f"model file {path} does not match {MANIFEST} (sha256 {actual[:12]}…, expected {digest[:12]}…); "
                "the model is corrupt or was modified",
                analyzer=analyzer,
            )
    return listed

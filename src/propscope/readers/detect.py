"""Bytes to text (encoding detection, binary refusal) and language identification.

Language: py3langid, a maintained fork of langid.py.  Its model (97 languages, a few MB)
ships inside the PyPI wheel, so nothing is downloaded at run time; it is deterministic,
needs only numpy, and classifies a news article in well under a millisecond.  Heavier
detectors (lingua: ~100 MB of models) buy accuracy on very short strings that news
articles do not need; fastText's lid model would have to be fetched from a hub.
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from propscope.errors import BinaryInputError, EmptyInputError

__all__ = ["decode_bytes", "detect_language", "looks_binary"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KiB (after any UTF-16/32 BOM)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, enc in _BOMS if enc != "utf-8"):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, source: str | None = None) -> str:
    """Decode input bytes: BOM, then strict UTF-8, then charset-normalizer's best guess.

    A UTF-8 BOM is kept as U+FEFF (character 0), as the PTC offsets expect; readers that
    clean text drop it through the offset map.
    """
    if not data.strip():
        raise EmptyInputError("the input is empty", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return data.decode("utf-8", errors="replace")
            return data.decode(encoding, errors="replace")
    if looks_binary(data):
        raise BinaryInputError("the input is binary, not text or HTML", source=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise BinaryInputError("the input's encoding could not be detected", source=source)
    # charset-normalizer scores cp1250 and cp1252 alike on Western European text; prefer
    # cp1252 when it reads at least as well (Polish or Czech text still scores cp1250 higher).
    for match in results:
        if match.encoding == "cp1252" and match.chaos <= best.chaos and match.coherence >= best.coherence:
            best = match
            break
    return str(best)


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str, *, min_chars: int = 20, min_confidence: float = 0.5) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when too short or unsure."""
    sample = text[:4000]
    if sum(c.isalpha() for c in sample) < min_chars:
        return None
    lang, prob = _identifier().classify(sample)
    return str(lang) if prob >= min_confidence else None

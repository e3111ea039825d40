"""Dates on pages and in reports, in one format: ``5 Jan 2026``, with ``14:05 UTC`` when known.

Sources write dates in every form ("2026-01-05T14:05:00Z", "Mon, 05 Jan 2026 14:05:00 GMT",
"05/01/2026"); a reader should not have to decode each.  :func:`show_date` reads a date with
the one date reader (:func:`propscope.dates.parse_published`) and writes it one way, with the
month as a word so "05/01" is never ambiguous.  A string that is no date is shown as given.

>>> show_date("2026-01-05T14:05:00Z"), show_date("Mon, 05 Jan 2026 16:05:00 +0200"), show_date("2026-01-05")
('5 Jan 2026, 14:05 UTC', '5 Jan 2026, 14:05 UTC', '5 Jan 2026')
"""

from __future__ import annotations

from datetime import date, datetime

from propscope.dates import parse_published

__all__ = ["show_date"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(d: date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def show_date(value: object, language: str | None = None, *, undated: str = "undated") -> str:
    """``value`` (a source's date string, ISO, or a ``date``) as ``5 Jan 2026[, 14:05[ UTC]]``."""
    if value is None or value == "":
        return undated
    if isinstance(value, datetime):
        value = value.isoformat()
    elif isinstance(value, date):
        return _day(value)
    text = str(value)
    try:
        parsed = parse_published(text, language)
    except Exception:  # noqa: BLE001 - a date that breaks the reader is shown as written
        parsed = None
    if parsed is None:
        return text
    d, at = parsed
    if "T" not in at:
        return _day(d)
    return f"{_day(d)}, {at.split('T', 1)[1][:5]}" + (" UTC" if at.endswith("Z") else "")

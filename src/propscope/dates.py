"""Publication dates as sources write them, read into sortable ISO: the one date reader.

Sources give dates in every form: ISO 8601 (HTML metadata, most JSON), RFC 2822 (feeds,
e-mail), and what people write: "September 04, 2026", "03/09/2026", "4 Sept. 2026
14:05 GMT", "4 сентября 2026".  :func:`parse_published` reads them in this order:

1. **Fast paths**: ISO 8601 (``datetime.fromisoformat``, or a leading ``YYYY-MM-DD``) and
   RFC 2822 (``email.utils``).  Most dates stop here, with no third-party code.
2. **dateparser**, only as a fallback, restricted to the article's language and English
   (month names in English are common on every site), then to a few common news
   languages (:data:`FALLBACK_LANGUAGES`: the language is unknown, or the date is not in
   the article's language).  Only absolute dates are read: the relative-time parser
   is off ("yesterday", "2 hours ago" would be dated from *now*, not from when the article
   appeared) and day, month and year are all required ("Monday", "September 2026" stay
   unread), so a string with no date is never given today's date.  A leading label such
   as "Published:" or "Опубликовано:" is dropped before a second try.

Day or month first ("03/09/2026")?  **Day first**, the way most of the world writes
dates, unless the language tag names a locale that writes the month first: English as
written in the US or the Philippines (``en-US``, ``en-PH``).  A plain ``en`` is day first
(it is as often British, Irish, Indian, Australian or Nigerian as American).  When one
number cannot be a month ("09/24/2026") the order is taken from the numbers.

A date with a zone is stored in UTC with a ``Z``; a date without one is kept as the
source's local time.  Whatever is read, the source's own string is kept too (the store's
``published`` column); an unread date is reported, never silently dropped: see
:func:`propscope.corpus.ingest.ingest`.

dateparser's first call loads its language data (a fraction of a second per language),
so its parsers are built once per (languages, order) and results are cached.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

__all__ = ["day_first", "normalize_date", "parse_published", "week_of"]

#: Languages tried when an article's language is unknown (besides English).
FALLBACK_LANGUAGES = ("en", "ru", "uk", "de", "fr", "es")
#: Locales (language-REGION) that write the month first: 09/03/2026 is 3 September.
MONTH_FIRST_LOCALES = frozenset({"en-us", "en-ph"})
#: Longer strings are not a date (a paragraph in the date column): not given to dateparser.
MAX_DATE_CHARS = 100

_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"\d:\d")
_LABEL = re.compile(r"^[^\W\d_][^\d:]{0,40}:\s*")  # "Published:", "Опубликовано:", "Updated on:"
_DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],  # no "relative-time", no "timestamp"
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    # RETURN_AS_TIMEZONE_AWARE is left at its default: aware only when the string names a
    # zone (then stored in UTC), naive otherwise (kept as the source's local time).  True
    # would stamp a zoneless date with this machine's zone; False would drop a given zone.
}


def day_first(language: str | None) -> bool:
    """Whether "03/09/2026" reads as 3 September for a source in ``language`` (a BCP 47 tag
    such as ``en``, ``en-US``, ``ru``): yes unless the locale writes the month first."""
    if not language:
        return True
    return language.strip().replace("_", "-").lower() not in MONTH_FIRST_LOCALES


def _languages(language: str | None) -> tuple[str, ...]:
    from dateparser.data.languages_info import language_order

    known = set(language_order)
    base = (language or "").strip().replace("_", "-").split("-")[0].lower()
    if base and base in known:
        return tuple(dict.fromkeys((base, "en")))
    return FALLBACK_LANGUAGES


@lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...], order: str) -> Any:
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(languages), settings={**_DATEPARSER_SETTINGS, "DATE_ORDER": order})


def _fast(text: str) -> datetime | date | None:
    """ISO 8601 or RFC 2822, or None."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        pass
    m = _ISO_PREFIX.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _slow(text: str, language: str | None) -> datetime | None:
    """dateparser in the article's language (and English), then in the common news
    languages (a date in Russian on an article detected as English), with and without a
    leading label."""
    order = "DMY" if day_first(language) else "MDY"
    candidates = [c for c in dict.fromkeys((text, _LABEL.sub("", text))) if c]
    for languages in dict.fromkeys((_languages(language), FALLBACK_LANGUAGES)):
        parser = _parser(languages, order)
        for candidate in candidates:
            try:
                found = parser.get_date_data(candidate).date_obj
            except (ValueError, TypeError, OverflowError):  # dateparser on odd input
                found = None
            if found is not None:
                return found  # type: ignore[no-any-return]
    return None


@lru_cache(maxsize=8192)
def parse_published(value: str, language: str | None = None, *, fallback: bool = True) -> tuple[date, str] | None:
    """``(date, sortable ISO)`` of a publication date as a source wrote it, or None.

    The ISO string is ``YYYY-MM-DDTHH:MM:SSZ`` when the source named a zone (converted to
    UTC), ``YYYY-MM-DDTHH:MM:SS`` when it gave a time without one, ``YYYY-MM-DD`` for a
    date alone.  ``language`` (the article's) picks dateparser's languages and the order
    of day and month (:func:`day_first`).  None for anything that is not a whole date.
    ``fallback=False``: the fast paths only (ISO 8601, RFC 2822).
    """
    text = " ".join(value.split())
    if not text:
        return None
    dt = _fast(text)
    # no digit, no year: not worth dateparser's time; nor a paragraph in the date field
    if dt is None and fallback and len(text) <= MAX_DATE_CHARS and any(c.isdigit() for c in text):
        dt = _slow(text, language)
        if dt is not None and dt.tzinfo is None and not _TIME.search(text):
            dt = dt.date()  # dateparser gives midnight for a date alone: keep it a date
    if dt is None:
        return None
    if not isinstance(dt, datetime):
        return dt, dt.isoformat()
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
        return dt.date(), dt.isoformat(timespec="seconds") + "Z"
    if len(text) <= 10:
        return dt.date(), dt.date().isoformat()
    return dt.date(), dt.isoformat(timespec="seconds")


def normalize_date(value: str | None, language: str | None = None) -> tuple[str | None, str | None, str | None]:
    """``(published_at, published_date, week)`` of a date as a source gave it.

    ``published_at`` is sortable ISO (UTC when the source gave a zone), ``published_date`` is
    ``YYYY-MM-DD`` and ``week`` the Monday starting its ISO week.  Unreadable: all None.
    """
    if not value:
        return None, None, None
    parsed = parse_published(str(value), language)
    if parsed is None:
        return None, None, None
    d, at = parsed
    return at, d.isoformat(), week_of(d)


def week_of(d: date) -> str:
    return (d - timedelta(days=d.weekday())).isoformat()

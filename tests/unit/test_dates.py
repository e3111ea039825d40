"""Publication dates in the forms sources write them (issue 14 §3): read, or left unread, never 'today'."""

from __future__ import annotations

from datetime import date

import pytest

from propscope.dates import day_first, normalize_date, parse_published
from propscope.store.records import parse_date_arg

SEPT_4 = date(2026, 9, 4)


@pytest.mark.parametrize(("raw", "language", "at"), [
    # the fast paths: ISO 8601 and RFC 2822
    ("2026-09-04", None, "2026-09-04"),
    ("2026-09-04T14:05:00Z", "en", "2026-09-04T14:05:00Z"),
    ("2026-09-04T14:05:00+03:00", "en", "2026-09-04T11:05:00Z"),
    ("2026-09-04 14:05", None, "2026-09-04T14:05:00"),
    ("Fri, 04 Sep 2026 14:05:00 +0300", None, "2026-09-04T11:05:00Z"),
    # what people write, through dateparser
    ("September 04, 2026", "en", "2026-09-04"),
    ("Sept 4th, 2026", "en", "2026-09-04"),
    ("4 Sept. 2026 14:05 GMT", "en", "2026-09-04T14:05:00Z"),
    ("4 Sept. 2026 14:05 MSK", "en", "2026-09-04T11:05:00Z"),
    ("4 Sept. 2026 14:05", "en", "2026-09-04T14:05:00"),  # no zone: the source's local time
    ("4 сентября 2026", "ru", "2026-09-04"),
    ("4 сентября 2026 г., 14:05", "ru", "2026-09-04T14:05:00"),
    ("4 вересня 2026", "uk", "2026-09-04"),
    ("4. September 2026", "de", "2026-09-04"),
    ("04.09.2026", "de", "2026-09-04"),
    ("Опубликовано: 4 сентября 2026", "ru", "2026-09-04"),  # a leading label
    ("Published: September 4, 2026 at 2:05 pm EDT", "en", "2026-09-04T18:05:00Z"),
    # the language unknown, or not the date's: the common news languages are tried
    ("4 сентября 2026", None, "2026-09-04"),
    ("4 сентября 2026", "en", "2026-09-04"),
    ("4 Sept 2026", "xx-YY", "2026-09-04"),
])
def test_dates_forms_are_read(raw: str, language: str | None, at: str) -> None:
    parsed = parse_published(raw, language)
    assert parsed is not None, raw
    assert parsed == (date.fromisoformat(at[:10]), at)


@pytest.mark.parametrize("raw", ["", "   ", "N/A", "n.a.", "-", "unknown", "yesterday-ish", "yesterday", "today", "now",
                                 "2 hours ago", "вчера", "сегодня", "Monday", "September 2026", "2026", "12", "1/2/3",
                                 "31/02/2026", "13/13/2026", "4 сентября", "x" * 200,
                                 "4 September 2026 " + "x" * 100])
def test_dates_without_a_whole_date_stay_unread(raw: str) -> None:
    """Never a relative, now-based date: a string with no date is not given today's."""
    assert parse_published(raw, "en") is None
    assert parse_published(raw, "ru") is None
    assert normalize_date(raw, "en") == (None, None, None)


def test_dates_day_first_unless_the_locale_writes_the_month_first() -> None:
    assert parse_published("03/09/2026", "en") == (date(2026, 9, 3), "2026-09-03")
    assert parse_published("03/09/2026", None) == (date(2026, 9, 3), "2026-09-03")
    assert parse_published("03/09/2026", "ru") == (date(2026, 9, 3), "2026-09-03")
    assert parse_published("03/09/2026", "en-US") == (date(2026, 3, 9), "2026-03-09")
    assert parse_published("03/09/2026", "en_us") == (date(2026, 3, 9), "2026-03-09")
    assert parse_published("9/4/2026 3:15 PM", "en-US") == (SEPT_4, "2026-09-04T15:15:00")
    # a number over 12 cannot be a month: the order follows from the numbers
    assert parse_published("09/24/2026", "en") == (date(2026, 9, 24), "2026-09-24")
    assert parse_published("24/09/2026", "en-US") == (date(2026, 9, 24), "2026-09-24")
    assert day_first("en-GB") and day_first("en") and day_first(None) and not day_first("en-PH")


def test_dates_normalize_gives_the_iso_week() -> None:
    assert normalize_date("4 сентября 2026", "ru") == ("2026-09-04", "2026-09-04", "2026-08-31")
    assert normalize_date(None) == (None, None, None)


def test_dates_cli_filters_take_iso_only() -> None:
    assert parse_date_arg("2026-09-04") == "2026-09-04"
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date_arg("03/09/2026")  # ambiguous on a command line: no guessing

from __future__ import annotations

import pytest

from propscope.readers.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "date", "span_text"),
    [
        ("MOSCOW, Jan 10 (TASS) – The Kremlin said", "MOSCOW", "TASS", "Jan 10", "MOSCOW, Jan 10 (TASS) –"),
        ("LONDON, Jan 10 (Reuters) - Britain said", "LONDON", "Reuters", "Jan 10", "LONDON, Jan 10 (Reuters) -"),
        ("BEIJING (Xinhua) — China's foreign ministry", "BEIJING", "Xinhua", None, "BEIJING (Xinhua) —"),
        ("KYIV — Ukrainian forces said", "KYIV", None, None, "KYIV —"),
        ("Geneva - The World Health Organisation", "Geneva", None, None, "Geneva -"),
        ("MOSCOW, January 10. /TASS/. Russia has", "MOSCOW", "TASS", "January 10", "MOSCOW, January 10. /TASS/."),
        ("Kyiv, Ukraine (AFP) – Officials said", "Kyiv, Ukraine", "AFP", None, "Kyiv, Ukraine (AFP) –"),
        ("NEW YORK, N.Y. — A jury found", "NEW YORK, N.Y.", None, None, "NEW YORK, N.Y. —"),
        ("DAMASCUS, 3 March 2025 (SANA) – The army", "DAMASCUS", "SANA", "3 March 2025", "DAMASCUS, 3 March 2025 (SANA) –"),
        ("MOSCOW, 12 February. /TASS/. The side", "MOSCOW", "TASS", "12 February", "MOSCOW, 12 February. /TASS/."),
        ("BEIJING, Nov. 20 (Xinhua) -- China", "BEIJING", "Xinhua", "Nov. 20", "BEIJING, Nov. 20 (Xinhua) --"),
        ("BEIJING, 20 Nov. (Xinhua) -- China", "BEIJING", "Xinhua", "20 Nov.", "BEIJING, 20 Nov. (Xinhua) --"),
        # a wire's name after the place, no brackets: the agency, not a region
        ("DAMASCUS, SANA – The army restored", "DAMASCUS", "SANA", None, "DAMASCUS, SANA –"),
        ("Tehran, Dec 5, IRNA -- The spokesman", "Tehran", "IRNA", "Dec 5", "Tehran, Dec 5, IRNA --"),
        ("Caracas, Prensa Latina – The government", "Caracas", "Prensa Latina", None, "Caracas, Prensa Latina –"),
        ("YORK, Pa. — The council met", "YORK, Pa.", None, None, "YORK, Pa. —"),  # a region stays one
    ],
)
def test_readers_dateline_formats(text, place, agency, date, span_text):
    d = find_dateline(text)
    assert d is not None
    assert (d.place, d.agency, d.date) == (place, agency, date)
    assert text[d.span.start : d.span.end] == span_text


@pytest.mark.parametrize(
    "text",
    [
        "The minister - who spoke on Tuesday - said",
        "Meanwhile - the talks went on.",
        "President Putin said on Tuesday that the talks failed.",
        "",
    ],
)
def test_readers_dateline_absent(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "place", "agency", "span_text"),
    [
        # a standfirst above the dateline
        ("Officials admit the count was wrong.\nThe new figure is higher.\nPORTVALE (NORTHWIRE) — The agency said",
         "PORTVALE", "NORTHWIRE", "PORTVALE (NORTHWIRE) —"),
        ("A short lead-in line.\n\nEASTMERE, Jan 4 (Reuters) - Prices rose", "EASTMERE", "Reuters",
         "EASTMERE, Jan 4 (Reuters) -"),
        ("A short lead-in line.\nOLD HARBOUR — Fishermen said", "OLD HARBOUR", None, "OLD HARBOUR —"),
    ],
)
def test_readers_dateline_below_standfirst(text, place, agency, span_text):
    d = find_dateline(text)
    assert d is not None
    assert (d.place, d.agency) == (place, agency)
    assert text[d.span.start : d.span.end] == span_text


@pytest.mark.parametrize(
    "text",
    [
        "Rep. Jane Roe (D-XX) said on Monday that the bill fails.",
        "Senator John Doe (R-Texas) – a long-time critic – said",
        "Democratic Senator John Doe (NY) repeating the claim on Monday.",  # a title after a party word
        "DB: So what happened next?\nJS: We left.",
        "NewsWorld, Politics - The minister resigned",
        "WATCH (Aired May 2, 2019): The mayor opens the bridge",
        "A lead-in line.\nWATCH (Aired May 2, 2019): The mayor opens the bridge",
        "UPDATE — The bridge reopened on Monday.",
        # a headline of title-case segments, not a place and a sentence
        "Mayor Out – Deputy Roe In At City Hall – Jane Doe As Head Of Police\nThe council voted.",
        # below the first line only the strict forms count, and only near the top
        "The minister spoke.\nLater - much later - he left.",
        "The minister spoke.\nGeneva (in the rain) was quiet.",
        "Line one.\nLine two.\nLine three.\nLine four.\nLine five.\nPORTVALE (NORTHWIRE) — Late dateline",
    ],
)
def test_readers_dateline_lookalikes(text):
    assert find_dateline(text) is None


def test_readers_dateline_of_a_quoted_story_is_not_the_articles():
    assert find_dateline("The judge ruled on Friday.\nThe Harbour Gazette reported:\nPORTVALE (AP) — A judge") is None

from __future__ import annotations

import pytest

from propscope.errors import EmptyInputError
from propscope.readers.text import clean_scraped_text, is_furniture, learn_repeated_lines, read_text

SCRAPED = """\
Kremlin slams 'foreign-backed coup' attempt in ally state
News > World > Eurasia
Kremlin slams 'foreign-backed coup' attempt in ally state

MOSCOW, Jan 10 (TASS) – President Vladimir Putin on Tuesday condemned what he called a \
foreign-backed coup in the republic, RIA Novosti reported.

"These are terrorists, criminals and marauders," he told the Security Council.

The Collective Security Treaty Organization (CSTO) will send a peacekeeping contingent.

Most read
West prepares new sanctions package
Moldova bans opposition broadcaster
Share on Telegram
Subscribe to our newsletter
© 2026 Example Wire. All rights reserved.
"""


def test_readers_text_drops_title_repeated_title_crumb_and_link_list():
    a = read_text(SCRAPED, source="kremlin.txt")
    assert a.title == "Kremlin slams 'foreign-backed coup' attempt in ally state"
    assert "Kremlin slams" not in a.text
    assert "Most read" not in a.text and "Share on Telegram" not in a.text and "©" not in a.text
    assert "News > World" not in a.text
    assert a.text.startswith("MOSCOW, Jan 10 (TASS) –")
    assert a.text.endswith("peacekeeping contingent.")
    reasons = [b.reason for b in a.removed]
    assert reasons.count("title") == 1 and reasons.count("repeated_title") == 1
    assert any(b.text == "Moldova bans opposition broadcaster" for b in a.removed)


def test_readers_text_parses_dateline_and_keeps_it_in_text():
    a = read_text(SCRAPED)
    assert a.dateline is not None
    assert (a.dateline.place, a.dateline.agency, a.dateline.date) == ("MOSCOW", "TASS", "Jan 10")
    assert a.text[a.dateline.span.start : a.dateline.span.end] == "MOSCOW, Jan 10 (TASS) –"


def test_readers_text_keeps_paragraphs_and_sentences():
    a = read_text(SCRAPED)
    assert len(a.paragraphs) == 3
    assert a.text[a.sentences[1].start : a.sentences[1].end].startswith('"These are terrorists')
    assert a.language == "en"


def test_readers_text_removed_blocks_point_into_raw():
    a = read_text(SCRAPED)
    for block in a.removed:
        assert SCRAPED[block.raw_start : block.raw_end].strip() == block.text


def test_readers_text_normalises_whitespace_by_deletion_only():
    raw = "Title\r\n\r\n  The  army\u200b  said\t\tit   was ready.  \r\nIt left.\r\n"
    a = read_text(raw)
    assert a.text == "The army said\tit was ready.\nIt left." or a.text == "The army said it was ready.\nIt left."
    for i, c in enumerate(a.text):
        assert raw[a.offsets.char_to_raw(i)] == c


def test_readers_text_bom_is_removed_but_offsets_count_it():
    raw = "\ufeffHeadline here\n\nBody sentence one.\n"
    a = read_text(raw)
    assert a.text == "Body sentence one."
    assert a.raw_span((0, 4)) == (16, 20)
    assert raw[16:20] == "Body"


def test_readers_text_without_title_line():
    a = read_text("First sentence here.\nSecond one.", has_title_line=False, title="Given")
    assert a.title == "Given" and a.text.startswith("First sentence")


def test_readers_text_learned_repeated_lines_are_removed_anywhere():
    bodies = [
        f"Headline {i}\n\nFollow us on Telegram for the latest news.\nSentence {i} of the story goes here.\n"
        f"Read also: our coverage.\nAnother sentence {i} closes it.\n"
        for i in range(4)
    ]
    learned = learn_repeated_lines(bodies)
    assert "follow us on telegram for the latest news." in learned
    assert all(f"sentence {i} of the story goes here." not in learned for i in range(4))
    a = read_text(bodies[0], repeated_lines=learned)
    assert "Telegram" not in a.text and "Read also" not in a.text
    assert "Sentence 0 of the story goes here." in a.text


def test_readers_text_furniture_rules_are_general():
    assert is_furniture("Top stories")
    assert is_furniture("Home » Politics » Europe")
    assert is_furniture("https://example.org/story/123")
    assert is_furniture("Copyright 2026 Some Outlet. All rights reserved.")
    assert not is_furniture("The minister said the drills were a provocation.")
    assert not is_furniture("Is this the end of the alliance?")


def test_readers_text_only_boilerplate_is_an_error():
    with pytest.raises(EmptyInputError):
        read_text("Headline\nMost read\nShare\n", source="x.txt")
    with pytest.raises(EmptyInputError):
        clean_scraped_text("   \n\n  ")


def test_readers_text_a_link_to_another_story_is_removed_mid_article():
    raw = ("Headline\n\nThe minister spoke on Monday about the drills.\nRead also: Opposition leader flees abroad\n"
           "READ MORE | Sanctions bite\nRelated: this is a whole sentence of prose that stays.\n"
           "Read also the statement, which ran to ten pages, before judging.\nThe drills end on Friday.\n")
    a = read_text(raw)
    assert "Opposition leader flees" not in a.text and "Sanctions bite" not in a.text
    assert "Related: this is a whole sentence of prose that stays." in a.text  # a sentence: prose
    assert "Read also the statement" in a.text  # no colon or bar: prose
    assert [b.reason for b in a.removed if "flees" in b.text or "bite" in b.text] == ["read_more", "read_more"]


def test_readers_text_a_byline_names_the_authors_and_leaves_the_text():
    from propscope.readers.text import byline_authors

    raw = ("Headline\nBy Ana Rell and Tom Balm\n\nThe minister spoke on Monday about the drills.\n"
           "Reporting by Ivan Petrenko; Editing by Zhou Ming\n")
    a = read_text(raw)
    assert a.authors == ("Ana Rell", "Tom Balm", "Ivan Petrenko")
    assert a.text == "The minister spoke on Monday about the drills."
    assert [b.reason for b in a.removed] == ["title", "byline", "byline"]
    assert byline_authors("By the way, nobody came") == ()  # prose, not a byline
    assert byline_authors("by Ana Rell, Tom Balm & Li Wei") == ("Ana Rell", "Tom Balm", "Li Wei")


def test_readers_text_a_first_line_opening_with_a_dateline_is_the_body_not_a_title():
    from propscope.readers.text import clean_scraped_text

    c = clean_scraped_text("TARSK (Nordwire) — The harbour board said on Tuesday the bridge will close.\nMore text.")
    assert c.title is None
    assert c.text.startswith("TARSK (Nordwire) — The harbour board")
    assert c.dateline is not None and c.dateline.agency == "Nordwire"


def test_readers_text_a_long_first_sentence_with_a_full_stop_is_prose_but_a_short_one_is_a_title():
    from propscope.readers.text import clean_scraped_text

    prose = ("The harbour board voted on Monday to close the old swing bridge for repairs that will last "
             "most of the coming winter, its chair said.")
    c = clean_scraped_text(prose + "\nA second paragraph.")
    assert c.title is None and c.text.startswith("The harbour board voted")
    c = clean_scraped_text("Bridge Will Close for Winter.\nThe harbour board voted on Monday.")
    assert c.title == "Bridge Will Close for Winter." and c.text.startswith("The harbour board")


def test_readers_text_a_wire_byline_names_the_writers():
    from propscope.readers.furniture import wire_byline

    raw = ("Mira Sollen and Teo Varga, The Associated Press\n\n"
           "NORVIK -- The port reopened on Tuesday after a week of strikes.\n")
    a = read_text(raw, has_title_line=False)
    assert a.authors == ("Mira Sollen", "Teo Varga")
    assert [b.reason for b in a.removed] == ["byline"]
    assert a.text.startswith("NORVIK -- The port reopened")
    assert wire_byline("By Ana Rell | Reuters") == (("Ana Rell",), "Reuters")
    assert wire_byline("Ana Rell, Norvik Gazette") == (("Ana Rell",), "Norvik Gazette")  # a word of the news media
    # a title, a photo credit, a place, an office: no byline
    for line in ("Gina Roe, New Agency Director", "Sara Sandell, White House Press Secretary", "Ana Rell, Getty Images",
                 "PORTVALE, Mo.", "The President, Reuters",
                 "By Ana Rell, Norvik Gazette, September 26, 2018:"):
        assert wire_byline(line) is None, line


def test_readers_text_a_shop_widget_goes_and_the_body_around_it_stays():
    from propscope.readers.furniture import price_widget

    offer = "Best Price: $5.64 Buy New $5.00 (as of 10:35 EDT - Details)"
    raw = ("Headline\n\nThe first line of the body.\n"
           f"The Tyranny of Good In... Ivo Marr, La... {offer}\n"  # a line of its own
           f"They never happened.” No Place to Hide: Edwa... Ana Rell {offer}\n"  # after a sentence
           f"Polls in key states .” Norvik Days Dr. Bo Lind {offer} She calls it a gift.\n"  # on both sides
           "The last line of the body.\n")
    a = read_text(raw)
    assert a.text == ("The first line of the body.\nThey never happened.”\n"
                      "Polls in key states .” She calls it a gift.\nThe last line of the body.")
    assert [b.reason for b in a.removed] == ["title", "ad", "ad", "ad"]
    assert len(a.paragraphs) == 4  # the widget's own line was no paragraph break
    # a body that runs into the title without a sentence end: only the offer goes
    line = "The section that caught our eye is the following: Guilty as Sin: Uncover... Ed Klein " + offer
    a0, b0 = price_widget(line)
    assert line[a0:b0] == offer
    assert price_widget("Prices rose: a loaf costs $5.00 now.") is None

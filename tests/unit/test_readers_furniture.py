from __future__ import annotations

import pytest

from propscope.readers.furniture import caption_text_span, closing_reason, furniture_reason
from propscope.readers.text import read_text


@pytest.mark.parametrize("line,reason", [
    ("© Sputnik / Pavel Lisitsyn", "credit"),
    ("REUTERS/Chris Wattie", "credit"),
    ("Luis Tato/AFP/Getty Images", "credit"),
    ("[Photo/VCG]", "credit"),
    ("© AFP The minister was greeted by protesters", "caption"),
    ("Open this photo in gallery A tram crosses the bridge in the old town. Ana Rell/Reuters", "caption"),
    ("A tram crosses the bridge in the old town. (Ana Rell/CBC).", "caption"),
    ("pic.twitter.com/AbC123xyz", "embed_id"),
    ("Share this story", "share"),
    ("Email *", "form"),
    ("Phone This field is for validation purposes and should be left unchanged.", "form"),
    ("Zip Code * This field is for validation purposes and should be left unchanged.", "form"),
    ("Sign up for our free newsletter and get the news in your inbox.", "newsletter"),
    ("Story continues below advertisement", "ad"),
    ("READ MORE: Tram line to close for a month", "read_more"),
    ("With files from Ana Rell", "source_note"),
    ("Tom Balm, The Associated Press", "source_note"),
    ("Via Harbour Ledger…", "source_note"),
    ("H/T The Carver Standard", "source_note"),
    ("via www.harbourledger.example/news/tram", "source_note"),
])
def test_furniture_classes(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Subscribe to the newsletters of websites you enjoy.",
    "Related: this is a whole sentence of prose that stays.",
    "The AP/NORC poll found that most voters disagreed.",
    "–Bloomberg",
    "— Ana Rell (@anarell) May 1, 2018",
    "He shared the photo on Facebook, the police said.",
    "Ana Rell is a reporter with the city paper, the court heard.",
    "We said this field is for validation purposes and should be left unchanged.",
    "Via Rail said on Monday it would cut two routes.",
    "Hat tip to a reader who sent the photo.",
])
def test_prose_and_embedded_posts_stay(line):
    assert furniture_reason(line) is None


def test_bio_only_among_closing_lines():
    raw = ("Headline\n\nAna Rell is a reporter with CBC News in Halifax.\nThe tram line closes on Monday.\n"
           "Tom Balm is a reporter with CBC News in Halifax.\n")
    a = read_text(raw)
    assert a.text == "Ana Rell is a reporter with CBC News in Halifax.\nThe tram line closes on Monday."
    assert [b.reason for b in a.removed][-1] == "bio"
    assert closing_reason("Tom Balm is a reporter with CBC News.") == "bio"


def test_furniture_removed_mid_article_and_offsets_hold():
    raw = ("Headline\n\nThe mayor opened the tram line on Monday.\nREUTERS/Chris Wattie\nShare this story\n"
           "Story continues below advertisement\n\"It is a great day,\" she said.\n")
    a = read_text(raw)
    assert a.text == "The mayor opened the tram line on Monday.\n\n\"It is a great day,\" she said."
    for i, c in enumerate(a.text):
        assert raw[a.offsets.char_to_raw(i)] == c


def test_caption_reporting_speech_keeps_its_text_without_credit():
    line = "Asked about the line, Ana Rell says: 'Just ride it.' (Tom Balm/CBC)."
    start, end = caption_text_span(line)
    assert line[start:end] == "Asked about the line, Ana Rell says: 'Just ride it.'"
    a = read_text(f"Headline\n\nThe line opened.\n{line}\nIt runs all night.\n")
    assert "Tom Balm" not in a.text and "Just ride it." in a.text
    assert any(b.reason == "caption_credit" for b in a.removed)


def test_edge_rule_does_not_pass_a_caption_into_subheadings():
    raw = ("Headline\n\nA tram in the old town. (Ana Rell/CBC).\n"
           "Witness says water surged inland\nThe storm hit the coast on Monday.\n")
    a = read_text(raw)
    assert a.text.startswith("Witness says water surged inland")


POLL = ("Should the mayor resign?\nShould the mayor resign?\n* Yes, right now.\nNo, let him stay.\nMaybe?\n"
        "Email *\nCompleting this poll grants you access to Lamp updates free of charge.\nYou may opt out at anytime.\n"
        "You also agree to this site's Privacy Policy and Terms of Use.\n")


def test_poll_widget_question_answers_and_form_go_and_a_glued_opener_is_cut_issue_15():
    raw = ("Harbour news\nThe ferry was late again on Monday, the captain said.\n"
           "Crowds waited at the quay. take our poll - story continues below Should the mayor resign?\n"
           + POLL + "The council will meet on Friday.\n")
    article = read_text(raw)
    assert article.text.split() == ("The ferry was late again on Monday, the captain said.\nCrowds waited at the quay.\n"
                                    "The council will meet on Friday.").split()
    assert all(raw[b.raw_start : b.raw_end].strip() == b.text for b in article.removed)
    assert {b.reason for b in article.removed} == {"title", "ad", "form"}


def test_a_question_the_article_asks_twice_with_no_poll_form_after_it_stays():
    raw = ("Harbour news\nShould the mayor resign?\nShould the mayor resign?\nThe council asked it twice, and "
           "nobody on the benches answered before the vote on the budget of the harbour and the ferry.\nIt was late.\n")
    assert "Should the mayor resign?\nShould the mayor resign?" in read_text(raw).text


@pytest.mark.parametrize("line,reason", [
    ("Please help support us with cryptocurrency donations.", "appeal"),
    ("Support our journalism Please consider subscribing today to support stories like this one.", "appeal"),
    ("Already a subscriber?", "appeal"),
    ("You can unsubscribe at any time.", "appeal"),
    ("Support us on Patreon", "appeal"),
    ("Please consider donating to keep this site running.", "appeal"),
    ("Click below to Subscribe to the Gazette's YouTube channel!", "appeal"),
    ("Subscribe Today!", "newsletter"),
])
def test_furniture_donation_and_subscription_pleas_are_appeals(line, reason):
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Please support the families of the victims.",
    "Please support our troops.",
    "Support our farmers in the drought, the minister urged.",
    "The candidate asked for donations to support her campaign.",
    "We rely on the Constitution and its readers.",
    "If you value your freedom, vote.",
])
def test_furniture_pleas_in_the_article_s_own_prose_stay(line):
    assert furniture_reason(line) is None


def test_furniture_donation_plea_under_the_title_is_removed_and_offsets_hold():
    raw = ("A Tram Line Closes\n\nPlease help support us with cryptocurrency donations.\n"
           "The tram line will close for a month, the council said.\n")
    a = read_text(raw)
    assert a.text == "The tram line will close for a month, the council said."
    assert [b.reason for b in a.removed][-1] == "appeal"
    for i, c in enumerate(a.text):
        assert raw[a.offsets.char_to_raw(i)] == c

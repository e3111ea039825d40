"""Attributions the page layout states: vox pops both ways round, and transcript labels."""

from __future__ import annotations

from types import SimpleNamespace

from propscope.analyzers.attribution.analyzer import _layout_attributions
from propscope.analyzers.attribution.layouts import lone_quotations
from propscope.analyzers.quotes import find_quotes
from propscope.article import Span

from speaker_samples import line_spans


def _texts(text: str, found) -> list[tuple[str, str, str]]:
    return [(text[f.source[0] : f.source[1]], text[f.cue[0] : f.cue[1]],
             " ".join(text[a:b] for a, b in f.content)) for f in found]


def test_quote_then_dash_then_name_on_each_line_is_a_vox_pop():
    text = ("“The new bridge has cut my commute in half.” ― Mara Lind\n"
            "“Nobody asked us before they closed the market.”\u00a0― Tomas Vey\u00a0\n"
            "\"Prices keep going up.\" — Ana Kell.")
    found = _layout_attributions(text, [Span(0, len(text))])
    assert _texts(text, found) == [
        ("Mara Lind", "―", "“The new bridge has cut my commute in half.”"),
        ("Tomas Vey", "―", "“Nobody asked us before they closed the market.”"),
        ("Ana Kell", "—", "\"Prices keep going up.\""),
    ]


def test_name_then_dash_then_quote_takes_the_rest_of_the_paragraph():
    text = "Carla Sanchez ― “Trump must stop portraying Latinos as gangsters.”"
    found = _layout_attributions(text, [Span(0, len(text))])
    assert _texts(text, found) == [("Carla Sanchez", "―", "“Trump must stop portraying Latinos as gangsters.”")]


def test_a_dash_inside_running_text_or_before_a_lowercase_word_is_no_vox_pop():
    for text in ("“We will rebuild,” he said ― and the crowd cheered.",
                 "The council voted ― “a historic day” ― to close the plant.",
                 "“It is over.” ― according to officials"):
        assert _layout_attributions(text, [Span(0, len(text))]) == [], text


def test_transcript_speaker_label():
    text = "WALLACE: Let's start with the economy.\nREYES: Gladly.\nWALLACE: Good."
    paragraphs = [Span(0, 38), Span(39, 53), Span(54, len(text))]
    found = _layout_attributions(text, paragraphs)
    assert _texts(text, found)[0] == ("WALLACE", ":", "Let's start with the economy.")
    assert [t[0] for t in _texts(text, found)] == ["WALLACE", "WALLACE"]  # REYES occurs once and nowhere else


def test_a_label_named_elsewhere_is_a_speaker_but_a_wire_heading_is_not():
    text = ("Host Chris Wallace spoke to the minister.\nWALLACE: Is the plan dead?\n"
            "MARKET WATCH: Shares fell 2 percent, traders said.")
    paragraphs = line_spans(text)
    assert [t[0] for t in _texts(text, _layout_attributions(text, paragraphs))] == ["WALLACE"]


def test_mixed_case_interview_labels_that_recur_are_turns():
    text = "Newsline: What comes next?\nOlga Marin: We wait.\nNewsline: For how long?\nOlga Marin: A year.\nPhoto: Newsline"
    paragraphs = line_spans(text)
    assert [(t[0], t[2]) for t in _texts(text, _layout_attributions(text, paragraphs))] == [
        ("Newsline", "What comes next?"), ("Olga Marin", "We wait."), ("Newsline", "For how long?"),
        ("Olga Marin", "A year.")]


def test_the_dateline_is_never_part_of_a_source_or_a_content():
    from propscope.analyzers.attribution.analyzer import Found, _outside_dateline

    text = "ISTRAVA, Jan 10 (Meridian) - Karvinia's president said order had been restored."
    end = text.index("Karvinia")
    f = Found([(0, text.index(" said"))], (text.index("said"), text.index("said") + 4), (0, text.index(" said")))
    g = Found([(text.index("order"), len(text) - 1)], (text.index("said"), text.index("said") + 4),
              (0, end - 2))  # a source wholly inside the dateline goes
    kept = _outside_dateline(text, [f, g], end - 1)
    assert [text[a:b] for a, b in kept[0].content] == ["Karvinia's president"]
    assert text[kept[0].source[0] : kept[0].source[1]] == "Karvinia's president"
    assert kept[1].source is None and text[kept[1].content[0][0] : kept[1].content[0][1]] == "order had been restored"


def test_a_transcript_turn_runs_over_the_lines_after_its_label_until_the_next_label():
    # one sentence per line, the whole transcript one paragraph
    text = ("Host Ben Marsh spoke with reporter Ida Vance.\nMARSH: Welcome.\nWhat did you find?\n"
            "IDA VANCE, DAILY LAMP: Plenty.\nThe files are real.\nMARSH: Thank you.\n"
            "Article posted with permission from the Daily Lamp")
    found = _layout_attributions(text, [Span(0, len(text))])
    assert [(t[0], t[2]) for t in _texts(text, found)] == [
        ("MARSH", "Welcome.\nWhat did you find?"), ("IDA VANCE", "Plenty.\nThe files are real."),
        ("MARSH", "Thank you.")]
    assert all(f.layout == "transcript" for f in found)


def test_question_and_answer_labels_take_the_name_that_first_held_the_role():
    text = "BACON Q: Is that your address?\nGILANI A: Yes.\nQ: And you wrote to them?\nA: I forgot.\nQ: Really?"
    found = _layout_attributions(text, [Span(0, len(text))])
    assert [(t[0], t[2]) for t in _texts(text, found)] == [
        ("BACON", "Is that your address?"), ("GILANI", "Yes."), ("BACON", "And you wrote to them?"),
        ("GILANI", "I forgot."), ("BACON", "Really?")]
    text = "Q: What now?\nA: We wait."  # no name took the roles: the outlet's own interview, no speaker
    assert _layout_attributions(text, [Span(0, len(text))]) == []


def test_label_person_matches_the_surname_and_an_agreeing_first_name():
    from propscope.analyzers.attribution.layouts import label_person

    people = [("1", "Sara Carter"), ("2", "Sean Hannity"), ("3", "Jimmy Carter"), ("4", "Ida Vance")]
    assert label_person("HANNITY", people) == "2"
    assert label_person("SARAH CARTER", people) == "1"
    assert label_person("CARTER", people) is None  # two Carters: no guess
    assert label_person("VANCE", people) == "4"
    assert label_person("MARSH", people) is None


def test_host_outlet_is_the_outlet_the_host_is_introduced_with():
    from propscope.analyzers.attribution.layouts import host_outlet

    text = "On Tuesday Fox News host Sean Hannity spoke with Ida Vance of Reuters.\nHANNITY: Hello."
    a, b = host_outlet(text, ["Sean Hannity", "Hannity"])
    assert text[a:b] == "Fox News"
    assert host_outlet("Sean Hannity spoke with Ida Vance of Reuters.", ["Sean Hannity", "Hannity"]) is None


def test_embedded_posts_are_their_authors_words_and_keep_their_signature_out():
    from propscope.analyzers.attribution.layouts import post_author, posts

    text = ("The mayor spoke on Monday about the new bridge and the traffic it will bring to the old town.\n"
            "Lanes are closed at the port today. pic.twitter.com/AbC123 — Ida Vance (@idavance) May 7, 2018\n"
            "Troops arrived at the bridge.\nThey are building a fence.\n"
            "https://t.co/xY pic.twitter.com/Zz9 — bananas 🍌 (@banana_fan) May 8, 2018\n"
            "The council met later.")
    found = posts(text, [Span(0, len(text))])
    got = [(text[c[0] : c[1]], post_author(text[n[0] : n[1]], h)) for c, n, h, _sig in found]
    assert got == [("Lanes are closed at the port today.", "Ida Vance"),
                   ("Troops arrived at the bridge.\nThey are building a fence.", "Twitter user @banana_fan")]
    found = _layout_attributions(text, [Span(0, len(text))])
    assert [f.layout for f in found] == ["post", "post"]


def test_a_post_display_name_is_a_person_only_when_the_handle_shares_a_word_with_it():
    from propscope.analyzers.attribution.layouts import post_author

    assert post_author("Ida Vance", "TVnewsIda") == "Ida Vance"
    assert post_author("Ida Vánce 🛴", "vance_ida") == "Ida Vánce"
    assert post_author("Grumpy Otter 🇬🇧", "SleepyYardCat") == "Twitter user @SleepyYardCat"
    assert post_author("The Real Ida IV", "idalove") == "Twitter user @idalove"


def test_a_line_ending_with_a_colon_is_the_articles_introduction_of_a_post_not_the_post():
    from propscope.analyzers.attribution.layouts import posts

    text = "Bolton is confident of one thing:\npic.twitter.com/F1d — Ida Vance (@idavance) May 7, 2018"
    assert posts(text, [Span(0, len(text))]) == []


def test_a_single_label_or_a_headline_label_keeps_to_its_own_line():
    # plain news: "Name: claim" headlines and one-off labels are no transcript, so no turn runs on
    text = "Mara Lind: The port must close\n\nLind spoke on Monday.\n\nThe council met later."
    paragraphs = [Span(0, 30), Span(32, 53), Span(55, len(text))]
    found = _layout_attributions(text, paragraphs)
    assert [(t[0], t[2]) for t in _texts(text, found)] == [("Mara Lind", "The port must close")]


def test_a_post_above_its_signature_runs_up_to_a_tweets_length():
    from propscope.analyzers.attribution.layouts import posts

    body = ["Troops of the third brigade arrived at the river crossing on Friday, sent ahead of the vote.",
            "Soldiers laid out wire along the bank of the river south of the old mill and the bridge.",
            "#border #army #river"]
    text = ("The council met on Monday and heard the long report of the harbour master on the new quay, the ferry "
            "timetable and the cost of dredging the channel before winter.\n"
            + "\n".join(body) + " pic.twitter.com/Q1 — Ida Vance (@idavance) May 7, 2018\nThe end.")
    (content, _n, _h, _s), = posts(text, [Span(0, len(text))])
    assert text[content[0] : content[1]] == "\n".join(body)


def test_a_content_piece_that_opens_a_quotation_of_several_lines_runs_to_its_close():
    from propscope.analyzers.attribution.layouts import complete_quotations
    from propscope.analyzers.quotes import find_quotes

    text = "“It is late,” the mayor said.\n“We have a plan.\nIt covers the port.\nIt starts now.”\nThe end."
    paras, pos = [], 0
    for line in text.split("\n"):
        paras.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    quotes = find_quotes(text, paras)
    first = text.index("“We have")
    contents = [[(0, text.index(" the mayor")), (first, text.index("\nIt covers"))]]
    complete_quotations(text, contents, quotes, [(text.index("the mayor"), text.index(" said"))])
    assert text[contents[0][1][0] : contents[0][1][1]] == "“We have a plan.\nIt covers the port.\nIt starts now.”"
    inside = [[(first, text.index(" a plan"))]]  # stops inside a sentence: left alone
    complete_quotations(text, inside, quotes)
    assert inside[0][0][1] == text.index(" a plan")



def test_a_content_piece_that_closes_a_quotation_of_several_lines_runs_back_to_its_opening():
    from propscope.analyzers.attribution.layouts import complete_quotations
    from propscope.analyzers.quotes import find_quotes

    text = "The trial began.\n“This is a terrible day.\nThe judge is unfair!” Dow wrote.\nThe end."
    paras, pos = [], 0
    for line in text.split("\n"):
        paras.append(Span(pos, pos + len(line)))
        pos += len(line) + 1
    contents = [[(text.index("The judge"), text.index(" Dow"))]]
    complete_quotations(text, contents, find_quotes(text, paras), [(text.index("Dow"), text.index(" wrote"))])
    assert text[contents[0][0][0] : contents[0][0][1]] == "“This is a terrible day.\nThe judge is unfair!”"


def test_a_post_above_its_signature_stops_at_the_articles_reported_speech():
    from propscope.analyzers.attribution.layouts import posts

    text = ("The mayor, however, said that the fence would be finished by Friday.\n"
            "Someone sent me this from the bridge.\nThey are already at work.\n"
            "pic.twitter.com/Q1 — Ida Vance (@idavance) May 7, 2018\nThe end.")
    (content, _n, _h, _s), = posts(text, [Span(0, len(text))])
    assert text[content[0] : content[1]] == "Someone sent me this from the bridge.\nThey are already at work."


def _lone(text: str, found: list | None = None) -> list[tuple[str, object, object]]:
    paragraphs = line_spans(text)
    quotes = find_quotes(text, paragraphs)
    found = found or []
    got = lone_quotations(text, paragraphs, quotes, found, lambda span, same, cue: SimpleNamespace(
        content=[span], same=same, cue=cue))
    return [(text[f.content[0][0] : f.content[0][1]], f.same, f.cue and text[f.cue[1][0] : f.cue[1][1]]) for f in got]


def test_attribution_layout_a_lone_quotation_line_is_someone_s_words():
    text = ("The harbour strike ended on Monday.\n"
            "'We never planned to close the port.'\n"
            "\u201cThe ships will be back by spring.\u201d\n"
            "Mayor Ian Lind said: \"We never planned to close the port.\"\n")
    said = SimpleNamespace(content=[(text.rindex('"We never'), len(text) - 1)], speaker="Ian Lind")
    got = _lone(text, [said])
    assert got == [("'We never planned to close the port.'", said, None),
                   ("\u201cThe ships will be back by spring.\u201d", None, None)]


def test_attribution_layout_a_lone_quotation_after_a_said_colon_line_takes_its_subject():
    text = "Lind spoke after the vote.\nHe said:\n\"We have a port that works every day.\"\n"
    assert _lone(text) == [("\"We have a port that works every day.\"", None, "He")]


def test_attribution_layout_headings_titles_and_attributed_quotations_are_no_lone_quotation():
    text = ("The strike ended.\n'Back To The Docks Again.'\n\u201cTodayShow\u201d\n"
            "\u201cWe will be back by spring,\u201d Lind said.\nIt's a 'new start' for the port.\n")
    cued = [SimpleNamespace(content=[(text.index("\u201cWe"), text.index(" Lind"))], speaker="Lind")]
    assert _lone(text, cued) == []


def test_attribution_layout_a_lone_quotation_holding_its_credit_line_takes_the_speaker_of_its_words():
    text = ("\"Ports run on trust, and trust takes years to build again after a strike.\nIan Lind, Harbour Board.\"\n"
            "The strike ended on Monday.\n"
            "\u201cPorts run on trust, and trust takes years to build again after a strike,\u201d said Ian Lind.\n")
    start = text.index("\u201cPorts")
    said = SimpleNamespace(content=[(start + 1, text.index(",\u201d said"))], speaker="Ian Lind")
    got = _lone(text, [said])
    assert [(g[1], g[2]) for g in got] == [(said, None)]  # one attribution, not one per line it spans
    # a few words in common are not the same quotation
    short = SimpleNamespace(content=[(start + 1, start + 1 + len("Ports run on trust"))], speaker="Ian Lind")
    assert [(g[1], g[2]) for g in _lone(text, [short])] == [(None, None)]

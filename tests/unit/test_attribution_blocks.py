"""Blocks the layout marks (issue 15 §3, §5): "RT reports:" and the copied passage after it."""

from __future__ import annotations

from propscope.analyzers.attribution.analyzer import Found, _with_blocks
from propscope.analyzers.attribution.layouts import block_marker, blocks
from propscope.article import Span

from speaker_samples import line_spans


_paras = line_spans


def _marker(line: str) -> str | None:
    span = block_marker(line, Span(0, len(line)))
    return None if span is None else line[span[0] : span[1]]


def test_block_markers_name_the_outlet_or_the_speaker():
    assert _marker("RT reports:") == "RT"
    assert _marker("Reuters adds:") == "Reuters"
    assert _marker("A report from Norvik News tells the tale:") == "Norvik News"
    assert _marker("“Mayor Resigns Over Port Deal,” by Ana Kell, The Harbour Herald, June 8, 2018:") == \
        "Harbour Herald"
    assert _marker("Here’s The Daily Lamp’s Mara Lind explaining:") == "Mara Lind"
    assert _marker("The minister said the port was closed.") is None
    assert _marker("What happened next:") is None


def test_blocks_run_to_a_credit_line_and_step_over_furniture():
    text = ("Our own view comes first.\nNorvik News reports:\nThe port closed on Monday.\nAdvert\n"
            "Officials said it would reopen.\nArticle posted with permission from Norvik News\nMore of ours.")
    found = blocks(text, _paras(text), lambda p: text[p.start : p.end] == "Advert")
    assert len(found) == 1
    _marker_span, name, body, closed = found[0]
    assert text[name[0] : name[1]] == "Norvik News" and closed
    assert [text[a:b] for a, b in body] == ["The port closed on Monday.", "Officials said it would reopen."]


def test_blocks_stop_uncertain_at_the_writers_own_voice_or_the_next_marker():
    text = "Norvik News reports:\nThe port closed.\nI think this is a disgrace!\nNorvik News adds:\nIt may reopen."
    found = blocks(text, _paras(text), lambda p: False)
    assert [(text[n[0] : n[1]], [text[a:b] for a, b in body], closed) for _, n, body, closed in found] == [
        ("Norvik News", ["The port closed."], False), ("Norvik News", ["It may reopen."], True)]


def test_blocks_relay_the_attributions_inside_and_speak_for_the_narration():
    text = "Norvik News reports:\nThe port closed, the mayor said.\nThe end."
    paras = _paras(text)
    inner = Found([(text.index("The port"), text.index(", the mayor"))], (text.index("said"), text.index("said") + 4),
                  (text.index("the mayor"), text.index(" said")))
    out = _with_blocks(text, [inner], paras[:2])
    block = [f for f in out if f.layout == "block"]
    assert len(block) == 1 and text[block[0].source[0] : block[0].source[1]] == "Norvik News"
    assert text[inner.relay[0] : inner.relay[1]] == "Norvik News" and inner in out


def test_a_persons_statement_after_a_colon_holds_no_attributions_of_its_own():
    text = ("Here’s Mara Lind explaining:\nThe port closed, the mayor said, and it should.\n"
            "Article posted with permission from the Daily Lamp")
    paras = _paras(text)
    inner = Found([(text.index("The port"), text.index(", the mayor"))], (text.index("said"), text.index("said") + 4),
                  (text.index("the mayor"), text.index(" said")))
    out = _with_blocks(text, [inner], paras)
    assert [text[f.source[0] : f.source[1]] for f in out] == ["Mara Lind"] and inner.relay is None


def test_a_persons_statement_ends_where_the_writer_names_them_again_and_may_say_i():
    text = ("Here's The Daily Lamp's Mara Lind explaining:\nI think the talks matter.\nMy view is simple.\n"
            "Critics disagreed with Lind on the point.\nThe end.")
    out = blocks(text, [Span(0, len(text))], lambda p: False)
    assert [(text[n[0] : n[1]], [text[a:b] for a, b in body], closed) for _m, n, body, closed in out] == [
        ("Mara Lind", ["I think the talks matter.", "My view is simple."], True)]


def test_an_outlets_block_with_a_transcript_inside_runs_past_the_speakers_i_to_the_credit():
    text = ("Reuters reports:\nThe lawyer questioned the witness.\nBACON Q: Did you write?\nGILANI A: I forgot.\n"
            "Q: Really?\nArticle posted with permission from Reuters")
    out = blocks(text, [Span(0, len(text))], lambda p: False)
    assert len(out) == 1 and out[0][3] is True
    assert text[out[0][2][-1][0] : out[0][2][-1][1]] == "Q: Really?"


def test_a_persons_statement_running_to_the_end_with_no_credit_has_an_uncertain_end():
    text = "He said:\nThe port closed.\nThe council met later and the vote passed."
    out = blocks(text, _paras(text), lambda p: False)
    assert len(out) == 1 and out[0][3] is False


def test_a_bare_q_turn_keeps_the_turns_before_it_issue_15():
    from propscope.analyzers.attribution.analyzer import _layout_attributions, _merge_layout

    text = ("The lawyer pressed her.\nBACON Q: You wrote to them, didn't you?\nGILANI A: Yes, long ago.\n"
            "Q: Not long ago at all.\nA: I forgot.\nBacon ended the hearing, the clerk said.")
    tagger = Found([(text.index("Bacon ended"), text.index(", the clerk"))], (text.index("said"), text.index("said") + 4),
                   (text.index("the clerk"), text.index(" said")))
    out = _merge_layout(text, [tagger], _layout_attributions(text, _paras(text)))
    turns = sorted(text[f.content[0][0] : f.content[0][1]] for f in out if f.layout == "transcript")
    assert turns == ["I forgot.", "Not long ago at all.", "Yes, long ago.", "You wrote to them, didn't you?"]
    assert tagger in out


def test_transcript_turns_name_each_other_but_the_last_ends_where_the_writer_names_a_speaker():
    from propscope.analyzers.attribution.layouts import speaker_labels

    text = ("Ann Hansen hosts the show.\nHANSEN: Welcome.\nDow has the papers tonight.\nDOW: I do.\nThey are real.\n"
            "Dow later declined to comment.")
    turns = [text[c[0] : c[1]] for _s, _c, c in speaker_labels(text, _paras(text))]
    assert turns == ["Welcome.\nDow has the papers tonight.", "I do.\nThey are real."]


def test_block_markers_of_a_persons_argument_or_what_they_said():
    assert _marker("Here’s the crux of Lind’s argument:") == "Lind"
    assert _marker("Below is Mara Lind's full statement:") == "Mara Lind"
    assert _marker("Here is what Mara Lind had to say:") == "Mara Lind"
    assert _marker("Here is the list:") is None and _marker("This is a big deal:") is None


def test_a_statement_running_to_the_end_ends_there_when_the_reader_removed_a_credit_after_it():
    from propscope.analyzers.attribution.analyzer import _credit_after_text
    from propscope.readers.text import read_text

    text = "Here is what Mara Lind had to say:\nThe port closed.\nThe vote passed."
    assert blocks(text, _paras(text), lambda p: False, credit_at_end=True)[0][3] is True
    assert blocks(text, _paras(text), lambda p: False)[0][3] is False
    raw = "A headline\n" + text + "\nArticle posted with permission from the Daily Lamp\n"
    assert _credit_after_text(read_text(raw)) is True
    assert _credit_after_text(read_text("A headline\n" + text + "\n")) is False


def test_blocks_an_outlets_copy_ends_where_the_typography_changes():
    from propscope.analyzers.attribution.layouts import typography
    assert typography("The mayor’s office said it was “closed.”") == "curly"
    assert typography("Of course, they won't.") == "straight"
    assert typography("The port closed on Monday.") is None
    text = ("Norvik News reports:\nThe port’s gates closed on Monday.\nOfficials said it would reopen.\n"
            "Of course, that's what they always say.\nThe end.")
    found = blocks(text, _paras(text), lambda p: False)
    assert [([text[a:b] for a, b in body], closed) for _, _, body, closed in found] == [
        (["The port’s gates closed on Monday.", "Officials said it would reopen."], False)]


def test_blocks_an_embedded_post_keeps_its_own_typography():
    text = ("Norvik News reports:\nThe port’s gates closed.\nWe're at the gate now\n"
            "pic.twitter.com/x1 — Ana Kell (@anakell) November 13, 2018\nThe harbour’s traffic stopped.")
    found = blocks(text, _paras(text), lambda p: False)
    assert len(found) == 1 and len(found[0][2]) == 4


def test_blocks_an_outlets_copy_of_uncertain_end_is_still_the_outlets_words():
    text = "Norvik News reports:\nThe port closed.\nOf course, that's typical.\nNorvik News adds:\nIt may reopen."
    out = _with_blocks(text, [], _paras(text))
    assert [[text[a:b] for a, b in f.content] for f in out if f.layout == "block"] == [
        ["The port closed.", "Of course, that's typical."], ["It may reopen."]]
    person = "Here's Ana Kell explaining:\nThe port closed.\nI think it is a disgrace!"
    assert [f for f in _with_blocks(person, [], _paras(person)) if f.layout == "block"] == []


def test_blocks_an_outlets_marker_with_the_copy_on_its_line():
    from propscope.analyzers.attribution.layouts import inline_marker
    text = "Our view first.\nNorvik News reports: The port closed on Monday.\nOfficials said it would reopen."
    paras = _paras(text)
    name, opened = inline_marker(text, paras[1])
    assert text[name[0] : name[1]] == "Norvik News" and text[opened:].startswith("The port")
    assert inline_marker("Ana Kell writes: we must act.", Span(0, 29)) is None  # a person: the colon rules
    found = blocks(text, paras, lambda p: False)
    assert [[text[a:b] for a, b in body] for _, _, body, _ in found] == [
        ["The port closed on Monday.", "Officials said it would reopen."]]


def test_blocks_a_statement_told_an_outlet_runs_over_the_first_person_answers():
    from propscope.analyzers.attribution.layouts import told_marker
    text = ("The minister spoke after the vote.\nHe told Norvik News:\nWe will not close the port. I promised that.\n"
            "Our fishermen need it.\nThe vote was close.")
    paras = _paras(text)
    who, to = told_marker(text, paras[1])
    assert (text[who[0] : who[1]], text[to[0] : to[1]]) == ("He", "Norvik News")
    assert told_marker("He told the minister:", Span(0, 21)) is None  # an addressee, no outlet
    out = _with_blocks(text, [], paras)
    (block,) = [f for f in out if f.layout == "block"]
    assert [text[a:b] for a, b in block.content] == ["We will not close the port. I promised that.",
                                                     "Our fishermen need it."]
    assert text[block.source[0] : block.source[1]] == "He" and text[block.relay[0] : block.relay[1]] == "Norvik News"


def test_posts_a_signature_glued_to_the_next_sentence_closes_the_post():
    from propscope.analyzers.attribution.layouts import posts
    text = ("The troops went out, the mayor said. Troops set up wire at the bridge #RGV pic.twitter.com/x1 "
            "— Ana Kell (@anakell) November 2, 2018 For now, the troops wait.")
    (content, name, handle, _sig), = posts(text, _paras(text))
    assert text[content[0] : content[1]] == "Troops set up wire at the bridge #RGV"
    assert text[name[0] : name[1]] == "Ana Kell" and handle == "anakell"


def test_posts_keep_a_mention_that_ends_the_post_text():
    # the mention is what the author typed (a credit, a reply); only the embed's links are the signature
    from propscope.analyzers.attribution.layouts import posts
    text = ("The troops went out, the mayor said. Wire goes up at the bridge, video by @portcam pic.twitter.com/x1 "
            "— Ana Kell (@anakell) November 2, 2018 For now, the troops wait.")
    (content, _name, _handle, _sig), = posts(text, _paras(text))
    assert text[content[0] : content[1]] == "Wire goes up at the bridge, video by @portcam"


def test_posts_start_at_their_topmost_tagged_line_not_the_article_above():
    # regression: the outlet's own sentence above a post was its author's (PTC dev 763412406)
    from propscope.analyzers.attribution.layouts import posts
    text = ("Well, the questions were rhetorical.\nThe town fears the council, and it is complicit in the harm.\n"
            "My talk at the #SaveThePier rally today.\nWe need answers, and a councillor who will ask them.\n"
            "https://t.co/x1 — Ana Kell (@anakell) June 10, 2018\nKell left early.")
    (content, _name, _handle, _sig), = posts(text, _paras(text))
    assert text[content[0] : content[1]] == ("My talk at the #SaveThePier rally today.\n"
                                             "We need answers, and a councillor who will ask them.")
    # a tag on the line just above the signature is a credit or end tag: it does not shorten the post
    credit = ("The town waits.\nThree lanes were shut at the port today.\nSoldiers stand with the police.\n"
              "Reporting with @bo on this\nhttps://t.co/x2 — Ana Kell (@anakell) June 10, 2018")
    (content, _name, _handle, _sig), = posts(credit, _paras(credit))
    assert credit[content[0] : content[1]].startswith(("Three lanes", "The town"))


def test_an_outlets_own_words_inside_its_block_are_the_blocks():
    text = "Norvik News reported:\nThe port closed.\nThe report said the mayor knew, Roe said.\nThe end."
    paras = _paras(text)
    again = Found([(text.index("The port"), text.index(".\nThe report"))], (text.index("reported"),
                  text.index("reported") + 8), (0, text.index(" reported")))  # the marker tagged again
    report = Found([(text.index("the mayor"), text.index(", Roe"))], (text.index("said the"),
                   text.index("said the") + 4), (text.index("The report"), text.index(" said the")))
    roe = Found([(text.index("the mayor"), text.index(", Roe"))], (text.rindex("said"), text.rindex("said") + 4),
                (text.index("Roe"), text.index("Roe") + 3))
    out = _with_blocks(text, [again, report, roe], paras[:3])
    assert again not in out and report not in out  # the block speaks for them
    assert roe in out and text[roe.relay[0] : roe.relay[1]] == "Norvik News"  # a voice it quotes stays apart
    assert [f.layout for f in out].count("block") == 1


def test_blocks_the_markers_own_attribution_is_the_copy_once_not_twice():
    # a byline: the writer's words, relayed by the outlet, as one attribution
    text = ("“Mayor Resigns Over Port Deal,” by Ana Kell, The Harbour Herald, June 8, 2018:\n"
            "The mayor resigned on Friday.\nThe port deal had drawn protests.")
    paras = _paras(text)
    colon = text.index(":\n")
    first = text.index("The mayor")
    byline = Found([(first, text.index("\nThe port"))], (colon, colon + 1),
                   (text.index("Ana Kell"), colon))
    out = _with_blocks(text, [byline], paras)
    assert len(out) == 1 and out[0] is byline
    assert text[byline.relay[0] : byline.relay[1]] == "Harbour Herald"
    assert byline.content[0][0] == first and byline.content[-1][1] == len(text)
    # the outlet itself: the outlet's copy, once and relayed by no one
    text = "The Norvik News reported:\nThe port closed on Monday.\nOfficials met."
    paras = _paras(text)
    colon = text.index(":\n")
    own = Found([(colon + 2, text.index("\nOfficials"))], (colon, colon + 1), (0, text.index(" reported")))
    out = _with_blocks(text, [own], paras)
    assert len(out) == 1 and out[0].layout == "block" and out[0].relay is None


def test_one_statement_cut_by_a_line_break_is_attributed_once():
    # 'X wrote the "A.<newline>B."': the clause to the line end and the quotation carried over the
    # break were two attributions of one statement
    from propscope.analyzers.attribution.analyzer import Found, _one_per_source
    from propscope.analyzers.attribution.decode import quote_mask
    from propscope.analyzers.quotes import find_quotes

    text = ("Rep. Ada Roe wrote the \u201cpatriotic action is to release the whole report now.\n"
            "We paid for it and the moment needs it.\u201d\nRoe spoke later. Ian Holt said the report is long.")
    src = (0, len("Rep. Ada Roe"))
    cue = (src[1] + 1, src[1] + 6)
    line_end = text.index("\n")
    clause = Found([(cue[1] + 1, line_end)], cue, src)
    carried = Found([(text.index("\u201c"), text.index("\u201d") + 1)], None, src)
    holt = text.index("Ian Holt")
    other = Found([(text.index("the report is long"), len(text) - 1)], (holt + 9, holt + 13), (holt, holt + 8))
    mask = quote_mask(len(text), find_quotes(text, [Span(0, line_end), Span(line_end + 1, len(text))]))
    out = _one_per_source(text, [clause, carried, other], mask)
    assert len(out) == 2
    assert out[0].content == [(cue[1] + 1, text.index("\u201d") + 1)] and out[0].cue == cue
    assert out[0].kind == "mixed"
    assert out[1] is other


def test_the_frame_before_a_colon_statement_is_no_content_of_its_cue():
    # "In a statement on Friday, X said:" gave the framing phrase to X as well as the statement after the colon
    from propscope.analyzers.attribution.analyzer import Found, _frame_before_colon

    text = "In a statement on Friday, Ada Roe said:\n\"We will meet.\"\nThe plan is dead, Ian Holt said: \"No.\""
    roe = text.index("Ada Roe")
    frame = Found([(0, text.index(","))], (roe + 8, roe + 13), (roe, roe + 7))
    assert _frame_before_colon(text, frame)
    holt = text.index("Ian Holt")
    claim = Found([(text.index("The plan"), text.index(", Ian"))], (holt + 9, holt + 13), (holt, holt + 8))
    assert not _frame_before_colon(text, claim)  # words of the source, not a frame
    plain = "In a statement on Friday, Ada Roe said the talks were over."
    said = plain.index("said")
    f = Found([(0, plain.index(","))], (said, said + 4), (plain.index("Ada"), said - 1))
    assert not _frame_before_colon(plain, f)  # no colon: left to the other rules


def test_a_label_opening_a_post_is_the_post_s_heading_not_a_second_speaker():
    # "BREAKING: …" inside an embedded post was attributed to the post's author and again to "BREAKING"
    from propscope.analyzers.attribution.analyzer import Found, _merge_layout

    text = ("The agency confirmed it:\n"
            "BREAKING: Court papers say the ferry was late.\n"
            "Kell: \"We were not told.\"\n"
            "\u2014 The Norvik Courier (@NCourier) May 8, 2018\n"
            "The firm said nothing.")
    first = text.index("BREAKING")
    sig = text.index("The Norvik Courier")
    post = Found([(first, text.index("\n\u2014"))], None, (sig, sig + len("The Norvik Courier")), layout="post")
    label = Found([(first + 10, text.index("late.") + 5)], (first + 8, first + 9), (first, first + 8),
                  layout="transcript")
    kell = text.index("Kell:")
    turn = Found([(kell + 6, text.index("\n\u2014"))], (kell + 4, kell + 5), (kell, kell + 4), layout="transcript")
    out = _merge_layout(text, [], [label, turn, post])
    assert label not in out  # the post's heading
    assert turn in out and post in out  # a speaker quoted on a later line of the post stays


def test_a_credited_article_is_an_outlets_copy_though_its_name_is_unknown():
    # "“Title,” by Author, OUTLET, date:" credits an article: the voices quoted inside stay theirs,
    # relayed by the outlet, whether or not the outlet's name (a station's call letters) is known
    text = ("“Judge Denies Bail,” by Ana Kell, KZRQ, June 8, 2018:\nThe port closed, the mayor said.\n"
            "Article posted with permission from KZRQ")
    paras = _paras(text)
    inner = Found([(text.index("The port"), text.index(", the mayor"))], (text.index("said"), text.index("said") + 4),
                  (text.index("the mayor"), text.index(" said")))
    out = _with_blocks(text, [inner], paras)
    assert inner in out and text[inner.relay[0] : inner.relay[1]] == "KZRQ"
    block = [f for f in out if f.layout == "block"]
    assert len(block) == 1 and text[block[0].source[0] : block[0].source[1]] == "KZRQ"

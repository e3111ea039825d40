"""Voice of technique spans: the outlet's own words or a quoted speaker's (no model; issue 4)."""

from __future__ import annotations

from propscope.analysis import Layer
from propscope.analyzers.voice import VoiceAnalyzer
from propscope.article import Article, Span

TEXT = 'The outlet calls it a foreign-backed coup. "A foreign-backed coup," Minister Ivanov said. It was "a farce".'


def _layers():
    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = TEXT.index(s, i + 1)
        return i, i + len(s)

    tech = Layer("techniques", "techniques", "1", (
        Span(*at("foreign-backed coup"), "Loaded_Language", {"score": 0.9}),
        Span(*at("foreign-backed coup", 1), "Loaded_Language", {"score": 0.8}),
        Span(*at("farce"), "Name_Calling,Labeling", {"score": 0.7}),
    ), {"model": "x"}, "technique")
    q1 = at('"A foreign-backed coup,"')
    q2 = at('"a farce"')
    attrs = Layer("attributions", "attribution", "1", (
        Span(q1[0], q1[1], "direct", {"content": [list(q1)], "speaker": "Pavel Ivanov", "speaker_id": "person:x"}),
        Span(q2[0], q2[1], "direct", {"content": [list(q2)], "speaker": None, "speaker_id": None}),
    ), {}, "kind")
    return tech, attrs


def test_voice_outlet_speaker_and_unknown():
    tech, attrs = _layers()
    out = VoiceAnalyzer().annotate(Article(TEXT), {"techniques": tech, "attributions": attrs})["techniques"]
    assert [s.attrs["voice"] for s in out.spans] == ["outlet", "Pavel Ivanov", "unknown speaker"]
    assert out.label_key == "technique" and out.data["model"] == "x"
    assert [s.attrs["score"] for s in out.spans] == [0.9, 0.8, 0.7]
    assert out.to_json()["spans"][1]["voice"] == "Pavel Ivanov"


def test_voice_no_attributions_means_outlet():
    tech, _ = _layers()
    empty = Layer("attributions", "attribution", "1", (), {}, "kind")
    out = VoiceAnalyzer().annotate(Article(TEXT), {"techniques": tech, "attributions": empty})["techniques"]
    assert {s.attrs["voice"] for s in out.spans} == {"outlet"}


def test_voice_speech_given_to_everyone_or_no_one_is_the_outlets():
    text = ("Every patriot knows the nation stands united. Nobody doubts the traitors lied. "
            "All three ministers said the plotters failed. Only traitors want the country weak. "
            "Pavel Ivanov wants the army strong.")

    def at(s: str) -> list[int]:
        i = text.index(s)
        return [i, i + len(s)]

    items = (("stands united", "the nation stands united", "Every patriot", "knows", None),
             ("traitors lied", "the traitors lied", "Nobody", "doubts", None),
             ("plotters failed", "the plotters failed", "All three ministers", "said", None),
             ("country weak", "the country weak", "Only traitors", "want", None),
             ("army strong", "the army strong", "Pavel Ivanov", "wants", "Pavel Ivanov"))
    tech = Layer("techniques", "techniques", "1", tuple(
        Span(*at(t), "Loaded_Language", {"score": 0.5}) for t, *_ in items), {}, "technique")
    attrs = Layer("attributions", "attribution", "1", tuple(
        Span(*at(content), "indirect", {"content": [at(content)], "source": at(src), "cue": at(cue), "speaker": who})
        for _, content, src, cue, who in items), {}, "kind")
    out = VoiceAnalyzer().annotate(Article(text), {"techniques": tech, "attributions": attrs})["techniques"]
    transcript = "WALLACE: the traitors lied."
    line = Layer("attributions", "attribution", "1", (Span(9, 27, "indirect", {
        "content": [[9, 27]], "source": [0, 7], "cue": [7, 8], "speaker": "Chris Wallace"}),), {}, "kind")
    said = Layer("techniques", "techniques", "1", (Span(13, 26, "Loaded_Language", {"score": 0.5}),), {}, "technique")
    got = VoiceAnalyzer().annotate(Article(transcript), {"techniques": said, "attributions": line})["techniques"]
    assert got.spans[0].attrs["voice"] == "Chris Wallace"  # the layout states the speech
    # everyone / no one; someone's words; wishes (named or not) are worded by the outlet
    assert [s.attrs["voice"] for s in out.spans] == ["outlet", "outlet", "unknown speaker", "outlet", "outlet"]


def test_voice_a_verb_of_saying_in_any_form_is_speech():
    from propscope.analyzers.attribution.saying import is_saying_word as _saying_word

    assert all(_saying_word(w) for w in ("said", "claiming", "citing", "slammed", "disputes", "calling", "Tweeted"))
    assert not any(_saying_word(w) for w in ("seems", "believes", "wanted", "shows", "refused", "thinking", "sing"))


def test_voice_the_innermost_of_nested_attributions_wins():
    # issue 15 §3: a quote inside an outlet's copied block is the quoted person's, not the outlet's
    text = 'Norvik News reports:\nThe port closed. "It is a betrayal," the mayor said.'
    span = (text.index("a betrayal"), text.index("a betrayal") + len("a betrayal"))
    tech = Layer("techniques", "techniques", "1", (Span(*span, "Loaded_Language", {}),), {}, "technique")
    block = (text.index("The port"), len(text))
    quote = (text.index('"It'), text.index(" the mayor"))
    attrs = Layer("attributions", "attribution", "1", (
        Span(*block, "indirect", {"content": [list(block)], "speaker": "Norvik News", "cue": None}),
        Span(*quote, "direct", {"content": [list(quote)], "speaker": "Ana Kell"}),
    ), {}, "kind")
    out = VoiceAnalyzer().annotate(Article(text), {"techniques": tech, "attributions": attrs})["techniques"]
    assert out.spans[0].attrs["voice"] == "Ana Kell"


def test_voice_innermost_is_the_smaller_attribution_not_the_smaller_piece():
    # issue 15 §3: a block is one piece a line; a transcript turn inside it runs over two lines
    text = "Norvik News reports:\nDOW: You lied to me.\nYou are a liar.\nThe hearing ended."
    span = (text.index("a liar"), text.index("a liar") + len("a liar"))
    tech = Layer("techniques", "techniques", "1", (Span(*span, "Name_Calling,Labeling", {}),), {}, "technique")
    lines, pos = [], text.index("DOW")
    for line in text[pos:].split("\n"):
        lines.append([pos, pos + len(line)])
        pos += len(line) + 1
    turn = [text.index("You lied"), text.index("\nThe hearing")]
    attrs = Layer("attributions", "attribution", "1", (
        Span(lines[0][0], lines[-1][1], "indirect", {"content": lines, "speaker": "Norvik News", "cue": None}),
        Span(*turn, "direct", {"content": [turn], "speaker": "Ann Dow"}),
    ), {}, "kind")
    out = VoiceAnalyzer().annotate(Article(text), {"techniques": tech, "attributions": attrs})["techniques"]
    assert out.spans[0].attrs["voice"] == "Ann Dow"


def _voice_of(text: str, span: str, kind: str, cue: str, content: str) -> str:
    a = text.index(span)
    tech = Layer("techniques", "techniques", "1", (Span(a, a + len(span), "Loaded_Language", {}),), {}, "technique")
    c0 = text.index(content)
    k = text.index(cue)
    attrs = Layer("attributions", "attribution", "1", (
        Span(c0, c0 + len(content), kind, {"content": [[c0, c0 + len(content)]], "cue": [k, k + len(cue)],
                                            "speaker": "Ana Kell"}),), {}, "kind")
    return VoiceAnalyzer().annotate(Article(text), {"techniques": tech, "attributions": attrs})["techniques"].spans[0].attrs["voice"]


def test_voice_the_noun_object_of_a_verb_of_judging_is_the_outlets_issue_15():
    text = "Kell then called out the cowards in the council who sold the port."
    assert _voice_of(text, "the cowards", "indirect", "then called out", "the cowards in the council who sold the port") == "outlet"
    text = "Kell criticised that the cowards in the council sold the port."
    assert _voice_of(text, "the cowards", "indirect", "criticised", "that the cowards in the council sold the port") == "Ana Kell"


def test_voice_a_belief_with_quoted_words_gives_the_speaker_only_the_quoted_words_issue_15():
    text = 'Kell sees it as a ruinous plan and called it a "betrayal of the town".'
    content = 'it as a ruinous plan and called it a "betrayal of the town"'
    assert _voice_of(text, "a ruinous plan", "mixed", "sees", content) == "outlet"
    assert _voice_of(text, "betrayal of the town", "mixed", "sees", content) == "Ana Kell"


def test_voice_quoted_words_after_a_cue_in_the_sentence_are_the_speakers_issue_15():
    # the attribution's content stops short of the quote, its cue is no verb of saying: the words
    # in quotation marks are still the speaker's; scare quotes before any cue stay the outlet's
    text = ("Kell, who often blasts the council as \u2018Moscow\u2019s puppets\u2019, left. "
            "The \u201creformist\u201d mayor said taxes rise.")
    assert _voice_of(text, "Moscow\u2019s puppets", "indirect", "often blasts", "the council") == "Ana Kell"
    assert _voice_of(text, "reformist", "indirect", "said", "taxes rise") == "outlet"
    # an apostrophe is no closing quote, and a quote in the next sentence is not the cue's
    text = "Kell often blasts the council. Critics\u2019 \u2018puppets\u2019 jibe stuck."
    assert _voice_of(text, "puppets", "indirect", "often blasts", "the council") == "outlet"


def test_voice_a_naming_verb_gives_the_speaker_only_the_quoted_label_issue_15():
    text = 'Kell left the rally, calling the wretched mayor a "public disgrace".'
    content = 'the wretched mayor a "public disgrace"'
    assert _voice_of(text, "the wretched mayor", "mixed", "calling", content) == "outlet"
    assert _voice_of(text, "public disgrace", "mixed", "calling", content) == "Ana Kell"
    # "called for" asks, it does not name: the whole content stays the speaker's
    text = 'Kell called for an end to the wicked plan and "the madness".'
    content = 'an end to the wicked plan and "the madness"'
    assert _voice_of(text, "wicked plan", "mixed", "called", content) == "Ana Kell"


def test_voice_a_clause_appended_after_the_quote_is_the_outlets_issue_15():
    text = 'Kell urged the board to "stop this sham now," opening herself to charges of reckless meddling.'
    content = 'the board to "stop this sham now," opening herself to charges of reckless meddling'
    assert _voice_of(text, "reckless meddling", "mixed", "urged", content) == "outlet"
    assert _voice_of(text, "this sham", "mixed", "urged", content) == "Ana Kell"
    text = 'Kell backed "a firm line on the cartel", which gives the loathsome cartel no escape.'
    content = '"a firm line on the cartel", which gives the loathsome cartel no escape'
    assert _voice_of(text, "loathsome cartel", "mixed", "backed", content) == "outlet"


def _quotes_voice(text: str, span: str, quotes: list[tuple[str, str]]) -> str:
    """Voice of ``span`` with direct attributions of ``(content, cue)`` pairs by Ana Kell."""
    a = text.index(span)
    tech = Layer("techniques", "techniques", "1", (Span(a, a + len(span), "Loaded_Language", {}),), {}, "technique")
    spans = []
    for content, cue in quotes:
        c0, k = text.index(content), text.index(cue)
        spans.append(Span(c0, c0 + len(content), "direct", {"content": [[c0, c0 + len(content)]],
                                                            "cue": [k, k + len(cue)], "speaker": "Ana Kell"}))
    attrs = Layer("attributions", "attribution", "1", tuple(spans), {}, "kind")
    out = VoiceAnalyzer().annotate(Article(text), {"techniques": tech, "attributions": attrs})["techniques"]
    return str(out.spans[0].attrs["voice"])


def test_voice_a_quotation_paragraph_continues_the_quote_before_it_issue_15():
    text = ('The mayor spoke at noon.\n"The plan is sound," Kell said.\n"Why should this town fear a rotten cartel?\n'
            '"We will not bow to the vultures."\nThe "vultures" line drew boos.')
    quotes = [("The plan is sound,", "said")]
    assert _quotes_voice(text, "rotten cartel", quotes) == "Ana Kell"
    assert _quotes_voice(text, "the vultures", quotes) == "Ana Kell"  # over two paragraphs
    assert _quotes_voice(text, "vultures\" line", quotes) == "outlet"  # the paragraph opens with no quote
    # a paragraph before with no quote in it ends the run
    text = 'Kell left.\nThe mayor spoke at noon.\n"Why fear a rotten cartel?"'
    assert _quotes_voice(text, "rotten cartel", []) == "outlet"


def test_voice_a_paragraph_with_an_unpaired_quotation_mark_runs_the_quote_on_issue_15():
    text = ('"The port is ours," Kell said.\nWith the cartel at the gates, "our darkest hour may come.\n'
            'The town burns while the council sleeps."\nThe council met on "the port" later.')
    quotes = [("The port is ours,", "said")]
    assert _quotes_voice(text, "darkest hour", quotes) == "Ana Kell"
    assert _quotes_voice(text, "town burns", quotes) == "Ana Kell"
    assert _quotes_voice(text, "council met", quotes) == "outlet"  # its quotation marks pair up


def test_voice_a_cue_ending_in_a_preposition_reports_a_topic_not_a_claim_issue_15():
    text = "They cannot agree on the wicked rules of the league."
    assert _voice_of(text, "wicked rules", "indirect", "cannot agree on", "the wicked rules of the league") == "outlet"
    text = "Kell spoke about how the wicked cartel ruined the port."
    content = "how the wicked cartel ruined the port"
    assert _voice_of(text, "wicked cartel", "indirect", "spoke about", content) == "Ana Kell"
    text = "According to Kell, the wicked cartel ruined the port."
    content = "the wicked cartel ruined the port"
    assert _voice_of(text, "wicked cartel", "indirect", "According to", content) == "Ana Kell"


def test_voice_the_addressee_of_an_order_and_a_final_gloss_are_the_outlets_issue_15():
    text = "Kell ordered all the filthy squatters to leave the wretched port at once."
    content = "all the filthy squatters to leave the wretched port at once"
    assert _voice_of(text, "filthy squatters", "indirect", "ordered", content) == "outlet"
    assert _voice_of(text, "wretched port", "indirect", "ordered", content) == "Ana Kell"
    # no order: the object stays the speaker's
    text = "Kell said all the filthy squatters left the port."
    content = "all the filthy squatters left the port"
    assert _voice_of(text, "filthy squatters", "indirect", "said", content) == "Ana Kell"
    text = "Kell wrote that the mayor was worse than Dow Rakes, the vile gang boss of the north."
    content = "the mayor was worse than Dow Rakes, the vile gang boss of the north"
    assert _voice_of(text, "the vile gang boss", "indirect", "wrote", content) == "outlet"
    assert _voice_of(text, "worse than Dow Rakes", "indirect", "wrote", content) == "Ana Kell"


def test_voice_reporting_verbs_and_clauses_have_no_addressee_issue_15():
    text = "Kell told reporters the rotten plan was set to fail."
    assert _voice_of(text, "rotten plan", "indirect", "told reporters", "the rotten plan was set to fail") == "Ana Kell"
    text = "Kell ordered that the rotten squad was to leave."
    assert _voice_of(text, "rotten squad", "indirect", "ordered", "that the rotten squad was to leave") == "Ana Kell"


def test_voice_quotation_rules_stay_cheap_on_hostile_input_issue_15():
    # thousands of quotation paragraphs with no attribution, and one endless quoted line: the
    # look-backs are bounded (a window, 20 paragraphs), not a scan of the article per span
    import time

    from propscope.analyzers.voice import assign_voice

    text = "\n".join(f'"A rotten plan {i}' for i in range(20000))
    spans = tuple(Span(i, i + 11, "Loaded_Language", {}) for i in
                  (text.index(f"rotten plan {n}\n") for n in range(0, 20000, 5)))
    empty = Layer("attributions", "attribution", "1", (), {}, "kind")
    started = time.process_time()
    out = assign_voice(Layer("techniques", "t", "1", spans, {}, "technique"), empty, text)
    assert {s.attrs["voice"] for s in out} == {"outlet"}
    assert time.process_time() - started < 5


def test_a_stored_attribution_whose_cue_is_text_not_offsets_is_read_without_error():
    from propscope.analyzers.voice import assign_voice

    text = 'Nobody cared. "We will win," Menoka said.\n"It is a disgrace," the crowd chanted.'
    quote = Span(15, 27, "attribution", {"kind": "direct", "speaker": "Menoka", "cue": "said"})
    technique = Span(15, 27, "Slogans", {})
    out = assign_voice(Layer("techniques", "t", "1", (technique,)), Layer("attributions", "s", "1", (quote,)), text)
    assert len(out) == 1

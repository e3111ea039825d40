"""The end-to-end who-said-what metric (issue 15 §6) on tiny hand-written examples."""

from __future__ import annotations

import pytest

from propscope.article import OffsetMap, TextBuilder
from propscope.evaluation.quotes import (
    GoldQuote,
    PredictedQuote,
    coverage,
    is_named_reference,
    looks_like_proper_name,
    name_set_scores,
    normalise_name,
    predictions_from_analysis,
    same_body,
    same_person,
    score_article,
    speaker_right,
    split_reference,
    summarise,
    text_spans_to_raw,
)

RAW = 'Golden said the pills were "dangerous." She added: "We need help." The government said it would act.'


def _at(sub: str, text: str = RAW) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "key"), [
    ("Wendy Golden", "wendy golden"),
    ("  WENDY   golden ", "wendy golden"),
    ("Dr. Robert Strang", "robert strang"),
    ("Premier Stephen McNeil's", "stephen mcneil"),
    ("Prime Minister Justin Trudeau", "justin trudeau"),
    ("Mr Trump’s", "trump"),
    ("Ernie LeBlanc Jr.", "ernie leblanc"),
    ("Donald J. Trump", "donald trump"),
    ("Jody Wilson-Raybould", "jody wilsonraybould"),
    ("Na'moks", "namoks"),
    ("François Legault", "francois legault"),
    ("Chris Jones'", "chris jones"),
])
def test_bench_quotes_metric_normalise_name(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_bench_quotes_metric_title_alone_is_kept() -> None:
    assert normalise_name("Premier") == "premier"


def test_bench_quotes_metric_surname_alone_matches_full_name() -> None:
    assert same_person("Golden", "Wendy Golden")
    assert same_person("Wendy Golden", "golden")
    assert same_person("Ms. Golden", "Wendy Golden")
    assert not same_person("Wendy", "Wendy Golden")  # a first name is not a surname
    assert not same_person("Keith Golden", "Wendy Golden")
    assert not same_person(None, "Wendy Golden")


def test_bench_quotes_metric_leading_role_words_match_full_name() -> None:
    assert same_person("Health Minister Adrian Dix", "Adrian Dix")
    assert same_person("Organizer Dwayne Croteau", "Dwayne Croteau")
    assert same_person("Wet'suwet'en Hereditary Chief Na'moks", "Na'moks")
    assert not same_person("Ottawa Adrian Dix", "Adrian Dix")  # the words in front are no role


def test_bench_quotes_metric_surname_particles_and_middle_names() -> None:
    assert same_person("Al Basha", "Abir Al Basha")
    assert not same_person("Al Hashish", "Abir Al Basha")
    assert same_person("Riefian Ifan Fajarsyah", "Riefian Fajarsyah")
    assert not same_person("Jason Marcel LeBlanc", "Ernie LeBlanc")


def test_same_person_short_forms_of_first_names() -> None:
    assert same_person("Mike Pompeo", "Michael R. Pompeo")
    assert same_person("Rudolph W. Giuliani", "Rudy Giuliani")
    assert not same_person("Mike Pompeo", "Mark Pompeo")
    assert not same_person("Mike Pompeo", "Michael Smith")


def test_bench_quotes_metric_bodies_need_the_same_name() -> None:
    assert same_body("The Kelowna Rockets", "Kelowna Rockets")
    assert same_body("PBO", "The Parliamentary Budget Officer")
    assert same_body("SMMT", "the Society of Motor Manufacturers and Traders")
    assert not same_body("Pbo", "Parliamentary Budget Officer")  # an acronym is written in capitals
    assert same_body("the US State Department", "the state department")  # a country qualifier
    assert same_body("U.S. Navy", "the Navy")
    assert not same_body("the US Mission in China", "the US Mission")
    assert not same_body("US", "the")
    assert not same_body("Canada", "Infrastructure Canada")


def test_bench_quotes_metric_split_reference_shares_the_surname() -> None:
    assert split_reference("Kim and Clark Moran") == ["Kim Moran", "Clark Moran"]
    assert split_reference("Tore Sohlberg and Lehla Abreder") == ["Tore Sohlberg", "Lehla Abreder"]
    assert split_reference("Wendy Golden") == ["Wendy Golden"]


@pytest.mark.parametrize(("reference", "named"), [
    ("Canadian Pacific Railway", True),
    ("The Kelowna Rockets", True),
    ("al-Shabaab", True),
    ("the Society of Motor Manufacturers and Traders", True),
    ("UFCW Local 832", True),
    ("the government", False),
    ("protesters", False),
    ("A Freedom Mobile spokesperson", False),
    ("Finance officials", False),
    ("Vice-president", False),
    ("Members of the Vancouver Minor Hockey Association's team", False),
])
def test_bench_quotes_metric_proper_name_or_description(reference: str, named: bool) -> None:
    assert looks_like_proper_name(reference) is named


def test_bench_quotes_metric_sentence_case_word_needs_the_text() -> None:
    text = "Prosecutors said so. Later the prosecutors agreed. Shares of Apple fell, and Apple said so."
    assert not looks_like_proper_name("Prosecutors", text)
    assert looks_like_proper_name("Apple", text)
    assert not looks_like_proper_name("Witness", "Headline\n\nWitness says the water rose.")


def test_bench_quotes_metric_named_reference_from_people_list() -> None:
    assert is_named_reference("Gatsby", ["Gatsby"])
    assert is_named_reference("Kim and Clark Moran", ["Kim Moran", "Clark Moran"])
    assert not is_named_reference("the father", ["Wendy Golden"], "the father said")


def test_bench_quotes_metric_speaker_rule() -> None:
    assert speaker_right("Wendy Golden", "Golden", named=True)
    assert not speaker_right("Wendy Golden", None, named=True)
    assert speaker_right("the government", None, named=False)
    assert speaker_right("the government", "Government", named=False, person=False)
    assert not speaker_right("the government", "Justin Trudeau", named=False, person=False)
    assert not speaker_right("Canadian Pacific Railway", None, named=True, person=False)
    assert not speaker_right("Infrastructure Canada", "Canada", named=True, person=False)
    assert speaker_right("Tore Sohlberg and Lehla Abreder", "Abreder", named=True)


# --- coverage and offsets --------------------------------------------------------------------


def test_bench_quotes_metric_coverage_counts_characters_of_the_gold() -> None:
    gold = _at('"We need help."')  # 15 characters
    assert coverage(RAW, gold, [_at("We need help.")]) == pytest.approx(13 / 15)
    assert coverage(RAW, gold, [_at('"We need')]) == pytest.approx(8 / 15)
    assert coverage(RAW, gold, [_at('"We ne')]) < 0.5
    assert coverage(RAW, gold, []) == 0.0


def test_bench_quotes_metric_text_spans_map_back_through_the_offset_map() -> None:
    raw = "Boilerplate.\nA said x. \n .\n B said y."
    tb = TextBuilder(raw)
    tb.copy(13, 22)  # "A said x."
    tb.copy(26, 27)  # "\n"
    tb.copy(28, 37)  # "B said y."
    text, offsets = tb.build()
    assert text == "A said x.\nB said y."
    # one text span across the cut becomes two raw intervals, none over the removed characters
    assert text_spans_to_raw([(7, 12)], offsets) == [(20, 22), (26, 27), (28, 30)]
    assert text_spans_to_raw([(0, 1)], None) == [(0, 1)]


def test_bench_quotes_metric_gold_in_removed_text_is_unmapped() -> None:
    raw = "Contact us at news@example.com\nHe said the road was closed."
    text = raw[31:]
    offsets = OffsetMap([(0, 31, len(text))], len(text), len(raw))
    gold = [GoldQuote(0, 30, "Editor"), GoldQuote(*_at("the road was closed", raw), "Jane Roe")]
    pred = [PredictedQuote((_at("the road was closed", text),), "Jane Roe", True)]
    s = score_article(raw, gold, pred, offsets=offsets, people=["Jane Roe"])
    assert [o.status for o in s.outcomes] == ["unmapped", "ok"]
    assert s.counts()["unmapped"] == 1


# --- one article, end to end -----------------------------------------------------------------


GOLD = [
    GoldQuote(*_at("the pills were"), "Wendy Golden"),  # found (pred covers it), speaker by surname
    GoldQuote(*_at('"We need help."'), "Wendy Golden"),  # found, pronoun resolved to someone else
    GoldQuote(*_at("it would act"), "the government"),  # found, description left unresolved: right
    GoldQuote(*_at("dangerous"), "Wendy Golden"),  # not covered enough
]
PRED = [
    PredictedQuote((_at("the pills were"),), "Golden", True),
    PredictedQuote((_at("We need help."),), "Kody Cook", True),
    PredictedQuote((_at("it would act."),), None, False),
    PredictedQuote((_at("ous"),), "Wendy Golden", True),  # 3 of 9 characters
]


def test_bench_quotes_metric_article_outcomes() -> None:
    s = score_article(RAW, GOLD, PRED, people=["Wendy Golden", "Kody Cook"], sources=["Wendy Golden"],
                      predicted_people=["Wendy Golden", "Kody Cook", "Tom Lee"])
    assert [o.status for o in s.outcomes] == ["ok", "wrong_speaker", "ok", "missed"]
    assert [o.named for o in s.outcomes] == [True, True, False, True]
    assert s.outcomes[3].coverage == pytest.approx(0.3333)
    assert s.counts() == {"quotes": 4, "named": 3, "unmapped": 0, "partially_mapped": 0, "found": 3,
                          "attributed": 2}
    # people quoted: Golden, Kody Cook and Wendy Golden; the one gold source matches one of them
    assert s.quoted is not None and s.quoted["tp"] == 1 and s.quoted["n_gold"] == 1
    assert s.mentioned is not None
    assert (s.mentioned["tp"], s.mentioned["n_pred"], s.mentioned["n_gold"]) == (2, 3, 2)


def test_bench_quotes_metric_best_covering_prediction_decides() -> None:
    gold = [GoldQuote(*_at("the pills were"), "Wendy Golden")]
    pred = [PredictedQuote((_at("pills"),), "Kody Cook", True),
            PredictedQuote((_at("Golden said the pills were"),), "Wendy Golden", True)]
    (o,) = score_article(RAW, gold, pred, people=["Wendy Golden"]).outcomes
    assert o.predicted == 1 and o.attributed


def test_bench_quotes_metric_half_covered_is_found() -> None:
    gold = [GoldQuote(0, 10, "Wendy Golden")]
    assert score_article(RAW, gold, [PredictedQuote(((0, 5),), "Golden", True)]).outcomes[0].found
    assert not score_article(RAW, gold, [PredictedQuote(((0, 4),), "Golden", True)]).outcomes[0].found


def test_bench_quotes_metric_name_sets_are_one_to_one() -> None:
    s = name_set_scores(["Golden", "Wendy Golden", "Dr. Tara Gomes", "Steve Lawrence CBC"],
                        ["Wendy Golden", "Tara Gomes", "Ernie LeBlanc"])
    assert (s["tp"], s["n_pred"], s["n_gold"]) == (2, 4, 3)
    assert s["precision"] == pytest.approx(0.5) and s["recall"] == pytest.approx(2 / 3)
    assert s["false_positives"] == ["Golden", "Steve Lawrence CBC"]  # the exact pair is matched first
    assert s["false_negatives"] == ["Ernie LeBlanc"]
    empty = name_set_scores([], ["Wendy Golden"])
    assert empty["precision"] is None and empty["recall"] == 0.0 and empty["f1"] is None


def test_bench_quotes_metric_summary_micro_and_macro() -> None:
    a = score_article(RAW, GOLD, PRED, people=["Wendy Golden"], sources=["Wendy Golden"],
                      predicted_people=["Wendy Golden"])
    b = score_article(RAW, [], [PredictedQuote(((0, 6),), "Tom Lee", True)], people=["Ann Ray"],
                      sources=["Ann Ray"], predicted_people=[])
    out = summarise([a, b])
    assert (out["quotes"], out["found"], out["attributed"]) == (4, 3, 2)
    assert out["found_of_all"] == 0.75 and out["attributed_of_found"] == pytest.approx(0.6667)
    quoted = out["people_quoted"]
    assert quoted["micro"]["tp"] == 1 and quoted["micro"]["n_pred"] == 4 and quoted["micro"]["n_gold"] == 2
    assert quoted["macro"]["recall"] == 0.5  # 1.0 and 0.0
    assert out["people_mentioned"]["macro"]["precision"] == 1.0  # b predicts nobody: left out of P


def test_bench_quotes_metric_reads_analysis_records() -> None:
    record = {"layers": {
        "entities": {"spans": [], "data": {"entities": [
            {"id": "person:wendy-golden", "name": "Wendy Golden", "type": "PERSON"},
            {"id": "org:rcmp", "name": "RCMP", "type": "ORG"}]}},
        "attributions": {"spans": [
            {"start": 5, "end": 20, "kind": "direct", "content": [[5, 10], [15, 20]], "cue": [0, 4],
             "source": [0, 4], "speaker": "Wendy Golden", "speaker_id": "person:wendy-golden", "relayed_by": None},
            {"start": 30, "end": 40, "kind": "indirect", "content": [[30, 40]], "cue": None, "source": None,
             "speaker": "RCMP", "speaker_id": "org:rcmp", "relayed_by": "Eric Stubbs"}]}}}
    pred, people = predictions_from_analysis(record)
    assert people == ["Wendy Golden"]
    assert pred[0] == PredictedQuote(((5, 10), (15, 20)), "Wendy Golden", True, (0, 4), "direct", None)
    assert not pred[1].person and pred[1].source is None and pred[1].relayed_by == "Eric Stubbs"


def test_bench_quotes_metric_nested_predictions_the_innermost_decides() -> None:
    # an outlet's block covering a person's quote must not take the quote from the person
    gold = [GoldQuote(*_at("We need help."), "Wendy Golden")]
    block = PredictedQuote(((0, len(RAW)),), "Norvik News", True)
    inner = PredictedQuote((_at('"We need help."'),), "Wendy Golden", True)
    for pred in ([block, inner], [inner, block]):
        (o,) = score_article(RAW, gold, pred, people=["Wendy Golden"]).outcomes
        assert o.attributed and pred[o.predicted] is inner


def test_bench_quotes_metric_a_hyphen_or_a_space_between_name_parts_is_one_name() -> None:
    assert same_person("Ri Sol-ju", "Ri Sol Ju")
    assert same_person("Ri Sol Ju", "Ri Sol-ju")
    assert same_person("Jean-Paul Roux", "Jean Paul Roux")
    assert not same_person("Ri Sol-ju", "Ri Sol")  # a part left out is not the same name


def test_bench_quotes_metric_a_short_form_of_a_first_name_matches_the_full_one() -> None:
    assert same_person("Xander Wise", "Alexander Wise")
    assert same_person("Alex Wise", "Alexander Wise")
    assert not same_person("Xander Wise", "Alex Wiseman")

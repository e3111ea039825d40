"""The state-media review set's scores (relays, technique voice) on tiny hand-written samples."""

from __future__ import annotations

import pytest

from propscope.article import OffsetMap, TextBuilder
from propscope.evaluation.quotes import GoldQuote, QuoteOutcome
from propscope.evaluation.review import (
    OUTLET,
    UNKNOWN_SPEAKER,
    GoldTechnique,
    PredictedTechnique,
    co_speaker_right,
    gold_quotes,
    gold_techniques,
    gold_voice,
    is_person_name,
    predicted_techniques,
    relay_right,
    score_article,
    score_gold_voice,
    score_predicted_voice,
    summarise_relays,
    summarise_voice,
    voice_right,
)

RAW = 'Title line\nThe traitors lie, Smith told RT: "They are cowards and thieves." Critics called it vile.'


def _at(sub: str, text: str = RAW) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


SMITH = GoldQuote(*_at("They are cowards and thieves."), "John Smith", named=True, person=True,
                  meta={"relayed_by": "RT"})
CRITICS = GoldQuote(*_at("it vile"), "critics", named=False, person=False)
QUOTES = [SMITH, CRITICS]


@pytest.mark.parametrize(("name", "named", "person"), [
    ("Viktor Orban", True, True),
    ("Kim Jong Un", True, True),
    ("J. K. Doe", True, True),
    ("A.B. Doe", True, True),
    ("US Navy", True, False),
    ("RT", True, False),
    ("China", True, False),
    ("North Korea", True, False),
    ("Washington Free Beacon", True, False),
    ("NBC News", True, False),
    ("the US State Department", True, False),
    ("a source close to the White House", False, False),
])
def test_is_person_name(name: str, named: bool, person: bool) -> None:
    assert is_person_name(name, named) is person


def test_relay_right_accepts_any_member_of_the_chain() -> None:
    assert relay_right(["RT"], "RT")
    assert relay_right(["the Washington Free Beacon", "Al Arabiya"], "Al Arabiya")
    assert relay_right(["Sara Carter"], "Carter")  # a journalist: surname alone
    assert not relay_right(["RT"], None)
    assert not relay_right(["RT"], "Reuters")


def test_co_speakers_count_as_right() -> None:
    q = GoldQuote(0, 5, "John Solomon", named=True, person=True, meta={"co_speakers": ["Sara Carter"]})
    assert co_speaker_right(q, "Sara Carter")
    assert not co_speaker_right(q, "Sean Hannity")


@pytest.mark.parametrize(("gold", "pred", "named", "right"), [
    (OUTLET, OUTLET, True, True),
    (OUTLET, "John Smith", True, False),
    (OUTLET, UNKNOWN_SPEAKER, True, False),
    ("John Smith", "Smith", True, True),
    ("John Smith", OUTLET, True, False),
    ("John Smith", None, True, False),
    ("John Smith", UNKNOWN_SPEAKER, True, False),  # a name needs the name
    ("critics", UNKNOWN_SPEAKER, False, True),  # a description may stay unresolved
    ("critics", "Critics", False, True),
    ("critics", OUTLET, False, False),
    ("the US State Department", "State Department", True, True),  # a country qualifier may go
    ("the US Mission in China", "US Mission", True, False),  # a body needs its form
])
def test_voice_right(gold: str, pred: str | None, named: bool, right: bool) -> None:
    assert voice_right(gold, pred, named=named) is right


def test_gold_voice_rule() -> None:
    # wholly inside Smith's quote (the closing mark and full stop ignored)
    assert gold_voice(RAW, [_at('cowards and thieves."')], QUOTES) == "John Smith"
    # the outlet's own words
    assert gold_voice(RAW, [_at("The traitors lie")], QUOTES) == OUTLET
    # half in, half out: unclear
    a, _ = _at("told RT")
    _, b = _at('"They are')
    assert gold_voice(RAW, [(a, b)], QUOTES) is None
    # nothing but punctuation
    assert gold_voice(RAW, [_at(': "')], QUOTES) is None


def test_gold_voice_innermost_quote_wins() -> None:
    block = GoldQuote(*_at('Smith told RT: "They are cowards and thieves."'), "RT", named=True)
    assert gold_voice(RAW, [_at("cowards")], [block, SMITH]) == "John Smith"
    assert gold_voice(RAW, [_at("Smith told")], [block, SMITH]) == "RT"


def test_score_gold_voice_matches_same_technique_then_any() -> None:
    gold = [GoldTechnique(*_at("cowards and thieves"), "Name_Calling", "John Smith"),
            GoldTechnique(*_at("traitors"), "Name_Calling", OUTLET),
            GoldTechnique(*_at("vile"), "Loaded_Language", "critics"),
            GoldTechnique(*_at("Title"), "Loaded_Language", OUTLET),
            GoldTechnique(*_at("lie"), "Loaded_Language", "unclear")]
    pred = [PredictedTechnique((_at("thieves"),), "Loaded_Language", OUTLET),
            PredictedTechnique((_at("cowards and"),), "Name_Calling", "John Smith"),
            PredictedTechnique((_at("The traitors"),), "Doubt", OUTLET),
            PredictedTechnique((_at("it vile"),), "Loaded_Language", UNKNOWN_SPEAKER)]
    out = score_gold_voice(gold, pred, QUOTES)
    assert [(o.match, o.predicted_voice, o.right) for o in out] == [
        ("technique", "John Smith", True),  # the Name_Calling span, not the larger-overlap other one
        ("other", OUTLET, True),
        ("technique", UNKNOWN_SPEAKER, True),
        ("none", None, False),
    ]  # the unclear gold span is left out
    s = summarise_voice(out, [])["gold_spans"]
    assert (s["scored"], s["matched"], s["matched_same_technique"], s["matched_other_technique"], s["unmatched"],
            s["right"], s["right_of_matched"]) == (4, 3, 2, 1, 1, 3, 1.0)


def test_score_predicted_voice_dedupes_positions_and_skips_unclear() -> None:
    a, _ = _at("told RT")
    _, b = _at('"They are')
    pred = [PredictedTechnique((_at("cowards"),), "Name_Calling", OUTLET),
            PredictedTechnique((_at("cowards"),), "Loaded_Language", OUTLET),  # same place: counted once
            PredictedTechnique((_at("traitors"),), "Name_Calling", OUTLET),
            PredictedTechnique(((a, b),), "Doubt", "John Smith")]  # unclear: left out
    out, unclear = score_predicted_voice(RAW, pred, QUOTES)
    assert [(o.gold_voice, o.right) for o in out] == [("John Smith", False), (OUTLET, True)]
    assert unclear == 1
    s = summarise_voice([], out, unclear)["predicted_spans"]
    assert (s["scored"], s["right"], s["right_share"], s["left_out_unclear"]) == (2, 1, 0.5, 1)
    assert s["by_gold_voice"]["speaker"] == {"spans": 1, "right": 0, "right_share": 0.0}


def _outcome(q: GoldQuote, found: bool) -> QuoteOutcome:
    return QuoteOutcome(0, q, True, True, 1.0 if found else 0.0, 0 if found else None, None, found, found, True)


def test_summarise_relays() -> None:
    plain = GoldQuote(0, 4, "critics", named=False)
    chain = GoldQuote(5, 9, "Mohammad-Javad Larijani", named=True,
                      meta={"relayed_by": "Iranian state television", "relay_chain": ["Iranian state television",
                                                                                      "Al Arabiya"]})
    outcomes = [_outcome(SMITH, True), _outcome(chain, True), _outcome(SMITH, False), _outcome(plain, True)]
    s = summarise_relays(outcomes, [["RT", "Al Arabiya"], [None, "Reuters"]])
    assert (s["relayed_quotes"], s["found"], s["relay_right"], s["relay_right_of_found"]) == (3, 2, 2, 1.0)
    assert (s["found_without_gold_relay"], s["spurious_relays"]) == (1, 1)


def _analysis(raw: str, title_len: int) -> dict:
    """A hand-made ``propscope analyze`` record whose text drops the title line."""
    b = TextBuilder(raw)
    b.copy(title_len + 1, len(raw))
    text, offsets = b.build()
    t = lambda sub: (text.index(sub), text.index(sub) + len(sub))  # noqa: E731
    q = t("They are cowards and thieves.")
    return {
        "article": {"raw": raw, "text": text, "offsets": offsets.to_json()},
        "layers": {
            "attributions": {"spans": [{"start": q[0], "end": q[1], "kind": "direct", "content": [list(q)],
                                        "speaker": "John Smith", "speaker_id": "person:john-smith",
                                        "relayed_by": None}]},
            "techniques": {"label_key": "technique", "spans": [
                {"start": t("cowards")[0], "end": t("cowards")[1], "technique": "Name_Calling",
                 "voice": "John Smith"},
                {"start": t("traitors")[0], "end": t("traitors")[1], "technique": "Name_Calling",
                 "voice": "John Smith"}]},
        },
    }


def test_score_article_maps_offsets_through_the_reader() -> None:
    article = {
        "id": "1",
        "quotes": [{"start": SMITH.start, "end": SMITH.end, "kind": "direct", "speaker": "John Smith", "named": True,
                    "relayed_by": "RT"},
                   {"start": 0, "end": 5, "kind": "direct", "speaker": "Jane Doe", "named": True,
                    "relayed_by": None}],  # in the title, which the reader removes
        "technique_voice": [{"start": _at("cowards")[0], "end": _at("cowards")[1], "technique": "Name_Calling",
                             "voice": "John Smith"},
                            {"start": _at("traitors")[0], "end": _at("traitors")[1], "technique": "Name_Calling",
                             "voice": "outlet"}],
    }
    assert [q.person for q in gold_quotes(article)] == [True, True]
    assert len(gold_techniques(article)) == 2
    rec = _analysis(RAW, len("Title line"))
    offsets = OffsetMap.from_json(rec["article"]["offsets"], len(rec["article"]["text"]))
    assert predicted_techniques(rec, offsets)[0].raw == (_at("cowards"),)
    r = score_article(RAW, article, rec)
    assert [o.status for o in r.quotes.outcomes] == ["ok", "unmapped"]
    assert r.relays == (None, None)
    assert [v.right for v in r.gold_voice] == [True, False]
    assert [(v.gold_voice, v.right) for v in r.predicted_voice] == [("John Smith", True), (OUTLET, False)]
    empty = score_article(RAW, article, None)
    assert [o.status for o in empty.quotes.outcomes] == ["missed", "missed"]  # no output: no offset map
    assert [v.match for v in empty.gold_voice] == ["none", "none"]


def test_review_title_quotes_are_scored_against_the_headline_attributions():
    from propscope.evaluation.review import title_predictions, with_title
    raw = "Lind: Ports Are Costly\nAna Lind spoke on Monday."
    title = "Lind: Ports Are Costly"
    analysis = {
        "article": {"title": title, "removed": [{"raw_start": 0, "raw_end": 23, "reason": "title", "text": title + "\n"}]},
        "layers": {"attributions": {"data": {"title": [
            {"start": 6, "end": 22, "kind": "indirect", "content": [[6, 22]], "speaker": "Ana Lind",
             "speaker_id": "person:ana-lind", "relayed_by": None}]}},
            "entities": {"data": {"entities": [{"id": "person:ana-lind", "name": "Ana Lind", "type": "PERSON"}]}}}}
    heads = title_predictions(analysis, raw)
    assert [h.content for h in heads] == [((6, 22),)] and heads[0].person
    gold = GoldQuote(6, 22, "Ana Lind", named=True, person=True)
    unmapped = QuoteOutcome(0, gold, True, True, 0.0, None, None, False, False, False)
    (o,) = with_title(raw, [unmapped], heads, 3)
    assert o.found and o.attributed and o.mapped and o.predicted == 3
    other = GoldQuote(6, 22, "Bo Kell", named=True, person=True)
    (o,) = with_title(raw, [QuoteOutcome(0, other, True, True, 0.0, None, None, False, False, False)], heads, 0)
    assert o.found and not o.attributed
    moved = dict(analysis, article=dict(analysis["article"], title="Another title"))
    assert title_predictions(moved, raw) == []  # a title not where the reader cut it: nothing

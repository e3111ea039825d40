"""Claims across outlets (issue 17 §2): units, speakers, incremental matching with voice, views, CLI, web.

A bag-of-words encoder stands in for the model; the corpus is tests/unit/story_samples.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from story_samples import CLAIM, XSS, WordEncoder, analysis, corpus

import propscope.web.models_stories as ms
from propscope.corpus.claims import (
    ClaimSettings,
    claim_units,
    get_claim,
    list_claims,
    speaker_key,
    speakers_match,
    update_claims,
)
from propscope.pipeline import Pipeline
from propscope.store import Store
from propscope.web import WebSettings, create_app

S = ClaimSettings(same_threshold=0.7, restate_threshold=0.7)


def test_claims_speaker_keys_and_matching():
    assert speaker_key("Governor Ilse Varn") == speaker_key("Varn") == "varn"
    assert speaker_key("unknown speaker") is None and speaker_key(None) is None
    assert speakers_match("Governor Varn", "Ilse Varn")
    assert speakers_match("I. Varn", "Ilse Varn")
    assert not speakers_match("Oskar Varn", "Ilse Varn")
    assert not speakers_match("Ilse Varn", "Ilse Berg")


def test_claims_units_are_attributed_contents_and_unquoted_outlet_sentences():
    a, _, c, _ = corpus()
    units = claim_units(a)
    assert [(u.speaker, u.text) for u in units if u.speaker] == [("Ilse Varn", CLAIM)]
    outlet = [u for u in units if u.speaker is None]
    # the sentence holding the quote is the speaker's, not the outlet's; a technique flags the first
    assert all(CLAIM not in u.text for u in outlet)
    assert [u.flagged for u in outlet] == [True, False]
    assert any(u.flagged and "foreign saboteurs" in u.text for u in claim_units(c))


def test_claims_same_claim_across_outlets_is_one_claim_with_voices(store: Store):
    for a in corpus():
        store.put(a)
    report = update_claims(store, settings=S, encoder=WordEncoder())
    assert report.articles == 4
    listed = list_claims(store)
    varn = next(c for c in listed if c.speaker)
    assert varn.speaker == "Ilse Varn" and varn.text == CLAIM
    assert varn.outlets == ["Harbor Gazette " + XSS, "Northern Star", "Coast Courier"]
    assert varn.first_outlet == "Harbor Gazette " + XSS and varn.first_seen.startswith("2019-03-01")
    claim = get_claim(store, varn.claim_id)
    assert [(s.outlet, s.voice) for s in claim.sightings_list] == [
        ("Harbor Gazette " + XSS, "reported"), ("Northern Star", "reported"), ("Coast Courier", "restated")]
    assert claim.sightings_list[0].similarity is None and claim.sightings_list[1].similarity > 0.9
    # filters
    assert [c.claim_id for c in list_claims(store, speaker="Varn")] == [varn.claim_id]
    assert list_claims(store, speaker="Oskar Varn") == []
    assert varn.claim_id in {c.claim_id for c in list_claims(store, outlet="Coast Courier")}
    assert list_claims(store, since="2019-04-01") == []
    assert get_claim(store, "nosuchclaim") is None


def test_claims_update_is_incremental_and_respects_the_window(store: Store):
    first, second, *_ = corpus()
    store.put(first)
    assert update_claims(store, settings=S, encoder=WordEncoder()).articles == 1
    store.put(second)
    late = analysis("Varn repeats\nGovernor Varn said " + CLAIM + " once more.", "Late Post", "2019-06-01",
                    quotes=[(CLAIM, "Ilse Varn")])
    store.put(late)
    r = update_claims(store, settings=S, encoder=WordEncoder())
    assert r.articles == 2  # only the new ones
    assert update_claims(store, settings=S, encoder=WordEncoder()).articles == 0
    claims = [c for c in list_claims(store, min_articles=1) if c.speaker]
    # three months later is outside the 30-day window: a new claim, not a third sighting
    assert sorted(c.sightings for c in claims) == [1, 2]
    rebuilt = update_claims(store, settings=ClaimSettings(same_threshold=0.7, window_days=120),
                            encoder=WordEncoder(), rebuild=True)
    assert rebuilt.articles == 3
    assert [c.sightings for c in list_claims(store, min_articles=1) if c.speaker] == [3]


def test_claims_another_speaker_saying_the_same_is_another_claim(store: Store):
    store.put(analysis("A\nIlse Varn said " + CLAIM + ".", "One", "2019-03-01", quotes=[(CLAIM, "Ilse Varn")]))
    store.put(analysis("B\nOskar Varn said " + CLAIM + ".", "Two", "2019-03-02", quotes=[(CLAIM, "Oskar Varn")]))
    update_claims(store, settings=S, encoder=WordEncoder())
    assert sorted(c.speaker for c in list_claims(store, min_articles=1) if c.speaker) == ["Ilse Varn", "Oskar Varn"]


@pytest.fixture
def client(store: Store) -> Any:
    for a in corpus():
        store.put(a)
    update_claims(store, settings=S, encoder=WordEncoder())
    app = create_app(WebSettings(db="memory://"), pipeline=Pipeline([]), store=store)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as c:
        yield c


def test_claims_api_and_pages(client: Any) -> None:
    page = client.get("/api/v1/claims").json()
    ms.ClaimsPage.model_validate(page)
    varn = next(c for c in page["items"] if c["speaker"])
    one = client.get(f"/api/v1/claims/{varn['claim_id']}").json()
    ms.ClaimResponse.model_validate(one)
    assert [s["voice"] for s in one["sightings_list"]] == ["reported", "reported", "restated"]
    assert client.get("/api/v1/claims/nosuch").status_code == 404
    html = client.get(f"/claims/{varn['claim_id']}").text
    assert "restated as fact" in html and XSS not in html and "&lt;img" in html
    listing = client.get("/claims", params={"speaker": "Varn"}).text
    assert f"/claims/{varn['claim_id']}" in listing


def test_claims_cli_lists_and_shows(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from typer.testing import CliRunner

    import propscope.corpus.claims as claims_mod
    from propscope.cli import app
    from propscope.store import open_store

    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    for a in corpus():
        store.put(a)
    store.close()
    monkeypatch.setattr(claims_mod, "default_encoder", WordEncoder)
    monkeypatch.setattr(claims_mod, "ClaimSettings", lambda: S)
    runner = CliRunner()
    r = runner.invoke(app, ["claims", "--update", "--db", url, "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["update"]["articles"] == 4
    varn = next(c for c in data["claims"] if c["speaker"])
    r = runner.invoke(app, ["claim", varn["claim_id"], "--db", url])
    assert r.exit_code == 0 and "restated" in r.output and "Coast Courier" in r.output
    r = runner.invoke(app, ["claims", "--db", url, "--speaker", "Varn"])
    assert r.exit_code == 0 and varn["claim_id"] in r.output
    r = runner.invoke(app, ["claim", "nosuch", "--db", url])
    assert r.exit_code != 0 and "no claim" in r.output


def test_claims_two_attributions_starting_at_one_place_make_one_unit():
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

    a = corpus()[0]
    at = a.article.text.index(CLAIM)
    twice = tuple(Span(at, at + len(CLAIM), "direct", {"speaker": sp, "content": [[at, at + len(CLAIM) - k]]})
                  for k, sp in enumerate(("Ilse Varn", "Governor Varn")))
    b = Analysis(a.article, {**a.layers, "attributions": Layer("attributions", "attribution", "1", twice)},
                 a.analyzers)
    assert [u.start for u in claim_units(b) if u.speaker] == [at]


def test_claims_no_claim_by_page_furniture_a_heading_or_a_group_adjective():
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

    a = corpus()[0]
    at = a.article.text.index(CLAIM)
    for name, sid in (("SHARES", "org:shares"), ("Latest Flood", "work_of_art:latest-flood"),
                      ("British", "norp:british"), ("Breaking News", None)):
        junk = (Span(at, at + len(CLAIM), "direct", {"speaker": name, "speaker_id": sid,
                                                    "content": [[at, at + len(CLAIM)]]}),)
        b = Analysis(a.article, {**a.layers, "attributions": Layer("attributions", "attribution", "1", junk)},
                     a.analyzers)
        units = claim_units(b)
        assert [u for u in units if u.speaker] == []
        assert all(CLAIM not in u.text for u in units)  # the words stay covered: no outlet-voice claim either


def test_claims_listed_without_those_stored_before_the_guard(store: Store):
    for a in corpus():
        store.put(a)
    update_claims(store, settings=S, encoder=WordEncoder())
    varn = next(c for c in list_claims(store) if c.speaker)
    state = store.__dict__.get("_claims_state")
    if state is None:  # a SQL store: rename the claim's speaker in its table
        import sqlalchemy as sa

        import propscope.store.schema as t

        with store._write() as conn:
            conn.execute(sa.update(t.claims).where(t.claims.c.claim_id == varn.claim_id).values(speaker="SHARES"))
    else:
        state["claims"][varn.claim_id].speaker = "SHARES"
    assert varn.claim_id not in {c.claim_id for c in list_claims(store)}


def test_claims_a_quote_of_several_sentences_gives_one_unit_per_statement():
    # a quote the attribution layer continued over three sentences: another outlet may carry one alone
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

    body = ("Ilse Varn spoke at the harbour. \"The wall will be rebuilt before winter. Ok then. "
            "Every family that lost a home will be housed by March.\" She left.")
    a = analysis("Harbour\n" + body, "Northern Star", "2019-03-01T08:00:00Z")
    s = a.article.text.index("The wall")
    e = a.article.text.index("March") + len("March.")
    quote = (Span(s, e, "direct", {"speaker": "Ilse Varn", "speaker_id": "person:ilse-varn",
                                   "content": [[s, e]]}),)
    b = Analysis(a.article, {**a.layers, "attributions": Layer("attributions", "attribution", "1", quote)},
                 a.analyzers)
    said = [u.text for u in claim_units(b) if u.speaker]
    # "Ok then." is too short to stand alone: it stays with the statement before it
    assert said == ["The wall will be rebuilt before winter. Ok then",
                    "Every family that lost a home will be housed by March"]
    assert [u.text for u in claim_units(b, by_sentence=False) if u.speaker] == [
        "The wall will be rebuilt before winter. Ok then. Every family that lost a home will be housed by March"]


def test_claims_one_wording_is_one_claim_whatever_the_cosine(store: Store):
    # the same quote with an editor's insertion, another pronoun and other punctuation: one claim,
    # even where the encoder puts the two below the threshold (here: a threshold no pair reaches)
    from propscope.corpus.claims import text_key

    said = "They hope the harbour report turns out true"
    a = analysis(f"Report\nIlse Varn spoke. {said}, Ilse Varn said.", "Northern Star", "2019-03-01T08:00:00Z",
                 quotes=[(said, "Ilse Varn")])
    variant = "We hope the harbour report [on Velsk] turns out true!"
    b = analysis(f"Velsk report\nThe mayor spoke. \"{variant}\" Governor Varn said.", "Coast Courier",
                 "2019-03-02T08:00:00Z", quotes=[(variant, "Governor Varn")])
    other = "They hope the harbour report turns out false"
    c = analysis(f"Other\nIlse Varn spoke again. {other}, Ilse Varn said.", "Harbor Gazette",
                 "2019-03-03T08:00:00Z", quotes=[(other, "Ilse Varn")])
    assert text_key(said) == text_key(variant) != text_key(other)
    for x in (a, b, c):
        store.put(x)
    update_claims(store, settings=ClaimSettings(same_threshold=1.01, restate_threshold=1.01), encoder=WordEncoder())
    listed = list_claims(store, min_articles=1)
    assert sorted((c.sightings, c.outlets) for c in listed if c.speaker) == [
        (1, ["Harbor Gazette"]), (2, ["Northern Star", "Coast Courier"])]


def test_claims_said_twice_in_one_article_is_one_carrier(store: Store):
    # a speaker who repeats a statement within one article: two sightings, one article, not listed
    said = "the harbour wall will be rebuilt before winter"
    a = analysis(f"Wall\nIlse Varn spoke. {said}, she said. Later she said it again: {said}.", "Northern Star",
                 "2019-03-01T08:00:00Z", quotes=[(said, "Ilse Varn")])
    second = a.article.text.rindex(said)
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

    spans = tuple(a.get("attributions")) + (Span(second, second + len(said), "direct",
                                                 {"speaker": "Ilse Varn", "content": [[second, second + len(said)]]}),)
    a = Analysis(a.article, {**a.layers, "attributions": Layer("attributions", "attribution", "1", spans)},
                 a.analyzers)
    store.put(a)
    update_claims(store, settings=S, encoder=WordEncoder())
    assert list_claims(store) == []
    (one,) = [c for c in list_claims(store, min_articles=1) if c.speaker]
    assert (one.sightings, one.articles) == (2, 1)
    assert get_claim(store, one.claim_id).to_json()["articles"] == 1


def test_claims_page_furniture_in_the_outlets_voice_is_no_claim():
    # an editor's note, an author box and a promotion carry a technique span each, so they would
    # start outlet-voice claims; two columns of one author share them word for word
    note = "[Editors' note: to understand the harbour scandal, pre-order the new book by Ilse Varn here.]"
    bio = "Oskar Tamm is the author of a dark history of the Velsk harbour."
    promo = "Sign up for our free harbour newsletter and never miss the scandal again."
    claim = "The harbour scandal proves that the council is corrupt to the bone."
    text = f"Harbour\n{claim} {note} {bio} {promo}"
    a = analysis(text, "Northern Star", "2019-03-01T08:00:00Z",
                 techniques=[(w, "Loaded_Language", "outlet") for w in ("corrupt", "scandal,", "dark", "scandal again")])
    units = [u.text for u in claim_units(a) if u.flagged]
    assert units == [claim]


def test_claims_a_quote_broken_by_its_cue_reads_as_one_statement():
    from propscope.analysis import Analysis, Layer
    from propscope.article import Span

    a = analysis("Wall\nThe mayor spoke. \"The harbour wall,\" Ilse Varn said, \"will be rebuilt by the council.\"",
                 "Northern Star", "2019-03-01T08:00:00Z")
    t = a.article.text
    r1 = (t.index("The harbour"), t.index(",\" Ilse") + 2)
    r2 = (t.index("\"will"), len(t))
    quote = (Span(r1[0], r2[1], "direct", {"speaker": "Ilse Varn", "content": [list(r1), list(r2)]}),)
    b = Analysis(a.article, {**a.layers, "attributions": Layer("attributions", "attribution", "1", quote)},
                 a.analyzers)
    assert [u.text for u in claim_units(b) if u.speaker] == ["The harbour wall will be rebuilt by the council"]


def test_claims_speakers_match_with_and_without_accents():
    assert speakers_match("Viktor Orbán", "Viktor Orban") and speaker_key("Orbán") == speaker_key("Orban") == "orban"
    assert speakers_match("Prime Minister Orbán", "Viktor Orban")
    assert not speakers_match("Viktor Orbán", "Anna Orban")

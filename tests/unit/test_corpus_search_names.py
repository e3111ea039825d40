"""Search by speaker folds names as the lists do; an unknown outlet gets "did you mean" (issue 16 gaps).

Runs on every store (PostgreSQL when ``PROPSCOPE_TEST_POSTGRES_URL`` is set).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.cli import app
from propscope.corpus.names import same_speaker, speaker_candidates
from propscope.corpus.search import no_profile_message, search
from propscope.errors import InputError
from propscope.store import Store, open_store

SPEAKERS = {  # title -> (outlet, speakers)
    "Full name": ("Daily Courier", ["Donald Trump"]),
    "Surname": ("Daily Courier", ["Trump"]),
    "With a title": ("The Sentinel", ["President Trump"]),
    "Initial": ("The Sentinel", ["D. Trump"]),
    "Wire": ("The Sentinel", ["Associated Press"]),
    "Wire short": ("Daily Courier", ["AP"]),
    "Bill": ("Daily Courier", ["Bill Clinton"]),
    "Hillary": ("Daily Courier", ["Hillary Clinton"]),
    "Clinton alone": ("Daily Courier", ["Clinton"]),
    "Nobody": ("Evening Ledger", []),
}


def _analysis(i: int, title: str, outlet: str, speakers: list[str]) -> Analysis:
    art = Article(text=f"Report number {i}: {title}.", title=title, outlet=outlet,
                  published=f"2026-02-{i + 1:02d}T09:00:00Z", url=f"https://example.org/{i}", language="en")
    attr = tuple(Span(0, 6, "attribution", {"speaker": s, "kind": "direct", "cue": "said"}) for s in speakers)
    layers = {"attributions": Layer("attributions", "attribution", "1", attr)}
    return Analysis(art, layers, (AnalyzerInfo("attribution", "1"),))


def fill(store: Store) -> None:
    store.put_many([_analysis(i, t, o, s) for i, (t, (o, s)) in enumerate(SPEAKERS.items())])


def found(store: Store, speaker: str) -> set[str]:
    return {h.title or "" for h in search(store, "", speaker=speaker, limit=100)}


def test_search_names_speaker_folds_surname_title_and_initial(store: Store) -> None:
    fill(store)
    trump = {"Full name", "Surname", "With a title", "Initial"}
    assert found(store, "Trump") == trump
    assert found(store, "donald trump") == trump
    assert found(store, "President Trump") == trump
    assert found(store, "AP") == {"Wire", "Wire short"}
    assert found(store, "associated press") == {"Wire", "Wire short"}


def test_search_names_speaker_ambiguous_surname_stays_apart(store: Store) -> None:
    fill(store)
    # "Clinton" could be either: the lists keep it apart, and so does the search
    assert found(store, "Clinton") == {"Clinton alone"}
    assert found(store, "Bill Clinton") == {"Bill"}
    assert found(store, "Nobody Known") == set()


def test_search_names_same_speaker_matches_the_lists() -> None:
    assert same_speaker("Trump", ["Donald Trump", "Ivan Petrov"]) == ["Donald Trump"]
    assert same_speaker("Donald Trump", ["Trump", "Ivanka Trump"]) == []  # "Trump" is ambiguous there
    assert speaker_candidates("Trump", ["donald trump", "trumpet player", "ivan petrov"]) == ["donald trump"]
    assert speaker_candidates("Reuters", ["reuters", "ap", "thomson reuters"]) == ["reuters", "thomson reuters"]


def _plans(db: Path, sql: str, params: tuple[object, ...] = ()) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [row[3] for row in con.execute("EXPLAIN QUERY PLAN " + sql, params)]
    finally:
        con.close()


def test_search_names_speaker_lookup_reads_the_index_not_the_table(tmp_path: Path) -> None:
    """The distinct speakers come from index seeks (a loose index scan), the filter from the
    speaker index: no plan step scans the attributions."""
    db = tmp_path / "c.db"
    store = open_store(f"sqlite:///{db}")
    fill(store)
    assert sorted(store.speaker_keys()) == store.speaker_keys()
    assert "donald trump" in store.speaker_keys() and len(store.speaker_keys()) == 9
    store.close()
    keys_sql = ("WITH RECURSIVE k(v) AS (SELECT MIN(speaker_key) FROM attributions UNION ALL "
                "SELECT (SELECT MIN(speaker_key) FROM attributions WHERE speaker_key > k.v) FROM k "
                "WHERE k.v IS NOT NULL) SELECT v FROM k WHERE v IS NOT NULL")
    plans = _plans(db, keys_sql) + _plans(db, "SELECT speaker FROM attributions WHERE speaker_key = ? LIMIT 1",
                                          ("trump",))
    plans += _plans(db, "SELECT article_pk FROM attributions WHERE speaker_key IN (?, ?)", ("trump", "donald trump"))
    assert not [p for p in plans if p.startswith("SCAN attributions")], plans
    assert any("USING COVERING INDEX ix_attributions_speaker_key (speaker_key>?)" in p for p in plans), plans


def test_search_names_speaker_sql_matches_what_the_store_runs(tmp_path: Path) -> None:
    """The statement the plan test reads is the store's own (a change there must change the test)."""
    import inspect

    from propscope.store.sql import SqlStore

    source = inspect.getsource(SqlStore.speaker_keys)
    assert "SELECT (SELECT MIN(speaker_key) FROM attributions WHERE speaker_key > k.v) FROM k" in source


def test_search_names_unknown_outlet_says_did_you_mean(store: Store) -> None:
    fill(store)
    with pytest.raises(InputError, match=r"no outlet 'Daily Courrier'.*did you mean 'Daily Courier'\?") as err:
        search(store, "", outlet="Daily Courrier")
    assert err.value.code == "input.outlet"
    assert search(store, "zebra", outlet="daily courier") == []  # a known outlet with no match: no error
    assert search(store, "", outlet="Daily Courier", since="2030-01-01") == []
    assert "did you mean 'The Sentinel'" in no_profile_message(store, "Sentinel")
    assert no_profile_message(store, "the sentinel") == "no articles from 'the sentinel' in that period"


def test_search_names_cli_and_api_speak_the_same(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(url)
    fill(store)
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["search", "", "--speaker", "Trump", "--db", url, "--json"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 4
    result = runner.invoke(app, ["search", "", "--outlet", "Evening Ledgr", "--db", url])
    assert result.exit_code == 2 and "did you mean 'Evening Ledger'?" in result.stderr
    result = runner.invoke(app, ["profile", "Evening Ledgr", "--db", url])
    assert result.exit_code == 2 and "did you mean 'Evening Ledger'?" in result.stderr

    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from propscope.pipeline import Pipeline
    from propscope.web import WebSettings, create_app

    app_ = create_app(WebSettings(), pipeline=Pipeline.build(["quotes"]), store=open_store(url))
    client = TestClient(app_, base_url="http://127.0.0.1:8000")
    assert len(client.get("/api/v1/search", params={"speaker": "Donald Trump"}).json()["items"]) == 4
    bad = client.get("/api/v1/search", params={"outlet": "Evening Ledgr"})
    assert bad.status_code == 422 and "did you mean 'Evening Ledger'?" in bad.json()["error"]["message"]
    bad = client.get("/api/v1/outlets/Evening Ledgr/profile")
    assert bad.status_code == 404 and "did you mean 'Evening Ledger'?" in bad.json()["error"]["message"]

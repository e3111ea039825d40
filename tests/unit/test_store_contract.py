"""One contract, every store: memory, SQLite and PostgreSQL must agree on all of it.

PostgreSQL runs when ``PROPSCOPE_TEST_POSTGRES_URL`` is set (``.ci/run`` sets it through
``scripts/ci-postgres.sh``); otherwise its cases skip and say why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, Span
from propscope.errors import PropscopeError
from propscope.store import ArticleFilter, IngestErrorRecord, SearchQuery, Store, needs_analysis, open_store


def article(text: str, *, outlet: str | None = "Outlet A", published: str | None = "2026-01-07T09:00:00Z",
            url: str | None = None, **kw: Any) -> Article:
    return Article(text=text, title=kw.pop("title", text.split(".")[0][:40]), outlet=outlet, published=published,
                   url=url or f"https://example.org/{abs(hash(text)) % 10**8}", language="en", **kw)


def analysis(art: Article, techniques: list[tuple[str, str, str]] = (), version: str = "1",
             speakers: list[str] = (), sources: list[tuple[str, str]] = ()) -> Analysis:  # type: ignore[assignment]
    """techniques: (word, technique, voice); spans land on the first occurrence of the word."""
    spans = []
    for word, technique, voice in techniques:
        i = art.text.index(word)
        spans.append(Span(i, i + len(word), technique, {"score": 0.75, "voice": voice}))
    attr = [Span(0, 1, "attribution", {"speaker": s, "kind": "direct", "cue": "said"}) for s in speakers]
    srcs = [Span(0, 1, "source", {"name": n, "kind": k, "relation": "according_to"}) for n, k in sources]
    layers = {
        "techniques": Layer("techniques", "techniques", version, tuple(spans), label_key="technique"),
        "attributions": Layer("attributions", "attribution", "1", tuple(attr)),
        "sources": Layer("sources", "sources", "1", tuple(srcs)),
    }
    infos = (AnalyzerInfo("techniques", version), AnalyzerInfo("attribution", "1"), AnalyzerInfo("sources", "1"))
    return Analysis(art, layers, infos)


def corpus() -> list[Analysis]:
    return [
        analysis(article("The enemy launched a gas attack on Velsk. Officials said the enemy lied.",
                         published="2026-01-05T08:00:00Z"),
                 [("enemy", "Name_Calling", "outlet"), ("lied", "Loaded_Language", "quoted")],
                 speakers=["Aurel Dorran"], sources=[("Reuters", "agency")]),
        analysis(article("Gas prices rose sharply in Velsk after the sanctions.", published="2026-01-14T10:00:00Z"),
                 [("sharply", "Exaggeration", "outlet")], speakers=["aurel  DORRAN", "Mira Tal"]),
        analysis(article("Sanctions on gas exports were announced.", outlet="Outlet B",
                         published="2026-01-10T12:00:00+02:00"),
                 [("announced", "Doubt", "quoted")], sources=[("TASS", "agency")]),
        analysis(article("An undated note about gas storage.", outlet="outlet a", published=None)),
    ]


def fill(store: Store) -> list[Analysis]:
    items = corpus()
    store.put_many(items)
    return items


# -- writing: idempotent, versioned, atomic ---------------------------------------------------------
def test_store_put_get_round_trip_and_idempotence(store: Store) -> None:
    a = corpus()[0]
    first = store.put(a)
    assert first.status == "inserted" and set(first.written) == {"techniques", "attribution", "sources"}
    assert store.put(a).status == "unchanged"
    assert store.count() == 1
    got = store.get(a.article.id)
    assert got is not None and got.to_json() == a.to_json()
    assert store.get(a.article.content_hash) == got
    assert store.get("0" * 16) is None


def test_store_replaces_the_analysis_when_a_version_changed(store: Store) -> None:
    art = corpus()[0].article
    store.put(analysis(art, [("enemy", "Name_Calling", "outlet")], version="1", speakers=["A B"]))
    assert store.put(analysis(art, [("launched", "Doubt", "quoted")], version="1")).status == "unchanged"
    result = store.put(analysis(art, [("launched", "Doubt", "quoted")], version="2", speakers=["A B"]))
    # every layer of the new run replaces the stored one: later analyzers depend on earlier ones
    assert result.status == "updated" and result.written == ("techniques", "attribution", "sources")
    got = store.get(art.id)
    assert got is not None
    assert [(s.label, s.attrs["voice"]) for s in got["techniques"]] == [("Doubt", "quoted")]
    assert [i.qualified for i in got.analyzers] == ["techniques.v2", "attribution.v1", "sources.v1"]
    # derived rows were replaced, not added to
    assert store.search(SearchQuery(technique="Name_Calling")) == []
    assert [h.article_id for h in store.search(SearchQuery(technique="Doubt"))] == [art.id]
    assert store.profile_counts("Outlet A").techniques == [("2026-01-05", "Doubt", "quoted", 1)]


def test_store_keeps_analyzers_a_later_pipeline_did_not_run(store: Store) -> None:
    art = corpus()[1].article
    store.put(analysis(art, [("sharply", "Exaggeration", "outlet")]))
    quotes = Analysis(art, {"quotes": Layer("quotes", "quotes", "1", (Span(0, 3, "quote"),))},
                      (AnalyzerInfo("quotes", "1"),))
    assert store.put(quotes).status == "updated"
    got = store.get(art.id)
    assert got is not None
    assert set(got.layers) == {"techniques", "attributions", "sources", "quotes"}
    assert [i.qualified for i in got.analyzers] == ["techniques.v1", "attribution.v1", "sources.v1", "quotes.v1"]


def test_store_stored_versions_and_needs_analysis(store: Store) -> None:
    a = corpus()[0]
    store.put(a)
    versions = store.stored_versions([a.article.content_hash, "f" * 64])
    assert versions == {a.article.content_hash: {"techniques": "1", "attribution": "1", "sources": "1"}}
    wanted = [AnalyzerInfo("techniques", "1")]
    assert not needs_analysis(versions[a.article.content_hash], wanted)
    assert needs_analysis(versions[a.article.content_hash], [AnalyzerInfo("techniques", "2")])
    assert needs_analysis(versions[a.article.content_hash], [AnalyzerInfo("quotes", "1")])
    assert needs_analysis(None, wanted)


def test_store_put_many_is_atomic(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    items = corpus()
    original = type(store)._put  # type: ignore[attr-defined]
    calls = {"n": 0}

    def flaky(self: Any, *args: Any, **kwargs: Any) -> Any:  # each article's step inside the transaction
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(store), "_put", flaky)
    with pytest.raises(RuntimeError):
        store.put_many(items)
    monkeypatch.setattr(type(store), "_put", original)
    assert store.count() == 0
    assert store.stored_versions([i.article.content_hash for i in items]) == {}
    store.put_many(items)
    assert store.count() == len(items)


def test_store_records_sightings_of_the_same_text(store: Store) -> None:
    a = corpus()[0]
    store.put(a)
    copy = Article(text=a.article.text, title="Copy", outlet="Outlet C", url="https://c.example/1",
                   published="2026-01-06")
    assert store.put(Analysis(copy, a.layers, a.analyzers)).status == "unchanged"
    assert store.add_sightings([(a.article.content_hash, "Outlet D", "https://d.example/1", None, None),
                                (a.article.content_hash, "Outlet D", "https://d.example/1", None, None),
                                ("e" * 64, "Nobody", "https://x", None, None)]) == 1
    seen = store.sightings(a.article.id)
    assert [(s.outlet, s.url) for s in seen] == [("Outlet A", a.article.url), ("Outlet C", "https://c.example/1"),
                                                 ("Outlet D", "https://d.example/1")]
    assert [s.outlet for s in store.iter_sightings()] == ["Outlet A", "Outlet C", "Outlet D"]
    got = store.get(a.article.id)
    assert got is not None and got.article.outlet == "Outlet A"  # the first sighting's metadata stays


# -- reading ----------------------------------------------------------------------------------------
def test_store_iterates_in_insertion_order_with_filters(store: Store) -> None:
    items = fill(store)
    assert [a.article.id for a in store.iter_analyses(batch_size=2)] == [a.article.id for a in items]
    assert [r.article_id for r in store.iter_articles(batch_size=3)] == [a.article.id for a in items]
    a_only = ArticleFilter(outlet="OUTLET A")
    assert store.count(a_only) == 3
    assert store.count(ArticleFilter(since="2026-01-06")) == 2
    assert store.count(ArticleFilter(outlet="outlet a", until="2026-01-10")) == 1
    assert [(s.name, s.kind) for s in store.iter_sources()] == [("Reuters", "agency"), ("TASS", "agency")]
    assert store.outlets() == [("Outlet A", 3), ("Outlet B", 1)]


SEARCHES = [
    (SearchQuery("gas"), [1, 2, 0, 3]),  # newest first, undated last
    (SearchQuery("GAS velsk"), [1, 0]),
    (SearchQuery('"gas attack"'), [0]),
    (SearchQuery('"attack gas"'), []),
    (SearchQuery("sanct*"), [1, 2]),
    (SearchQuery("gas", outlet="outlet b"), [2]),
    (SearchQuery("gas", since="2026-01-06", until="2026-01-12"), [2]),
    (SearchQuery("", technique="Name_Calling"), [0]),
    (SearchQuery("", technique="Loaded_Language", voice="outlet"), []),
    (SearchQuery("", technique="Loaded_Language", voice="quoted"), [0]),
    (SearchQuery("", voice="quoted"), [2, 0]),
    (SearchQuery("", voice="OUTLET"), [1, 0]),  # the groups in any case, as --voice Outlet is typed
    (SearchQuery("", voice=" Quoted "), [2, 0]),
    (SearchQuery("", speaker="Aurel Dorran"), [1, 0]),
    (SearchQuery("gas", speaker="mira tal"), [1]),
    (SearchQuery("gas", limit=2, offset=1), [2, 0]),
    (SearchQuery("nothing-here"), []),
    (SearchQuery('AND OR NOT "unbalanced ( * :'), []),
]


def test_store_search(store: Store) -> None:
    items = fill(store)
    ids = {a.article.id: n for n, a in enumerate(items)}
    got = [(query, [ids[h.article_id] for h in store.search(query)]) for query, _ in SEARCHES]
    assert got == SEARCHES


def test_store_voice_filter_groups_speakers_as_quoted(store: Store) -> None:
    """The voice analyzer names the speaker; ``quoted`` matches any speaker, a name only that one."""
    art = article("Dorran called them traitors and said the enemy lies.")
    store.put(analysis(art, [("traitors", "Name_Calling", "Aurel Dorran"), ("enemy", "Doubt", "outlet")]))
    assert [h.article_id for h in store.search(SearchQuery(voice="quoted"))] == [art.id]
    assert [h.article_id for h in store.search(SearchQuery(technique="Name_Calling", voice="Aurel Dorran"))] == [art.id]
    assert store.search(SearchQuery(technique="Name_Calling", voice="outlet")) == []
    assert store.search(SearchQuery(technique="Doubt", voice="quoted")) == []
    # a speaker's name compares as --speaker does: case and spaces aside
    assert [h.article_id for h in store.search(SearchQuery(voice="aurel  DORRAN"))] == [art.id]
    assert store.search(SearchQuery(voice="Aurel")) == []


def test_store_blank_filters_are_no_filters(store: Store) -> None:
    """A blank outlet, speaker or voice filters nothing in every store (SQL compared its key, None,
    and so selected the articles with no outlet, or spans with no speaker)."""
    items = fill(store)
    store.put(analysis(article("A wire note with no outlet about gas.", outlet=None)))
    everything = [h.article_id for h in store.search(SearchQuery(""))]
    assert len(everything) == len(items) + 1
    assert store.count(ArticleFilter(outlet=" ")) == store.count(ArticleFilter(outlet="")) == len(everything)
    for blank in ("", " ", "\t"):
        assert [h.article_id for h in store.search(SearchQuery("", outlet=blank))] == everything, repr(blank)
        assert [h.article_id for h in store.search(SearchQuery("", speaker=blank))] == everything, repr(blank)
        assert [h.article_id for h in store.search(SearchQuery("", voice=blank))] == everything, repr(blank)


def test_store_lists_technique_labels_and_voices(store: Store) -> None:
    assert store.technique_labels() == [] and store.voices() == []
    fill(store)
    store.put(analysis(article("Dorran called them traitors."), [("traitors", "Name_Calling", "Aurel Dorran")]))
    assert store.technique_labels() == ["Doubt", "Exaggeration", "Loaded_Language", "Name_Calling"]
    assert store.voices() == ["Aurel Dorran", "outlet", "quoted"]


def test_store_search_snippets_mark_matches(store: Store) -> None:
    fill(store)
    hits = store.search(SearchQuery('"gas attack"'))
    assert hits[0].snippet == "The enemy launched a **gas** **attack** on Velsk. Officials said the enemy lied."
    assert hits[0].outlet == "Outlet A" and hits[0].published == "2026-01-05T08:00:00Z"


def test_store_profile_counts(store: Store) -> None:
    fill(store)
    counts = store.profile_counts("outlet A").normalized()
    assert counts.weeks == {None: (1, 6), "2026-01-05": (1, 13), "2026-01-12": (1, 9)}
    assert counts.techniques == sorted([("2026-01-05", "Name_Calling", "outlet", 1),
                                        ("2026-01-05", "Loaded_Language", "quoted", 1),
                                        ("2026-01-12", "Exaggeration", "outlet", 1)], key=repr)
    assert counts.speakers == sorted([("2026-01-05", "Aurel Dorran", 1), ("2026-01-12", "Mira Tal", 1),
                                      ("2026-01-12", "aurel  DORRAN", 1)], key=repr)
    assert counts.sources == [("2026-01-05", "Reuters", "agency", 1)]
    since = store.profile_counts("Outlet A", since="2026-01-10").normalized()
    assert since.weeks == {"2026-01-12": (1, 9)}


def test_store_agency_from_the_dateline(store: Store) -> None:
    text = "MOSCOW, Jan 10 (TASS) - Gas flows resumed."
    art = article(text, dateline=Dateline("MOSCOW", "TASS", "Jan 10", Span(0, 22, "dateline")))
    store.put(Analysis(art))
    assert store.profile_counts("Outlet A").agencies == [("2026-01-05", "TASS", 1)]


def test_store_signatures(store: Store) -> None:
    items = fill(store)
    ids = [a.article.id for a in items[:2]]
    store.put_signatures("k1", {ids[0]: b"\x00\x01", ids[1]: b"\xff", "0" * 16: b"x"})
    store.put_signatures("k1", {ids[1]: b"\xfe"})
    assert store.get_signatures([*ids, "1" * 16], "k1") == {ids[0]: b"\x00\x01", ids[1]: b"\xfe"}
    assert store.get_signatures(ids, "k2") == {}


def test_store_runs_and_errors(store: Store) -> None:
    run = store.start_run(["a.jsonl"], [AnalyzerInfo("quotes", "1")])
    err = PropscopeError("could not read", source="a.jsonl#3", code="input.malformed")
    store.record_errors([IngestErrorRecord.from_error(run, "a.jsonl#3", err),
                         IngestErrorRecord(run, "a.jsonl#9", "analysis", "boom", "quotes", "ab" * 8)])
    store.record_errors([IngestErrorRecord("other", "b", "input.empty", "empty")])
    store.finish_run(run, {"inserted": 5, "errors": 2})
    errors = store.errors(run)
    assert [(e.source, e.code, e.analyzer) for e in errors] == [("a.jsonl#3", "input.malformed", None),
                                                                ("a.jsonl#9", "analysis", "quotes")]
    assert all(e.created_at for e in errors)
    assert len(store.errors()) == 3
    (record,) = store.runs()
    assert record.status == "finished" and record.counts == {"errors": 2, "inserted": 5}
    assert record.sources == ("a.jsonl",) and record.analyzers == ("quotes.v1",)


def test_store_open_store_by_url(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path}/sub/x.db")
    assert type(s).__name__ == "SqliteStore" and (tmp_path / "sub" / "x.db").exists()
    s.close()
    assert type(open_store(str(tmp_path / "y.db"))).__name__ == "SqliteStore"
    named = open_store("memory://shared-test")
    assert open_store("memory://shared-test") is named and open_store("memory://") is not open_store("memory://")
    with pytest.raises(PropscopeError, match="unknown database URL scheme"):
        open_store("mysql://x")

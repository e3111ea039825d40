"""Syndication: clusters with the earliest first and the share reused; relay links and chains;
precision and recall on the synthetic benchmark."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.cli import app
from propscope.corpus.syndication import SIGNATURE_KIND, credited_names, find_syndication, relay_chains
from propscope.corpus.synth import evaluate_syndication, syndication_benchmark
from propscope.store import open_store
from propscope.store.memory import MemoryStore

BASE = ("The port authority of Velsk said on Tuesday that three cargo ships had been held at the northern "
        "terminal after inspectors found irregular paperwork. Officials declined to name the owners of the "
        "vessels but said the inspections would continue through the week. Local traders complained that the "
        "delays were costing them thousands in lost contracts and spoiled goods. The ministry of transport "
        "promised a full review of procedures at every terminal before the end of the month.")


def art(text: str, outlet: str, published: str, n: int) -> Article:
    return Article(text=text, title=f"t{n}", outlet=outlet, published=published, url=f"https://x.example/{n}",
                   language="en")


def test_corpus_syndication_clusters_earliest_first_with_reuse() -> None:
    store = MemoryStore()
    sentences = BASE.split(". ")
    original = art(BASE, "Wire Agency", "2026-02-01T08:00:00Z", 1)
    light = art("Breaking news from the coast. " + BASE.replace("three", "3").replace("thousands", "much"),
                "Daily Courier", "2026-02-01T12:00:00Z", 2)
    partial = art(". ".join(sentences[:2]) + ". Our reporter adds that the mood at the docks was tense and angry "
                  "tonight.", "Metro Herald", "2026-02-02T09:00:00Z", 3)
    unrelated = art("The port authority of Velsk held a press conference. Ships were mentioned. Reporters asked "
                    "about paperwork and contracts, and officials promised answers next week at the terminal.",
                    "Evening Ledger", "2026-02-01T10:00:00Z", 4)
    same_outlet = art(BASE + " Updated at noon.", "Wire Agency", "2026-02-01T13:00:00Z", 5)
    other = ("A regional football club announced a new coach on Friday after a long search that lasted most of the "
             "summer and frustrated supporters. The board said the appointment would bring stability to the team "
             "and promised investment in the youth academy over the next three seasons.")
    alone = art(other + " A revision.", "Evening Ledger", "2026-02-05T10:00:00Z", 6)
    alone2 = art(other + " A second revision.", "Evening Ledger", "2026-02-05T11:00:00Z", 7)
    store.put_many([Analysis(a) for a in (partial, light, original, unrelated, same_outlet, alone, alone2)])
    store.add_sightings([(original.content_hash, "Harbor Gazette", "https://h.example/9", "2026-02-03", None)])

    report = find_syndication(store)
    assert len(report.clusters) == 1
    (cluster,) = report.clusters
    assert cluster.original.article_id == original.id
    members = {m.article_id if not m.exact else "exact": m for m in cluster.copies}
    assert set(members) == {light.id, partial.id, same_outlet.id, "exact"}  # not the unrelated report
    assert members[same_outlet.id].copied_from == original.id and members[same_outlet.id].reuse > 0.9
    assert members[light.id].copied_from == original.id and members[light.id].reuse > 0.8
    assert members[partial.id].copied_from == original.id and 0.5 < members[partial.id].reuse < 0.9
    assert members["exact"].outlet == "Harbor Gazette" and members["exact"].reuse == 1.0
    assert [m.published for m in cluster.members] == ["2026-02-01T08:00:00Z", "2026-02-01T12:00:00Z",
                                                      "2026-02-01T13:00:00Z", "2026-02-02T09:00:00Z", "2026-02-03"]
    # signatures are cached in the store: a second run hashes nothing new
    assert len(store.get_signatures([original.id, light.id], SIGNATURE_KIND)) == 2
    assert find_syndication(store).to_json() == report.to_json()


def test_corpus_syndication_relays_from_text_and_sources_layer() -> None:
    assert credited_names("According to Wire Agency, ships were held. Kyiv Post reported that talks failed.") \
        == ["Wire Agency", "Kyiv Post"]
    store = MemoryStore()
    a = art(BASE, "Wire Agency", "2026-02-01T08:00:00Z", 1)
    b = art("According to Wire Agency, cargo ships were held at Velsk terminal after inspectors found irregular "
            "paperwork; traders complained about delays and lost contracts.", "Daily Courier",
            "2026-02-01T12:00:00Z", 2)
    c_text = ("Ships stuck in Velsk: inspectors found irregular paperwork, traders lost contracts, said the "
              "courier's report on the terminal delays.")
    c = art(c_text, "Metro Herald", "2026-02-02T09:00:00Z", 3)
    layer = Layer("sources", "sources", "1", (Span(0, 5, "source", {"name": "Daily Courier", "kind": "outlet",
                                                                    "relation": "reported"}),))
    too_late = art("According to Wire Agency, cargo ships were held at Velsk terminal.", "Northern Star",
                   "2026-03-20T09:00:00Z", 4)
    absent = art("According to Xinhua, cargo ships were held at Velsk terminal.", "Kyiv Post", "2026-02-01T09:00:00Z",
                 5)
    store.put_many([Analysis(a), Analysis(b), Analysis(c, {"sources": layer}, (AnalyzerInfo("sources", "1"),)),
                    Analysis(too_late), Analysis(absent)])
    report = find_syndication(store)
    links = {(r.article_id, r.original_id, r.evidence) for r in report.relays}
    assert links == {(b.id, a.id, "text"), (c.id, b.id, "sources")}
    assert report.chains == [[a.id, b.id, c.id]]
    assert relay_chains(report.relays) == report.chains


def test_corpus_syndication_benchmark_precision_recall() -> None:
    items = syndication_benchmark(25, seed=11)
    store = MemoryStore()
    store.put_many([Analysis(it.article) for it in items])
    scores = evaluate_syndication(find_syndication(store), items)
    assert scores["clusters"]["precision"] >= 0.95 and scores["clusters"]["recall"] >= 0.9
    assert scores["translations"]["matched"] == 0 and scores["negatives"]["wrongly_clustered"] == 0
    assert scores["relays"]["precision"] >= 0.9 and scores["relays"]["recall"] >= 0.8


def test_corpus_syndication_cli(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(db)
    items = syndication_benchmark(4, seed=2)
    store.put_many([Analysis(it.article) for it in items])
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["syndication", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == len(items) and data["clusters"]
    text = runner.invoke(app, ["syndication", "--db", db, "--since", "2026-01-01"])
    assert text.exit_code == 0 and "cluster 1: original" in text.stdout and "reused from" in text.stdout


def test_corpus_syndication_a_sighting_with_no_outlet_is_no_copy() -> None:
    store = MemoryStore()
    nameless = Article(text=BASE, title="t", language="en", source="a.txt")  # ingested once without an outlet
    store.put(Analysis(nameless))
    store.add_sightings([(nameless.content_hash, "Harbor Gazette", None, "2026-02-03", "b.txt")])  # again, with one
    assert find_syndication(store).clusters == []
    store.add_sightings([(nameless.content_hash, "Wire Agency", None, "2026-02-04", "c.txt")])  # two outlets: a copy
    (cluster,) = find_syndication(store).clusters
    assert [m.outlet for m in cluster.members] == ["Harbor Gazette", "Wire Agency"]

"""Profile numbers on a hand-built corpus, the same from every store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Dateline, Span
from propscope.cli import app
from propscope.corpus.profile import build_profile
from propscope.errors import InputError
from propscope.store import Store, open_store


def build(words: int, published: str, techniques: list[tuple[str, str]], speakers: tuple[str, ...] | list[str] = (),
          sources: tuple[tuple[str, str], ...] | list[tuple[str, str]] = (), outlet: str = "Pravda Daily",
          agency: str | None = None, n: int = 0) -> Analysis:
    text = " ".join(f"w{n}x{i}" for i in range(words))
    tech = tuple(Span(0, 2, t, {"score": 0.5, "voice": v}) for t, v in techniques)
    attr = tuple(Span(0, 2, "attribution", {"speaker": s}) for s in speakers)
    srcs = tuple(Span(0, 2, "source", {"name": name, "kind": kind}) for name, kind in sources)
    article = Article(text=text, outlet=outlet, published=published,
                      dateline=Dateline("X", agency, None, None) if agency else None)
    return Analysis(article, {"techniques": Layer("techniques", "techniques", "1", tech, label_key="technique"),
                              "attributions": Layer("attributions", "attribution", "1", attr),
                              "sources": Layer("sources", "sources", "1", srcs)},
                    (AnalyzerInfo("techniques", "1"), AnalyzerInfo("attribution", "1"), AnalyzerInfo("sources", "1")))


CORPUS = [
    # week of 2026-03-02: 2 articles, 500 + 1500 words
    build(500, "2026-03-02T10:00:00Z", [("Loaded_Language", "outlet"), ("Loaded_Language", "outlet"),
                                        ("Doubt", "quoted")], ["Minister Ivanov", "minister  ivanov"],
          [("TASS", "agency")], agency="TASS", n=1),
    build(1500, "2026-03-08T23:00:00Z", [("Loaded_Language", "quoted")], ["Expert Petrova"],
          [("TASS", "agency"), ("Reuters", "agency")], n=2),
    # week of 2026-03-09: 1 article, 1000 words
    build(1000, "2026-03-10", [("Name_Calling", "outlet"), ("Loaded_Language", "outlet"),
                               ("Doubt", "Minister Ivanov")], ["Minister Ivanov"],
          [("PRAVDA DAILY", "agency")], agency="Pravda Daily", n=3),  # its own dateline: not a cited source
    # another outlet and a date outside the period: excluded
    build(800, "2026-03-03", [("Doubt", "outlet")], ["Someone"], outlet="Other", n=4),
    build(900, "2026-02-01", [("Doubt", "outlet")], ["Early"], n=5),
]


def test_corpus_profile_rates_speakers_sources_weekly(store: Store) -> None:
    store.put_many(CORPUS)
    profile = build_profile(store, "PRAVDA daily", since="2026-03-01", until="2026-03-31")
    data = profile.to_json()
    assert (data["articles"], data["words"]) == (3, 3000)
    rates = {(t["technique"], t["voice"]): (t["count"], t["per_1000_words"]) for t in data["techniques"]}
    assert rates == {("Loaded_Language", "outlet"): (3, 1.0), ("Loaded_Language", "quoted"): (1, 0.333),
                     ("Doubt", "quoted"): (2, 0.667), ("Name_Calling", "outlet"): (1, 0.333)}
    assert data["rates_by_voice"] == {"outlet": 1.333, "quoted": 1.0}
    assert data["quoted_voices"] == [{"name": "Minister Ivanov", "count": 1}]
    assert data["top_speakers"] == [{"name": "Minister Ivanov", "count": 3}, {"name": "Expert Petrova", "count": 1}]
    assert data["top_sources"] == [{"name": "TASS", "kind": "agency", "count": 2},
                                   {"name": "Reuters", "kind": "agency", "count": 1}]
    assert data["top_agencies"] == [{"name": "Pravda Daily", "count": 1}, {"name": "TASS", "count": 1}]
    weeks = {w["week"]: w for w in data["weekly"]}
    assert list(weeks) == ["2026-03-02", "2026-03-09"]
    assert (weeks["2026-03-02"]["articles"], weeks["2026-03-02"]["words"]) == (2, 2000)
    w2 = {(t["technique"], t["voice"]): t["per_1000_words"] for t in weeks["2026-03-09"]["techniques"]}
    assert w2 == {("Loaded_Language", "outlet"): 1.0, ("Name_Calling", "outlet"): 1.0, ("Doubt", "quoted"): 1.0}
    assert weeks["2026-03-09"]["top_speakers"] == [{"name": "Minister Ivanov", "count": 1}]


def test_corpus_profile_cli_table_and_json(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(db)
    store.put_many(CORPUS)
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["profile", "Pravda Daily", "--db", db, "--since", "2026-03-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 3
    table = runner.invoke(app, ["profile", "pravda daily", "--db", db, "--until", "2026-03-31"])
    assert table.exit_code == 0
    for text in ("Techniques per 1,000 words", "Loaded_Language", "Minister Ivanov", "TASS", "Weekly", "2026-03-09"):
        assert text in table.stdout
    speakers = table.stdout.split("Top speakers")[1].split("Top cited sources")[0]
    assert "kind" not in speakers  # no empty column: speakers have no kind
    missing = runner.invoke(app, ["profile", "Nobody", "--db", db])
    assert missing.exit_code == 2 and "outlets: Pravda Daily, Other" in missing.stderr
    bad = runner.invoke(app, ["profile", "Other", "--db", db, "--since", "yesterday-ish"])
    assert bad.exit_code == 2 and "--since takes a date" in bad.stderr


@pytest.mark.parametrize("name", ["", " ", "\t \n"])
def test_corpus_profile_needs_an_outlet_name(store: Store, name: str) -> None:
    """A blank name used to profile the whole corpus (or, in SQL, the articles with no outlet)."""
    store.put_many([*CORPUS, build(700, "2026-03-04", [("Doubt", "outlet")], outlet=None, n=6)])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="an outlet name is needed"):
        build_profile(store, name)


def test_corpus_profile_cli_refuses_a_blank_outlet(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    store = open_store(db)
    store.put_many(CORPUS)
    store.close()
    for name in ("", " "):
        result = CliRunner().invoke(app, ["profile", name, "--db", db, "--json"])
        assert result.exit_code == 2 and result.stdout == ""
        assert "error: an outlet name is needed" in result.stderr

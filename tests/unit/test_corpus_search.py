"""``propscope search`` end to end: ingest files, then search with filters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.analysis import Analysis, AnalyzerInfo, Layer
from propscope.article import Article, Span
from propscope.cli import app
from propscope.corpus.search import MAX_LIMIT, MAX_OFFSET, make_query, resolve_technique, search
from propscope.corpus.synth import register_synthetic
from propscope.errors import ConfigError, InputError
from propscope.store import Store, open_store

ARTICLES = {
    "a.jsonl": [
        {"title": "Gas deal", "text": "The enemy cut gas supplies to Velsk, Mira Tal said on Monday.",
         "outlet": "Daily Courier", "published": "2026-01-05"},
        {"title": "Gas talks", "text": "Talks on gas prices resumed in Brussels, Jon Berg said.",
         "outlet": "Metro Herald", "published": "2026-01-12"},
        {"title": "Quote", "text": "\"The enemy is always lying about gas,\" Jon Berg said on Friday.",
         "outlet": "Daily Courier", "published": "2026-01-20"},
    ],
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    register_synthetic()
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in ARTICLES["a.jsonl"]), encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", url, "--analyzers", "synthetic", "--no-progress"])
    assert result.exit_code == 0, result.output
    return url


def titles(db: str, *args: str) -> list[str]:
    result = CliRunner().invoke(app, ["search", *args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["title"] for line in result.stdout.splitlines()]


def test_corpus_search_cli_filters(db: str) -> None:
    assert titles(db, "gas") == ["Quote", "Gas talks", "Gas deal"]
    assert titles(db, "gas", "--outlet", "daily courier") == ["Quote", "Gas deal"]
    assert titles(db, "gas", "--since", "2026-01-06", "--until", "2026-01-19") == ["Gas talks"]
    assert titles(db, "", "--technique", "Name_Calling") == ["Quote", "Gas deal"]
    assert titles(db, "", "--technique", "Name_Calling", "--voice", "outlet") == ["Gas deal"]
    assert titles(db, "", "--voice", "quoted") == ["Quote"]
    assert titles(db, "gas", "--speaker", "JON BERG") == ["Quote", "Gas talks"]
    assert titles(db, '"gas supplies"') == ["Gas deal"]
    assert titles(db, "bruss*") == ["Gas talks"]
    assert titles(db, "gas", "-n", "1", "--offset", "1") == ["Gas talks"]


def test_corpus_search_cli_text_output_and_errors(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["search", "velsk", "--db", db])
    assert result.exit_code == 0
    assert "Daily Courier" in result.stdout and "Gas deal" in result.stdout and "Velsk" in result.stdout
    none = runner.invoke(app, ["search", "zebra", "--db", db])
    assert none.exit_code == 0 and "no matches" in none.stderr
    bad = runner.invoke(app, ["search", "gas", "--db", db, "--since", "soon"])
    assert bad.exit_code == 2 and "not a date" in bad.stderr
    missing = runner.invoke(app, ["search", "gas", "--db", f"sqlite:///{tmp_path / 'none.db'}"])
    assert missing.exit_code == 2 and "no corpus at" in missing.stderr


def test_corpus_search_api(db: str) -> None:
    store = open_store(db)
    hits = search(store, "enemy", since="2026-01-15")
    assert [h.title for h in hits] == ["Quote"] and "**enemy**" in hits[0].snippet
    store.close()
    with pytest.raises(ConfigError):
        make_query("x", limit=0)


# -- bounds, wordless queries, technique and voice names ------------------------------------------
def test_corpus_search_limit_and_offset_have_upper_bounds(db: str) -> None:
    """A huge --limit/--offset is a usage error (exit 2), not an integer overflow in the database."""
    runner = CliRunner()
    for option, value in (("--limit", "9223372036854775808"), ("--limit", str(MAX_LIMIT + 1)),
                          ("--offset", "99999999999999999999999"), ("--offset", str(MAX_OFFSET + 1))):
        result = runner.invoke(app, ["search", "gas", "--db", db, option, value])
        assert result.exit_code == 2, (option, value, result.output)
        assert "internal error" not in result.output
    assert titles(db, "gas", "--limit", str(MAX_LIMIT), "--offset", str(MAX_OFFSET)) == []
    with pytest.raises(ConfigError, match="--limit must be 1 to 10,000"):
        make_query("x", limit=MAX_LIMIT + 1)
    with pytest.raises(ConfigError):
        make_query("x", offset=MAX_OFFSET + 1)


def test_corpus_search_at_the_largest_offset_finds_nothing(store: Store) -> None:
    store.put_many(CORPUS)
    assert search(store, "", limit=MAX_LIMIT, offset=MAX_OFFSET) == []
    assert len(search(store, "", limit=MAX_LIMIT)) == len(CORPUS)


@pytest.mark.parametrize("query", ["!!!", '"', "*", '"" *', "... ?"])
def test_corpus_search_query_without_words_is_an_input_error(query: str, db: str) -> None:
    with pytest.raises(InputError, match="no words to search for"):
        make_query(query)
    result = CliRunner().invoke(app, ["search", query, "--db", db])
    assert result.exit_code == 2 and "the query has no words to search for" in result.stderr


def test_corpus_search_empty_query_still_lists_articles(db: str) -> None:
    assert titles(db, "") == ["Quote", "Gas talks", "Gas deal"]
    assert titles(db, "", "--outlet", "daily courier") == ["Quote", "Gas deal"]
    assert titles(db, "  ", "--outlet", "metro herald") == ["Gas talks"]
    assert titles(db, "", "--outlet", " ") == ["Quote", "Gas talks", "Gas deal"]  # blank: no filter, like ""


@pytest.mark.parametrize(("given", "label"), [
    ("Loaded_Language", "Loaded_Language"),
    ("loaded_language", "Loaded_Language"),
    ("Loaded Language", "Loaded_Language"),
    ("  LOADED-language ", "Loaded_Language"),
    ("loaded", "Loaded_Language"),
    ("name calling", "Name_Calling,Labeling"),
    ("Name_Calling,Labeling", "Name_Calling,Labeling"),
    ("name calling, labeling", "Name_Calling,Labeling"),
    ("labeling", "Name_Calling,Labeling"),
    ("straw men", "Whataboutism,Straw_Men,Red_Herring"),
    ("appeal to fear", "Appeal_to_fear-prejudice"),
    ("black and white fallacy", "Black-and-White_Fallacy"),
])
def test_corpus_search_technique_names_resolve_to_labels(given: str, label: str) -> None:
    assert resolve_technique(given) == label


def test_corpus_search_technique_names_that_are_unknown_or_ambiguous() -> None:
    with pytest.raises(InputError, match=r"unknown technique 'bogus'; techniques: .*Loaded_Language"):
        resolve_technique("bogus")
    with pytest.raises(InputError, match=re.escape("ambiguous: Appeal_to_Authority | Appeal_to_fear-prejudice")):
        resolve_technique("appeal")
    with pytest.raises(InputError, match="unknown technique"):
        resolve_technique("load")  # only whole words
    # A corpus labelled by another model: its own labels come first, and are valid too.
    assert resolve_technique("name calling", ["Name_Calling"]) == "Name_Calling"
    assert resolve_technique("appeal to fear", ["Appeal_to_Fear"]) == "Appeal_to_Fear"
    assert resolve_technique("flag waving", ["Flag_Waving"]) == "Flag_Waving"


def _analysis(words: str, outlet: str, spans: list[tuple[str, str, str]], day: int) -> Analysis:
    tech = tuple(Span(words.index(w), words.index(w) + len(w), t, {"score": 0.5, "voice": v}) for w, t, v in spans)
    return Analysis(Article(text=words, title=words.split(".")[0], outlet=outlet, published=f"2026-02-{day:02d}"),
                    {"techniques": Layer("techniques", "techniques", "1", tech, label_key="technique")},
                    (AnalyzerInfo("techniques", "1"),))


CORPUS = [
    _analysis("Loaded words. The shameful deal was signed.", "Daily Courier",
              [("shameful", "Loaded_Language", "outlet")], 1),
    _analysis("Labels. Traitors, Mira Tal called them.", "Metro Herald",
              [("Traitors", "Name_Calling,Labeling", "Mira Tal")], 2),
    _analysis("Nothing. Talks went on.", "Metro Herald", [], 3),
]


def test_corpus_search_technique_and_voice_are_checked_and_loose(store: Store) -> None:
    store.put_many(CORPUS)

    def found(**filters: str) -> list[str | None]:
        return [h.title for h in search(store, "", **filters)]

    for name in ("Loaded_Language", "loaded_language", "Loaded Language", "loaded"):
        assert found(technique=name) == ["Loaded words"], name
    assert found(technique="name calling") == found(technique="LABELING") == ["Labels"]
    assert found(voice="Outlet") == found(voice="OUTLET") == ["Loaded words"]
    assert found(voice="Quoted") == ["Labels"]
    assert found(voice="mira  TAL") == found(voice="Mira Tal") == ["Labels"]
    assert found(technique="loaded language", voice="mira tal") == []  # a known voice: just no match
    assert found(technique=" ", voice="") == ["Nothing", "Labels", "Loaded words"]  # blank: no filter
    with pytest.raises(InputError, match=r"unknown technique 'bogus'; techniques: .*Loaded_Language"):
        search(store, "", technique="bogus")
    with pytest.raises(InputError, match=r"unknown voice 'outlets': use outlet, quoted or .*: Mira Tal"):
        search(store, "", voice="outlets")


def test_corpus_search_cli_technique_and_voice_names(db: str) -> None:
    """The synthetic analyzer's own labels (``Name_Calling``) are found however they are typed."""
    assert titles(db, "", "--technique", "name calling") == ["Quote", "Gas deal"]
    assert titles(db, "", "--technique", "NAME_CALLING", "--voice", "Outlet") == ["Gas deal"]
    runner = CliRunner()
    bad = runner.invoke(app, ["search", "", "--db", db, "--technique", "bogus"])
    assert bad.exit_code == 2 and "unknown technique 'bogus'" in bad.stderr and "Name_Calling" in bad.stderr
    voice = runner.invoke(app, ["search", "", "--db", db, "--voice", "nobody"])
    assert voice.exit_code == 2 and "unknown voice 'nobody': use outlet, quoted" in voice.stderr

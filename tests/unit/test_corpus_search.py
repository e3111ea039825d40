"""``propscope search`` end to end: ingest files, then search with filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from propscope.cli import app
from propscope.corpus.search import make_query, search
from propscope.corpus.synth import register_synthetic
from propscope.errors import ConfigError
from propscope.store import open_store

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

"""SQLite and PostgreSQL give the same stories, narratives and claims (issue 17, "Done when").

One small hand-written corpus (tests/unit/story_samples.py) is stored in a SQLite file and in
a PostgreSQL schema, threaded and read for claims the same way; then every story, narrative and
claim command of the CLI (text and JSON), the web pages and the /api/v1 answers are compared
output for output.  PostgreSQL runs when ``PROPSCOPE_TEST_POSTGRES_URL`` is set
(``scripts/ci-postgres.sh``); without it the test is skipped, and the SQLite half still runs
(:func:`test_stories_backends_outputs_are_real_on_sqlite`) so that what is compared is known to
hold stories, narratives and claims.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from story_samples import XSS, WordEncoder, corpus
from typer.testing import CliRunner

from propscope.cli import app
from propscope.corpus.claims import ClaimSettings, list_claims, update_claims
from propscope.pipeline import Pipeline
from propscope.store.base import Store
from propscope.store.testing import POSTGRES_ENV, postgres_url
from propscope.stories import StorySettings, list_stories, update_stories
from propscope.web import WebSettings, create_app


@contextmanager
def _filled(kind: str, tmp_path: Path) -> Iterator[tuple[Store, str]]:
    """A store of ``kind`` holding the sample corpus, threaded and read for claims, and the URL
    the CLI opens it by."""
    if kind == "sqlite":
        from propscope.store.sqlite import SqliteStore

        path = tmp_path / "corpus.db"
        store: Any = SqliteStore(f"sqlite:///{path}")
        url = f"sqlite:///{path}"
    else:
        from propscope.store.postgres import PostgresStore

        base = postgres_url()
        assert base is not None
        schema = f"t_{uuid.uuid4().hex[:12]}"
        store = PostgresStore(base, schema=schema)
        url = f"{base}{'&' if '?' in base else '?'}options={quote(f'-csearch_path={schema}', safe='')}"
    try:
        for a in corpus():
            store.put(a)
        update_stories(store, settings=StorySettings(threshold=0.3, window_days=14), encoder=WordEncoder())
        update_claims(store, settings=ClaimSettings(same_threshold=0.7, restate_threshold=0.7),
                      encoder=WordEncoder())
        yield store, url
    finally:
        if kind == "postgres":
            store.drop_schema()
        store.close()


_NONCE = re.compile(r'nonce="[^"]*"')


def _outputs(store: Store, url: str) -> dict[str, Any]:
    """Every view of the corpus, by name: CLI output (exit code and stdout), page HTML, API JSON."""
    stories = list_stories(store, min_articles=1)
    claims = list_claims(store, min_articles=1)
    assert stories and claims
    story = next(s for s in stories if s.articles > 1).story_id
    member = next(m.article_id for m in store.story_members(story_ids=[story]) if m.article_id != story)
    claim = next(c for c in claims if c.speaker).claim_id
    outlet = "Harbor Gazette " + XSS
    commands = {
        "stories": ["stories"], "stories-json": ["stories", "--json"],
        "stories-all": ["stories", "--min-articles", "1", "--json"],
        "stories-outlet": ["stories", "--outlet", "Coast Courier", "--json"],
        "stories-period": ["stories", "--since", "2019-03-02", "--until", "2019-03-05", "--min-articles", "1"],
        "story": ["story", story], "story-json": ["story", story, "--json"], "story-by-member": ["story", member],
        "story-missing": ["story", "nosuchstory"],
        "narratives": ["narratives"], "narratives-json": ["narratives", "--json"],
        "narratives-outlet": ["narratives", "--outlet", "coast courier", "--json"],
        "narratives-since": ["narratives", "--since", "2019-03-02", "--json"],
        "claims": ["claims"], "claims-json": ["claims", "--json"],
        "claims-all": ["claims", "--min-sightings", "1", "--json"],
        "claims-speaker": ["claims", "--speaker", "Varn", "--json"],
        "claims-outlet": ["claims", "--outlet", "Coast Courier", "--json"],
        "claim": ["claim", claim], "claim-json": ["claim", claim, "--json"],
        "stories-update": ["stories", "--update", "--json"], "claims-update": ["claims", "--update", "--json"],
    }
    for table in ("stories", "claims", "narratives"):  # the tables of the export, rows in a fixed order
        for fmt in ("jsonl", "csv"):
            commands[f"export-{table}-{fmt}"] = ["export", "--table", table, "--format", fmt, "--no-progress"]
        commands[f"export-{table}-outlet"] = ["export", "--table", table, "--outlet", "Northern Star",
                                              "--no-progress"]
    out: dict[str, Any] = {}
    runner = CliRunner()
    for name, args in commands.items():
        r = runner.invoke(app, [*args, "--db", url])
        out["cli " + name] = (r.exit_code, r.stdout)
    web = create_app(WebSettings(db="memory://"), pipeline=Pipeline([]), store=store)
    paths = ["/stories", f"/stories/{story}", f"/stories/{member}", "/narratives", "/narratives/foreign_plot",
             "/claims", f"/claims/{claim}", f"/outlets/{quote(outlet)}",
             "/api/v1/stories", "/api/v1/stories?outlet=Northern%20Star", "/api/v1/stories?since=2019-03-03",
             f"/api/v1/stories/{story}", "/api/v1/stories/nosuchstory",
             "/api/v1/narratives", "/api/v1/narratives/foreign_plot",
             "/api/v1/narratives/foreign_plot?outlet=Coast%20Courier",
             f"/api/v1/outlets/{quote(outlet)}/stories", f"/api/v1/outlets/{quote(outlet)}/profile",
             "/api/v1/claims", "/api/v1/claims?speaker=Varn", f"/api/v1/claims/{claim}"]
    with TestClient(web, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as client:
        for path in paths:
            r = client.get(path)
            body = r.json() if path.startswith("/api/") else _NONCE.sub('nonce=""', r.text)
            out["web " + path] = (r.status_code, body)
    return out


def test_stories_backends_outputs_are_real_on_sqlite(tmp_path: Path) -> None:
    with _filled("sqlite", tmp_path) as (store, url):
        out = _outputs(store, url)
    failed = {k: v[0] for k, v in out.items() if v[0] not in (0, 200) and "missing" not in k and "nosuch" not in k}
    assert failed == {}
    assert out["cli story-missing"][0] == 2 and out["web /api/v1/stories/nosuchstory"][0] == 404
    assert "Velsk" in out["cli stories"][1] and "foreign_plot" in out["cli narratives-json"][1]
    assert "Ilse Varn" in out["cli claims"][1]
    assert out["web /api/v1/stories"][1]["items"][0]["articles"] == 3
    assert all(out[f"cli export-{t}-jsonl"][1].count("\n") >= 3 for t in ("stories", "claims", "narratives"))


def test_stories_backends_sqlite_and_postgres_give_identical_outputs(tmp_path: Path) -> None:
    if postgres_url() is None:
        pytest.skip(f"PostgreSQL: {POSTGRES_ENV} is not set")
    with _filled("sqlite", tmp_path) as (store, url):
        lite = _outputs(store, url)
    with _filled("postgres", tmp_path) as (store, url):
        pg = _outputs(store, url)
    assert list(pg) == list(lite)
    different = [name for name in lite if lite[name] != pg[name]]
    for name in different:  # the first difference of each, to read in the failure
        a, b = str(lite[name]), str(pg[name])
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        print(f"{name}: sqlite …{a[max(0, i - 80):i + 80]!r}\n{' ' * len(name)}  postgres …{b[max(0, i - 80):i + 80]!r}")
    assert different == []

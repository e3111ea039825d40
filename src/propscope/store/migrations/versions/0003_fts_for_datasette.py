"""articles_fts declared so that Datasette and sqlite-utils find it (SQLite only).

0001 declared the external-content FTS5 table with ``content='articles'``; both tools look
for ``content="articles"`` (or ``content=[articles]``) in ``sqlite_master`` and otherwise
treat the table as unsearchable: Datasette's ``?_search=`` silently returned every row and
``sqlite-utils search`` refused.  The table is dropped, declared again with double quotes and
rebuilt from ``articles`` (one pass over the texts); the triggers are unchanged.
PostgreSQL has its own full-text path (the ``tsv`` column): nothing changes there.

Revision ID: 0003_fts_for_datasette
Revises: 0002_ingest_runs_liveness
Create Date: 2026-12-12
"""

from __future__ import annotations

from alembic import op

revision = "0003_fts_for_datasette"
down_revision = "0002_ingest_runs_liveness"
branch_labels = None
depends_on = None

_TRIGGERS = (
    "CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
    "CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); END",
    "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END",
)


def _recreate(quote: str) -> None:
    for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS articles_fts")
    op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
               f"title, text, content={quote}articles{quote}, content_rowid={quote}pk{quote}, "
               "tokenize='unicode61 remove_diacritics 0')")
    op.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    for sql in _TRIGGERS:
        op.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate('"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _recreate("'")

"""Views that read without propscope: one row per technique span, attribution, entity mention
and cited source, with its text, the article's id, outlet and dates, the speaker and the voice.

What needs no parsing is computed in the views: a span's text is
``substr(articles.text, start + 1, end - start)`` (both SQLite and PostgreSQL count code
points, as our offsets do), the outlet and dates come from a join on ``articles.pk``.
What needs the analysis is stored at ingest (new columns, filled here for existing rows by
deriving them again from ``analyses``): an attribution's quoted words, cue and source as text
(its offsets are JSON lists of pieces), its voice, and the voice and speaker of every entity
mention and cited source (the voice analyzer's rule: the speaker whose quoted content holds the
span, else ``outlet``).  That keeps JSON out of SQL (the two dialects differ there) and the
rule in one place, in Python.

A later migration that rebuilds ``articles`` or a span table with ``batch_alter_table`` (SQLite)
must drop these views first and create them again.

Revision ID: 0004_span_views
Revises: 0003_fts_for_datasette
Create Date: 2026-12-12
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004_span_views"
down_revision = "0003_fts_for_datasette"
branch_labels = None
depends_on = None

NEW_COLUMNS = {
    "attributions": ("content_text", "cue_text", "source_text", "voice"),
    "mentions": ("voice", "speaker"),
    "sources": ("voice", "speaker"),
}
VIEWS = ("v_techniques", "v_attributions", "v_mentions", "v_sources")


def _common(date: str) -> str:
    return f"t.id, a.id AS article_id, a.outlet, {date} AS published_date, a.published, a.published_at, a.title"


_TEXT = 'substr(a.text, t.start + 1, t."end" - t.start)'
_FROM = "JOIN articles a ON a.pk = t.article_pk"


def view_sql(dialect: str) -> dict[str, str]:
    date = "CAST(a.published_date AS DATE)" if dialect == "postgresql" else "a.published_date"
    common = _common(date)
    return {
        "v_techniques": (
            f"SELECT {common}, t.technique, t.score, t.voice, "
            "CASE WHEN t.voice IS NULL THEN NULL WHEN t.voice = 'outlet' THEN 'outlet' ELSE 'quoted' END "
            "AS voice_group, "
            "CASE WHEN t.voice IS NULL OR t.voice IN ('outlet', 'unknown speaker') THEN NULL ELSE t.voice END "
            f'AS speaker, {_TEXT} AS text, t.start, t."end", t.analyzer FROM technique_spans t {_FROM}'),
        "v_attributions": (
            f"SELECT {common}, t.kind, t.speaker, t.voice, t.relayed_by, t.content_text AS text, t.cue_text, "
            f't.source_text, t.content AS content_offsets, t.start, t."end", t.analyzer FROM attributions t {_FROM}'),
        "v_mentions": (
            f"SELECT {common}, t.type, t.entity, "
            "(SELECT e.name FROM entities e WHERE e.article_pk = t.article_pk AND e.analyzer = t.analyzer "
            "AND e.entity = t.entity ORDER BY e.id LIMIT 1) AS name, "
            f't.voice, t.speaker, {_TEXT} AS text, t.start, t."end", t.analyzer FROM mentions t {_FROM}'),
        "v_sources": (
            f"SELECT {common}, t.name, t.kind, t.relation, t.voice, t.speaker, {_TEXT} AS text, "
            f't.start, t."end", t.analyzer FROM sources t {_FROM}'),
    }


def _backfill(conn: sa.Connection) -> None:
    """Derive the new columns of existing rows again from the stored analyses, article by article."""
    from propscope.store.records import compose_analysis, decompose

    pks = conn.execute(sa.text("SELECT DISTINCT article_pk FROM analyses ORDER BY article_pk")).scalars().all()
    for pk in pks:
        article = conn.execute(sa.text("SELECT * FROM articles WHERE pk = :pk"), {"pk": pk}).mappings().one()
        rows = conn.execute(sa.text("SELECT analyzer, version, listed, seq, layers_json FROM analyses "
                                    "WHERE article_pk = :pk"), {"pk": pk}).all()
        analysis = compose_analysis(dict(article), [(r[0], r[1], bool(r[2]), r[3], r[4]) for r in rows])
        _, groups = decompose(analysis)
        for table in NEW_COLUMNS:
            conn.execute(sa.text(f"DELETE FROM {table} WHERE article_pk = :pk"), {"pk": pk})
            values: list[dict[str, Any]] = [{**row, "article_pk": pk} for g in groups
                                            for row in getattr(g.derived, table)]
            if values:
                t = sa.table(table, *(sa.column(c) for c in values[0]))
                conn.execute(sa.insert(t), values)


def upgrade() -> None:
    conn = op.get_bind()
    for table, columns in NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.add_column(sa.Column(column, sa.Text))
    _backfill(conn)
    for name, sql in view_sql(conn.dialect.name).items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in VIEWS:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    for table, columns in NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in reversed(columns):
                batch.drop_column(column)

"""The corpus schema as SQLAlchemy Core tables (the same on SQLite and PostgreSQL).

The tables are created and changed only by the Alembic migrations in
``store/migrations/versions``; ``tests/unit/test_store_schema.py`` checks that a migrated
database matches these definitions.  Full-text search is dialect-specific and lives only in
the migrations: an FTS5 table ``articles_fts`` with triggers on SQLite, a generated
``tsv`` column with a GIN index on PostgreSQL.

    articles ─┬─< analyses          one row per analyzer: name, version, layers (JSON)
              ├─< technique_spans   from the "techniques" layer (technique, voice, score)
              ├─< attributions      from "attributions" (kind, content, cue, source, speaker, relayed_by)
              ├─< entities          from "entities" data.entities
              ├─< mentions          from "entities" spans
              ├─< sources           from "sources" (name, kind, relation)
              ├─< sightings         every place the same text was seen
              ├─< signatures        MinHash signatures for syndication
              ├─< embeddings        document vectors (float16 bytes) for story threads
              ├─  story_members     the story thread of each threaded article
              ├─< claim_sightings   where an article carries a claim (claims: the claims themselves)
              └─  claim_articles    articles already read for claims
    ingest_runs ─< ingest_errors    one row per failed item; a run's pid, host and heartbeat

Views that read without propscope (migration 0004): ``v_techniques``, ``v_attributions``,
``v_mentions`` and ``v_sources``, one row per span with its text, the article's id, outlet and
dates, the speaker and the voice.  A later migration that rebuilds one of their tables
(``batch_alter_table`` on SQLite) must drop the views first and create them again.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

__all__ = ["DERIVED_TABLES", "metadata"]

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _article_fk() -> sa.Column[Any]:
    return sa.Column("article_pk", PK, sa.ForeignKey("articles.pk", ondelete="CASCADE"), nullable=False)


articles = sa.Table(
    "articles", metadata,
    sa.Column("pk", PK, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(16), nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("title", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("outlet_key", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Text),  # as the source gave it
    sa.Column("published_at", sa.String(32)),  # sortable ISO
    sa.Column("published_date", sa.String(10)),  # YYYY-MM-DD
    sa.Column("week", sa.String(10)),  # Monday of the ISO week
    sa.Column("language", sa.String(35)),
    sa.Column("word_count", sa.Integer, nullable=False),
    sa.Column("agency", sa.Text),  # dateline agency
    sa.Column("source", sa.Text),
    sa.Column("source_format", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("raw", sa.Text),  # NULL when the raw input is the text
    sa.Column("article_json", sa.Text, nullable=False),  # the rest of Article.to_json()
    sa.Column("propscope_version", sa.String(32)),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Index(None, "outlet_key", "published_date"),
    sa.Index(None, "published_at"),
    sa.Index(None, "url"),
)

analyses = sa.Table(
    "analyses", metadata,
    _article_fk(),
    sa.Column("analyzer", sa.String(100), nullable=False),
    sa.Column("version", sa.String(50), nullable=False),
    sa.Column("listed", sa.Boolean, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("layers_json", sa.Text, nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("article_pk", "analyzer"),
)


def _span_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", PK, primary_key=True, autoincrement=True),
        _article_fk(),
        sa.Column("analyzer", sa.String(100), nullable=False),
        sa.Column("layer", sa.String(100), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    ]


technique_spans = sa.Table(
    "technique_spans", metadata, *_span_columns(),
    sa.Column("technique", sa.String(100), nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("voice", sa.String(50)),
    sa.Index(None, "article_pk", "analyzer"),
    sa.Index(None, "technique", "voice"),
)

attributions = sa.Table(
    "attributions", metadata, *_span_columns(),
    sa.Column("label", sa.Text),
    sa.Column("kind", sa.Text),
    sa.Column("content", sa.Text),
    sa.Column("cue", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("speaker", sa.Text),
    sa.Column("speaker_key", sa.Text),
    sa.Column("relayed_by", sa.Text),
    sa.Column("content_text", sa.Text),  # the quoted words, pieces joined with " … "
    sa.Column("cue_text", sa.Text),
    sa.Column("source_text", sa.Text),
    sa.Column("voice", sa.Text),  # the speaker, "unknown speaker", or "outlet" (content in the outlet's words)
    sa.Index(None, "article_pk", "analyzer"),
    sa.Index(None, "speaker_key"),
)

entities = sa.Table(
    "entities", metadata,
    sa.Column("id", PK, primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("analyzer", sa.String(100), nullable=False),
    sa.Column("layer", sa.String(100), nullable=False),
    sa.Column("entity", sa.Text),
    sa.Column("type", sa.Text),
    sa.Column("name", sa.Text),
    sa.Column("name_key", sa.Text),
    sa.Column("mentions", sa.Integer),
    sa.Column("attrs_json", sa.Text),
    sa.Index(None, "article_pk", "analyzer"),
    sa.Index(None, "name_key"),
)

mentions = sa.Table(
    "mentions", metadata, *_span_columns(),
    sa.Column("type", sa.Text),
    sa.Column("entity", sa.Text),
    sa.Column("voice", sa.Text),  # "outlet", or the speaker of the quote it stands in
    sa.Column("speaker", sa.Text),
    sa.Index(None, "article_pk", "analyzer"),
)

sources = sa.Table(
    "sources", metadata, *_span_columns(),
    sa.Column("name", sa.Text),
    sa.Column("name_key", sa.Text),
    sa.Column("kind", sa.Text),
    sa.Column("relation", sa.Text),
    sa.Column("voice", sa.Text),
    sa.Column("speaker", sa.Text),
    sa.Index(None, "article_pk", "analyzer"),
    sa.Index(None, "name_key"),
)

sightings = sa.Table(
    "sightings", metadata,
    sa.Column("id", PK, primary_key=True, autoincrement=True),
    _article_fk(),
    sa.Column("key", sa.Text, nullable=False),  # url, else source, else ""
    sa.Column("outlet", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("published", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("seen_at", sa.String(32), nullable=False),
    sa.UniqueConstraint("article_pk", "key"),
)

signatures = sa.Table(
    "signatures", metadata,
    _article_fk(),
    sa.Column("kind", sa.String(64), nullable=False),  # e.g. "minhash-w5-p128-s1"
    sa.Column("signature", sa.LargeBinary, nullable=False),
    sa.PrimaryKeyConstraint("article_pk", "kind"),
)

embeddings = sa.Table(
    "embeddings", metadata,
    _article_fk(),
    sa.Column("kind", sa.String(64), nullable=False),  # model and format, e.g. "minilm-l6-v2-int8-f16"
    sa.Column("dim", sa.Integer, nullable=False),
    sa.Column("vector", sa.LargeBinary, nullable=False),
    sa.PrimaryKeyConstraint("article_pk", "kind"),
)

story_members = sa.Table(
    "story_members", metadata,
    _article_fk(),
    sa.Column("story_id", sa.String(16), nullable=False),  # id of the story's first article
    sa.Column("joined_via", sa.String(16)),  # the member it matched best (None for the first)
    sa.Column("method", sa.String(16), nullable=False),  # "first", "embedding", "copy"
    sa.Column("score", sa.Float),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("article_pk"),
    sa.Index(None, "story_id"),
)

claims = sa.Table(  # issue 17 §2: one claim (a speaker's statement, or an outlet's assertion)
    "claims", metadata,
    sa.Column("claim_id", sa.String(16), primary_key=True),  # id of the article of its first sighting + offset hash
    sa.Column("speaker", sa.Text),  # canonical speaker as first seen; None: an outlet-voice assertion
    sa.Column("speaker_key", sa.String(255)),  # the speaker's surname key (candidates are looked up by it)
    sa.Column("text", sa.Text, nullable=False),  # the content as first seen
    sa.Column("vector", sa.LargeBinary, nullable=False),  # float16 encoder vector of ``text``
    sa.Column("first_seen", sa.String(32)),  # publication time of the first sighting
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Index(None, "speaker_key"),
    sa.Index(None, "first_seen"),
)

claim_sightings = sa.Table(
    "claim_sightings", metadata,
    _article_fk(),
    sa.Column("start_offset", sa.Integer, nullable=False),
    sa.Column("end_offset", sa.Integer, nullable=False),
    sa.Column("claim_id", sa.String(16), nullable=False),
    sa.Column("voice", sa.String(16), nullable=False),  # "reported" (the speaker's) or "restated" (the outlet's)
    sa.Column("speaker", sa.Text),  # the speaker as this article names it
    sa.Column("similarity", sa.Float),  # cosine to the claim's text (None for the first sighting)
    sa.Column("text", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("article_pk", "start_offset"),
    sa.Index(None, "claim_id"),
)

claim_articles = sa.Table(  # articles already read for claims (with or without any): the incremental mark
    "claim_articles", metadata,
    _article_fk(),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("article_pk"),
)

ingest_runs = sa.Table(
    "ingest_runs", metadata,
    sa.Column("run_id", sa.String(36), primary_key=True),
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("sources_json", sa.Text, nullable=False),
    sa.Column("analyzers_json", sa.Text, nullable=False),
    sa.Column("counts_json", sa.Text, nullable=False),
    sa.Column("pid", sa.Integer),  # the ingest process, on host; a later ingest checks it is still there
    sa.Column("host", sa.String(255)),
    sa.Column("heartbeat_at", sa.String(32)),  # renewed while the run goes on
)

ingest_errors = sa.Table(
    "ingest_errors", metadata,
    sa.Column("id", PK, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(36)),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("code", sa.String(100), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("analyzer", sa.String(100)),
    sa.Column("article_id", sa.String(16)),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Index(None, "run_id"),
)

#: DerivedRows attribute -> table.
DERIVED_TABLES: dict[str, sa.Table] = {
    "techniques": technique_spans,
    "attributions": attributions,
    "entities": entities,
    "mentions": mentions,
    "sources": sources,
}

"""The first corpus schema: articles, analyses, derived query tables, ingest bookkeeping, full text.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column("article_pk", PK, sa.ForeignKey("articles.pk", ondelete="CASCADE",
                                                     name=f"fk_{table}_article_pk_articles"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", PK, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(16), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("outlet_key", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_at", sa.String(32)),
        sa.Column("published_date", sa.String(10)),
        sa.Column("week", sa.String(10)),
        sa.Column("language", sa.String(35)),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("agency", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("source_format", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("article_json", sa.Text, nullable=False),
        sa.Column("propscope_version", sa.String(32)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("updated_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("pk", name="pk_articles"),
        sa.UniqueConstraint("id", name="uq_articles_id"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_outlet_key_published_date", "articles", ["outlet_key", "published_date"])
    op.create_index("ix_articles_published_at", "articles", ["published_at"])
    op.create_index("ix_articles_url", "articles", ["url"])

    op.create_table(
        "analyses",
        _fk("analyses"),
        sa.Column("analyzer", sa.String(100), nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        sa.Column("listed", sa.Boolean, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("layers_json", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("article_pk", "analyzer", name="pk_analyses"),
    )

    def span_table(name: str, *columns: sa.Column) -> None:  # type: ignore[type-arg]
        op.create_table(
            name,
            sa.Column("id", PK, primary_key=True, autoincrement=True),
            _fk(name),
            sa.Column("analyzer", sa.String(100), nullable=False),
            sa.Column("layer", sa.String(100), nullable=False),
            sa.Column("start", sa.Integer, nullable=False),
            sa.Column("end", sa.Integer, nullable=False),
            *columns,
            sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        )
        op.create_index(f"ix_{name}_article_pk_analyzer", name, ["article_pk", "analyzer"])

    span_table("technique_spans",
               sa.Column("technique", sa.String(100), nullable=False),
               sa.Column("score", sa.Float),
               sa.Column("voice", sa.String(50)))
    op.create_index("ix_technique_spans_technique_voice", "technique_spans", ["technique", "voice"])

    span_table("attributions",
               sa.Column("label", sa.Text), sa.Column("kind", sa.Text), sa.Column("content", sa.Text),
               sa.Column("cue", sa.Text), sa.Column("source", sa.Text), sa.Column("speaker", sa.Text),
               sa.Column("speaker_key", sa.Text), sa.Column("relayed_by", sa.Text))
    op.create_index("ix_attributions_speaker_key", "attributions", ["speaker_key"])

    op.create_table(
        "entities",
        sa.Column("id", PK, primary_key=True, autoincrement=True),
        _fk("entities"),
        sa.Column("analyzer", sa.String(100), nullable=False),
        sa.Column("layer", sa.String(100), nullable=False),
        sa.Column("entity", sa.Text), sa.Column("type", sa.Text), sa.Column("name", sa.Text),
        sa.Column("name_key", sa.Text), sa.Column("mentions", sa.Integer), sa.Column("attrs_json", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
    )
    op.create_index("ix_entities_article_pk_analyzer", "entities", ["article_pk", "analyzer"])
    op.create_index("ix_entities_name_key", "entities", ["name_key"])

    span_table("mentions", sa.Column("type", sa.Text), sa.Column("entity", sa.Text))

    span_table("sources", sa.Column("name", sa.Text), sa.Column("name_key", sa.Text),
               sa.Column("kind", sa.Text), sa.Column("relation", sa.Text))
    op.create_index("ix_sources_name_key", "sources", ["name_key"])

    op.create_table(
        "sightings",
        sa.Column("id", PK, primary_key=True, autoincrement=True),
        _fk("sightings"),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text), sa.Column("url", sa.Text), sa.Column("published", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("seen_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sightings"),
        sa.UniqueConstraint("article_pk", "key", name="uq_sightings_article_pk_key"),
    )

    op.create_table(
        "signatures",
        _fk("signatures"),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("article_pk", "kind", name="pk_signatures"),
    )

    op.create_table(
        "ingest_runs",
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("started_at", sa.String(32), nullable=False),
        sa.Column("finished_at", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sources_json", sa.Text, nullable=False),
        sa.Column("analyzers_json", sa.Text, nullable=False),
        sa.Column("counts_json", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("run_id", name="pk_ingest_runs"),
    )
    op.create_table(
        "ingest_errors",
        sa.Column("id", PK, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.String(36)),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("analyzer", sa.String(100)),
        sa.Column("article_id", sa.String(16)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_errors"),
    )
    op.create_index("ix_ingest_errors_run_id", "ingest_errors", ["run_id"])

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        # External-content FTS5 index over title and text, kept in step by triggers.
        op.execute("CREATE VIRTUAL TABLE articles_fts USING fts5("
                   "title, text, content='articles', content_rowid='pk', "
                   "tokenize='unicode61 remove_diacritics 0')")
        op.execute("CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
                   "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END")
        op.execute("CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
                   "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
                   "VALUES ('delete', old.pk, old.title, old.text); END")
        op.execute("CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
                   "INSERT INTO articles_fts(articles_fts, rowid, title, text) "
                   "VALUES ('delete', old.pk, old.title, old.text); "
                   "INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text); END")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                   "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED")
        op.execute("CREATE INDEX ix_articles_tsv ON articles USING gin (tsv)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    for table in ("ingest_errors", "ingest_runs", "signatures", "sightings", "sources", "mentions", "entities",
                  "attributions", "technique_spans", "analyses", "articles"):
        op.drop_table(table)

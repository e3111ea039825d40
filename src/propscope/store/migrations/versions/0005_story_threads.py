"""embeddings and story_members: stored document vectors and the story thread of each article.

``embeddings`` holds one compact vector per article and kind (float16 bytes, 768 bytes for
all-MiniLM-L6-v2; ``kind`` names the model and format, so a new model never mixes with an
old one).  ``story_members`` gives each threaded article its story (``story_id`` is the id of
the story's first article), the article it joined through and how (``embedding``, ``copy``).

Chained after 0004_span_views (written beside 0003_fts_for_datasette; only ``down_revision``
changed when the two were merged).

Revision ID: 0005_story_threads
Revises: 0004_span_views
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_story_threads"
down_revision = "0004_span_views"
branch_labels = None
depends_on = None

_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str) -> sa.Column:
    return sa.Column("article_pk", _PK, sa.ForeignKey("articles.pk", ondelete="CASCADE",
                                                      name=f"fk_{table}_article_pk_articles"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "embeddings",
        _fk("embeddings"),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("dim", sa.Integer, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.PrimaryKeyConstraint("article_pk", "kind", name="pk_embeddings"),
    )
    op.create_table(
        "story_members",
        _fk("story_members"),
        sa.Column("story_id", sa.String(16), nullable=False),
        sa.Column("joined_via", sa.String(16)),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("article_pk", name="pk_story_members"),
    )
    op.create_index("ix_story_members_story_id", "story_members", ["story_id"])


def downgrade() -> None:
    op.drop_index("ix_story_members_story_id", table_name="story_members")
    op.drop_table("story_members")
    op.drop_table("embeddings")

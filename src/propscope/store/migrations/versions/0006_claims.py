"""claims, claim_sightings, claim_articles: claims across outlets and where each was carried (issue 17 §2).

A claim is a speaker's statement (or an outlet's own assertion) with its encoder vector
(float16); each sighting is one article's wording of it, ``reported`` (attributed to the
speaker) or ``restated`` (in the outlet's own voice).  ``claim_articles`` marks the articles
already read, so an update reads only new ones.

Revision ID: 0006_claims
Revises: 0005_story_threads
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_claims"
down_revision = "0005_story_threads"
branch_labels = None
depends_on = None

_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str) -> sa.Column:
    return sa.Column("article_pk", _PK, sa.ForeignKey("articles.pk", ondelete="CASCADE",
                                                      name=f"fk_{table}_article_pk_articles"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("claim_id", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_key", sa.String(255)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("first_seen", sa.String(32)),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("claim_id", name="pk_claims"),
    )
    op.create_index("ix_claims_speaker_key", "claims", ["speaker_key"])
    op.create_index("ix_claims_first_seen", "claims", ["first_seen"])
    op.create_table(
        "claim_sightings",
        _fk("claim_sightings"),
        sa.Column("start_offset", sa.Integer, nullable=False),
        sa.Column("end_offset", sa.Integer, nullable=False),
        sa.Column("claim_id", sa.String(16), nullable=False),
        sa.Column("voice", sa.String(16), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("similarity", sa.Float),
        sa.Column("text", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("article_pk", "start_offset", name="pk_claim_sightings"),
    )
    op.create_index("ix_claim_sightings_claim_id", "claim_sightings", ["claim_id"])
    op.create_table(
        "claim_articles",
        _fk("claim_articles"),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("article_pk", name="pk_claim_articles"),
    )


def downgrade() -> None:
    op.drop_table("claim_articles")
    op.drop_index("ix_claim_sightings_claim_id", table_name="claim_sightings")
    op.drop_table("claim_sightings")
    op.drop_index("ix_claims_first_seen", table_name="claims")
    op.drop_index("ix_claims_speaker_key", table_name="claims")
    op.drop_table("claims")

"""ingest_runs: who runs each ingest (pid, host) and when it last said so (heartbeat_at).

A run killed outright (SIGKILL, power loss) cannot mark itself; with these a later ingest can
tell that a ``running`` run's process is gone and mark it ``abandoned``.  Rows written
before this migration keep NULLs (their liveness is judged by their start time).

Revision ID: 0002_ingest_runs_liveness
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_ingest_runs_liveness"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch:
        batch.add_column(sa.Column("pid", sa.Integer))
        batch.add_column(sa.Column("host", sa.String(255)))
        batch.add_column(sa.Column("heartbeat_at", sa.String(32)))


def downgrade() -> None:
    with op.batch_alter_table("ingest_runs") as batch:
        batch.drop_column("heartbeat_at")
        batch.drop_column("host")
        batch.drop_column("pid")

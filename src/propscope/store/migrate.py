"""Apply the Alembic migrations in ``store/migrations`` programmatically, when a store opens.

The applied revision is recorded in Alembic's ``alembic_version`` table; the whole upgrade
runs in one transaction (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: under an advisory lock),
so two processes opening a new database at once do not both create it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa

__all__ = ["MIGRATIONS_DIR", "current_revision", "head_revision", "upgrade"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_PG_LOCK_KEY = 0x70726F7073636F70 & 0x7FFFFFFFFFFFFFFF  # "propscop"


def _config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


def current_revision(conn: sa.Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the database up to ``revision``; a no-op when it is there already."""
    from alembic import command

    head = head_revision() if revision == "head" else revision
    with engine.connect() as conn:
        if current_revision(conn) == head:
            return
    with engine.connect() as conn:
        conn.info["write"] = True
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
                if current_revision(conn) == head:
                    return
                cfg = _config()
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            conn.info["write"] = False

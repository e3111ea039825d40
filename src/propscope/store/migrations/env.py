"""Alembic environment: runs on the connection :func:`propscope.store.migrate.upgrade` passes in.

Used programmatically only (no alembic.ini): ``config.attributes["connection"]`` is an
open SQLAlchemy connection inside a transaction.
"""

from __future__ import annotations

from alembic import context

from propscope.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()

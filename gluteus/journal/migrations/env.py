"""Alembic's environment for the journal: always run on a connection the journal gives.

:func:`gluteus.journal.store.migrate` opens the transaction (holding the database's
write lock), passes its connection in ``config.attributes["connection"]`` and runs
the upgrade inside it, so a crash mid-migration leaves the previous schema.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

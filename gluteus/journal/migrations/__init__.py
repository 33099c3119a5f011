"""Alembic migrations of the journal's schema, run automatically when a journal opens."""

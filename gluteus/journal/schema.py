"""The journal's tables as the current schema has them (SQLAlchemy Core).

The schema itself is made and changed only by the Alembic migrations in
``migrations/versions``; these definitions are what the queries use and must
match the newest migration (a test compares them with a migrated database).
Nothing here holds free text but ``entries.note``: everything else is ids,
numbers, dates and the program documents the engine wrote.
"""

from __future__ import annotations

import sqlalchemy as sa

HEAD = "0002"
"""The newest migration; a journal at an older revision is upgraded when opened."""

metadata = sa.MetaData()

programs = sa.Table(
    "programs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("through_week", sa.Integer, nullable=True),
    sa.Column("through_session", sa.Integer, nullable=True),
    sa.Column("changes", sa.Text, nullable=True),
    sa.UniqueConstraint("program_id", "number", name="uq_versions_program_number"),
)

entries = sa.Table(
    "entries",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "program_id", sa.Integer, sa.ForeignKey("programs.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("week", sa.Integer, nullable=False),
    sa.Column("session", sa.Integer, nullable=False),
    sa.Column("status", sa.String(8), nullable=False),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("effort", sa.Float, nullable=True),
    sa.Column("note", sa.String(500), nullable=True),
    sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
    sa.UniqueConstraint("program_id", "week", "session", name="uq_entries_slot"),
)

entry_pain = sa.Table(
    "entry_pain",
    metadata,
    sa.Column(
        "entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("region", sa.String(16), primary_key=True),
    sa.Column("during", sa.Integer, nullable=True),
    sa.Column("after", sa.Integer, nullable=True),
    sa.Column("next_morning", sa.Integer, nullable=True),
)

entry_results = sa.Table(
    "entry_results",
    metadata,
    sa.Column(
        "entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("exercise", sa.String(80), primary_key=True),
    sa.Column("sets", sa.Integer, nullable=True),
    sa.Column("reps", sa.Integer, nullable=True),
    sa.Column("hold_s", sa.Integer, nullable=True),
    sa.Column("effort", sa.Float, nullable=True),
    sa.Column("pain", sa.Integer, nullable=True),
)

entry_tests = sa.Table(
    "entry_tests",
    metadata,
    sa.Column(
        "entry_id", sa.Integer, sa.ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("test", sa.String(60), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

"""Re-taken test results per session, and each version's decisions and reach.

Revision ID: 0002
Revises: 0001

``versions.through_week``/``through_session`` record the last session an adapted
version considered and ``versions.changes`` its decisions (JSON), so ``gluteus
progress`` can show why the program changed; ``entry_tests`` keeps test results
re-taken at phase ends. Existing versions and entries are kept as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("through_week", sa.Integer, nullable=True))
        batch.add_column(sa.Column("through_session", sa.Integer, nullable=True))
        batch.add_column(sa.Column("changes", sa.Text, nullable=True))
    op.create_table(
        "entry_tests",
        sa.Column(
            "entry_id",
            sa.Integer,
            sa.ForeignKey("entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("test", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("entry_tests")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("changes")
        batch.drop_column("through_session")
        batch.drop_column("through_week")

"""letters a candidate can rely on: per decision the per-criterion texts the secretariat chose
for the letter (the jury's agreed text, never the jurors' own motivations)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(
            sa.Column("criterion_texts", sa.JSON(), nullable=False, server_default="{}")
        )


def downgrade() -> None:
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("criterion_texts")

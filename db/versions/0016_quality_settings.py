"""region settings for decision quality: thresholds, tie-break rules, the recorded lottery;
calibration (anchor) candidatures

Revision ID: 0016
Revises: 0011
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no table copy): SQLite and PostgreSQL both add a column with a default.
    op.add_column(
        "regions", sa.Column("thresholds", sa.JSON(), nullable=False, server_default="{}")
    )
    op.add_column(
        "regions", sa.Column("tie_breaks", sa.JSON(), nullable=False, server_default="[]")
    )
    op.add_column("regions", sa.Column("lots", sa.JSON(), nullable=False, server_default="{}"))
    op.add_column(
        "candidatures",
        sa.Column("calibration", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("candidatures") as batch:
        batch.drop_column("calibration")
    with op.batch_alter_table("regions") as batch:
        batch.drop_column("lots")
        batch.drop_column("tie_breaks")
        batch.drop_column("thresholds")

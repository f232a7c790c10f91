"""region settings for decision quality: thresholds, tie-break rules, the recorded lottery;
calibration (anchor) candidatures

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region_quality",
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.Column("tie_breaks", sa.JSON(), nullable=False),
        sa.Column("lots", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_region_quality_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("region_id", name=op.f("pk_region_quality")),
    )
    # Plain ADD COLUMN (no table copy): SQLite and PostgreSQL both add a column with a default.
    op.add_column(
        "candidatures",
        sa.Column("calibration", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("candidatures") as batch:
        batch.drop_column("calibration")
    op.drop_table("region_quality")

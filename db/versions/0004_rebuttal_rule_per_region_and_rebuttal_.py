"""rebuttal rule per region and rebuttal intake

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 20:02:40.219346
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rebuttals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidature_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("outcome_motivation", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidature_id"],
            ["candidatures.id"],
            name=op.f("fk_rebuttals_candidature_id_candidatures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rebuttals")),
        sa.UniqueConstraint("candidature_id", "round", name=op.f("uq_rebuttals_candidature_id")),
    )
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rebuttal_days", sa.Integer(), server_default="14", nullable=False)
        )
        batch_op.add_column(
            sa.Column("rebuttal_receipt_delay", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(
            sa.Column(
                "rebuttal_counting", sa.String(length=10), server_default="calendar", nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.drop_column("rebuttal_counting")
        batch_op.drop_column("rebuttal_receipt_delay")
        batch_op.drop_column("rebuttal_days")

    op.drop_table("rebuttals")

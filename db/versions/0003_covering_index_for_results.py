"""covering index for results

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 19:44:24.705844
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.create_index(
            "ix_scores_results",
            ["round", "candidature_id", "juror_id", "criterion", "value"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.drop_index("ix_scores_results")

"""portfolio: region budget and partners, candidature expertise

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 21:28:58.574010
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidatures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expertise", sa.JSON(), server_default="[]", nullable=False))

    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("budget", sa.Numeric(precision=14, scale=2), nullable=True))
        batch_op.add_column(sa.Column("max_partners", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("regions", schema=None) as batch_op:
        batch_op.drop_column("max_partners")
        batch_op.drop_column("budget")

    with op.batch_alter_table("candidatures", schema=None) as batch_op:
        batch_op.drop_column("expertise")

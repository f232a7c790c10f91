"""a candidature's postal address and the reason it was withdrawn

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidatures") as batch:
        batch.add_column(sa.Column("address", sa.Text(), nullable=False, server_default=""))
        batch.add_column(
            sa.Column("withdrawn_reason", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("candidatures") as batch:
        batch.drop_column("withdrawn_reason")
        batch.drop_column("address")

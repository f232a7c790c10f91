"""audit events carry a MAC (the secretariat's key from the passphrase, or a juror's key):
from the `mac_key` event on, an event without a valid MAC is reported by `audit verify`

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 19:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Events before this revision have none; the first secretariat sign-in afterwards creates
    # the key and records the `mac_key` event from which every event must carry one.
    op.add_column("audit_events", sa.Column("mac", sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("mac")

"""reminders in the outbox: a reminder run, and outbox rows addressed to a juror

An outbox row carries either a candidature (letters, receipts) or a juror (reminders),
exactly one of the two; a reminder run records who sent reminders for which region and round.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

ONE_ADDRESSEE = "(candidature_id IS NULL) <> (juror_id IS NULL)"


def upgrade() -> None:
    op.create_table(
        "reminder_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_reminder_runs_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder_runs")),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("candidature_id", existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column("juror_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_juror_id"), ["juror_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_juror_id_jurors"),
            "jurors",
            ["juror_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_check_constraint(batch_op.f("ck_outbox_one_addressee"), ONE_ADDRESSEE)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE candidature_id IS NULL")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_outbox_one_addressee"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_outbox_juror_id_jurors"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_juror_id"))
        batch_op.drop_column("juror_id")
        batch_op.alter_column("candidature_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("reminder_runs")

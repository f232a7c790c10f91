"""indexes for the hot queries: a juror's scores in a round (the worklist), a candidature's
scores in a round (letters, results per region, the scoring sheet)

The two indexes replace ix_scores_candidature_round (candidature, round) and ix_scores_results
(round first): with the round first, SQLite walked every score of a round to find one juror's
or one region's. Same number of indexes on scores, so writes cost the same.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 19:40:00
"""

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.drop_index("ix_scores_results")
        batch_op.drop_index("ix_scores_candidature_round")
        batch_op.create_index(
            "ix_scores_candidature",
            ["candidature_id", "round", "juror_id", "criterion", "value"],
            unique=False,
        )
        batch_op.create_index(
            "ix_scores_juror_round", ["juror_id", "round", "candidature_id", "value"], unique=False
        )
    if op.get_bind().dialect.name == "sqlite":
        from jurydesk.store.tuning import optimize

        optimize(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("scores", schema=None) as batch_op:
        batch_op.drop_index("ix_scores_juror_round")
        batch_op.drop_index("ix_scores_candidature")
        batch_op.create_index(
            "ix_scores_candidature_round", ["candidature_id", "round"], unique=False
        )
        batch_op.create_index(
            "ix_scores_results",
            ["round", "candidature_id", "juror_id", "criterion", "value"],
            unique=False,
        )

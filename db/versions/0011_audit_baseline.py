"""the audit log's baseline: the scores, evaluations, decisions and conflicts a database held before
every path recorded its rows (so that `audit verify` can replay from here on)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 20:10:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The columns as they are at this revision (not the models of a later version).
scores = sa.table(
    "scores",
    sa.column("juror_id"),
    sa.column("candidature_id"),
    sa.column("round"),
    sa.column("criterion"),
    sa.column("value"),
    sa.column("motivation"),
)
evaluations = sa.table(
    "evaluations",
    sa.column("juror_id"),
    sa.column("candidature_id"),
    sa.column("round"),
    sa.column("comment"),
    sa.column("finalized_at"),
)
decisions = sa.table(
    "decisions",
    sa.column("candidature_id"),
    sa.column("round"),
    sa.column("outcome"),
    sa.column("motivation"),
)
conflicts = sa.table(
    "conflicts", sa.column("juror_id"), sa.column("candidature_id"), sa.column("reason")
)
documents = sa.table("documents", sa.column("id"), sa.column("candidature_id"), sa.column("sha256"))
settings = sa.table("settings", sa.column("key"), sa.column("value"))


def upgrade() -> None:
    from jurydesk.audit import chain as audit
    from jurydesk.audit.replay import conflict_rows, decision_rows, evaluation_rows, score_rows
    from jurydesk.passphrase import fingerprint

    bind = op.get_bind()
    rows = {
        "scores": score_rows(r._mapping for r in bind.execute(sa.select(scores))),
        "evaluations": evaluation_rows(r._mapping for r in bind.execute(sa.select(evaluations))),
        "decisions": decision_rows(r._mapping for r in bind.execute(sa.select(decisions))),
        "conflicts": conflict_rows(r._mapping for r in bind.execute(sa.select(conflicts))),
        "documents": [list(r) for r in bind.execute(sa.select(documents))],
        "settings": [
            [key, fingerprint(value)]
            for key, value in bind.execute(
                sa.select(settings).where(settings.c.key == "secretariat_passphrase")
            )
        ],
    }
    if not any(rows.values()):
        return  # a new database: every row will have its event
    from jurydesk.store import audit_keys

    audit_keys.forget(bind)  # no MAC: the column comes with 0014, the key after it
    session = Session(bind=bind)
    audit.record(session, "jurydesk:upgrade", "baseline", "database", "0011", None, rows)
    session.flush()


def downgrade() -> None:
    pass  # the event stays: the chain is append-only

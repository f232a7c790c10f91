"""initial schema: regions and candidatures

Revision ID: 0001
Revises:
Create Date: 2026-11-22 19:14:07.580033
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "regions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("werkingsgebied", sa.Text(), nullable=False),
        sa.Column("challenges_intro", sa.Text(), nullable=False),
        sa.Column("enrichment_intro", sa.Text(), nullable=False),
        sa.Column("enrichment_heading", sa.Text(), nullable=False),
        sa.Column("arena_intro", sa.Text(), nullable=False),
        sa.Column("local_input", sa.JSON(), nullable=False),
        sa.Column("focus_intro", sa.Text(), nullable=False),
        sa.Column("exclusions_text", sa.Text(), nullable=False),
        sa.Column("timeline_notes", sa.JSON(), nullable=False),
        sa.Column("contacts_intro", sa.Text(), nullable=False),
        sa.Column("submission_channel", sa.String(length=20), nullable=False),
        sa.Column("submission_address", sa.Text(), nullable=False),
        sa.Column("submission_subject", sa.Text(), nullable=True),
        sa.Column("submission_text", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=False),
        sa.Column("source_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_regions")),
        sa.UniqueConstraint("slug", name=op.f("uq_regions_slug")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "candidatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=300), nullable=False),
        sa.Column("organisation_key", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=False),
        sa.Column("challenges", sa.JSON(), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("requested_budget", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("attachments", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_candidatures_region_id_regions"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidatures")),
        sa.UniqueConstraint(
            "region_id", "organisation_key", name=op.f("uq_candidatures_region_id")
        ),
    )
    with op.batch_alter_table("candidatures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_candidatures_region_received", ["region_id", "received_at"], unique=False
        )

    op.create_table(
        "challenges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("personas", sa.JSON(), nullable=False),
        sa.Column("persona_text", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("questions", sa.JSON(), nullable=False),
        sa.Column("remark", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_challenges_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_challenges")),
        sa.UniqueConstraint("region_id", "number", name=op.f("uq_challenges_region_id")),
    )
    with op.batch_alter_table("challenges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_challenges_region_id"), ["region_id"], unique=False)

    op.create_table(
        "contacts",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=64), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_contacts_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_region_id"), ["region_id"], unique=False)

    op.create_table(
        "enrichment_points",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_enrichment_points_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrichment_points")),
    )
    with op.batch_alter_table("enrichment_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enrichment_points_region_id"), ["region_id"], unique=False
        )

    op.create_table(
        "exclusions",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_exclusions_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exclusions")),
        sa.UniqueConstraint("region_id", "key", name=op.f("uq_exclusions_region_id")),
    )
    with op.batch_alter_table("exclusions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exclusions_region_id"), ["region_id"], unique=False)

    op.create_table(
        "focus_expertise",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_focus_expertise_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_focus_expertise")),
    )
    with op.batch_alter_table("focus_expertise", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_focus_expertise_region_id"), ["region_id"], unique=False
        )

    op.create_table(
        "municipalities",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_municipalities_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_municipalities")),
    )
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_municipalities_region_id"), ["region_id"], unique=False
        )

    op.create_table(
        "needs",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("service", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_needs_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_needs")),
        sa.UniqueConstraint("region_id", "key", name=op.f("uq_needs_region_id")),
    )
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_needs_region_id"), ["region_id"], unique=False)

    op.create_table(
        "timeline_events",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end", sa.DateTime(timezone=True), nullable=True),
        sa.Column("all_day", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("days", sa.JSON(), nullable=False),
        sa.Column("possible_days", sa.JSON(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_id"],
            ["regions.id"],
            name=op.f("fk_timeline_events_region_id_regions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_events")),
        sa.UniqueConstraint("region_id", "key", name=op.f("uq_timeline_events_region_id")),
    )
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_timeline_events_region_id"), ["region_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("timeline_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_events_region_id"))

    op.drop_table("timeline_events")
    with op.batch_alter_table("needs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_needs_region_id"))

    op.drop_table("needs")
    with op.batch_alter_table("municipalities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipalities_region_id"))

    op.drop_table("municipalities")
    with op.batch_alter_table("focus_expertise", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_focus_expertise_region_id"))

    op.drop_table("focus_expertise")
    with op.batch_alter_table("exclusions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exclusions_region_id"))

    op.drop_table("exclusions")
    with op.batch_alter_table("enrichment_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrichment_points_region_id"))

    op.drop_table("enrichment_points")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_region_id"))

    op.drop_table("contacts")
    with op.batch_alter_table("challenges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_challenges_region_id"))

    op.drop_table("challenges")
    with op.batch_alter_table("candidatures", schema=None) as batch_op:
        batch_op.drop_index("ix_candidatures_region_received")

    op.drop_table("candidatures")
    op.drop_table("settings")
    op.drop_table("regions")

"""counts kept by the database: each recipient's status, replies and reminders on its row; tallies of
statuses, stances and first replies; the triggers that keep them; all counted once from the rows

The dashboard and `mailflow status` recounted the whole campaign on every view: 0.9-1.8 s at 100,000
organisations (issue 15). The digest's week of objections and reservations read every response of each
recommendation to find them (4.5 s of its 6.4 s at 100,000 on SQLite): responses are also indexed by
recommendation, stance and time. The triggers (`mailflow.store.counts`) keep the counts in the transaction of each
change instead. The columns are added with ALTER TABLE, not a batch copy: on SQLite a copied table loses its
triggers.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:00:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from mailflow.store.count_triggers import drop_triggers, install_triggers
from mailflow.store.counts import rebuild_counts

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

COLUMNS: list[sa.Column[Any]] = [
    sa.Column("status", sa.String(length=20), nullable=False, server_default="not_sent"),
    sa.Column("replies", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("first_reply_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_reply_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("reminders", sa.Integer(), nullable=False, server_default="0"),
]
INDEXES = [
    ("ix_recipients_campaign_status", "recipients", ["campaign_id", "status", "organisation", "id"]),
    ("ix_recipients_campaign_first_reply", "recipients", ["campaign_id", "first_reply_at"]),
    ("ix_responses_recommendation_stance_updated", "responses", ["recommendation_id", "stance", "updated_at"]),
]


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("recipients", column)
    op.create_table(
        "stance_tallies",
        sa.Column("recommendation_id", sa.Integer(), sa.ForeignKey("recommendations.id"), primary_key=True),
        sa.Column("sector", sa.String(length=20), primary_key=True),
        sa.Column("stance", sa.String(length=20), primary_key=True),
        sa.Column("organisations", sa.Integer(), nullable=False),
    )
    op.create_table(
        "status_tallies",
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaigns.id"), primary_key=True),
        sa.Column("sector", sa.String(length=20), primary_key=True),
        sa.Column("status", sa.String(length=20), primary_key=True),
        sa.Column("organisations", sa.Integer(), nullable=False),
    )
    op.create_table(
        "first_reply_days",
        sa.Column("campaign_id", sa.Integer(), sa.ForeignKey("campaigns.id"), primary_key=True),
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("organisations", sa.Integer(), nullable=False),
    )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    connection = op.get_bind()
    install_triggers(connection)
    rebuild_counts(connection)


def downgrade() -> None:
    drop_triggers(op.get_bind())
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)
    for table in ("first_reply_days", "status_tallies", "stance_tallies"):
        op.drop_table(table)
    for column in reversed(COLUMNS):
        op.drop_column("recipients", column.name)

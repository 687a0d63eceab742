"""indexes for a national consultation: lists by name, the queue's pages, each recipient's replies, the week's stances

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_recipients_campaign_organisation", "recipients", ["campaign_id", "organisation", "id"]),
    ("ix_letters_campaign_to_address", "letters", ["campaign_id", "to_address"]),
    ("ix_inbound_messages_recipient_kind", "inbound_messages", ["recipient_id", "kind", "received_at"]),
    ("ix_responses_updated_at", "responses", ["updated_at"]),
    ("ix_review_items_status_created_at", "review_items", ["status", "created_at", "id"]),
    ("ix_review_items_recipient_id", "review_items", ["recipient_id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)

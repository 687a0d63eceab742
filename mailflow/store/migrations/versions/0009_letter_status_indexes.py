"""indexes for counting and listing letters by status: by campaign, kind and status, by recipient, kind and
status, and by campaign and status in order (the digest's bounces)

A letter's row carries its rendered bytes (33 KB for the appeal), so in SQLite every row read to learn its kind
and status is a page read of its own: `mailflow status` spent 0.12 s of 0.2 s at 10,000 organisations counting
the appeal's letters, and the respondents' EXISTS checks read the same rows. Both answer from these indexes.
The digest's bounces (campaign and status `bounced`) were found through the campaign's index, every letter
read: 0.8 s of its 1.2 s at 10,000 organisations, 13 s in all at 100,000.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_letters_campaign_kind_status", "letters", ["campaign_id", "kind", "status"]),
    ("ix_letters_recipient_kind_status", "letters", ["recipient_id", "kind", "status"]),
    ("ix_letters_campaign_status", "letters", ["campaign_id", "status", "id"]),
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)

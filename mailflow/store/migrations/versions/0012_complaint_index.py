"""inbound messages indexed by kind and recipient: the organisations that marked our letter as spam (RFC 5965
feedback reports) found without reading every message

`mailflow status` and the reminders' exclusion looked for them through the index by recipient, every entry
read: 81 ms of the command's 250 ms of queries on PostgreSQL at 100,000 organisations (issue 15), where there
were none to find.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04 22:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_inbound_messages_kind_recipient", "inbound_messages", ["kind", "recipient_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_inbound_messages_kind_recipient", table_name="inbound_messages")

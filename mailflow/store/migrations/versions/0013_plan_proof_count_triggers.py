"""counting that stays linear on PostgreSQL whatever the planner's statistics: the counting triggers join no
UPDATE's old rows to its new rows, and letters are indexed by status only while the outbox works on them

PL/pgSQL plans a trigger's statements once per connection, from the first call's transition tables: after a
one-row UPDATE of recipients, a connection kept a nested loop of old rows against new rows (an UPDATE of 20,000
letters to `sent`: 223 s). And with statistics taken while every letter was queued, a recipient's recount asked
for its sent letters through `ix_letters_status`, reading every sent letter for each recipient (the same UPDATE,
triggers fixed: 21 s, most of it there). `ix_letters_outbox` replaces it: on PostgreSQL it holds only letters not
yet sent or bounced (those the outbox looks for), so a recount takes the recipient's own index. The trigger
bodies are in `mailflow.store.count_triggers`; they keep the same counts, so nothing is recounted (issue 15).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailflow.store.count_triggers import install_triggers

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

OUTBOX = "status IN ('queued', 'sending', 'failed', 'uncertain')"


def upgrade() -> None:
    op.drop_index("ix_letters_status", table_name="letters")
    op.create_index("ix_letters_outbox", "letters", ["status", "id"], unique=False, postgresql_where=sa.text(OUTBOX))
    install_triggers(op.get_bind())


def downgrade() -> None:
    """The earlier trigger bodies kept the same counts: the new ones stay (0010's downgrade drops them)."""
    op.drop_index("ix_letters_outbox", table_name="letters")
    op.create_index("ix_letters_status", "letters", ["status"], unique=False)

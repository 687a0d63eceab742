"""letters' bytes in a table of their own, `letter_bodies`, moved across from `letters.raw`; the letters'
single-column indexes by campaign and by recipient dropped

A letter's status changes three times or more (queued, sending, sent), and each change rewrote its row: on
SQLite a row is rewritten whole, so every commit of `mailflow send` wrote the appeal's 33 KB twice (84 KB of
WAL per commit, against 13 KB without them), a third of the command's time (issue 15). The bytes are written
once, when the letter is queued, and read once, when it is sent.

On PostgreSQL a status change cannot be a HOT update (status is indexed, alone and in three indexes for
counting), so every index of `letters` takes an entry for each new row version: the indexes by campaign alone
and by recipient alone go, as the composite ones that begin with those columns serve the same lookups.

The column is dropped with ALTER TABLE (SQLite 3.35 and later), not a batch copy: on SQLite a copied table
loses its triggers (the kept counts of migration 0010). The downgrade moves the bytes back.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEXES = {"ix_letters_campaign_id": "campaign_id", "ix_letters_recipient_id": "recipient_id"}


def upgrade() -> None:
    op.create_table(
        "letter_bodies",
        sa.Column(
            "letter_id", sa.Integer(), sa.ForeignKey("letters.id", ondelete="CASCADE"), primary_key=True, nullable=False
        ),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
    )
    op.execute("INSERT INTO letter_bodies (letter_id, raw) SELECT id, raw FROM letters")
    op.drop_column("letters", "raw")
    for name in INDEXES:
        op.drop_index(name, table_name="letters")


def downgrade() -> None:
    for name, column in INDEXES.items():
        op.create_index(name, "letters", [column], unique=False)
    op.add_column("letters", sa.Column("raw", sa.LargeBinary(), nullable=True))
    op.execute("UPDATE letters SET raw = (SELECT b.raw FROM letter_bodies b WHERE b.letter_id = letters.id)")
    if op.get_bind().dialect.name == "postgresql":  # SQLite adds a NOT NULL column only with a default
        op.alter_column("letters", "raw", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table("letter_bodies")

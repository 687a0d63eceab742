"""letters' bytes compressed with LZ4 on PostgreSQL, where the server has it

A letter's bytes (33 KB for the appeal) are stored out of line and compressed, by default with pglz, which the
server spent most of queueing on: `mailflow send` queued 2,000 appeals in 1.6 s, 0.96 s with LZ4; their bytes
alone took 1.0 s to store with pglz, 0.3 s with LZ4, and 7% more room (33.6 against 31.5 MB; issue 15). Only
values written from now on are compressed with it; those already stored stay as they are, and both are read
alike. A server built without LZ4 (its `default_toast_compression` does not offer it) keeps pglz; SQLite
compresses nothing. A dump meant for such a server is taken with `pg_dump --no-toast-compression`.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 06:25:00
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if _offers_lz4():
        op.execute("ALTER TABLE letter_bodies ALTER COLUMN raw SET COMPRESSION lz4")


def downgrade() -> None:
    if _offers_lz4():
        op.execute("ALTER TABLE letter_bodies ALTER COLUMN raw SET COMPRESSION default")


def _offers_lz4() -> bool:
    """PostgreSQL 14 or later built with LZ4 (a column's compression came with 14)."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return False
    offered = bind.scalar(text("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'"))
    return offered is not None and "lz4" in offered

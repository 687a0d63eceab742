"""users.email and users.language: the address a member reads the weekly digest at, and its language

Revision ID: 0008
Revises: 0004
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=320), nullable=True))
        # existing members keep reading Russian, the committee's working language
        batch_op.add_column(sa.Column("language", sa.String(length=5), nullable=False, server_default="ru"))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("language")
        batch_op.drop_column("email")

"""Alembic environment: the engine comes from mailflow (`config.attributes["engine"]`), never from an ini.

SQLite alters a table by copying it into a new one and dropping the old. With foreign keys enforced (as
mailflow's connections do), dropping a table that other rows refer to fails, so they are switched off for
the migration, checked for the whole database before it commits, and switched back on before the connection
returns to the pool. The pragma only takes effect outside a transaction, hence the commits around it.
"""

from __future__ import annotations

from alembic import context

from mailflow.store.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
            if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                raise RuntimeError("the migration left rows referring to rows that are gone")
    finally:
        if sqlite:
            connection.rollback()  # the pragma must not run inside a transaction a failure left open
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()

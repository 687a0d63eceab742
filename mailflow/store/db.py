"""The engine, the session factory and schema migrations (Alembic), with database errors translated."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Table,
    Text,
    bindparam,
    cast,
    column,
    create_engine,
    event,
    func,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql.selectable import TableValuedAlias

from mailflow.errors import StorageError

# Alembic (a fifth of a second to import, with every dialect's DDL) is loaded only to migrate: a command that
# only reads checks the schema's revision with one SELECT against the revisions named in the migration files.
if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, which migrations/env.py keeps
# A table is analyzed again once it has grown by a fifth and a few pages since its statistics were taken (or
# since it was created): like PostgreSQL's own autoanalyze rule (10% + 50 rows), but counted in pages, which the
# transaction that wrote the rows can judge at once.
STATISTICS_GROWTH = 1.2
STATISTICS_MIN_PAGES = 4


def _safe(url: str) -> str:
    """The URL as it may be shown: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(malformed URL)"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # WAL lets the web app read while the worker writes; with synchronous=NORMAL a commit survives a killed
    # process (what the outbox's never-twice guarantee is about) without an fsync per status change.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise StorageError(_safe(url), f"not a usable database URL: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, *, to: str = "head") -> str:
    """Bring the schema to the newest revision (or to `to`); returns the revision reached."""
    from alembic import command

    try:
        command.upgrade(_alembic_config(engine), to)
        return current_revision(engine) or ""
    except DBAPIError as exc:
        raise StorageError(_safe(str(engine.url)), f"cannot migrate: {exc.orig}") from exc


def current_revision(engine: Engine) -> str | None:
    """The revision recorded in Alembic's version table; None for an empty database."""
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table(VERSION_TABLE):
                return None
            revisions = list(connection.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")))
    except DBAPIError as exc:
        raise StorageError(_safe(str(engine.url)), f"cannot connect: {exc.orig}") from exc
    if len(revisions) > 1:
        raise StorageError(_safe(str(engine.url)), f"the schema has several heads: {', '.join(sorted(revisions))}")
    return revisions[0] if revisions else None


_REVISION = re.compile(r"^revision\s*=\s*[\"'](\w+)[\"']", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*(?:None|[\"'](\w+)[\"'])", re.MULTILINE)


@cache
def head_revision() -> str:
    """The newest migration: the one revision no other revises, read from the files' `revision` and
    `down_revision` lines without importing them (Alembic's ScriptDirectory agrees: tests/test_storage.py)."""
    revisions: dict[str, str | None] = {}
    for script in (MIGRATIONS / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            raise StorageError("-", f"migration {script.name} names no revision")
        revisions[revision.group(1)] = down.group(1)
    heads = set(revisions) - set(revisions.values())
    if len(heads) != 1:
        raise StorageError("-", f"the installed package has {len(heads)} newest migrations; reinstall mailflow")
    return heads.pop()


def require_current_schema(engine: Engine) -> None:
    """Refuse to work on a database that is missing or behind: its data would be misread."""
    current = current_revision(engine)
    if current != head_revision():
        found = "an empty database" if current is None else f"schema revision {current}"
        raise StorageError(_safe(str(engine.url)), f"found {found}; run `mailflow db upgrade` first")


_STALE_TABLES = text(
    """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname IN :tables
         AND pg_relation_size(c.oid) / current_setting('block_size')::int
             >= :min_pages + :growth * c.relpages
       ORDER BY c.relname"""
).bindparams(bindparam("tables", expanding=True))


def refresh_statistics(session: Session, tables: tuple[str, ...]) -> list[str]:
    """ANALYZE those of `tables` (a fixed few names) that grew since the planner last counted them; returns them.

    PostgreSQL plans from statistics that only ANALYZE (or autovacuum, if it is on and gets round to it) takes.
    A table bulk-filled by `recipients import`, the appeal's queueing or a worker's backlog has none: the planner
    takes a thousand recipients for one, and the dashboard's tally ran as nested loops over every response,
    3 s at 1,000 organisations instead of 4 ms (issue 15). Called after such writes, in their transaction (which
    ANALYZE then counts): cheap when nothing grew, one catalogue query. SQLite plans well without statistics here.
    """
    if session.get_bind().dialect.name != "postgresql":
        return []
    stale = list(
        session.scalars(
            _STALE_TABLES, {"tables": list(tables), "min_pages": STATISTICS_MIN_PAGES, "growth": STATISTICS_GROWTH}
        )
    )
    if stale:
        quote = session.get_bind().dialect.identifier_preparer.quote
        session.execute(text(f"ANALYZE {', '.join(quote(name) for name in stale)}"))
    return stale


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back on any error."""
    session = factory()
    try:
        with unit(session):
            yield session
    finally:
        session.close()


@contextmanager
def unit(session: Session) -> Iterator[Session]:
    """One unit of work in a session that lives on (the outbox's, for a whole run): committed when the block
    ends, rolled back on any error, a database error raised as StorageError, as by `transaction`."""
    try:
        yield session
        session.commit()
    except DBAPIError as exc:
        session.rollback()
        raise StorageError(_safe(str(session.get_bind().engine.url)), str(exc.orig)) from exc
    except BaseException:
        session.rollback()
        raise


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]], key: Column[Any]) -> list[int]:
    """INSERT `rows` into `table` together; returns their ids, in order. `key` is a unique column each row sets.

    PostgreSQL returns the ids in the order of the rows from one multi-row INSERT. SQLite's RETURNING promises no
    order, so SQLAlchemy (and the ORM's flush) sends one INSERT per row there when the ids are wanted in order:
    500 statements for a batch of 500 messages (issue 15). On SQLite the rows go in with one executemany and
    their ids are read back by `key`.
    """
    if not rows:
        return []
    if connection.dialect.name == "postgresql":
        returning = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(connection.execute(returning, rows).scalars())
    connection.execute(insert(table), rows)
    keys = [row[key.key] for row in rows]
    found = {k: row_id for k, row_id in connection.execute(select(key, table.c.id).where(key.in_(keys)))}
    return [found[k] for k in keys]


def recordset(columns: Sequence[Column[Any]]) -> TableValuedAlias:
    """Rows as a table, given as one JSON array of objects keyed by the columns' keys (`recordset_param`), for
    PostgreSQL: many rows written by one short statement whatever their number, so the counting triggers run
    once. Not an array parameter per column: psycopg escapes each text of an array with a regular expression,
    which cost as much as the statements saved (5 million substitutions for 5,000 replies, issue 15)."""
    rows = func.json_to_recordset(cast(bindparam("rows", type_=Text), JSON))
    return rows.table_valued(*(column(c.key, c.type) for c in columns)).render_derived(with_types=True)


def recordset_param(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The parameter of `recordset`: the rows as JSON, a moment as ISO 8601 (which PostgreSQL reads exactly)."""
    return {"rows": json.dumps(list(rows), default=datetime.isoformat)}

"""The triggers that keep `mailflow.store.counts` up to date, written for each database.

SQLite gets a trigger per row: each recounts one recipient's kept columns from its own rows, or moves a
tally by one. PostgreSQL gets a trigger per statement that sees the statement's rows as transition tables
(`new_rows`, `old_rows`): it recounts every recipient they touch with one UPDATE and moves each tally row once.
A row trigger there made a bulk write quadratic (a tally row updated once per row, in one transaction, leaves a
chain of row versions that every later update walks: 20,000 letters inserted by one statement took 45 s,
5,000 took 2.8 s; with statement triggers 5 s). Both read `recipient_columns`, the recount's own definition.

No statement here joins `old_rows` to `new_rows`. PL/pgSQL plans a trigger's statements once per connection,
from the transition tables' sizes at that first call: a connection whose first UPDATE of recipients touched
one row kept a nested loop of old rows against new rows, and a later UPDATE of 5,000 letters, recounting 5,000
recipients, spent 9.9 of its 10.3 s in it (20,000 letters: 223 s). So an UPDATE counts its old rows out and its
new rows in and lets unchanged keys sum to nothing, and it recounts the recipients of the counted rows that appear on
one side only once the watched columns are grouped; a recipient moved to another sector is found by a window
over the two sides. Grouping and windows sort or hash: linear (or n log n) whatever the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, literal_column, update
from sqlalchemy.engine import Dialect

from mailflow.store.counts import recipient_columns
from mailflow.store.models import RECIPIENTS, SetBy

PREFIX = "mailflow_count_"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    event: str  # INSERT, DELETE, UPDATE (statement triggers) or UPDATE OF <columns> (row triggers)
    when: str  # row triggers: a condition on NEW / OLD; "" for every row

    body: tuple[str, ...]


# The key of each tally table, before its count of organisations
_STANCE_KEY = ("recommendation_id", "sector", "stance")
_STATUS_KEY = ("campaign_id", "sector", "status")
_DAY_KEY = ("campaign_id", "day")


@dataclass(frozen=True)
class _Sql:
    """The few phrases SQLite and PostgreSQL spell differently."""

    dialect: Dialect

    @property
    def postgresql(self) -> bool:
        return self.dialect.name == "postgresql"

    def differ(self, a: str, b: str) -> str:
        return f"{a} IS DISTINCT FROM {b}" if self.postgresql else f"{a} IS NOT {b}"

    def day(self, moment: str) -> str:
        return f"({moment} AT TIME ZONE 'UTC')::date" if self.postgresql else f"date({moment})"

    def refresh(self, recipient: str) -> str:
        """Recount one recipient's kept columns from its own rows."""
        statement = update(RECIPIENTS).where(RECIPIENTS.c.id == literal_column(recipient)).values(**recipient_columns())
        return str(statement.compile(dialect=self.dialect, compile_kwargs={"literal_binds": True}))

    def stance(self, row: str, delta: int) -> str:
        return _adding(
            "stance_tallies",
            _STANCE_KEY,
            f"SELECT {row}.recommendation_id, sector, {row}.stance, {delta} FROM recipients "
            f"WHERE id = {row}.recipient_id",
        )

    def stances_of(self, recipient: str, sector: str, delta: int) -> str:
        """All of a recipient's stances counted in (or out of) a sector: it moved from one to the other."""
        return _adding(
            "stance_tallies",
            _STANCE_KEY,
            f"SELECT recommendation_id, {sector}, stance, {delta} FROM responses WHERE recipient_id = {recipient}",
        )

    def status(self, row: str, delta: int) -> str:
        return _adding(
            "status_tallies", _STATUS_KEY, f"VALUES ({row}.campaign_id, {row}.sector, {row}.status, {delta})"
        )

    def first_reply(self, row: str, delta: int) -> str:
        return _adding(
            "first_reply_days",
            _DAY_KEY,
            f"SELECT {row}.campaign_id, {self.day(f'{row}.first_reply_at')}, {delta} "
            f"WHERE {row}.first_reply_at IS NOT NULL",
        )


def _any_differs(sql: _Sql, *columns: str) -> str:
    return " OR ".join(sql.differ(f"OLD.{c}", f"NEW.{c}") for c in columns)


def _counts_letter(row: str) -> str:
    """A letter that decides its recipient's status or reminders: bounced, or an appeal or reminder sent."""
    return (
        f"({row}.recipient_id IS NOT NULL AND ({row}.status = 'bounced' "
        f"OR ({row}.kind IN ('appeal', 'reminder') AND {row}.status = 'sent')))"
    )


def triggers(dialect: Dialect) -> list[Trigger]:
    """Row triggers on SQLite; statement triggers on PostgreSQL, which see the changed rows as transition tables
    (`new_rows`, `old_rows`) and count them set-wise. On PostgreSQL a row trigger made bulk writes quadratic:
    a tally row updated once per row in one transaction leaves a chain of versions that each update walks
    (20,000 letters inserted in one statement took 45 s, 5,000 took 2.8 s)."""
    return _statement_triggers(dialect) if dialect.name == "postgresql" else _row_triggers(dialect)


def _row_triggers(dialect: Dialect) -> list[Trigger]:
    """SQLite's: a trigger per row, each recounting one recipient or moving a tally by one."""
    sql = _Sql(dialect)
    both = (sql.refresh("OLD.recipient_id"), sql.refresh("NEW.recipient_id"))
    reply = "({0}.kind = 'reply' AND {0}.recipient_id IS NOT NULL)"
    reviewer = f"'{SetBy.REVIEWER.value}'"
    return [
        # a recipient's own rows: its status, replies and reminders recounted
        Trigger("inbound_insert", "inbound_messages", "INSERT", reply.format("NEW"), both[1:]),
        Trigger(
            "inbound_update",
            "inbound_messages",
            "UPDATE OF recipient_id, kind, received_at",
            f"{reply.format('OLD')} OR {reply.format('NEW')}",
            both,
        ),
        Trigger("inbound_delete", "inbound_messages", "DELETE", reply.format("OLD"), both[:1]),
        Trigger("letter_insert", "letters", "INSERT", _counts_letter("NEW"), both[1:]),
        Trigger(
            "letter_update",
            "letters",
            "UPDATE OF recipient_id, kind, status",
            f"{_counts_letter('OLD')} OR {_counts_letter('NEW')}",
            both,
        ),
        Trigger("letter_delete", "letters", "DELETE", _counts_letter("OLD"), both[:1]),
        Trigger("review_insert", "review_items", "INSERT", "NEW.status = 'closed'", both[1:]),
        Trigger(
            "review_update",
            "review_items",
            "UPDATE OF recipient_id, status",
            "OLD.status = 'closed' OR NEW.status = 'closed'",
            both,
        ),
        Trigger("review_delete", "review_items", "DELETE", "OLD.status = 'closed'", both[:1]),
        Trigger("reviewer_insert", "responses", "INSERT", f"NEW.set_by = {reviewer}", both[1:]),
        Trigger(
            "reviewer_update",
            "responses",
            "UPDATE OF recipient_id, set_by",
            f"OLD.set_by = {reviewer} OR NEW.set_by = {reviewer}",
            both,
        ),
        Trigger("reviewer_delete", "responses", "DELETE", f"OLD.set_by = {reviewer}", both[:1]),
        # the tallies, moved by one
        Trigger("stance_insert", "responses", "INSERT", "", (sql.stance("NEW", 1),)),
        Trigger(
            "stance_update",
            "responses",
            "UPDATE OF recipient_id, recommendation_id, stance",
            _any_differs(sql, "recipient_id", "recommendation_id", "stance"),
            (sql.stance("OLD", -1), sql.stance("NEW", 1)),
        ),
        Trigger("stance_delete", "responses", "DELETE", "", (sql.stance("OLD", -1),)),
        Trigger("recipient_insert", "recipients", "INSERT", "", (sql.status("NEW", 1), sql.first_reply("NEW", 1))),
        Trigger(
            "recipient_status",
            "recipients",
            "UPDATE OF campaign_id, sector, status",
            _any_differs(sql, "campaign_id", "sector", "status"),
            (sql.status("OLD", -1), sql.status("NEW", 1)),
        ),
        Trigger(
            "recipient_first_reply",
            "recipients",
            "UPDATE OF campaign_id, first_reply_at",
            _any_differs(sql, "campaign_id", "first_reply_at"),
            (sql.first_reply("OLD", -1), sql.first_reply("NEW", 1)),
        ),
        Trigger(
            "recipient_sector",
            "recipients",
            "UPDATE OF sector",
            _any_differs(sql, "sector"),
            (sql.stances_of("NEW.id", "OLD.sector", -1), sql.stances_of("NEW.id", "NEW.sector", 1)),
        ),
        Trigger("recipient_delete", "recipients", "DELETE", "", (sql.status("OLD", -1), sql.first_reply("OLD", -1))),
    ]


def _upsert(table: str, key: tuple[str, ...], deltas: str) -> str:
    """Add `deltas` (rows of the key as k0, k1, … and a delta), summed per key, to `table`: each tally row is
    written once per statement, in key order (so two transactions lock tally rows in the same order)."""
    keys = ", ".join(f"k{i}" for i in range(len(key)))
    return _adding(
        table,
        key,
        f"SELECT {keys}, total FROM (SELECT {keys}, sum(delta) AS total FROM ({deltas}) AS d GROUP BY {keys}) AS s "
        f"WHERE total <> 0 ORDER BY {keys}",
    )


def _adding(table: str, key: tuple[str, ...], rows: str) -> str:
    """Add `rows` (the key's columns, then a count) to the tally `table`: a new key is inserted, a known one grows."""
    columns = ", ".join(key)
    return (
        f"INSERT INTO {table} ({columns}, organisations) {rows} "
        f"ON CONFLICT ({columns}) DO UPDATE SET organisations = {table}.organisations + excluded.organisations"
    )


def _statement_triggers(dialect: Dialect) -> list[Trigger]:
    """PostgreSQL's: a trigger per statement, recounting the recipients it touched and moving each tally once."""
    sql = _Sql(dialect)
    refresh = str(
        update(RECIPIENTS)
        .values(**recipient_columns())
        .compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    )

    def recount(ids: str) -> str:
        return f"{refresh} WHERE recipients.id IN ({ids})"

    def own_rows(table: str, condition: str, watched: tuple[str, ...]) -> list[Trigger]:
        """The recipients whose rows in `table` that count (`condition` on the alias {0}) were added, changed or
        removed, recounted. An UPDATE's row whose `watched` columns are the same before and after, and that
        counts on both sides, is there twice in the two sides' rows; any other once."""
        new, old = condition.format("n"), condition.format("o")
        columns = ", ".join(("id", *watched))
        changed = (
            f"SELECT recipient_id FROM (SELECT {columns} FROM old_rows o WHERE {old} "
            f"UNION ALL SELECT {columns} FROM new_rows n WHERE {new}) AS s GROUP BY {columns} HAVING count(*) = 1"
        )
        return [
            Trigger(
                f"{table}_insert", table, "INSERT", "", (recount(f"SELECT n.recipient_id FROM new_rows n WHERE {new}"),)
            ),
            Trigger(
                f"{table}_update",
                table,
                "UPDATE",
                "",
                (recount(changed),),
            ),
            Trigger(
                f"{table}_delete", table, "DELETE", "", (recount(f"SELECT o.recipient_id FROM old_rows o WHERE {old}"),)
            ),
        ]

    def stances(rows: str, a: str, delta: int) -> str:
        return (
            f"SELECT {a}.recommendation_id AS k0, r.sector AS k1, {a}.stance AS k2, {delta} AS delta "
            f"FROM {rows} JOIN recipients r ON r.id = {a}.recipient_id"
        )

    def statuses(rows: str, a: str, delta: int) -> str:
        return f"SELECT {a}.campaign_id AS k0, {a}.sector AS k1, {a}.status AS k2, {delta} AS delta FROM {rows}"

    def days(rows: str, a: str, delta: int) -> str:
        return (
            f"SELECT {a}.campaign_id AS k0, {sql.day(f'{a}.first_reply_at')} AS k1, {delta} AS delta "
            f"FROM {rows} WHERE {a}.first_reply_at IS NOT NULL"
        )

    sector_moves = (
        "SELECT x.recommendation_id AS k0, m.sector AS k1, x.stance AS k2, m.delta FROM ("
        "SELECT id, sector, delta, min(sector) OVER w AS low, max(sector) OVER w AS high FROM ("
        "SELECT id, sector, -1 AS delta FROM old_rows UNION ALL SELECT id, sector, 1 FROM new_rows) AS s "
        "WINDOW w AS (PARTITION BY id)) AS m JOIN responses x ON x.recipient_id = m.id WHERE m.low <> m.high"
    )

    def both(part: Any) -> str:
        """An UPDATE's rows counted out as they were and in as they are: a key nothing moved sums to 0."""
        return f"{part('old_rows o', 'o', -1)} UNION ALL {part('new_rows n', 'n', 1)}"

    reply = "({0}.kind = 'reply' AND {0}.recipient_id IS NOT NULL)"
    letter = (
        "({0}.recipient_id IS NOT NULL AND ({0}.status = 'bounced' "
        "OR ({0}.kind IN ('appeal', 'reminder') AND {0}.status = 'sent')))"
    )
    return [
        *own_rows("inbound_messages", reply, ("recipient_id", "kind", "received_at")),
        *own_rows("letters", letter, ("recipient_id", "kind", "status")),
        *own_rows("review_items", "{0}.status = 'closed'", ("recipient_id", "status")),
        *own_rows("responses", f"{{0}}.set_by = '{SetBy.REVIEWER.value}'", ("recipient_id", "set_by")),
        Trigger(
            "stance_insert",
            "responses",
            "INSERT",
            "",
            (_upsert("stance_tallies", _STANCE_KEY, stances("new_rows n", "n", 1)),),
        ),
        Trigger(
            "stance_update",
            "responses",
            "UPDATE",
            "",
            (_upsert("stance_tallies", _STANCE_KEY, both(stances)),),
        ),
        Trigger(
            "stance_delete",
            "responses",
            "DELETE",
            "",
            (_upsert("stance_tallies", _STANCE_KEY, stances("old_rows o", "o", -1)),),
        ),
        Trigger(
            "recipient_insert",
            "recipients",
            "INSERT",
            "",
            (
                _upsert("status_tallies", _STATUS_KEY, statuses("new_rows n", "n", 1)),
                _upsert("first_reply_days", _DAY_KEY, days("new_rows n", "n", 1)),
            ),
        ),
        Trigger(
            "recipient_update",
            "recipients",
            "UPDATE",
            "",
            (
                _upsert("status_tallies", _STATUS_KEY, both(statuses)),
                _upsert("first_reply_days", _DAY_KEY, both(days)),
                _upsert("stance_tallies", _STANCE_KEY, sector_moves),
            ),
        ),
        Trigger(
            "recipient_delete",
            "recipients",
            "DELETE",
            "",
            (
                _upsert("status_tallies", _STATUS_KEY, statuses("old_rows o", "o", -1)),
                _upsert("first_reply_days", _DAY_KEY, days("old_rows o", "o", -1)),
            ),
        ),
    ]


_TRANSITION = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _create(trigger: Trigger, dialect: Dialect) -> list[str]:
    name = PREFIX + trigger.name
    if dialect.name == "postgresql":
        body = "".join(f"{statement};\n" for statement in trigger.body)
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            f"BEGIN\n{body}RETURN NULL;\nEND\n$$",
            f"DROP TRIGGER IF EXISTS {name} ON {trigger.table}",
            f"CREATE TRIGGER {name} AFTER {trigger.event} ON {trigger.table} REFERENCING {_TRANSITION[trigger.event]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    body = "".join(f"{statement};\n" for statement in trigger.body)
    return [
        f"DROP TRIGGER IF EXISTS {name}",
        f"CREATE TRIGGER {name} AFTER {trigger.event} ON {trigger.table} FOR EACH ROW "
        + (f"WHEN {trigger.when}" if trigger.when else "")
        + f"\nBEGIN\n{body}END",
    ]


def install_triggers(connection: Connection) -> None:
    """Create (or replace) every trigger that keeps the counts."""
    for trigger in triggers(connection.dialect):
        for statement in _create(trigger, connection.dialect):
            connection.exec_driver_sql(statement)


def drop_triggers(connection: Connection) -> None:
    for trigger in triggers(connection.dialect):
        name = PREFIX + trigger.name
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name} ON {trigger.table}")
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {name}()")
        else:
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")


def installed_triggers(connection: Connection) -> set[str]:
    """The names of the counting triggers the database has."""
    if connection.dialect.name == "postgresql":
        query = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    return {name for name in connection.exec_driver_sql(query).scalars() if name.startswith(PREFIX)}

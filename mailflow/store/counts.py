"""Counts kept up to date by the database as the rows they count change, so that the dashboard, `mailflow
status` and the digest read them instead of recounting a whole campaign on every view (issue 15: the tally's
GROUP BY alone took 0.6 s at 100,000 organisations, each respondent's status an EXISTS per recipient).

Triggers, installed by migration 0010, keep them in the transaction that makes the change, whichever code
makes it (the worker, a reviewer, `mailflow send`, a bounce, `mailflow reprocess`, a bulk UPDATE):

- each recipient's row carries its `RespondentStatus`, its human replies (how many, the first, the last) and
  its reminders sent, recomputed from that recipient's own rows by indexed subqueries whenever one of them
  changes, so they cannot drift: they are the recount, done for one recipient at a time;
- `status_tallies` counts recipients per campaign, sector and status, `stance_tallies` current stances per
  recommendation, sector and stance, `first_reply_days` organisations by the UTC day of their first reply;
  each is moved by one as a recipient or a response changes.

`rebuild_counts` recounts all of it from scratch (`mailflow db recount`); `recount` and `kept` give the two
side by side, for the tests and for anyone who doubts a figure. On SQLite a table copied by a batch migration
loses its triggers: a later migration that alters these tables must call `install_triggers` again
(`tests/test_counts.py` checks that the newest schema has them all).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from mailflow.store.models import (
    KEPT,
    RECIPIENTS,
    FirstReplyDayRow,
    InboundRow,
    LetterRow,
    RecipientRow,
    RecommendationRow,
    ResponseRow,
    ReviewItemRow,
    SetBy,
    StanceTallyRow,
    StatusTallyRow,
)

# -- what is counted: one definition, read by the triggers, the rebuild and the recount ------------------------


def status_column() -> ColumnElement[str]:
    """A recipient's furthest step, the rule of `tally.RespondentStatus`: reviewed > replied > bounced >
    reminded > sent > not sent, as indexed EXISTS on the recipient's own rows."""
    r = RecipientRow
    reviewed = or_(
        select(ResponseRow.id)
        .where(ResponseRow.recipient_id == r.id, ResponseRow.set_by == SetBy.REVIEWER.value)
        .exists(),
        select(ReviewItemRow.id).where(ReviewItemRow.recipient_id == r.id, ReviewItemRow.status == "closed").exists(),
    )
    replied = select(InboundRow.id).where(InboundRow.recipient_id == r.id, InboundRow.kind == "reply").exists()

    def letter(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
        return select(LetterRow.id).where(LetterRow.recipient_id == r.id, *conditions).exists()

    return case(
        (reviewed, literal("reviewed")),
        (replied, literal("replied")),
        (letter(LetterRow.status == "bounced"), literal("bounced")),
        (letter(LetterRow.kind == "reminder", LetterRow.status.in_(["sent", "bounced"])), literal("reminded")),
        (letter(LetterRow.kind == "appeal", LetterRow.status == "sent"), literal("sent")),
        else_=literal("not_sent"),
    )


def _replies(column: Any) -> Any:
    return (
        select(column)
        .where(InboundRow.recipient_id == RecipientRow.id, InboundRow.kind == "reply")
        .correlate(RecipientRow)
        .scalar_subquery()
    )


def recipient_columns() -> dict[str, Any]:
    """The columns of `recipients` the triggers keep, each as its recount over the recipient's own rows."""
    reminders = (
        select(func.count(LetterRow.id))
        .where(
            LetterRow.recipient_id == RecipientRow.id,
            LetterRow.kind == "reminder",
            LetterRow.status.in_(["sent", "bounced"]),
        )
        .correlate(RecipientRow)
        .scalar_subquery()
    )
    return {
        "status": status_column(),
        "replies": _replies(func.count(InboundRow.id)),
        "first_reply_at": _replies(func.min(InboundRow.received_at)),
        "last_reply_at": _replies(func.max(InboundRow.received_at)),
        "reminders": reminders,
    }


# -- the triggers ----------------------------------------------------------------------------------------------

PREFIX = "mailflow_count_"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    event: str  # INSERT, DELETE or UPDATE OF <columns>
    when: str  # a condition on NEW / OLD, in SQL both databases read; "" for every row
    body: tuple[str, ...]


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
        return (
            "INSERT INTO stance_tallies (recommendation_id, sector, stance, organisations) "
            f"SELECT {row}.recommendation_id, sector, {row}.stance, {delta} FROM recipients "
            f"WHERE id = {row}.recipient_id "
            "ON CONFLICT (recommendation_id, sector, stance) "
            "DO UPDATE SET organisations = stance_tallies.organisations + excluded.organisations"
        )

    def stances_of(self, recipient: str, sector: str, delta: int) -> str:
        """All of a recipient's stances counted in (or out of) a sector: it moved from one to the other."""
        return (
            "INSERT INTO stance_tallies (recommendation_id, sector, stance, organisations) "
            f"SELECT recommendation_id, {sector}, stance, {delta} FROM responses WHERE recipient_id = {recipient} "
            "ON CONFLICT (recommendation_id, sector, stance) "
            "DO UPDATE SET organisations = stance_tallies.organisations + excluded.organisations"
        )

    def status(self, row: str, delta: int) -> str:
        return (
            "INSERT INTO status_tallies (campaign_id, sector, status, organisations) "
            f"VALUES ({row}.campaign_id, {row}.sector, {row}.status, {delta}) "
            "ON CONFLICT (campaign_id, sector, status) "
            "DO UPDATE SET organisations = status_tallies.organisations + excluded.organisations"
        )

    def first_reply(self, row: str, delta: int) -> str:
        return (
            "INSERT INTO first_reply_days (campaign_id, day, organisations) "
            f"SELECT {row}.campaign_id, {self.day(f'{row}.first_reply_at')}, {delta} "
            f"WHERE {row}.first_reply_at IS NOT NULL "
            "ON CONFLICT (campaign_id, day) "
            "DO UPDATE SET organisations = first_reply_days.organisations + excluded.organisations"
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


_CHANGED = "old_rows o JOIN new_rows n ON n.id = o.id"  # an UPDATE's rows, before (o) and after (n)


def _upsert(table: str, key: tuple[str, ...], deltas: str) -> str:
    """Add `deltas` (rows of the key as k0, k1, … and a delta), summed per key, to `table`: each tally row is
    written once per statement, in key order (so two transactions lock tally rows in the same order)."""
    keys = ", ".join(f"k{i}" for i in range(len(key)))
    return (
        f"INSERT INTO {table} ({', '.join(key)}, organisations) "
        f"SELECT {keys}, total FROM (SELECT {keys}, sum(delta) AS total FROM ({deltas}) AS d GROUP BY {keys}) AS s "
        f"WHERE total <> 0 ORDER BY {keys} "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET organisations = {table}.organisations + excluded.organisations"
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

    def differ(*columns: str) -> str:
        return "(" + " OR ".join(sql.differ(f"o.{c}", f"n.{c}") for c in columns) + ")"

    def own_rows(table: str, condition: str, watched: tuple[str, ...]) -> list[Trigger]:
        """The recipients whose rows in `table` that count (`condition` on the alias {0}) were added, changed or
        removed, recounted."""
        new, old = condition.format("n"), condition.format("o")
        changed = f"FROM {_CHANGED} WHERE ({old} OR {new}) AND {differ(*watched)}"
        return [
            Trigger(
                f"{table}_insert", table, "INSERT", "", (recount(f"SELECT n.recipient_id FROM new_rows n WHERE {new}"),)
            ),
            Trigger(
                f"{table}_update",
                table,
                "UPDATE",
                "",
                (recount(f"SELECT o.recipient_id {changed} UNION SELECT n.recipient_id {changed}"),),
            ),
            Trigger(
                f"{table}_delete", table, "DELETE", "", (recount(f"SELECT o.recipient_id FROM old_rows o WHERE {old}"),)
            ),
        ]

    def stances(rows: str, a: str, delta: int, where: str = "TRUE") -> str:
        return (
            f"SELECT {a}.recommendation_id AS k0, r.sector AS k1, {a}.stance AS k2, {delta} AS delta "
            f"FROM {rows} JOIN recipients r ON r.id = {a}.recipient_id WHERE {where}"
        )

    def statuses(rows: str, a: str, delta: int, where: str = "TRUE") -> str:
        return (
            f"SELECT {a}.campaign_id AS k0, {a}.sector AS k1, {a}.status AS k2, {delta} AS delta "
            f"FROM {rows} WHERE {where}"
        )

    def days(rows: str, a: str, delta: int, where: str = "TRUE") -> str:
        return (
            f"SELECT {a}.campaign_id AS k0, {sql.day(f'{a}.first_reply_at')} AS k1, {delta} AS delta "
            f"FROM {rows} WHERE {a}.first_reply_at IS NOT NULL AND {where}"
        )

    def sector_moves(a: str, delta: int) -> str:
        return (
            f"SELECT x.recommendation_id AS k0, {a}.sector AS k1, x.stance AS k2, {delta} AS delta "
            f"FROM {_CHANGED} JOIN responses x ON x.recipient_id = n.id WHERE {differ('sector')}"
        )

    def both(part: Any, where: str) -> str:
        """An UPDATE's changed rows counted out as they were and in as they are."""
        return f"{part(_CHANGED, 'o', -1, where)} UNION ALL {part(_CHANGED, 'n', 1, where)}"

    stance_key = ("recommendation_id", "sector", "stance")
    status_key = ("campaign_id", "sector", "status")
    day_key = ("campaign_id", "day")
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
            (_upsert("stance_tallies", stance_key, stances("new_rows n", "n", 1)),),
        ),
        Trigger(
            "stance_update",
            "responses",
            "UPDATE",
            "",
            (
                _upsert(
                    "stance_tallies", stance_key, both(stances, differ("recipient_id", "recommendation_id", "stance"))
                ),
            ),
        ),
        Trigger(
            "stance_delete",
            "responses",
            "DELETE",
            "",
            (_upsert("stance_tallies", stance_key, stances("old_rows o", "o", -1)),),
        ),
        Trigger(
            "recipient_insert",
            "recipients",
            "INSERT",
            "",
            (
                _upsert("status_tallies", status_key, statuses("new_rows n", "n", 1)),
                _upsert("first_reply_days", day_key, days("new_rows n", "n", 1)),
            ),
        ),
        Trigger(
            "recipient_update",
            "recipients",
            "UPDATE",
            "",
            (
                _upsert("status_tallies", status_key, both(statuses, differ("campaign_id", "sector", "status"))),
                _upsert("first_reply_days", day_key, both(days, differ("campaign_id", "first_reply_at"))),
                _upsert("stance_tallies", stance_key, f"{sector_moves('o', -1)} UNION ALL {sector_moves('n', 1)}"),
            ),
        ),
        Trigger(
            "recipient_delete",
            "recipients",
            "DELETE",
            "",
            (
                _upsert("status_tallies", status_key, statuses("old_rows o", "o", -1)),
                _upsert("first_reply_days", day_key, days("old_rows o", "o", -1)),
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


# -- rebuilding and recounting ---------------------------------------------------------------------------------


def rebuild_counts(connection: Connection | Session) -> None:
    """Recount everything from scratch, in the caller's transaction: each recipient's kept columns, then the
    three tallies from them and from the responses."""
    connection.execute(update(RECIPIENTS).values(**recipient_columns()))
    for table in (StanceTallyRow, StatusTallyRow, FirstReplyDayRow):
        connection.execute(delete(table))
    r = RecipientRow
    connection.execute(
        insert(StatusTallyRow).from_select(
            ["campaign_id", "sector", "status", "organisations"],
            select(r.campaign_id, r.sector, KEPT.status, func.count()).group_by(r.campaign_id, r.sector, KEPT.status),
        )
    )
    day = _day_of(connection, KEPT.first_reply_at)
    connection.execute(
        insert(FirstReplyDayRow).from_select(
            ["campaign_id", "day", "organisations"],
            select(r.campaign_id, day, func.count())
            .where(KEPT.first_reply_at.is_not(None))
            .group_by(r.campaign_id, day),
        )
    )
    connection.execute(
        insert(StanceTallyRow).from_select(
            ["recommendation_id", "sector", "stance", "organisations"],
            select(ResponseRow.recommendation_id, r.sector, ResponseRow.stance, func.count())
            .join(r, r.id == ResponseRow.recipient_id)
            .group_by(ResponseRow.recommendation_id, r.sector, ResponseRow.stance),
        )
    )


def _day_of(connection: Connection | Session, moment: Any) -> Any:
    """The UTC day of a moment, as the triggers compute it."""
    dialect = connection.get_bind().dialect if isinstance(connection, Session) else connection.dialect
    if dialect.name == "postgresql":
        return func.date(func.timezone("UTC", moment))
    return func.date(moment)


@dataclass(frozen=True)
class Counts:
    """Everything kept, in one comparable shape: kept by the triggers (`kept`) or counted afresh (`recount`)."""

    recipients: dict[int, tuple[Any, ...]]  # id → (status, replies, first reply, last reply, reminders)
    statuses: dict[tuple[str, str], int]  # (sector, status) → organisations
    stances: dict[tuple[int, str, str], int]  # (recommendation row, sector, stance) → organisations
    first_replies: dict[date, int]  # day (UTC) → organisations


def kept(session: Session, campaign_id: int) -> Counts:
    r = RecipientRow
    names = list(recipient_columns())
    recipients = session.execute(select(r.id, *(KEPT[n] for n in names)).where(r.campaign_id == campaign_id))
    statuses = session.execute(
        select(StatusTallyRow.sector, StatusTallyRow.status, StatusTallyRow.organisations).where(
            StatusTallyRow.campaign_id == campaign_id, StatusTallyRow.organisations != 0
        )
    )
    t = StanceTallyRow
    stances = session.execute(
        select(t.recommendation_id, t.sector, t.stance, t.organisations)
        .join(RecommendationRow, RecommendationRow.id == StanceTallyRow.recommendation_id)
        .where(RecommendationRow.campaign_id == campaign_id, StanceTallyRow.organisations != 0)
    )
    days = session.execute(
        select(FirstReplyDayRow.day, FirstReplyDayRow.organisations).where(
            FirstReplyDayRow.campaign_id == campaign_id, FirstReplyDayRow.organisations != 0
        )
    )
    return Counts(
        {row[0]: _normal(row[1:]) for row in recipients},
        {(sector, status): n for sector, status, n in statuses},
        {(rec, sector, stance): n for rec, sector, stance, n in stances},
        {_date(day): n for day, n in days},
    )


def recount(session: Session, campaign_id: int) -> Counts:
    """The same figures counted from the rows, as the pages did before they were kept."""
    r = RecipientRow
    columns = recipient_columns()
    recipients = {
        row[0]: _normal(row[1:])
        for row in session.execute(select(r.id, *columns.values()).where(r.campaign_id == campaign_id))
    }
    statuses: dict[tuple[str, str], int] = {}
    sectors = {i: sector for i, sector in session.execute(select(r.id, r.sector).where(r.campaign_id == campaign_id))}
    days: dict[date, int] = {}
    for recipient_id, (status, _replies, first, _last, _reminders) in recipients.items():
        key = (sectors[recipient_id], status)
        statuses[key] = statuses.get(key, 0) + 1
        if first is not None:
            days[first.date()] = days.get(first.date(), 0) + 1
    stances = session.execute(
        select(ResponseRow.recommendation_id, r.sector, ResponseRow.stance, func.count())
        .join(r, r.id == ResponseRow.recipient_id)
        .where(r.campaign_id == campaign_id)
        .group_by(ResponseRow.recommendation_id, r.sector, ResponseRow.stance)
    )
    return Counts(recipients, statuses, {(rec, sector, stance): n for rec, sector, stance, n in stances}, days)


def _normal(values: Sequence[Any]) -> tuple[Any, ...]:
    """Datetimes as aware UTC (SQLite hands them back naive), so the two readings compare equal."""
    return tuple(v.replace(tzinfo=UTC) if isinstance(v, datetime) and v.tzinfo is None else v for v in values)


def _date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


# -- reading the kept counts -----------------------------------------------------------------------------------


def stance_counts(session: Session, campaign_id: int) -> dict[tuple[str, str, str], int]:
    """(recommendation, sector, stance) → organisations, counting only stances on recommendations addressed to
    the organisation's sector: a few hundred kept rows, however many responses."""
    query = (
        select(RecommendationRow.rec_id, StanceTallyRow.sector, StanceTallyRow.stance, StanceTallyRow.organisations)
        .join(RecommendationRow, RecommendationRow.id == StanceTallyRow.recommendation_id)
        .where(
            RecommendationRow.campaign_id == campaign_id,
            RecommendationRow.audience.in_(["all", StanceTallyRow.sector]),
            StanceTallyRow.organisations != 0,
        )
    )
    return {(rec_id, sector, stance): n for rec_id, sector, stance, n in session.execute(query)}


def status_counts(session: Session, campaign_id: int) -> dict[str, int]:
    """Organisations by `RespondentStatus` value."""
    total = func.sum(StatusTallyRow.organisations)
    query = (
        select(StatusTallyRow.status, total)
        .where(StatusTallyRow.campaign_id == campaign_id)
        .group_by(StatusTallyRow.status)
        .having(total != 0)
    )
    return {status: int(n) for status, n in session.execute(query)}


def sector_counts(session: Session, campaign_id: int) -> dict[str, int]:
    """Recipients per sector."""
    total = func.sum(StatusTallyRow.organisations)
    query = (
        select(StatusTallyRow.sector, total)
        .where(StatusTallyRow.campaign_id == campaign_id)
        .group_by(StatusTallyRow.sector)
        .having(total != 0)
    )
    return {sector: int(n) for sector, n in session.execute(query)}


def respondents_before(session: Session, campaign_id: int, moments: Sequence[datetime]) -> list[int]:
    """For each moment, the organisations whose first reply came before it: the kept days before the moment's
    own (a few hundred rows at most), and that day's first replies up to the moment through the index."""
    if not moments:
        return []
    days = sorted(
        (_date(day), n)
        for day, n in session.execute(
            select(FirstReplyDayRow.day, FirstReplyDayRow.organisations).where(
                FirstReplyDayRow.campaign_id == campaign_id
            )
        )
    )
    result = []
    for moment in moments:
        at = moment.astimezone(UTC)
        midnight = datetime.combine(at.date(), time(), tzinfo=UTC)
        count = sum(n for day, n in days if day < at.date())
        if at > midnight:
            count += int(
                session.scalar(
                    select(func.count()).where(
                        RecipientRow.campaign_id == campaign_id,
                        KEPT.first_reply_at >= midnight,
                        KEPT.first_reply_at < at,
                    )
                )
                or 0
            )
        result.append(count)
    return result

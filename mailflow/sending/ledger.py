"""The ledger: a send run's status changes, written by a thread of its own through one autocommit connection,
and the letters it hands over, read ahead by another.

What it guarantees is the outbox's: a letter's `sending` is committed before its final dot, and a letter left
`sending` is never sent again by itself (see `mailflow.sending.outbox`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, Executable, bindparam, case, false, null, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.dml import ReturningUpdate

from mailflow.errors import StorageError
from mailflow.lifecycle import LetterStatus, advance
from mailflow.sending.smtp import Outgoing
from mailflow.store.models import LetterBodyRow, LetterRow, RecipientRow

log = logging.getLogger(__name__)
LETTERS = LetterRow.metadata.tables[LetterRow.__tablename__]  # Core statements: a letter's status changes

_Accepted = tuple[Outgoing, int, datetime]  # a letter the server took, its attempts and when: `sent` not yet written


@dataclass(frozen=True)
class Outcome:
    letter_id: int
    to_address: str
    status: LetterStatus
    error: str | None = None


class Ledger:
    """A run's status changes, written through one connection that lives for the run, in autocommit, by a
    thread of its own: each change is one statement, committed as it completes, and a letter's `sent` rides on
    the run's next one.

    Letters are handed over `group` at a time: one statement moves the next `group` loaded letters from
    `queued` to `sending` (their commit point, shared) and records the letters accepted before them `sent`;
    each of them then goes out without another commit. It is written while the first one's envelope goes out
    (`hand_over` starts it, the commit point waits for it), so the commit's wait overlaps the server's replies
    to MAIL, RCPT and DATA. On PostgreSQL a commit is a WAL flush, and at one commit per letter the wait for it
    was a third to a half of the command's time on this 2-core machine when it was busy (issue 15); in groups
    of 8 it is paid once for 8 letters. A failure, the end of the run and a wait for the rate limit commit at
    once, as before (`record`, `flush`).

    What a crash does is unchanged in kind, and bounded by `group`:
    - at most `group` letters are `sending` at any moment (a group's accepted letters go to `sent` in the
      statement that hands the next group over), so a crash leaves at most `group` letters `uncertain`, and
      no letter is ever sent twice: `sending` is committed before the final dot of each, and `sending` is
      never sent again;
    - some of those may never have gone out: the group's letters not yet begun, and the one cut off before
      its final dot (the server drops an unfinished transaction, RFC 5321 §3.8); others arrived (accepted,
      `sent` not yet written). A person asks, then confirms (`mailflow outbox --mark-sent`) or sends it again
      (`--requeue`).
    A run that stops without a crash (the server unreachable, an error) puts the group's letters not yet begun
    back to `queued` (`close`): nothing of them went out. A letter's outcome is reported (`report`, in the
    caller's thread) once it is committed, never before.
    """

    def __init__(self, engine: Engine, report: Callable[[Outcome], None], group: int = 1) -> None:
        self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-ledger")
        self.connection = self.thread.submit(_autocommit, engine).result()
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="outbox-reader")
        self.reading = self.reader.submit(_reading, engine).result()
        self.report = report
        self.group = max(group, 1)
        self.accepted: list[_Accepted] = []  # the server's 250 received, `sent` not yet written
        self.upcoming: list[int] = []  # loaded letters not yet handed over, in sending order
        self.handed: dict[int, Callable[[], bool]] = {}  # handed over with the current group, not yet begun
        self.settle_group: Callable[[], dict[int, str]] = dict  # waits for the current group's statement

    def _write(self, handing: list[int], accepted: list[_Accepted]) -> dict[int, str]:
        """In the ledger's thread, one statement: the `handing` letters queued → sending and the `accepted`
        letters sending → sent. Returns the letters it moved, with their new status."""
        if not handing and not accepted:
            return {}
        params: dict[str, Any] = {f"handing_{n}": letter_id for n, letter_id in enumerate(handing)}
        for n, (letter, attempts, at) in enumerate(accepted):
            params.update({f"sent_{n}": letter.letter_id, f"attempts_{n}": attempts, f"at_{n}": at})
        statement = _ledger_statement(len(handing), len(accepted))
        return {letter_id: status for letter_id, status in self._execute(statement, params)}

    def _execute(self, statement: Executable, params: dict[str, Any] | None = None) -> list[Any]:
        """In the ledger's thread: run a statement that returns rows, and fetch them all."""
        return _fetch(self.connection, statement, params)

    def _report_sent(self, moved: dict[int, str], accepted: list[_Accepted]) -> None:
        """Report the accepted letters a write recorded `sent` (the server took each, so an accepted letter
        someone else moved meanwhile is logged and still reported sent)."""
        for letter, _, _ in accepted:
            if moved.get(letter.letter_id) != LetterStatus.SENT.value:
                log.error("letter %s changed status while it was being sent", letter.letter_id)
            self.report(Outcome(letter.letter_id, letter.rcpt_to, LetterStatus.SENT))

    def _now(self) -> None:
        accepted, self.accepted = self.accepted, []
        self._report_sent(self.thread.submit(self._write, [], accepted).result(), accepted)

    def letters(self, chunks: Sequence[Sequence[int]], mail_from: str) -> Iterator[tuple[Outgoing, int]]:
        """The due letters in `chunks`, with their bytes and attempts, in sending order: read a chunk at a time
        in one query, by a thread and connection of their own, the next chunk while this one goes out (on
        PostgreSQL 50 letters' bytes took 10 ms, a tenth of the sending, issue 15). Any no longer queued when
        read are left out; a letter read ahead that someone moves meanwhile is refused at its commit point."""

        def read(n: int) -> Future[list[tuple[Outgoing, int]]] | None:
            return self.reader.submit(self._read, chunks[n], mail_from) if n < len(chunks) else None

        ahead, n = read(0), 0
        while ahead is not None:
            letters = ahead.result()
            n += 1
            ahead = read(n)
            self.upcoming = [letter.letter_id for letter, _ in letters]
            yield from letters

    def _read(self, ids: Sequence[int], mail_from: str) -> list[tuple[Outgoing, int]]:
        """In the reader's thread: the letters `ids` still queued, with their bytes, by id."""
        query = (
            select(
                LetterRow.id, LetterRow.message_id, LetterRow.to_address, LetterBodyRow.raw, LetterRow.attempts,
                LetterRow.kind, RecipientRow.organisation,
            )
            .join(LetterBodyRow, LetterBodyRow.letter_id == LetterRow.id)
            .outerjoin(RecipientRow, RecipientRow.id == LetterRow.recipient_id)
            .where(LetterRow.id.in_(ids), LetterRow.status == LetterStatus.QUEUED.value)
            .order_by(LetterRow.id)
        )  # fmt: skip
        return [
            (Outgoing(i, message_id, mail_from, to, raw, kind, organisation or ""), attempts)
            for i, message_id, to, raw, attempts, kind, organisation in _fetch(self.reading, query)
        ]

    def hand_over(self, letter_id: int) -> Callable[[], bool]:
        """The letter's commit point: returns the wait for it, True once the letter is `sending`, committed;
        False if someone else moved the letter, which is then not sent. Call the wait before the final dot.

        The first letter of a group starts the group's statement (`queued` → `sending` for it and the next
        `group - 1` loaded letters, with the letters accepted before it recorded `sent`) in the ledger's thread;
        the others share its wait, long over by their turn."""
        waiting = self.handed.pop(letter_id, None)
        if waiting is not None:
            return waiting
        handing = [letter_id]
        if letter_id in self.upcoming:
            at = self.upcoming.index(letter_id)
            handing = self.upcoming[at : at + self.group]
            del self.upcoming[: at + self.group]
        self._give_back()  # the last group's letters are all begun by now: only its statement, long settled
        accepted, self.accepted = self.accepted, []
        written = self.thread.submit(self._write, handing, accepted)
        moved: list[dict[int, str]] = []

        def settle() -> dict[int, str]:
            if not moved:
                moved.append(written.result())
                self._report_sent(moved[0], accepted)  # once, even if reporting raises
            return moved[0]

        def committed_for(i: int) -> Callable[[], bool]:
            return lambda: settle().get(i) == LetterStatus.SENDING.value

        self.settle_group = settle
        self.handed = {i: committed_for(i) for i in handing[1:]}
        return committed_for(letter_id)

    def accepted_by_server(self, letter: Outgoing, attempts: int, at: datetime) -> None:
        self.accepted.append((letter, attempts, at))

    def record(
        self,
        letter: Outgoing,
        current: LetterStatus,
        target: LetterStatus,
        attempts: int,
        error: str,
        next_attempt_at: datetime | None = None,
        *,
        quiet: bool = False,
    ) -> None:
        """A letter not sent, or of unknown fate: its new status and error, committed now (after the `sent` of
        the letters accepted before it). `quiet`: neither logged nor reported (a letter put back unsent)."""
        self._now()
        values: dict[str, Any] = {"attempts": attempts, "last_error": error, "next_attempt_at": next_attempt_at}
        statement = update(LETTERS).where(LETTERS.c.id == letter.letter_id)
        if current is not target:  # a compare-and-set, as `outbox._move`
            advance(current, target)
            statement = statement.where(LETTERS.c.status == current.value)
            values["status"] = target.value
        if not self.thread.submit(self._execute, statement.values(**values).returning(LETTERS.c.id)).result():
            log.error("letter %s changed status while it was being sent", letter.letter_id)
        if not quiet:
            log.warning("letter %s to %s: %s (%s)", letter.letter_id, letter.rcpt_to, target.value, error)
            self.report(Outcome(letter.letter_id, letter.rcpt_to, target, error))

    def flush(self) -> None:
        """Commit the `sent` of the letters accepted so far."""
        self._now()

    def _give_back(self) -> None:
        """The current group's letters not yet begun, `sending` → `queued` as they were: none of their bytes
        went out. Only those the group's statement moved, and a compare-and-set, as every change."""
        moved = self.settle_group()
        unbegun = sorted(i for i in self.handed if moved.get(i) == LetterStatus.SENDING.value)
        self.handed = {}
        if not unbegun:
            return
        advance(LetterStatus.SENDING, LetterStatus.QUEUED)
        c = LETTERS.c
        statement = (
            update(LETTERS)
            .where(c.id.in_(unbegun), c.status == LetterStatus.SENDING.value)
            .values(status=LetterStatus.QUEUED.value)
            .returning(c.id)
        )
        back = self.thread.submit(self._execute, statement).result()
        log.info("%s letter(s) handed over and not begun put back in the queue", len(back))

    def close(self) -> None:
        try:
            self.flush()
            self._give_back()
        finally:
            try:
                self.thread.submit(self.connection.close).result()
                self.thread.shutdown()
            finally:
                self.reader.submit(self.reading.close).result()  # after a chunk still being read ahead
                self.reader.shutdown()


def _autocommit(engine: Engine) -> Connection:
    """A connection for one thread, each statement committed as it completes."""
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


def _reading(engine: Engine) -> Connection:
    """The reader's connection. On PostgreSQL its results come in binary format: a letter's bytes as they are,
    not as hex text that the server writes and psycopg decodes (2,000 letters read 50 at a time: 0.40 s and
    0.19 s of the command's CPU as hex, 0.14 s and 0.06 s binary; the server's CPU 0.28 s and 0.11 s). Taken
    out of the pool, so no later user of the engine gets its cursors."""
    connection = _autocommit(engine)
    if engine.dialect.name == "postgresql":
        from psycopg import Cursor
        from psycopg.pq import Format

        class BinaryResults(Cursor[Any]):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.format = Format.BINARY

        connection.detach()
        psycopg_connection: Any = connection.connection.dbapi_connection
        psycopg_connection.cursor_factory = BinaryResults
    return connection


def _fetch(connection: Connection, statement: Executable, params: dict[str, Any] | None = None) -> list[Any]:
    """Run a statement that returns rows, and fetch them all; a database's refusal as StorageError."""
    try:
        return list(connection.execute(statement, params).all())
    except DBAPIError as exc:
        raise StorageError(connection.engine.url.render_as_string(), str(exc.orig)) from exc


@cache
def _ledger_statement(handing: int, sent: int) -> ReturningUpdate[int, str]:
    """The ledger's one statement, built once per shape: letters `:handing_0`… queued → sending, and letters
    `:sent_0`… sending → sent with their `:attempts_n` and `:at_n`; returns each moved letter's id and new
    status. A compare-and-set, as `outbox._move`: a letter someone else moved is left as it is, and not
    returned."""
    if handing:
        advance(LetterStatus.QUEUED, LetterStatus.SENDING)
    if sent:
        advance(LetterStatus.SENDING, LetterStatus.SENT)
    c = LETTERS.c
    mine = [bindparam(f"handing_{n}", type_=c.id.type) for n in range(handing)]
    ids = [bindparam(f"sent_{n}", type_=c.id.type) for n in range(sent)]
    handed = c.id.in_(mine) & (c.status == LetterStatus.QUEUED.value) if handing else false()
    done = c.id.in_(ids) & (c.status == LetterStatus.SENDING.value) if sent else false()

    def per_letter(column: str, name: str) -> Any:
        """The `sent` letters' own value of `column`, by id: parameters `:{name}_0`…"""
        type_ = c[column].type
        return case(*((c.id == i, bindparam(f"{name}_{n}", type_=type_)) for n, i in enumerate(ids)))

    if not handing:
        values: dict[str, Any] = {
            "status": LetterStatus.SENT.value,
            "attempts": per_letter("attempts", "attempts"),
            "last_error": None,
            "next_attempt_at": None,
            "sent_at": per_letter("sent_at", "at"),
        }
    elif not sent:
        values = {"status": LetterStatus.SENDING.value}
    else:
        handing_now = c.id.in_(mine)

        def keep(column: str, value: Any) -> Any:
            return case((handing_now, c[column]), else_=value)

        values = {
            "status": case((handing_now, LetterStatus.SENDING.value), else_=LetterStatus.SENT.value),
            "attempts": keep("attempts", per_letter("attempts", "attempts")),
            "last_error": keep("last_error", null()),
            "next_attempt_at": keep("next_attempt_at", null()),
            "sent_at": keep("sent_at", per_letter("sent_at", "at")),
        }
    # the ids first, on their own: the planner then looks them up by primary key, never by status (PostgreSQL
    # took `status = 'queued'` through its index, every queued letter, when its statistics said few were queued)
    return update(LETTERS).where(c.id.in_([*mine, *ids]), handed | done).values(**values).returning(c.id, c.status)

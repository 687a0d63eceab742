"""Reading a batch ahead on the other CPU cores, so that reading one message overlaps recording another.

`parse_reply` is pure and its inputs and result pickle, so a pool of processes can read a fetched batch while
the worker records, in its own process and in order, the messages already read. Reading is about half of a
message's cost and recording the other half; with two cores the two halves overlap.

The pool is only worth its start-up for a backlog: a batch smaller than `min_batch` is read by one reader
process (the watchdog's), lazily, message by message. When a pool process dies, the watchdog's reader reads the
rest of the batch and the next large batch starts new readers. A message whose reading raises yields no
reading: the worker parses it again where the error is raised, so that quarantine handles it as without a pool.

The watchdog: no reading runs in the worker's own process, so that one that runs past `read_seconds` (a regex
that backtracks, a parser that loops) can be ended by killing its process; the message comes back `Overran`
and is quarantined, and the worker goes on. A set `stop` (SIGTERM) ends a reading in hand within a fraction
of a second (`Interrupted`: the message stays stored for the next run). Readers exit when the worker is gone.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Generator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from mailflow.campaign.letter import Campaign
from mailflow.parse import parse_reply
from mailflow.reading.classify import OwnIdentity
from mailflow.reading.mime import ParseLimits
from mailflow.reading.reply import ParsedReply
from mailflow.receiving.ingest import Reading

logger = logging.getLogger(__name__)

_Setup = tuple[Campaign, ParseLimits, OwnIdentity]
_CHUNK = 4  # messages per task: a few milliseconds of reading, well above the cost of handing it over
_setup: _Setup | None = None  # in a pool process: what every message is read with
_POLL = 0.2  # seconds between looks at `stop` while a reading runs
DEFAULT_READ_SECONDS = 10.0


@dataclass(frozen=True)
class Overran:
    """A reading the watchdog ended: it ran past `seconds`; the message is quarantined with this reason."""

    seconds: float

    @property
    def reason(self) -> str:
        return f"reading took over {self.seconds:g} s and was stopped"


@dataclass(frozen=True)
class Interrupted:
    """A reading given up because the worker is stopping; the message stays stored for the next run."""


Result = ParsedReply | Overran | Interrupted | None


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ReadAhead:
    """The readings of one batch, by position, produced in the batch's order as the worker asks for them; a
    reading once produced can be asked for again (a batch that failed is processed again message by message)."""

    def __init__(self, raws: Mapping[int, bytes], parses: Generator[Result, None, None]) -> None:
        """`parses` yields the parse of each of `raws`, in order."""
        self._raws = raws
        self._pending = iter(raws.items())
        self._parses = parses
        self._done: dict[int, Reading | Overran | Interrupted | None] = {}

    def get(self, position: int) -> Reading | Overran | Interrupted | None:
        """The reading at `position`, or None (not read ahead, or it failed: the caller parses it)."""
        if position in self._done:
            return self._done[position]
        if position not in self._raws:
            return None
        for key, raw in self._pending:  # in order; a message the worker needs no reading of is passed over
            parsed = next(self._parses, None)
            found = Reading(raw, parsed) if isinstance(parsed, ParsedReply) else parsed
            self._done[key] = found
            if key == position:
                return found
        return None

    def close(self) -> None:
        """Stop reading: a pool cancels what it has not started."""
        self._parses.close()


class Watchdog:
    """One reader process that reads a message at a time with a deadline, killed and restarted when one
    overruns it (or when the campaign or limits change)."""

    def __init__(self, seconds: float, stop: threading.Event) -> None:
        self.seconds = seconds
        self.stop = stop
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None
        self._setup: _Setup | None = None

    def read(self, raw: bytes, setup: _Setup) -> Result:
        if self.stop.is_set():
            return Interrupted()
        try:
            connection = self._start(setup)
            connection.send_bytes(raw)
            deadline = time.monotonic() + self.seconds
            while not connection.poll(_POLL):
                if self.stop.is_set():
                    self.close()
                    return Interrupted()
                if time.monotonic() > deadline:
                    logger.warning("a reading ran past %s s; its reader is stopped", self.seconds)
                    self.close()
                    return Overran(self.seconds)
            result: ParsedReply | None = connection.recv()
            return result
        except (EOFError, OSError) as exc:  # the reader died under it: the worker parses the message itself
            stopping = self.stop.is_set()
            if not stopping:
                logger.warning("the reader process failed (%s)", exc)
            self.close()
            return Interrupted() if stopping else None

    def _start(self, setup: _Setup) -> Connection:
        if self._connection is not None and self._setup != setup:
            self.close()
        if self._connection is None:
            ours, theirs = multiprocessing.Pipe()
            process = _context().Process(target=_serve, args=(theirs, setup, os.getpid()), daemon=True)
            process.start()
            theirs.close()
            self._process, self._connection, self._setup = process, ours, setup
            # ready: the limit is for reading, not for starting a process (which a stop need not wait for)
            while not ours.poll(_POLL):
                if self.stop.is_set() or not process.is_alive():
                    raise EOFError("the reader did not start")
            ours.recv_bytes()
        return self._connection

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def close(self) -> None:
        """End the reader at once (a reading in hand is abandoned)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process.close()
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = self._setup = None


class ParsePool:
    """`processes` reader processes, started at the first batch of at least `min_batch` messages and kept."""

    def __init__(
        self,
        processes: int,
        *,
        min_batch: int = 32,
        read_seconds: float = DEFAULT_READ_SECONDS,
        stop: threading.Event | None = None,
    ) -> None:
        self.processes = processes
        self.min_batch = min_batch
        self.read_seconds = read_seconds
        self.stop = stop if stop is not None else threading.Event()
        self.watchdog = Watchdog(read_seconds, self.stop)
        self._executor: ProcessPoolExecutor | None = None
        self._setup: _Setup | None = None

    def use_stop(self, stop: threading.Event) -> None:
        """Give up readings in hand when `stop` is set (the worker's, set by SIGTERM)."""
        self.stop = self.watchdog.stop = stop

    @property
    def started(self) -> bool:
        """Whether reader processes are running (they start with the first large batch)."""
        return self._executor is not None

    def read_ahead(
        self, raws: Mapping[int, bytes], campaign: Campaign, limits: ParseLimits, own: OwnIdentity
    ) -> ReadAhead:
        setup = (campaign, limits, own)
        if self.processes < 1 or len(raws) < self.min_batch:
            return ReadAhead(raws, (self.watchdog.read(raw, setup) for raw in raws.values()))
        return ReadAhead(raws, self._in_pool(list(raws.values()), setup))

    def read_one(self, raw: bytes, campaign: Campaign, limits: ParseLimits, own: OwnIdentity) -> Result:
        """One message, read by the watchdog's reader."""
        return self.watchdog.read(raw, (campaign, limits, own))

    def _in_pool(self, raws: list[bytes], setup: _Setup) -> Generator[Result, None, None]:
        """Submit the whole batch now, so the pool reads while the worker stores it; yield the readings in order."""
        executor = self._start(setup)
        chunks = [raws[i : i + _CHUNK] for i in range(0, len(raws), _CHUNK)]
        return self._results([executor.submit(_read_chunk, chunk) for chunk in chunks], chunks, setup)

    def _results(
        self, futures: list[Future[list[ParsedReply | None]]], chunks: list[list[bytes]], setup: _Setup
    ) -> Generator[Result, None, None]:
        """The readings in order. A chunk the pool has not started when the worker needs it is read by the
        watchdog's reader rather than waited for: the worker never idles while a core could read. A chunk that
        runs past its deadline ends the pool; it and the rest are read by the watchdog's reader, a message at a
        time, so that only the message that overruns is stopped."""
        try:
            for position, (future, chunk) in enumerate(zip(futures, chunks, strict=True)):
                if future.cancel():
                    yield from (self.watchdog.read(raw, setup) for raw in chunk)
                    continue
                try:
                    readings = self._wait(future, len(chunk))
                except Exception as exc:  # a reader died (BrokenProcessPool), overran, or a result did not pickle
                    logger.warning("the parse pool failed (%s); the rest of the batch is read a message at a time", exc)
                    self.close(now=True)
                    yield from (self.watchdog.read(raw, setup) for rest in chunks[position:] for raw in rest)
                    return
                yield from readings
        finally:
            for future in futures:  # the worker stopped early: what has not started is not read
                future.cancel()

    def _wait(self, future: Future[list[ParsedReply | None]], messages: int) -> list[ParsedReply | None]:
        """The chunk's readings, waited for at most `read_seconds` a message; FutureTimeout past that."""
        deadline = time.monotonic() + self.read_seconds * messages
        while True:
            try:
                return future.result(timeout=_POLL)
            except FutureTimeout:
                if self.stop.is_set() or time.monotonic() > deadline:
                    raise

    def _start(self, setup: _Setup) -> ProcessPoolExecutor:
        if self._executor is not None and self._setup != setup:
            self.close()  # the campaign or the limits changed: readers must read with the new ones
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=_context(), initializer=_init_reader, initargs=(setup, os.getpid())
            )
            self._setup = setup
        return self._executor

    def close(self, *, now: bool = False) -> None:
        """Stop the readers; `now` (or a set `stop`) kills them rather than letting a reading in hand finish."""
        if self._executor is not None:
            if now or self.stop.is_set():
                for process in list(self._executor._processes.values()):
                    process.kill()
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            self._setup = None
        self.watchdog.close()


def _context() -> multiprocessing.context.ForkServerContext:
    # forkserver, not fork: the worker has threads (the scheduler) and open database connections
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["mailflow.parse"])
    return context


def _init_reader(setup: _Setup, parent: int) -> None:
    global _setup
    _setup = setup
    _exit_with(parent)


def _exit_with(parent: int) -> None:
    """A reader ends itself when the worker is gone (SIGKILLed, it can close nothing): a reader's own parent is
    the fork server, so the worker's process ID is watched, once a second, from a daemon thread."""

    def watch() -> None:
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(0)
            except PermissionError:  # the ID went to another user's process: the worker is gone
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _serve(connection: Connection, setup: _Setup, parent: int) -> None:
    """The watchdog's reader: read each message sent, send its reading back, until the pipe closes."""
    _exit_with(parent)
    connection.send_bytes(b"ready")
    while True:
        try:
            raw = connection.recv_bytes()
        except (EOFError, OSError):
            return
        connection.send(_read_guarded(raw, setup))


def _read_chunk(raws: list[bytes]) -> list[ParsedReply | None]:
    if _setup is None:
        raise RuntimeError("a reader process was not initialised")
    setup = _setup
    return [_read_guarded(raw, setup) for raw in raws]


def _read_guarded(raw: bytes, setup: _Setup) -> ParsedReply | None:
    """None when reading raises: the worker parses the message again itself, where the error is handled."""
    campaign, limits, own = setup
    try:
        return parse_reply(raw, campaign, limits=limits, own=own)
    except Exception:
        return None

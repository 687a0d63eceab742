"""Reading a batch ahead on the other CPU cores, so that reading one message overlaps recording another.

`parse_reply` is pure and its inputs and result pickle, so a pool of processes can read a fetched batch while
the worker records, in its own process and in order, the messages already read. Reading is about half of a
message's cost and recording the other half; with two cores the two halves overlap.

The pool is only worth its start-up for a backlog: a batch smaller than `min_batch` is read in the worker's
own process, lazily, message by message. When a reader process dies, the worker reads the rest of the batch
itself and the next large batch starts new readers. A message whose reading raises yields no reading: the
worker parses it again where the error is raised, so that quarantine handles it exactly as without a pool.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Generator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor

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


def usable_cores() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class ReadAhead:
    """The readings of one batch, by position, produced in the batch's order as the worker asks for them."""

    def __init__(self, raws: Mapping[int, bytes], parses: Generator[ParsedReply | None, None, None]) -> None:
        """`parses` yields the parse of each of `raws`, in order."""
        self._raws = raws
        self._pending = iter(raws.items())
        self._parses = parses

    def get(self, position: int) -> Reading | None:
        """The reading at `position`, or None (not read ahead, or it failed: the caller parses it)."""
        if position not in self._raws:
            return None
        for key, raw in self._pending:  # in order; a message the worker needs no reading of is passed over
            parsed = next(self._parses, None)
            if key == position:
                return Reading(raw, parsed) if parsed is not None else None
        return None

    def close(self) -> None:
        """Stop reading: a pool cancels what it has not started."""
        self._parses.close()


class ParsePool:
    """`processes` reader processes, started at the first batch of at least `min_batch` messages and kept."""

    def __init__(self, processes: int, *, min_batch: int = 32) -> None:
        self.processes = processes
        self.min_batch = min_batch
        self._executor: ProcessPoolExecutor | None = None
        self._setup: _Setup | None = None

    @property
    def started(self) -> bool:
        """Whether reader processes are running (they start with the first large batch)."""
        return self._executor is not None

    def read_ahead(
        self, raws: Mapping[int, bytes], campaign: Campaign, limits: ParseLimits, own: OwnIdentity
    ) -> ReadAhead:
        setup = (campaign, limits, own)
        if self.processes < 1 or len(raws) < self.min_batch:
            return ReadAhead(raws, (_read_guarded(raw, setup) for raw in raws.values()))
        return ReadAhead(raws, self._in_pool(list(raws.values()), setup))

    def _in_pool(self, raws: list[bytes], setup: _Setup) -> Generator[ParsedReply | None, None, None]:
        """Submit the whole batch now, so the pool reads while the worker stores it; yield the readings in order."""
        executor = self._start(setup)
        chunks = [raws[i : i + _CHUNK] for i in range(0, len(raws), _CHUNK)]
        return self._results([executor.submit(_read_chunk, chunk) for chunk in chunks], chunks, setup)

    def _results(
        self, futures: list[Future[list[ParsedReply | None]]], chunks: list[list[bytes]], setup: _Setup
    ) -> Generator[ParsedReply | None, None, None]:
        """The readings in order. A chunk the pool has not started when the worker needs it is read by the
        worker itself rather than waited for: the worker never idles while a core could read."""
        try:
            for position, (future, chunk) in enumerate(zip(futures, chunks, strict=True)):
                if future.cancel():
                    yield from (_read_guarded(raw, setup) for raw in chunk)
                    continue
                try:
                    readings = future.result()
                except Exception as exc:  # a reader process died (BrokenProcessPool) or a result did not pickle
                    logger.warning("the parse pool failed (%s); the worker reads the rest of the batch", exc)
                    self.close()
                    yield from (_read_guarded(raw, setup) for rest in chunks[position:] for raw in rest)
                    return
                yield from readings
        finally:
            for future in futures:  # the worker stopped early: what has not started is not read
                future.cancel()

    def _start(self, setup: _Setup) -> ProcessPoolExecutor:
        if self._executor is not None and self._setup != setup:
            self.close()  # the campaign or the limits changed: readers must read with the new ones
        if self._executor is None:
            # forkserver, not fork: the worker has threads (the scheduler) and open database connections
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["mailflow.parse"])
            self._executor = ProcessPoolExecutor(
                self.processes, mp_context=context, initializer=_init_reader, initargs=(setup,)
            )
            self._setup = setup
        return self._executor

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
            self._setup = None


def _init_reader(setup: _Setup) -> None:
    global _setup
    _setup = setup


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

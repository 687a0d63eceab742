"""SIGTERM and SIGINT set the worker's `stop`, from a thread of their own, never from the signal handler.

A Python signal handler runs in the main thread, between two of its bytecodes, wherever that thread happens to
be. `threading.Event.set` takes the Event's lock (a plain, non-reentrant Lock), and so does `Event.wait`, which
the same main thread calls (the worker's back-off, its wait while another worker holds the lease) and which
holds that lock for a few bytecodes before and after the actual wait. A signal that lands there made the
handler's `set` wait for a lock its own thread holds: the worker hung until the platform's SIGKILL, its batch
unfiled and its lease held. So the handler here only writes the signal's number to a pipe (no lock, and the
pipe never blocks), and a relay thread, started beforehand, reads it, says so and sets `stop`. Setting it from
another thread is what `Event` is made for: the main thread's waits end at once, and everything that looks at
`stop.is_set()` (the IMAP IDLE slices, the Maildir poll, the reader watchdog) sees it as before.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import Any

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class StopOnSignals:
    """While installed (`with StopOnSignals(stop, announce):`, in the main thread), SIGTERM and SIGINT set `stop`,
    after `announce(name of the signal)`. Leaving the block puts the previous handlers back and ends the relay."""

    def __init__(
        self,
        stop: threading.Event,
        announce: Callable[[str], None] = lambda name: None,
        signals: tuple[signal.Signals, ...] = STOP_SIGNALS,
    ) -> None:
        self.stop = stop
        self.announce = announce
        self.signals = signals
        self._previous: dict[signal.Signals, Any] = {}
        self._read, self._write = os.pipe()
        os.set_blocking(self._write, False)
        # started here, not in the handler: starting a thread takes locks of the threading module as well
        self._relay = threading.Thread(target=self._forward, name="mailflow-stop-signals", daemon=True)
        self._relay.start()

    def handler(self, signum: int, _frame: FrameType | None) -> None:
        """The signal handler: one write to a non-blocking pipe. It takes no lock, so it cannot wait for one
        that the thread it interrupted holds."""
        if self._write < 0:  # closed: a signal tripped before the previous handler was put back
            return
        # a full pipe holds earlier signals the relay has yet to read: the stop is on its way
        with contextlib.suppress(BlockingIOError):
            os.write(self._write, bytes([signum]))

    def _forward(self) -> None:
        """The relay thread: each signal read from the pipe is announced and sets `stop`; ends when it closes."""
        try:
            while data := os.read(self._read, 64):
                for signum in data:
                    try:
                        self.announce(signal.Signals(signum).name)
                    finally:
                        self.stop.set()
        finally:
            os.close(self._read)

    def __enter__(self) -> StopOnSignals:
        for number in self.signals:
            self._previous[number] = signal.signal(number, self.handler)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Put the previous handlers back, then close the pipe: the relay reads what is left, and ends."""
        while self._previous:
            number, previous = self._previous.popitem()
            if previous is not None:  # None: a handler not set from Python, which cannot be put back
                signal.signal(number, previous)
        if self._write >= 0:
            write, self._write = self._write, -1  # the handler sees -1 before the descriptor can be reused
            os.close(write)
        self._relay.join(timeout=5)

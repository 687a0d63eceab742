"""SIGTERM and SIGINT stop the worker even when they land while its main thread holds the stop Event's lock.

`Event.wait` holds the Event's (non-reentrant) lock for a few bytecodes around the wait itself, and a signal
handler runs in the main thread between bytecodes: a handler that called `Event.set` there waited for its own
thread, for ever. The race is narrow, so these tests hold the lock on purpose while the signal is handled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from mailflow.receiving.signals import StopOnSignals
from tests.conftest import ROOT, Cli
from tests.test_demo import RECIPIENTS


def test_the_handler_takes_no_lock_so_it_returns_while_the_stop_lock_is_held() -> None:
    stop = threading.Event()
    said: list[str] = []
    with StopOnSignals(stop, said.append) as signals:
        with stop._cond:  # as the main thread holds it on its way into (or out of) `stop.wait`
            # called on a thread of its own, so that a handler that blocks fails this test instead of hanging it
            handling = threading.Thread(target=signals.handler, args=(signal.SIGTERM, None), daemon=True)
            handling.start()
            handling.join(timeout=2)
            assert not handling.is_alive(), "the signal handler waited for the stop Event's lock"
        assert stop.wait(timeout=5), "the signal did not set stop once the lock was free"
    assert said == ["SIGTERM"]


def test_a_real_signal_sets_stop_and_leaving_puts_the_previous_handlers_back() -> None:
    before = {number: signal.getsignal(number) for number in (signal.SIGTERM, signal.SIGINT)}
    stop = threading.Event()
    said: list[str] = []
    with StopOnSignals(stop, said.append) as signals:
        assert signal.getsignal(signal.SIGINT) == signals.handler
        os.kill(os.getpid(), signal.SIGINT)
        assert stop.wait(timeout=5)
    assert said == ["SIGINT"]
    assert {number: signal.getsignal(number) for number in before} == before
    assert not signals._relay.is_alive(), "the relay thread outlived the block"
    signals.handler(signal.SIGTERM, None)  # a signal tripped just before the handlers were put back: ignored


# `mailflow worker` whose run, in the main thread, takes the stop Event's lock as `Event.wait` does and is sent
# SIGTERM while holding it: the handler runs inside the `time.sleep`, in that thread, with the lock held
RUN_HOLDING_THE_LOCK = textwrap.dedent(
    """
    import os, signal, time
    from mailflow.cli import main
    from mailflow.receiving.worker import Worker

    def run(self, **_):
        with self.stop._cond:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.5)
        print("stopped" if self.stop.wait(10) else "not stopped", flush=True)
        self.close()

    Worker.run = run
    main()
    """
)


def test_sigterm_while_the_main_thread_holds_the_stop_lock_stops_the_worker(cli: Cli, project: Path) -> None:
    assert cli("demo", "--recipients", RECIPIENTS).exit_code == 0
    env = {**os.environ, **cli.env, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-c", RUN_HOLDING_THE_LOCK, "worker"],
        env=env,
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail("the worker hung in its SIGTERM handler (the handler waited for the stop Event's lock)")
    assert process.returncode == 0, err.decode()
    assert out.decode().strip() == "stopped"
    assert "stopping (SIGTERM)" in err.decode()

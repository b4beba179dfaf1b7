"""The tests' way of waiting for a signal a thread keeps emitting (``cross_thread.wait_first``) survives a
thread that emits without pause; and no test waits on such a signal with ``qtbot.waitSignal`` (that blocker's
receiver dies while emissions are still queued for it: CI's test process segfaulted twice that way)."""

import re
from pathlib import Path

from cross_thread import wait_first
from PySide6.QtCore import QObject, QThread, Signal


class Emitter(QObject):
    value = Signal(object)


class Flood(QThread):
    """Emits ``value`` as fast as it can until told to stop, as a training's batch events do at their worst."""

    def __init__(self, emitter: Emitter):
        super().__init__()
        self.emitter, self.stopping = emitter, False

    def run(self) -> None:
        n = 0
        while not self.stopping:
            self.emitter.value.emit(("batch", n))
            n += 1
            if n % 50 == 0:
                self.msleep(1)


def test_waiting_for_the_first_of_a_flood_of_queued_emissions_a_hundred_times(qtbot):
    for _ in range(100):
        emitter = Emitter()
        flood = Flood(emitter)
        seen = wait_first(qtbot, emitter.value, flood.start, timeout=5000)
        qtbot.waitUntil(lambda seen=seen: seen.count >= 3, timeout=5000)  # more arrive after the wait returned
        flood.stopping = True
        assert flood.wait(5000)
        assert seen.last[0] == "batch"


CROSS_THREAD_SIGNALS = ("batch", "snapshot", "epoch", "progress", "event", "phase")


def test_no_test_waits_on_a_job_threads_repeating_signal_with_wait_signal():
    names = "|".join(CROSS_THREAD_SIGNALS)
    pattern = re.compile(r"waitSignals?\(\s*[\w.\[\]]*\.(" + names + r")\b")
    offenders = [f"{path.name}:{n}" for path in sorted(Path(__file__).parent.glob("*.py"))
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if pattern.search(line) and path.name != Path(__file__).name]
    assert offenders == []

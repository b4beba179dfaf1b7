"""The "not a digit?" statistics of a model, loaded or fitted off the UI thread (numpy only, no Keras).

The shipped models' statistics ship with them (``resources/nondigits``); a model trained in the app is
fitted once (a second or two, a few for a CNN) and cached by its file's content (``nondigit.stats_for``).
The jobs belong to the application, not to a tab: a tab that goes away never destroys a running one; every
job is cancelled and its thread joined when the application quits (or the process exits without quitting).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QThread, Signal

from mnist_studio.prediction import nondigit
from mnist_studio.ui.background.jobs import ApplicationJobs, Job, JobThread

log = logging.getLogger(__name__)
_JOBS = ApplicationJobs("nondigit", before_shutdown=lambda: hold(False))  # fits waiting for a training go on
_RELEASED = threading.Event()  # cleared while a training runs (``hold``)
_RELEASED.set()
_PAUSED: set[StatsJob] = set()


class StatsJob(Job):
    ready = Signal(object)  # the predictor, its statistics attached (or None attached for an uncovered model)

    def __init__(self, predictor):
        super().__init__()
        self.predictor = predictor

    def work(self) -> None:
        try:
            nondigit.ensure(self.predictor, cancelled=self._stopped)
        except InterruptedError:
            return
        except Exception as exc:  # noqa: BLE001 - the model still reads digits, only unchecked
            log.warning("no not-a-digit check for %s: %s", getattr(self.predictor, "source", "?"), exc)
            nondigit.attach(self.predictor, None)
        if not self.cancelled:
            self.ready.emit(self.predictor)

    def _stopped(self) -> bool:
        """Asked between batches: waits here while a training runs (``hold``), then says whether to stop."""
        if not _RELEASED.is_set() and not self.cancelled:
            _PAUSED.add(self)
            while not _RELEASED.wait(0.1) and not self.cancelled:
                pass
            _PAUSED.discard(self)
        return self.cancelled


def hold(held: bool) -> None:
    """While a training runs, fitting checks pause between batches: on two cores a CNN's fit (seconds of numpy)
    slowed the training. They resume when it ends."""
    if held:
        _RELEASED.clear()
    else:
        _RELEASED.set()


def held() -> bool:
    """Whether fits are held (a training runs)."""
    return not _RELEASED.is_set()


def paused() -> int:
    """How many fits are waiting for a training to end."""
    return len(_PAUSED)


def start(predictor, on_ready) -> JobThread | None:
    """Attach the predictor's statistics in the background; ``on_ready(predictor)`` runs on the UI thread after.
    None (and nothing runs) when they are attached already."""
    if hasattr(predictor, "digit_stats"):
        return None
    job = StatsJob(predictor)
    job.ready.connect(on_ready)
    return _JOBS.get().start(job, QThread.Priority.LowPriority)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Tests and benchmarks: block until every statistics job has ended."""
    return _JOBS.wait_all(timeout_ms)

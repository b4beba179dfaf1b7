"""The "not a digit?" statistics of a model, loaded or fitted off the UI thread (numpy only, no Keras).

The shipped models' statistics ship with them (``resources/nondigits``); a model trained in the app is
fitted once (a second or two, a few for a CNN) and cached by its file's content (``nondigit.stats_for``).
Threads here have no Qt parent: a tab that goes away never destroys a running one; every thread is
cancelled and waited for when the application quits.
"""

from __future__ import annotations

import atexit
import logging

from PySide6.QtCore import QCoreApplication, QThread, Signal

from mnist_studio.prediction import nondigit

log = logging.getLogger(__name__)
_RUNNING: set[StatsThread] = set()
_EXIT_HOOKED = False


class StatsThread(QThread):
    ready = Signal(object)  # the predictor, its statistics attached (or None attached for an uncovered model)

    def __init__(self, predictor):
        super().__init__()
        self.predictor = predictor
        self._cancel = False

    def run(self) -> None:
        try:
            nondigit.ensure(self.predictor, cancelled=lambda: self._cancel)
        except InterruptedError:
            return
        except Exception as exc:  # noqa: BLE001 - the model still reads digits, only unchecked
            log.warning("no not-a-digit check for %s: %s", getattr(self.predictor, "source", "?"), exc)
            nondigit.attach(self.predictor, None)
        if not self._cancel:
            self.ready.emit(self.predictor)

    def cancel(self) -> None:
        self._cancel = True


def _stop_all() -> None:
    for thread in list(_RUNNING):
        thread.cancel()
        thread.wait()
    _RUNNING.clear()


def _forget(thread: StatsThread) -> None:
    """Drop the last reference only once the thread has really ended: ``finished`` arrives (queued) a moment
    before, and a QThread destroyed while still running aborts the whole process."""
    thread.wait()
    _RUNNING.discard(thread)


def start(predictor, on_ready) -> StatsThread | None:
    """Attach the predictor's statistics in the background; ``on_ready(predictor)`` runs on the UI thread after.
    None (and nothing runs) when they are attached already."""
    if hasattr(predictor, "digit_stats"):
        return None
    thread = StatsThread(predictor)
    thread.ready.connect(on_ready)
    _RUNNING.add(thread)
    thread.finished.connect(lambda: _forget(thread))
    app = QCoreApplication.instance()
    if app is not None and not app.property("nondigitHooked"):
        app.aboutToQuit.connect(_stop_all)
        app.setProperty("nondigitHooked", True)
    global _EXIT_HOOKED
    if not _EXIT_HOOKED:  # a process that ends without quitting the app (a script, the tests) stops them too
        atexit.register(_stop_all)
        _EXIT_HOOKED = True
    thread.start(QThread.Priority.LowPriority)
    return thread


def wait_all(timeout_ms: int = 30000) -> bool:
    """Tests and benchmarks: block until every statistics thread has finished."""
    return all(thread.wait(timeout_ms) for thread in list(_RUNNING))

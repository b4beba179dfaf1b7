"""EvaluationRunner: the Evaluate tab's evaluations, each a job on its own thread (an older one is cancelled when
a newer one starts); its answers arrive on the UI thread as signals. ``shutdown`` joins every thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from mnist_studio.ui.background.jobs import Jobs
from mnist_studio.ui.background.worker import EvaluateWorker


class EvaluationRunner(QObject):
    progress = Signal(int, int)  # done, total (of the newest evaluation; older ones may still report)
    finished = Signal(str, object, object)  # key, EvalResult, predictor
    failed = Signal(str, str)  # key, message ("cancelled" for a superseded one)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.jobs = Jobs(self)  # running or not yet reaped
        self._current: EvaluateWorker | None = None

    def start(self, key: str, source, images, labels) -> None:
        """Evaluate ``source`` (a predictor, a shipped name or a model file) on the images, off the UI thread."""
        if self._current is not None:
            self._current.cancel()  # its thread ends after the current batch; its answer is ignored
        job = EvaluateWorker(key, source, images, labels)
        job.progress.connect(self.progress)  # signal to signal: queued onto the UI thread
        job.finished.connect(self.finished)
        job.failed.connect(self.failed)
        self._current = job
        self.jobs.start(job)

    def forget_current(self) -> None:
        """The newest evaluation has answered: a later start has nothing to cancel."""
        self._current = None

    def shutdown(self) -> None:
        self.jobs.shutdown(timeout_ms=5000)

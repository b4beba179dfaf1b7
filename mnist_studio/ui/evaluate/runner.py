"""EvaluationRunner: the Evaluate tab's evaluations, each on its own QThread (an older one is cancelled when a
newer one starts); its answers arrive on the UI thread as signals. ``shutdown`` joins every thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal

from mnist_studio.ui.common.worker import EvaluateWorker


class EvaluationRunner(QObject):
    progress = Signal(int, int)  # done, total (of the newest evaluation; older ones may still report)
    finished = Signal(str, object, object)  # key, EvalResult, predictor
    failed = Signal(str, str)  # key, message ("cancelled" for a superseded one)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.threads: list[tuple[QThread, EvaluateWorker]] = []  # running or not yet reaped
        self._current: EvaluateWorker | None = None

    def start(self, key: str, source, images, labels) -> None:
        """Evaluate ``source`` (a predictor, a shipped name or a model file) on the images, off the UI thread."""
        if self._current is not None:
            self._current.cancel()  # its thread ends after the current batch; its answer is ignored
        worker = EvaluateWorker(key, source, images, labels)
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self.progress)  # signal to signal: queued onto the UI thread
        worker.finished.connect(self.finished)
        worker.failed.connect(self.failed)
        worker.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self._reap)
        self.threads.append((thread, worker))
        self._current = worker
        thread.start()

    def forget_current(self) -> None:
        """The newest evaluation has answered: a later start has nothing to cancel."""
        self._current = None

    def _reap(self) -> None:
        alive = []
        for thread, worker in self.threads:
            if thread.isFinished():
                thread.wait()
                worker.deleteLater()
                thread.deleteLater()
            else:
                alive.append((thread, worker))
        self.threads = alive

    def shutdown(self) -> None:
        for thread, worker in self.threads:
            worker.cancel()
            thread.quit()
        for thread, _ in self.threads:
            thread.wait(5000)

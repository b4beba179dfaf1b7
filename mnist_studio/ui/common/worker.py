"""TrainWorker: a QObject on a QThread that runs a Trainer and turns its events into signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mnist_studio.backend import JobCancelled, keras_job
from mnist_studio.training import BatchEvent, EpochEvent, PhaseEvent, TrainConfig, Trainer


class TrainWorker(QObject):
    """Signals out, a thread-safe cancel in. The Trainer already throttles batch events (<= 20/s).

    Closing the window mid-run (``close(keep)``) stops at the next batch, skips the test evaluation and the
    predictor, and either saves the partial run (an atomic write the window waits for) or saves nothing.
    """

    batch = Signal(object)  # training.BatchEvent
    epoch = Signal(object)  # training.EpochEvent
    phase = Signal(str)
    finished = Signal(object)  # training.TrainResult, with .extra["record"] / ["predictor"] / ["save_error"]
    failed = Signal(str)  # the run could not start or crashed

    def __init__(self, config: TrainConfig, store=None, data=None):
        super().__init__()
        self.config = config
        self.store = store
        self.data = data
        self.trainer: Trainer | None = None
        self._stop_requested = False
        self._evaluate = True
        self.closing: str | None = None  # None, "keep" or "discard"
        self.done = False  # set just before finished/failed: the thread is ending, nothing left to stop

    @Slot()
    def run(self) -> None:
        try:
            self.trainer = Trainer(self.config, on_event=self._on_event, data=self.data)
            if self._stop_requested:  # stop() came before the trainer existed
                self.trainer.cancel(evaluate=self._evaluate)
            result = self.trainer.run()
            result.extra["closing"] = self.closing
            if self.closing != "discard" and (result.status != "failed" or result.history):
                self._save(result)
            if self.closing == "discard":
                self._discard(result)  # nothing kept, even when the close came during the save
        except JobCancelled:  # stopped while another Keras job still ran: nothing was trained
            self.done = True
            self.failed.emit(self.tr("Stopped before training began."))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            self.done = True
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done = True
        self.finished.emit(result)

    def _save(self, result) -> None:
        from mnist_studio.runs import RunStoreError

        self.phase.emit("saving")
        if self.closing is None:
            from mnist_studio.inference import Predictor

            # Traced here, on the worker thread, so the UI never waits for it (not needed when closing).
            with keras_job():
                result.extra["predictor"] = Predictor(result.model, name=result.config.preset)
        if self.store is None:
            return
        try:
            result.extra["record"] = self.store.save(result)  # atomic: a model file and a record, or neither
        except RunStoreError as exc:
            result.extra["save_error"] = str(exc)

    def _discard(self, result) -> None:
        record = result.extra.pop("record", None)
        if record is not None and self.store is not None:
            try:
                self.store.delete(record.id)
            except (OSError, KeyError):
                pass  # best effort: the window is closing; a complete run left behind is still a valid run

    def _on_event(self, event) -> None:
        if isinstance(event, BatchEvent):
            self.batch.emit(event)
        elif isinstance(event, EpochEvent):
            self.epoch.emit(event)
        elif isinstance(event, PhaseEvent):
            self.phase.emit(event.phase)

    def stop(self, evaluate: bool = True) -> None:
        """Thread-safe: the run stops at the next batch and keeps its partly trained model."""
        self._evaluate = self._evaluate and evaluate
        self._stop_requested = True
        if self.trainer is not None:
            self.trainer.cancel(evaluate=self._evaluate)

    def close(self, keep: bool) -> None:
        """Thread-safe: the window is closing. Stop now, no test evaluation; save the partial run or not."""
        self.closing = "keep" if keep else "discard"
        self.stop(evaluate=False)


class TrainingThread(QThread):
    """Owns one TrainWorker; ``shutdown()`` stops it and joins the thread before it is destroyed."""

    def __init__(self, worker: TrainWorker, parent=None):
        super().__init__(parent)
        self.worker = worker
        worker.moveToThread(self)
        self.started.connect(worker.run)
        worker.finished.connect(self.quit, Qt.ConnectionType.DirectConnection)
        worker.failed.connect(self.quit, Qt.ConnectionType.DirectConnection)

    def shutdown(self, timeout_ms: int = 2000, keep: bool = True) -> bool:
        """Stop the run as for closing and wait up to ``timeout_ms``. False: it is still finishing (a save
        in progress); the caller must keep the thread object alive and wait on ``finished``."""
        if self.isRunning():
            close = getattr(self.worker, "close", None)  # other workers (fine-tuning) have stop() only
            if close is not None:
                close(keep)
            else:
                self.worker.stop(evaluate=False)
            self.quit()
            return self.wait(timeout_ms)
        return True


class EvaluateWorker(QObject):
    """Loads a model (if given a source) and evaluates it on the test set, off the UI thread."""

    progress = Signal(int, int)
    finished = Signal(str, object, object)  # key, EvalResult, Predictor
    failed = Signal(str, str)  # key, message

    def __init__(self, key: str, source, images, labels):
        super().__init__()
        self.key, self.source, self.images, self.labels = key, source, images, labels
        self._cancel = False

    @Slot()
    def run(self) -> None:
        from mnist_studio.evaluation import evaluate
        from mnist_studio.inference import ModelLoadError, Predictor

        try:
            with keras_job(cancelled=lambda: self._cancel):  # after any training or other evaluation, never beside
                predictor = self.source if hasattr(self.source, "predict") else Predictor.load(self.source)
                result = evaluate(predictor, self.images, self.labels, batch_size=1000,
                                  progress=self.progress.emit, cancelled=lambda: self._cancel)
        except JobCancelled:
            self.failed.emit(self.key, "cancelled")
            return
        except (ModelLoadError, OSError, ValueError) as exc:
            self.failed.emit(self.key, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a model that crashes while running is shown, not fatal
            self.failed.emit(self.key, f"{type(exc).__name__}: {exc}")
            return
        if result is None:
            self.failed.emit(self.key, "cancelled")
            return
        self.finished.emit(self.key, result, predictor)

    def cancel(self) -> None:
        self._cancel = True

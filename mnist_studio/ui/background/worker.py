"""The window's side of the Keras worker process: each job here is a ``jobs.Job`` whose own QThread sends it to
the worker (``worker.client.KerasWorker``) and turns the worker's messages into Qt signals. The UI thread never waits on
the pipe; the window never imports Keras. Trained and fine-tuned models come back as files, read with numpy."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, Signal

from mnist_studio.learning import SnapshotEvent
from mnist_studio.networks.training import BatchEvent, EpochEvent, PhaseEvent, TrainConfig
from mnist_studio.ui.background.jobs import Job
from mnist_studio.ui.look.error_texts import error_text
from mnist_studio.worker.client import (
    CLOSE_KEEP,
    DISCARD,
    STOP,
    JobCancelled,
    JobDiscarded,
    KerasWorker,
    WorkerCrashed,
    WorkerError,
    shared,
)
from mnist_studio.worker.saved import SavedJob


def keras_worker() -> KerasWorker:
    """The app's one Keras worker (shared by every tab)."""
    return shared()


def numpy_predictor(path, name: str):
    """A predictor for a model file the worker wrote, read with numpy (None when the live path does not cover
    its layers: the model still evaluates in the worker)."""
    from mnist_studio.prediction.archive import ArchivePredictor, UnsupportedModel

    try:
        predictor = ArchivePredictor.open(path)
    except UnsupportedModel:
        return None
    predictor.name = name
    return predictor


@dataclass(frozen=True)
class FinishedRun:
    """What a tab gets when a training or a fine-tune ends: the UI's own envelope (the core's result is read,
    never written to).

    ``result``: the core's ``TrainResult`` or ``FinetuneResult`` (its model None: the model is a file);
    ``record``: the saved run (None: not saved); ``model_path``: its ``.keras`` file (for a run the store
    refused, an unsaved copy for "Save model as…"); ``save_error``: why the store refused it ("" if it did
    not); ``predictor``: that file read with numpy (None when nothing was saved, the window was closing, or the
    numpy pass does not cover the model); ``closing``: None, or "keep"/"discard" when the window was closing."""

    result: object
    record: object | None = None
    model_path: str | None = None
    save_error: str = ""
    predictor: object | None = None
    closing: str | None = None

    @classmethod
    def of(cls, saved: SavedJob, predictor=None, closing: str | None = None) -> FinishedRun:
        return cls(saved.result, saved.record, saved.model_path, saved.save_error, predictor, closing)


def crash_message(exc: WorkerCrashed) -> str:
    """The worker died mid-job, said in the user's language."""
    return QCoreApplication.translate(
        "KerasWorker", "The training process stopped in the middle of the job (%1). Nothing half-written was kept; "
        "the app keeps working and the next job starts a fresh training process.").replace("%1", exc.reason)


def waiting_message(kind: str) -> str:
    """What a job waits for (``PhaseEvent.waiting_for``: the kind of the job running in the worker when the wait
    began), said in the user's language: a click at launch waits for TensorFlow to start, not for "an evaluation
    or a fine-tune"."""
    translate = QCoreApplication.translate  # the name pyside6-lupdate looks for
    texts = {"devices": translate("KerasWorker", "Waiting for TensorFlow to start…"),
             "check": translate("KerasWorker", "Waiting for TensorFlow to start…"),
             "prepare": translate("KerasWorker", "Getting the network ready…"),
             "train": translate("KerasWorker", "Waiting for the training to finish…"),
             "finetune": translate("KerasWorker", "Waiting for the fine-tune to finish…"),
             "evaluate": translate("KerasWorker", "Waiting for the evaluation to finish…"),
             "features": translate("KerasWorker", "Waiting for the Inside tab's maps to finish…")}
    return texts.get(kind, translate("KerasWorker", "Waiting for the running job to finish…"))


class TrainWorker(Job):
    """Signals out, a thread-safe stop and close in. The Trainer (in the worker) throttles batch events.

    Closing the window mid-run (``close(keep)``): keep -> the worker stops at the next batch, skips the test
    evaluation and saves the partial run atomically; discard -> the worker process is ended at once and
    nothing is written.

    Live views (``live_views``, on by default): ``snapshot`` brings the worker's ``learning.SnapshotEvent``s (the
    first one carries the run's header), at least twice a second while an epoch runs; the saved run keeps them
    (``result.timelapse``: its learning.npz). ``set_drawing`` changes the drawing the next snapshots read.
    """

    batch = Signal(object)  # training.BatchEvent
    epoch = Signal(object)  # training.EpochEvent
    phase = Signal(str, str)  # the phase, and what a "waiting" phase waits for (``waiting_message``)
    finished = Signal(object)  # FinishedRun (its result a training.TrainResult)
    failed = Signal(str)  # the run could not start, crashed, or was discarded
    snapshot = Signal(object)  # learning.SnapshotEvent

    def __init__(self, config: TrainConfig, store=None, data=None, worker: KerasWorker | None = None,
                 live_views: bool = True, drawing: np.ndarray | None = None):
        super().__init__()
        self.live_views = live_views
        self._drawing_lock = threading.Lock()
        self._drawing = _drawing_array(drawing)
        self._drawing_version = self._drawing_sent = 0
        self.config = config
        self.store = store
        self.data = data
        self.worker = worker or keras_worker()
        self._wish = 0
        self.closing: str | None = None  # None, "keep" or "discard"
        self.done = False  # set just before finished/failed: the thread is ending, nothing left to stop

    def set_drawing(self, image: np.ndarray | None) -> None:
        """Thread-safe, any time: the next snapshots read this (28, 28) drawing in [0, 1] (None: no drawing)."""
        image = _drawing_array(image)
        with self._drawing_lock:
            self._drawing, self._drawing_version = image, self._drawing_version + 1

    def _first_drawing(self):
        with self._drawing_lock:
            self._drawing_sent = self._drawing_version
            return self._drawing

    def _messages(self) -> list:
        """The job thread's poll: a changed drawing goes to the worker's control channel."""
        with self._drawing_lock:
            if self._drawing_sent == self._drawing_version:
                return []
            self._drawing_sent = self._drawing_version
            return [("drawing", self._drawing)]

    def work(self) -> None:
        try:
            live = dict(live_views=True, drawing=self._first_drawing(), messages=self._messages) \
                if self.live_views else {}
            saved = self.worker.run("train", on_event=self._on_event, cancelled=lambda: self._wish, **live,
                                    config=self.config, data=self.data,
                                    store_root=str(self.store.root) if self.store is not None else None,
                                    save=self.store is not None)
            predictor = None
            if saved.model_path and self.closing is None and saved.result.status != "failed":
                predictor = numpy_predictor(saved.model_path, saved.result.config.preset)
            run = FinishedRun.of(saved, predictor, self.closing)
        except JobCancelled:  # stopped while another job still ran: nothing was trained
            self._fail(self.tr("Stopped before training began."))
            return
        except JobDiscarded:
            self._fail(self.tr("Discarded: nothing was saved."))
            return
        except WorkerCrashed as exc:
            self._fail(crash_message(exc))
            return
        except WorkerError as exc:
            self._fail(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            self._fail(f"{type(exc).__name__}: {exc}")
            return
        self.done = True
        self.finished.emit(run)

    def _fail(self, message: str) -> None:
        self.done = True
        self.failed.emit(message)

    def _on_event(self, event) -> None:
        if isinstance(event, BatchEvent):
            self.batch.emit(event)
        elif isinstance(event, EpochEvent):
            self.epoch.emit(event)
        elif isinstance(event, SnapshotEvent):
            self.snapshot.emit(event)
        elif isinstance(event, PhaseEvent):
            self.phase.emit(event.phase, event.waiting_for)

    def stop(self, evaluate: bool = True) -> None:
        """Thread-safe: the run stops at the next batch and keeps its partly trained model."""
        self._wish = max(self._wish, STOP if evaluate else CLOSE_KEEP)

    def close(self, keep: bool) -> None:
        """Thread-safe: the window is closing. Stop now, no test evaluation; save the partial run or not."""
        self.closing = "keep" if keep else "discard"
        self._wish = max(self._wish, CLOSE_KEEP if keep else DISCARD)

    def cancel(self) -> None:
        """Thread-safe: give the run up; nothing is saved."""
        super().cancel()
        self.close(keep=False)


def _drawing_array(image) -> np.ndarray | None:
    if image is None:
        return None
    image = np.array(image, np.float32)  # a copy: the caller may go on drawing into its own
    if image.shape != (28, 28):
        raise ValueError(f"a drawing is a (28, 28) image, got shape {image.shape}")
    return image


class EvaluateWorker(Job):
    """Evaluates a model on the test set in the Keras worker, off the UI thread."""

    progress = Signal(int, int)
    finished = Signal(str, object, object)  # key, EvalResult, predictor (numpy; None if the live path lacks it)
    failed = Signal(str, str)  # key, message

    def __init__(self, key: str, source, images, labels, worker: KerasWorker | None = None):
        super().__init__()
        self.key, self.source, self.images, self.labels = key, source, images, labels
        self.worker = worker or keras_worker()

    def work(self) -> None:
        given = self.source if hasattr(self.source, "predict") else None
        path = getattr(given, "source", None) if given is not None else self.source
        try:
            if path is None:
                raise WorkerError("this model has no file to evaluate")

            def on_event(event):
                if isinstance(event, tuple) and event[:1] == ("progress",):
                    self.progress.emit(event[1], event[2])

            result = self.worker.run("evaluate", on_event=on_event, cancelled=lambda: STOP if self.cancelled else 0,
                                     source=str(path), images=self.images, labels=self.labels, batch_size=1000)
            predictor = given if given is not None else numpy_predictor(path, str(path))
        except JobCancelled:
            self.failed.emit(self.key, "cancelled")
            return
        except WorkerCrashed as exc:
            self.failed.emit(self.key, crash_message(exc))
            return
        except WorkerError as exc:
            self.failed.emit(self.key, error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a model that crashes while running is shown, not fatal
            self.failed.emit(self.key, f"{type(exc).__name__}: {exc}")
            return
        if result is None:
            self.failed.emit(self.key, "cancelled")
            return
        self.finished.emit(self.key, result, predictor)


class WorkerJob(Job):
    """Any one worker job (``kind``, ``params``): ``done(result)`` or ``failed(message)``; ``cancel()`` gives it up."""

    done = Signal(object)
    failed = Signal(str)
    event = Signal(object)

    def __init__(self, kind: str, worker: KerasWorker | None = None, **params):
        super().__init__()
        self.kind, self.params = kind, params
        self.worker = worker or keras_worker()

    def work(self) -> None:
        try:
            result = self.worker.run(self.kind, on_event=self.event.emit,
                                     cancelled=lambda: STOP if self.cancelled else 0, **self.params)
        except WorkerCrashed as exc:
            self.failed.emit(crash_message(exc))
            return
        except WorkerError as exc:
            self.failed.emit(error_text(exc) or type(exc).__name__)
            return
        except Exception as exc:  # noqa: BLE001 - shown, never fatal
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(result)

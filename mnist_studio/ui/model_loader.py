"""Models for the panels: read from the archives at once (numpy, no Keras), checked by the Keras worker later.

1. ``start_loading`` reads every ``.keras`` archive on the calling thread (~0.1 s each, no Keras) and hands
   the ``ArchivePredictor``s over at once: the first drawn digit is read immediately.
2. A ``ModelLoader`` job on its own thread waits ``preload_delay_s`` and for the pen to rest (``postpone``), then
   starts the Keras worker process, has it check each numpy pass against Keras once (a disagreement marks
   that model) and asks it for the backend's devices. The window itself never imports Keras. A model the
   numpy pass does not cover gets a message naming why (it still evaluates in the worker). One model
   failing marks that model, with its own reason; the others go on.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Signal

from mnist_studio.prediction.archive import ArchivePredictor, UnsupportedModel
from mnist_studio.prediction.inference import ModelLoadError
from mnist_studio.ui.background.jobs import Job, JobThread
from mnist_studio.ui.look.error_texts import error_text
from mnist_studio.worker.client import JobCancelled, WorkerError

log = logging.getLogger(__name__)
PEN_IDLE_S = 1.5  # TensorFlow's import holds the GIL for up to ~1 s at a time: start it when the pen rests


def _reason(exc: BaseException) -> str:
    text = error_text(exc).strip()
    text = text.splitlines()[0] if text else ""
    return f"{type(exc).__name__}: {text}" if text and not isinstance(exc, (ModelLoadError, OSError)) else (
        text or type(exc).__name__)


class ModelLoader(Job):
    """Checks each model in the Keras worker; problems arrive through ``failed``, the devices through
    ``devices`` (or ``workerFailed`` when Keras cannot start there)."""

    failed = Signal(str, str)  # key, message
    devices = Signal(object)  # {"backend": name, "devices": [DeviceInfo, ...]}
    workerFailed = Signal(str)
    finished = Signal()

    def __init__(self, sources: dict[str, str], archives: dict[str, ArchivePredictor] | None = None,
                 preload_delay_s: float = 0.0, worker=None):
        super().__init__()
        self.sources = dict(sources)
        self.archives = dict(archives or {})
        self.preload_delay_s = preload_delay_s
        self.worker = worker
        self._go = threading.Event()
        self._quiet_until = 0.0

    def postpone(self, seconds: float = PEN_IDLE_S) -> None:
        """Thread-safe: the user is drawing; start the worker only ``seconds`` after the last call."""
        self._quiet_until = time.monotonic() + seconds

    def wake(self) -> None:
        """Thread-safe: stop waiting for the preload delay (Keras is needed now)."""
        self._go.set()

    def cancel(self) -> None:
        """Thread-safe: check nothing more (the window is closing)."""
        super().cancel()
        self._go.set()

    def work(self) -> None:
        try:
            if self.preload_delay_s > 0:
                self._go.wait(self.preload_delay_s)
                while not self._go.is_set() and (left := self._quiet_until - time.monotonic()) > 0:
                    self._go.wait(left)  # still drawing: the worker's start would compete for the cores
            if self.cancelled:
                return
            from mnist_studio.ui.background.worker import keras_worker

            worker = self.worker or keras_worker()
            for key, source in self.sources.items():
                if self.cancelled:
                    return
                self._check_one(worker, key, source)
            try:
                info = worker.run("devices", cancelled=lambda: self.cancelled)
            except (WorkerError, JobCancelled) as exc:
                if not self.cancelled:
                    self.workerFailed.emit(error_text(exc))
                return
            self.devices.emit(info)
        finally:
            self.finished.emit()

    def _check_one(self, worker, key: str, source: str) -> None:
        archive = self.archives.get(key)
        if archive is None:
            try:
                ArchivePredictor.open(source)
            except UnsupportedModel as exc:
                missing = str(exc)
            except Exception as exc:  # noqa: BLE001 - one model's failure, whatever it is, is that model's only
                self.failed.emit(key, _reason(exc))
                return
            else:
                missing = "this model"
        try:
            agrees = worker.run("check", cancelled=lambda: self.cancelled, source=source)
        except JobCancelled:
            return
        except WorkerError as exc:  # Keras' own reason (a model it refuses); an archive model keeps its numpy pass
            if archive is None:
                self.failed.emit(key, error_text(exc))
            else:
                log.warning("%s: the Keras worker could not check it: %s", source, exc)
            return
        if archive is None:  # a valid model the live (numpy) path does not cover: say so, do not guess
            self.failed.emit(key, f"This model is not read live: the numpy pass does not cover {missing}. "
                                  "Evaluate it in the Evaluate tab.")
        elif not agrees:
            archive.agrees = False
            self.failed.emit(key, "The numpy pass read from this file disagrees with Keras: its answers "
                                  "are not shown.")
        else:
            archive.agrees = True


def open_archives(sources: dict[str, str]) -> tuple[dict[str, ArchivePredictor], dict[str, str]]:
    """Read each archive without TensorFlow: (predictors, {key: error}) - models it cannot cover are in neither."""
    archives, errors = {}, {}
    for key, source in sources.items():
        try:
            archives[key] = ArchivePredictor.open(source)
        except UnsupportedModel:
            pass  # Keras loads it on the thread
        except ModelLoadError as exc:
            errors[key] = error_text(exc)
        except Exception as exc:  # noqa: BLE001 - an h5py/numpy surprise: Keras gets its chance, with its reason
            del exc
    return archives, errors


def start_loading(owner: QObject, sources: dict[str, str], on_loaded, on_failed, on_finished=None,
                  preload_delay_s: float = 0.0, on_devices=None, on_worker_failed=None) -> JobThread:
    """Hand over the archive predictors now, then run a ModelLoader on a new thread (join it on close)."""
    archives, errors = open_archives(sources)
    for key in sources:
        if key in archives:
            on_loaded(key, archives[key])
        elif key in errors:
            on_failed(key, errors[key])
    pending = {k: v for k, v in sources.items() if k not in errors}
    loader = ModelLoader(pending, archives, preload_delay_s)
    thread = JobThread(loader, owner)
    loader.failed.connect(on_failed)
    if on_devices is not None:
        loader.devices.connect(on_devices)
    if on_worker_failed is not None:
        loader.workerFailed.connect(on_worker_failed)
    if on_finished is not None:
        loader.finished.connect(on_finished)
    thread.start()
    return thread

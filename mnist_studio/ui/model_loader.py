"""Models for the panels: read from the archives at once (numpy, no TensorFlow), Keras later on a QThread.

1. ``start_loading`` reads every ``.keras`` archive on the calling thread (~0.1 s each, no TensorFlow)
   and hands the ``ArchivePredictor``s over at once: the first drawn digit is read immediately.
2. A ``ModelLoader`` on a QThread waits ``preload_delay_s`` and for the pen to rest (``postpone``; the
   import holds the GIL for up to a second at a time, which a stroke would feel), then imports
   TensorFlow quietly, loads each model with Keras, checks the numpy pass against it once (a disagreement
   falls back to Keras), and finds the devices. A model the numpy pass does not cover is loaded by
   Keras only, as before. One model failing marks that model, with its own reason; the others go on.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from mnist_studio.archive import ArchivePredictor, UnsupportedModel
from mnist_studio.backend import JobCancelled, keras_job
from mnist_studio.inference import ModelLoadError

log = logging.getLogger(__name__)
PEN_IDLE_S = 1.5  # TensorFlow's import holds the GIL for up to ~1 s at a time: start it when the pen rests


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text and not isinstance(exc, (ModelLoadError, OSError)) else (
        text or type(exc).__name__)


class ModelLoader(QObject):
    """Loads the Keras side of each model; each arrives through ``loaded`` or ``failed``."""

    loaded = Signal(str, object)  # key, predictor (a Keras Predictor, for models the archive path lacks)
    failed = Signal(str, str)  # key, message
    finished = Signal()

    def __init__(self, sources: dict[str, str], archives: dict[str, ArchivePredictor] | None = None,
                 preload_delay_s: float = 0.0):
        super().__init__()
        self.sources = dict(sources)
        self.archives = dict(archives or {})
        self.preload_delay_s = preload_delay_s
        self._go = threading.Event()
        self._cancelled = False
        self._quiet_until = 0.0

    def postpone(self, seconds: float = PEN_IDLE_S) -> None:
        """Thread-safe: the user is drawing; start TensorFlow only ``seconds`` after the last call."""
        self._quiet_until = time.monotonic() + seconds

    def wake(self) -> None:
        """Thread-safe: stop waiting for the preload delay (TensorFlow is needed now)."""
        self._go.set()

    def cancel(self) -> None:
        """Thread-safe: load nothing more (the window is closing)."""
        self._cancelled = True
        self._go.set()

    @Slot()
    def run(self) -> None:
        try:
            if self.preload_delay_s > 0:
                self._go.wait(self.preload_delay_s)
                while not self._go.is_set() and (left := self._quiet_until - time.monotonic()) > 0:
                    self._go.wait(left)  # still drawing: the import's GIL pauses would catch the pen
            if self._cancelled:
                return
            try:
                from mnist_studio.startup_checks import import_tensorflow_quietly

                import_tensorflow_quietly()
            except Exception as exc:  # noqa: BLE001 - TensorFlow itself cannot start: say why, per model
                reason = _reason(exc)
                for key in self.sources:
                    if key not in self.archives:  # an archive-read model keeps working without TensorFlow
                        self.failed.emit(key, f"TensorFlow could not start: {reason}")
                return
            for key, source in self.sources.items():
                if self._cancelled:
                    return
                self._load_one(key, source)
            self._find_devices()
        finally:
            self.finished.emit()

    def _load_one(self, key: str, source: str) -> None:
        from mnist_studio.inference import Predictor
        from mnist_studio.startup_checks import quiet_native_stderr

        try:
            with keras_job(cancelled=lambda: self._cancelled):  # never beside a training or an evaluation
                archive = self.archives.get(key)
                if archive is not None:
                    predictor = archive.load_keras()
                    if not archive.agrees:  # logged by the archive; the panel switches to Keras' answers
                        self.loaded.emit(key, predictor)
                else:
                    with quiet_native_stderr():
                        self.loaded.emit(key, Predictor.load(source))
        except JobCancelled:
            return  # the window is closing
        except Exception as exc:  # noqa: BLE001 - one model's failure, whatever it is, is that model's only
            if key in self.archives:  # the numpy pass keeps the panel working; an evaluation will say why
                log.warning("%s: Keras could not load it: %s", source, _reason(exc))
            else:
                self.failed.emit(key, _reason(exc))

    @staticmethod
    def _find_devices() -> None:
        """Look for GPUs here (cuInit can take a second), so the UI thread later reads a cached answer."""
        from mnist_studio import device
        from mnist_studio.startup_checks import quiet_native_stderr

        try:
            with quiet_native_stderr():
                device.available()
        except Exception:  # noqa: BLE001 - the window shows the reason when it asks again
            pass


class LoaderThread(QThread):
    """The loader's thread; ``quit()`` also cancels a loader still waiting for its preload delay."""

    def __init__(self, loader: ModelLoader, parent=None):
        super().__init__(parent)
        self.loader = loader  # keep a Python reference while the thread runs
        self._loader = loader

    def wake(self) -> None:
        self.loader.wake()

    def postpone(self) -> None:
        if self.isRunning():  # on every stroke; a finished loader has nothing left to postpone
            self.loader.postpone()

    def quit(self) -> None:
        self.loader.cancel()
        super().quit()


def open_archives(sources: dict[str, str]) -> tuple[dict[str, ArchivePredictor], dict[str, str]]:
    """Read each archive without TensorFlow: (predictors, {key: error}) - models it cannot cover are in neither."""
    archives, errors = {}, {}
    for key, source in sources.items():
        try:
            archives[key] = ArchivePredictor.open(source)
        except UnsupportedModel:
            pass  # Keras loads it on the thread
        except ModelLoadError as exc:
            errors[key] = str(exc)
        except Exception as exc:  # noqa: BLE001 - an h5py/numpy surprise: Keras gets its chance, with its reason
            del exc
    return archives, errors


def start_loading(owner: QObject, sources: dict[str, str], on_loaded, on_failed, on_finished=None,
                  preload_delay_s: float = 0.0) -> LoaderThread:
    """Hand over the archive predictors now, then run a ModelLoader on a new thread (join it on close)."""
    archives, errors = open_archives(sources)
    for key in sources:
        if key in archives:
            on_loaded(key, archives[key])
        elif key in errors:
            on_failed(key, errors[key])
    pending = {k: v for k, v in sources.items() if k not in errors}
    loader = ModelLoader(pending, archives, preload_delay_s)
    thread = LoaderThread(loader, owner)
    loader.moveToThread(thread)
    thread.started.connect(loader.run)
    loader.loaded.connect(on_loaded)
    loader.failed.connect(on_failed)
    if on_finished is not None:
        loader.finished.connect(on_finished)
    # Direct: QThread.quit is thread-safe, and a queued quit could wait on a UI thread blocked in wait().
    loader.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    loader.finished.connect(loader.deleteLater)
    thread.start()
    return thread

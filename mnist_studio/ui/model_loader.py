"""ModelLoader: imports TensorFlow and loads the shipped models on a QThread, after the first paint."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot


class ModelLoader(QObject):
    """Loads ``Predictor``s one by one; each arrives through ``loaded`` or ``failed``."""

    loaded = Signal(str, object)  # key, Predictor
    failed = Signal(str, str)  # key, message
    finished = Signal()

    def __init__(self, sources: dict[str, str]):
        super().__init__()
        self.sources = dict(sources)

    @Slot()
    def run(self) -> None:
        try:
            from mnist_studio.inference import ModelLoadError, Predictor

            for key, source in self.sources.items():
                try:
                    self.loaded.emit(key, Predictor.load(source))
                except (ModelLoadError, OSError, ValueError) as exc:
                    self.failed.emit(key, str(exc))
        except Exception as exc:  # TensorFlow itself failed to import: every panel says so
            for key in self.sources:
                self.failed.emit(key, f"TensorFlow could not start: {exc}")
        finally:
            self.finished.emit()


def start_loading(owner: QObject, sources: dict[str, str], on_loaded, on_failed, on_finished=None) -> QThread:
    """Run a ModelLoader on a new QThread parented to ``owner``; returns the thread (join it on close)."""
    thread = QThread(owner)
    loader = ModelLoader(sources)
    loader.moveToThread(thread)
    thread.started.connect(loader.run)
    loader.loaded.connect(on_loaded)
    loader.failed.connect(on_failed)
    if on_finished is not None:
        loader.finished.connect(on_finished)
    # Direct: QThread.quit is thread-safe, and a queued quit could wait on a UI thread blocked in wait().
    loader.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    loader.finished.connect(loader.deleteLater)
    thread._loader = loader  # keep a Python reference while the thread runs
    thread.start()
    return thread

"""EmbeddingMaps: the Inside tab's maps of the 10,000 test digits, one per model, computed in the background
(one at a time, the model on screen first, so the pen stays responsive on two cores)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from mnist_studio.prediction.explain import explainer_for
from mnist_studio.ui.inside.embedding_view import EmbeddingThread

PREFETCH_MS = 1500  # after prefetch() or a new model, maps start this late (at once when the tab is opened)


def join_all(threads: list) -> None:
    for thread in list(threads):
        thread.cancel()
        thread.wait()


class EmbeddingMaps(QObject):
    done = Signal(str)  # model key: its map is in ``maps``
    failed = Signal(str, str)  # model key, message

    def __init__(self, predictors: dict, current_key: Callable[[], str | None], test_data, parent: QObject):
        """``predictors``: the tab's models by key (read here, never changed); ``current_key()``: the one shown."""
        super().__init__(parent)
        self._predictors, self._current_key = predictors, current_key
        self.test_data = test_data  # (images, labels), or None until the first map has loaded them
        self.maps: dict[str, object] = {}
        self._running: dict[str, EmbeddingThread] = {}
        self.all_threads: list[EmbeddingThread] = []
        self._failed: set[str] = set()
        self._prefetching = False
        self._prefetch = QTimer(self, singleShot=True, interval=PREFETCH_MS)
        self._prefetch.timeout.connect(self.start_next)
        # No QThread may outlive its parent: join them before the children are destroyed.
        parent.destroyed.connect(lambda *_, threads=self.all_threads: join_all(threads))

    def model_changed(self, key: str, start_now: bool) -> None:
        """``key``'s model was replaced: its old map (or the one computing) is dropped."""
        self.maps.pop(key, None)
        if key in self._running:
            self._running.pop(key).cancel()  # a model swapped while its map was computing
        if start_now:
            self.start(key)
        if self._prefetching:
            self._prefetch.start()

    def start(self, key: str) -> None:
        predictor = self._predictors.get(key)
        if predictor is None or key in self._running or key in self.maps:
            return
        explainer = explainer_for(predictor)
        if explainer.hidden_step is None:
            return
        images, labels = self.test_data if self.test_data is not None else (None, None)
        thread = EmbeddingThread(key, explainer, images, labels, self)
        thread.done.connect(lambda k, e, t=thread: self._on_done(k, e, t))
        thread.failed.connect(self._on_failed)
        thread.finished.connect(lambda k=key, t=thread: self._reap(k, t))
        self._running[key] = thread
        self.all_threads.append(thread)
        thread.start(QThread.Priority.LowPriority)

    def start_first(self, key: str) -> None:
        """The map on screen goes first; the others restart after it."""
        if key in self._predictors and key not in self.maps:
            if key not in self._running:
                for thread in self._running.values():
                    thread.cancel()
            self.start(key)

    def prefetch(self) -> None:
        """Compute every model's map from now on (after ``PREFETCH_MS``)."""
        self._prefetching = True
        self._prefetch.start()

    def start_next(self) -> None:
        """Current model first; one map at a time."""
        if self._running:
            return
        current = self._current_key()
        for key in [current] + [k for k in self._predictors if k != current]:
            if key in self._predictors and key not in self.maps and key not in self._failed:
                self.start(key)
                return

    def _reap(self, key: str, thread) -> None:
        if self._running.get(key) is thread:
            del self._running[key]
        self.all_threads.remove(thread)
        thread.deleteLater()
        self.start_next()

    def _on_done(self, key: str, embedding, thread) -> None:
        if thread.explainer.predictor is not self._predictors.get(key):
            return  # a stale map for a model that was swapped meanwhile
        if self.test_data is None:
            self.test_data = (thread.images, thread.labels)
        self.maps[key] = embedding
        self.done.emit(key)

    def _on_failed(self, key: str, message: str) -> None:
        self._failed.add(key)
        self.failed.emit(key, message)

    def shutdown(self) -> None:
        join_all(self.all_threads)

"""EmbeddingMaps: the Inside tab's maps of the 10,000 test digits, one per model, computed in the background
(one at a time, the model on screen first, so the pen stays responsive on two cores)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from mnist_studio.prediction.explain import explainer_for
from mnist_studio.ui.background.jobs import Job, Jobs, join
from mnist_studio.ui.inside.embedding_view import watch_checks

PREFETCH_MS = 1500  # after prefetch() or a new model, maps start this late (at once when the tab is opened)


class EmbeddingJob(Job):
    """Computes one model's map off the UI thread."""

    done = Signal(str, object, object)  # model key, explain_embedding.Embedding, this job
    failed = Signal(str, str)

    def __init__(self, key: str, explainer, images=None, labels=None):
        """``images``/``labels``: the MNIST test set; None loads it on the job's thread."""
        super().__init__()
        self.key, self.explainer, self.images, self.labels = key, explainer, images, labels

    def work(self) -> None:
        from mnist_studio.prediction.explain_embedding import compute_embedding
        from mnist_studio.worker.client import STOP, JobCancelled, WorkerBusy, WorkerError

        try:
            if self.images is None:
                from mnist_studio.digits.data import load_mnist_test

                self.images, self.labels = load_mnist_test()
            hidden = None
            source = getattr(self.explainer.predictor, "source", None)
            from mnist_studio.ui.background.worker import keras_worker

            worker = keras_worker()
            if (source is not None and getattr(self.explainer.predictor, "model", None) is None
                    and worker.info() is not None):
                # A model read with numpy here, and the worker up and free: its Keras twin there computes the
                # 10,000 hidden vectors (a little faster). While the worker starts (Keras imports for seconds) or
                # trains (a map on screen would wait for the whole run), the numpy pass below draws the map in
                # about a second, in chunks small enough for the window's memory (explain_embedding.CHUNK).
                # ``wait=False``: a job that took the worker a moment ago (a Train click) is not waited for.
                try:
                    hidden = worker.run("features", cancelled=lambda: STOP if self.cancelled else 0, wait=False,
                                        source=str(source), images=self.images)
                except WorkerBusy:
                    hidden = None
                except JobCancelled:
                    return
                except WorkerError:
                    hidden = None  # the numpy pass below still draws the map
            if self.cancelled:
                return
            embedding = compute_embedding(self.explainer, self.images, self.labels, cancelled=lambda: self.cancelled,
                                          hidden=hidden)
            watch_checks(embedding, self.explainer, cancelled=lambda: self.cancelled)
        except InterruptedError:
            return
        except Exception as exc:  # noqa: BLE001 - shown in the map's place; the rest of the tab keeps working
            self.failed.emit(self.key, f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(self.key, embedding, self)


class EmbeddingMaps(QObject):
    done = Signal(str)  # model key: its map is in ``maps``
    failed = Signal(str, str)  # model key, message

    def __init__(self, predictors: dict, current_key: Callable[[], str | None], test_data, parent: QObject):
        """``predictors``: the tab's models by key (read here, never changed); ``current_key()``: the one shown."""
        super().__init__(parent)
        self._predictors, self._current_key = predictors, current_key
        self.test_data = test_data  # (images, labels), or None until the first map has loaded them
        self.maps: dict[str, object] = {}
        self._running: dict[str, EmbeddingJob] = {}
        self.jobs = Jobs(self)
        self.jobs.jobEnded.connect(self._ended)
        self._failed: set[str] = set()
        self._prefetching = False
        self._held = False  # a training runs: background maps wait (``hold``)
        self._prefetch = QTimer(self, singleShot=True, interval=PREFETCH_MS)
        self._prefetch.timeout.connect(self.start_next)
        # No QThread may outlive its parent: join them before the children are destroyed.
        parent.destroyed.connect(lambda *_, threads=self.jobs.threads: join(threads))

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
        running = self._running.get(key)
        if predictor is None or key in self.maps or (running is not None and not running.cancelled):
            return  # (a job given up but still ending is replaced: an answer it still gives is the same map)
        explainer = explainer_for(predictor)
        if explainer.hidden_step is None:
            return
        images, labels = self.test_data if self.test_data is not None else (None, None)
        job = EmbeddingJob(key, explainer, images, labels)
        # Methods, never lambdas: Qt drops a queued answer when these maps are gone (a lambda would run it).
        job.done.connect(self._on_done)
        job.failed.connect(self._on_failed)
        self._running[key] = job
        self.jobs.start(job, QThread.Priority.LowPriority)

    def start_first(self, key: str) -> None:
        """The map on screen goes first; the others restart after it."""
        if key in self._predictors and key not in self.maps:
            if key not in self._running:
                for job in self._running.values():
                    job.cancel()
            self.start(key)

    def prefetch(self) -> None:
        """Compute every model's map from now on (after ``PREFETCH_MS``)."""
        self._prefetching = True
        self._prefetch.start()

    def hold(self, held: bool, shown_key: str | None = None) -> None:
        """While a training runs the Keras worker is the training's: maps nobody is looking at wait, and a
        running one gives way at once (its job stops at its next batch; it starts again after the training).
        ``shown_key``: the map on screen (the tab visible), which still computes; None when the tab is hidden."""
        self._held = held
        if held:
            self._prefetch.stop()
            for key, job in list(self._running.items()):
                if key != shown_key:
                    job.cancel()
        elif self._prefetching:
            self._prefetch.start()

    def held(self) -> bool:
        return self._held

    def start_next(self) -> None:
        """Current model first; one map at a time; none in the background while held."""
        if self._running or self._held:
            return
        current = self._current_key()
        for key in [current] + [k for k in self._predictors if k != current]:
            if key in self._predictors and key not in self.maps and key not in self._failed:
                self.start(key)
                return

    def _ended(self, job: EmbeddingJob) -> None:
        if self._running.get(job.key) is job:
            del self._running[job.key]
        self.start_next()

    def _on_done(self, key: str, embedding, job: EmbeddingJob) -> None:
        if job.explainer.predictor is not self._predictors.get(key):
            return  # a stale map for a model that was swapped meanwhile
        if self.test_data is None:
            self.test_data = (job.images, job.labels)
        self.maps[key] = embedding
        self.done.emit(key)

    def _on_failed(self, key: str, message: str) -> None:
        self._failed.add(key)
        self.failed.emit(key, message)

    def shutdown(self) -> None:
        self.jobs.shutdown()

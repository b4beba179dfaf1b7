"""The Train tab's network kept ready in the Keras worker: built and traced in the background, before the click.

Once the worker is up, it builds and traces the form's network and the other tuned preset (the MLP and the CNN a
lesson compares; ``worker.process.Jobs.prepare``, ``networks.warm``), and again a moment after the form changes to
another network: the class demo's first click then starts training at once instead of after 1.5 s of
TensorFlow's tracing. A finished run leaves its own network warm, so nothing is sent after one. Changing only the
run's numbers (epochs, images, learning rate, seed) keeps the same network: nothing is sent either. A click never
waits for another network's warm-up: the worker abandons it at its next step.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from mnist_studio.networks.train_config import TrainConfig
from mnist_studio.networks.warm import WarmModels, network_key, run_steps
from mnist_studio.ui.background.jobs import Jobs
from mnist_studio.ui.background.worker import WorkerJob, keras_worker

DELAY_MS = 1500  # after the last change to the form: a teacher clicking through presets sends one job


class NetworkWarmUp(QObject):
    warmed = Signal()  # the worker holds the form's network traced (benchmarks and tests wait for it)

    def __init__(self, config: Callable[[], object | None], train_size: int | None, parent: QObject | None = None):
        """``config()``: the form's resolved ``TrainConfig``, or None while there is nothing to prepare (no
        worker yet, a run, a bad field). ``train_size``: the training images the tab's runs use (None: MNIST's)."""
        super().__init__(parent)
        self._config = config
        self._train_size = train_size
        self._keys: list[tuple] = []  # the networks the worker holds warm, as far as this tab knows (newest last)
        self._job: WorkerJob | None = None
        self._job_key = None
        self._queue: list = []  # configs to prepare after the running job
        self._active = False  # from the first ``new_worker``: the window's loader saw the worker come up
        self._worker_starts = -1  # the worker process that holds ``_keys`` (``KerasWorker.starts``)
        self.jobs = Jobs(self)
        self.jobs.jobEnded.connect(self._ended)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.now)

    def _key_of(self, cfg) -> tuple:
        return network_key(cfg, run_steps(cfg, self._train_size or 60000))

    def busy(self) -> bool:
        """Is the worker preparing a network now (a click waits for it, then trains without tracing)?"""
        return self._job is not None

    def holds(self, cfg) -> bool:
        """Does the worker hold ``cfg``'s network (resolved) warm, as far as this tab knows?"""
        return self._key_of(cfg) in self._keys

    def later(self) -> None:
        """The form changed: prepare its network once it has been left alone for a moment."""
        self._timer.start()

    def now(self) -> bool:
        """Have the worker prepare the form's network now; False when there is nothing to send."""
        self._timer.stop()
        cfg = self._config() if self._active else None
        return cfg is not None and self._send(cfg)

    def new_worker(self) -> None:
        """A new worker is up (at start, another backend): it holds nothing warm yet. Prepare the form's network,
        then the other tuned preset with the same run numbers."""
        self._active = True
        self._keys.clear()
        cfg = self._config()
        if cfg is None:
            return
        self._send(cfg)
        other = {"mlp": "cnn", "cnn": "mlp"}.get(cfg.preset, "cnn")
        self._send(TrainConfig(preset=other, subset=cfg.subset, epochs=cfg.epochs, dataset=cfg.dataset,
                               device=cfg.device).resolved())

    def training_starts(self, cfg=None) -> None:
        """Train was clicked for ``cfg`` (resolved): the run goes first. Networks still waiting to be prepared are
        dropped. One that the worker is preparing now is the run's own network: the run waits for it and takes it;
        another network's: abandoned at its next step (each trace is one). It is not sent again after the run; it
        waits for the form to come back to it. (Sending it again made the CNN's next Train-tab runs on 60,000
        images twice as slow in 7 of 12, against 0 of 9 without; such slow runs also happen without it, so the
        link is not proven, but nothing is lost by waiting.)"""
        self._timer.stop()
        self._queue.clear()
        if self._job is not None and (cfg is None or self._key_of(cfg) != self._job_key):
            self._job.cancel()  # given up if it still waits for the worker; else the worker stops it

    def forget(self) -> None:
        """A run failed (its network is no longer warm in the worker): prepare again when asked."""
        self._keys.clear()

    def trained(self, cfg) -> None:
        """A run of ``cfg`` (resolved) went well: the worker keeps its network warm."""
        self._remember(self._key_of(cfg))

    def _send(self, cfg) -> bool:
        if self.jobs.closed:  # shut down (the window closes): a refused job would never end, nor free the queue
            return False
        key = self._key_of(cfg)
        if self._worker_starts != keras_worker().starts:  # a new worker process (crashed, recycled): nothing warm
            self._keys.clear()
        if key in self._keys or key == self._job_key:
            return False
        if self._job is not None:
            self._queue.append(cfg)  # after the running one
            return False
        self._job, self._job_key = WorkerJob("prepare", config=cfg, train_size=self._train_size), key
        self._job.done.connect(self._done)  # a method of this UI-thread object: delivered on the UI thread
        self.jobs.start(self._job)
        return True

    def _remember(self, key) -> None:
        if self._worker_starts != keras_worker().starts:
            self._keys.clear()
            self._worker_starts = keras_worker().starts
        if key in self._keys:
            self._keys.remove(key)
        self._keys = (self._keys + [key])[-WarmModels.KEEP:]

    def _done(self, _traced: bool) -> None:
        self._remember(self._job_key)
        self.warmed.emit()

    def _ended(self, job) -> None:
        if job is self._job:
            self._job, self._job_key = None, None
            while self._queue and not self._send(self._queue.pop(0)):
                pass

    def shutdown(self, timeout_ms: int | None = None) -> bool:
        """Join a running warm-up (it ends by itself within a couple of seconds; nothing of it needs keeping)."""
        self._active = False  # nothing new after this
        self._timer.stop()
        self._queue.clear()
        return self.jobs.shutdown(timeout_ms)

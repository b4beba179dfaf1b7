"""A fresh worker warms up while nobody waits on it, so the teacher's first Train click does not pay for it.

What a first training pays once per process: the training modules' imports, reading MNIST (decompressing
11 MB), and Keras' first fit, evaluation and live-view pass (the framework's own first-time set-up: its
graph machinery, the train and test steps' code conversion, the optimiser's variables). The worker does each
in turn, only while no job is waiting: before each step it listens ``WARM_IDLE_S`` for a request, and a
request that arrives during a step interrupts it (a training stops at its next batch): the job never waits
for more than a moment.
``$MNIST_STUDIO_WORKER_WARMUP=0`` turns it off (the test suite's many short-lived workers do).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)
WARM_IDLE_S = 0.5  # the worker waits this long for a job before each warm-up step


def enabled() -> bool:
    return os.environ.get("MNIST_STUDIO_WORKER_WARMUP", "1") not in ("0", "", "false", "no")


class Interrupt(threading.Event):
    """Set when a request arrives during a step; ``when_set`` callbacks stop the step's work (a Trainer's
    ``cancel``) within one batch."""

    def __init__(self):
        super().__init__()
        self._callbacks: list[Callable[[], None]] = []

    def when_set(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)
        if self.is_set():
            callback()

    def set(self) -> None:
        super().set()
        for callback in list(self._callbacks):
            callback()


class Warmup:
    """The steps not yet run (``pending``) and those done (``done``), as (name, step) pairs; a step takes an
    ``Interrupt``."""

    def __init__(self, steps: list[tuple[str, Callable[[Interrupt], None]]] | None = None):
        self.pending = list(steps if steps is not None else STEPS) if enabled() or steps is not None else []
        self.done: list[str] = []

    def next_request(self, conn):
        """The next request from ``conn``; while none is waiting, the next warm-up steps run. A request that
        arrives during a step interrupts it (the step runs again when the worker is next idle)."""
        while self.pending and not conn.poll(WARM_IDLE_S):
            name, step = self.pending.pop(0)
            interrupt, finished = Interrupt(), threading.Event()
            watcher = threading.Thread(target=_watch, args=(conn, finished, interrupt), daemon=True,
                                       name="warm-up watch")
            watcher.start()
            try:
                step(interrupt)
            except Exception as exc:  # noqa: BLE001 - a warm-up is only a head start: the job says what fails
                if not (interrupt.is_set() and type(exc).__name__ == "JobCancelled"):  # not just given way
                    log.warning("worker warm-up stopped at %s: %s: %s", name, type(exc).__name__, exc)
                    self.pending = []
                    break
            finally:
                finished.set()
                watcher.join()
            if interrupt.is_set():
                self.pending.insert(0, (name, step))
                break
            self.done.append(name)
        return conn.recv()


def _watch(conn, finished: threading.Event, interrupt: Interrupt) -> None:
    """While a step runs (the worker's main thread does not read ``conn``), a request waiting interrupts it."""
    while not finished.is_set():
        try:
            if conn.poll(0.05):
                interrupt.set()
                return
        except (OSError, EOFError):
            interrupt.set()
            return


def _imports(interrupt: Interrupt) -> None:
    from mnist_studio.networks import evaluation, training  # noqa: F401
    from mnist_studio.storage import runs  # noqa: F401


def _mnist(interrupt: Interrupt) -> None:
    from mnist_studio.digits.data import load_mnist

    load_mnist()


def _first_training(interrupt: Interrupt) -> None:
    """The app's default network on 512 images for one epoch, live views on, tested on 256: every first-time
    cost of a real run, in about a second. Nothing is kept."""
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.train_config import TrainConfig
    from mnist_studio.networks.training import Trainer
    from mnist_studio.runtime import backend

    (x, y), (x_test, y_test) = load_mnist()
    config = TrainConfig(preset="cnn", epochs=1, subset=512, validation_size=128)
    trainer = Trainer(config, data=((x[:512], y[:512]), (x_test[:256], y_test[:256])), live_views=True)
    interrupt.when_set(lambda: trainer.cancel(evaluate=False))  # a job came: stop at the next batch
    try:
        trainer.run()
    finally:
        backend.clear_session()


STEPS = [("imports", _imports), ("mnist", _mnist), ("first training", _first_training)]

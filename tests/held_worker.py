"""A Keras worker held by a real training: the training pauses in its first event until the block ends, so a test
can ask the busy worker for something else (is it waited for, refused, or done elsewhere?)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from mnist_studio.networks.training import TrainConfig


@contextmanager
def held_by_a_training(worker, data, timeout_s: float = 120.0):
    """Within the block ``worker`` runs a small MLP training (``data``: (train, test) slices), paused in its first
    event; it is released and joined when the block ends. Yields the list of the training's exceptions (empty when
    it ended well: a test may append its own errors to it)."""
    gate, release, errors = threading.Event(), threading.Event(), []

    def on_event(event):
        gate.set()
        release.wait(timeout_s)

    def training():
        try:
            worker.run("train", on_event=on_event, config=TrainConfig(preset="mlp-seed-256", epochs=1),
                       data=data, store_root=None, save=False)
        except Exception as exc:  # noqa: BLE001 - reported through ``errors``
            errors.append(exc)

    thread = threading.Thread(target=training)
    thread.start()
    try:
        assert gate.wait(timeout_s), "the training never started"
        yield errors
    finally:
        release.set()
        thread.join(timeout_s)

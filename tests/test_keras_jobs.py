"""One Keras job at a time in a process: a second training, fine-tune or evaluation waits for the first
(TensorFlow crashed with a segmentation fault when two threads ran models on its shared state at once)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from mnist_studio.networks.evaluation import evaluate
from mnist_studio.networks.training import PhaseEvent, TrainConfig, Trainer
from mnist_studio.runtime import backend
from mnist_studio.runtime.backend import JobCancelled, keras_job


def _in_thread(target):
    out: dict = {}

    def run():
        try:
            out["value"] = target()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_training_waits_for_the_running_job_then_runs(small_data):
    phases: list[str] = []
    waiting = threading.Event()

    def on_event(event):
        if isinstance(event, PhaseEvent):
            phases.append(event.phase)
            if event.phase == "waiting":
                waiting.set()

    trainer = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=500), on_event=on_event, data=small_data)
    with keras_job():  # another job holds Keras
        thread, out = _in_thread(trainer.run)
        assert waiting.wait(30)
        thread.join(0.5)
        assert thread.is_alive() and phases == ["waiting"]  # nothing prepared, nothing built meanwhile
        assert not backend.keras_busy()  # not for the thread that holds it (re-entrant) ...
        other, seen = _in_thread(backend.keras_busy)
        other.join(5)
        assert seen["value"] is True  # ... but for every other thread
    thread.join(120)
    assert "error" not in out, out.get("error")
    assert out["value"].status == "completed"
    assert phases[:3] == ["waiting", "preparing", "training"]
    assert not backend.keras_busy()


def test_a_job_cancelled_while_it_waits_never_runs(small_data):
    trainer = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=500), data=small_data)
    with keras_job():
        thread, out = _in_thread(trainer.run)
        trainer.cancel()
        thread.join(30)
        assert not thread.is_alive()
    assert isinstance(out.get("error"), JobCancelled)


def test_an_evaluation_waits_and_can_be_cancelled_while_waiting(trained_mlp, small_data):
    from mnist_studio.prediction.inference import Predictor

    predictor = Predictor(trained_mlp.model)
    (_, _), (x, y) = small_data
    cancel = threading.Event()
    with keras_job():
        thread, out = _in_thread(lambda: evaluate(predictor, x, y, cancelled=cancel.is_set))
        thread.join(0.3)
        assert thread.is_alive()  # waiting for its turn
        cancel.set()
        thread.join(30)
    assert isinstance(out.get("error"), JobCancelled)
    result = evaluate(predictor, x, y)  # alone, it runs
    assert result.accuracy == pytest.approx(float(np.mean(result.predictions == y)))


def test_jobs_nest_on_one_thread(trained_mlp, small_data):
    """A training evaluates its test set inside its own job: re-entrant, no self-deadlock."""
    from mnist_studio.prediction.inference import Predictor

    (_, _), (x, y) = small_data
    with keras_job(), keras_job():
        assert evaluate(Predictor(trained_mlp.model), x[:50], y[:50]) is not None

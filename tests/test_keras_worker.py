"""The Keras worker process, driven through its real client: jobs, events, stop and close, faults, a backend
switch. Every test talks to a real child process that runs real Keras on small slices."""

from __future__ import annotations

import os
import signal
import threading

import numpy as np
import pytest
from held_worker import held_by_a_training

from mnist_studio.networks.training import BatchEvent, EpochEvent, PhaseEvent, TrainConfig
from mnist_studio.storage.runs import RunStore
from mnist_studio.worker.client import (
    CLOSE_KEEP,
    DISCARD,
    STOP,
    JobCancelled,
    JobDiscarded,
    KerasWorker,
    WorkerBusy,
    WorkerCrashed,
    WorkerError,
)


@pytest.fixture(scope="module")
def worker():
    w = KerasWorker()
    yield w
    w.shutdown()


class Wish:
    """The owner's side of a job: on_event counts batches; after ``after`` of them, cancelled() says ``level``
    (and ``action`` runs once)."""

    def __init__(self, level: int = 0, after: int = 2, action=None):
        self.level, self.after, self.action, self.batches = level, after, action, 0

    def on_event(self, event):
        if isinstance(event, BatchEvent):
            self.batches += 1
            if self.batches == self.after and self.action is not None:
                self.action()

    def __call__(self):
        return self.level if self.batches >= self.after else 0


def test_train_streams_events_and_saves_the_run(worker, small_data, tmp_path):
    events = []
    saved = worker.run("train", on_event=events.append, config=TrainConfig(preset="mlp-seed-256", epochs=2),
                       data=small_data, store_root=str(tmp_path))
    result = saved.result
    assert result.status == "completed" and result.model is None  # the model stays in the worker
    assert result.evaluation.accuracy > 0.7
    assert [type(e) for e in events if isinstance(e, EpochEvent)] == [EpochEvent, EpochEvent]
    assert any(isinstance(e, BatchEvent) for e in events)
    assert [e.phase for e in events if isinstance(e, PhaseEvent)][-1] == "saving"
    record = saved.record
    assert RunStore(tmp_path).get(record.id).test_accuracy == pytest.approx(result.evaluation.accuracy)
    assert os.path.isfile(saved.model_path) and saved.save_error == ""


def test_evaluate_and_check_in_the_worker(worker, small_data):
    (_, _), (x, y) = small_data
    progress = []
    result = worker.run("evaluate", on_event=progress.append, source="cnn", images=x, labels=y, batch_size=100)
    assert result.accuracy > 0.97
    assert progress[-1] == ("progress", len(x), len(x))
    assert worker.run("check", source="mlp") is True


def test_a_bad_model_is_a_message_and_the_worker_lives_on(worker, small_data, tmp_path):
    bad = tmp_path / "broken.keras"
    bad.write_bytes(b"not a zip")
    (_, _), (x, y) = small_data
    with pytest.raises(WorkerError) as info:
        worker.run("evaluate", source=str(bad), images=x, labels=y)
    assert "broken.keras" in str(info.value) and "Traceback" not in str(info.value)
    pid = worker.pid
    assert worker.run("check", source="mlp") is True and worker.pid == pid
    assert info.value.template == "%1 is not a Keras model file (.keras archive)"  # to show it in Korean
    assert info.value.values == (str(bad),)


def test_a_worded_error_crosses_the_pipe_with_its_template(worker, small_data, tmp_path):
    """A fine-tune on a set of one digit, then from a run deleted since it was picked: the window gets the
    English text and the template with its values, to show it in the user's language."""
    from mnist_studio.digits.handwriting import DigitSet

    (_, _), (x, y) = small_data
    sevens = x[y == 7][:6]
    with pytest.raises(WorkerError) as info:
        worker.run("finetune", base="mlp", data=DigitSet(sevens, np.full(len(sevens), 7), np.full(len(sevens), "")))
    assert info.value.template.startswith("%1 has only the digit %2: ") and info.value.values == ("the set", "7")
    assert str(info.value).startswith("the set has only the digit 7: ")
    gone = str(tmp_path / "runs" / "20261130-gone")
    pick = np.concatenate([np.flatnonzero(y == d)[:4] for d in range(10)])
    with pytest.raises(WorkerError) as info:
        worker.run("finetune", base=gone, data=DigitSet(x[pick], y[pick], np.full(len(pick), "")),
                   store_root=str(tmp_path / "runs"))
    assert info.value.template == "%1: no such model file or run folder (was its run deleted?)"
    assert info.value.values == (gone,) and str(info.value).startswith(f"{gone}: no such model file")


def test_stop_keeps_the_partial_model_and_evaluates(worker, small_data, tmp_path):
    wish = Wish(STOP)
    saved = worker.run("train", on_event=wish.on_event, cancelled=wish,
                       config=TrainConfig(preset="cnn-seed", epochs=3), data=small_data, store_root=str(tmp_path))
    assert saved.result.status == "stopped" and saved.result.evaluation is not None
    assert os.path.isfile(saved.model_path)


def test_close_keep_saves_the_partial_model_without_a_test_evaluation(worker, small_data, tmp_path):
    wish = Wish(CLOSE_KEEP)
    saved = worker.run("train", on_event=wish.on_event, cancelled=wish,
                       config=TrainConfig(preset="cnn-seed", epochs=3), data=small_data, store_root=str(tmp_path))
    result = saved.result
    assert result.status == "stopped" and result.evaluation is None
    assert [r.status for r in RunStore(tmp_path).list()] == ["stopped"]


def test_close_discard_ends_the_worker_and_keeps_nothing(worker, small_data, tmp_path):
    wish = Wish(DISCARD)
    with pytest.raises(JobDiscarded):
        worker.run("train", on_event=wish.on_event, cancelled=wish,
                   config=TrainConfig(preset="cnn-seed", epochs=3), data=small_data, store_root=str(tmp_path))
    assert RunStore(tmp_path).list() == [] and not any(tmp_path.iterdir())
    assert worker.run("check", source="mlp") is True  # a fresh worker serves the next job


def test_a_killed_worker_fails_the_job_clearly_and_the_next_job_runs(worker, small_data, tmp_path):
    starts = worker.starts
    wish = Wish(action=lambda: os.kill(worker.pid, signal.SIGKILL))
    with pytest.raises(WorkerCrashed) as info:
        worker.run("train", on_event=wish.on_event, cancelled=wish,
                   config=TrainConfig(preset="cnn-seed", epochs=3), data=small_data, store_root=str(tmp_path))
    assert "SIGKILL" in str(info.value)
    assert RunStore(tmp_path).list() == []
    (_, _), (x, y) = small_data
    assert worker.run("evaluate", source="mlp", images=x, labels=y).accuracy > 0.95
    assert worker.starts == starts + 1


def test_a_job_waits_for_the_running_one_and_can_give_up(worker, small_data, tmp_path):
    with held_by_a_training(worker, small_data) as errors:
        with pytest.raises(JobCancelled):
            worker.run("check", source="mlp", cancelled=lambda: True)
        with pytest.raises(WorkerBusy):  # a job that must not wait gives up at once, without asking first
            worker.run("check", source="mlp", wait=False)
    assert not errors


def test_memory_limit_recycles_the_worker(small_data):
    worker = KerasWorker(memory_limit_mb=1)
    try:
        assert worker.run("check", source="mlp") is True
        assert worker.pid is None  # recycled after the job
        assert worker.run("check", source="mlp") is True and worker.starts == 2
    finally:
        worker.shutdown()


@pytest.mark.skipif(any(__import__("importlib").util.find_spec(m) is None for m in ("jax", "tensorflow")),
                    reason="needs both TensorFlow and JAX installed")
def test_another_backend_applies_to_the_next_job_without_a_restart(small_data):
    worker = KerasWorker(backend="tensorflow")
    try:
        assert worker.run("devices")["backend"] == "tensorflow"
        worker.set_backend("jax")
        info = worker.run("devices")
        assert info["backend"] == "jax" and info["devices"][0].backend == "jax"
        saved = worker.run("train", config=TrainConfig(preset="mlp-seed-256", epochs=1), data=small_data,
                           store_root=None, save=False)
        result = saved.result
        assert saved.record is None and saved.model_path is None
        assert result.extra["backend"] == "jax" and result.evaluation.accuracy > 0.7
    finally:
        worker.shutdown()


def test_the_inside_maps_features_match_the_windows_numpy_pass(worker, small_data):
    import numpy as np

    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.prediction.explain import Explainer
    from mnist_studio.prediction.explain_embedding import hidden_vectors

    (_, _), (x, _) = small_data
    for name in ("mlp", "cnn"):
        from_worker = worker.run("features", source=name, images=x[:200])
        here = hidden_vectors(Explainer(ArchivePredictor.open(name)), x[:200])
        assert from_worker.shape == here.shape
        np.testing.assert_allclose(from_worker, here, rtol=1e-3, atol=1e-3)


def test_a_worker_that_cannot_start_keras_says_why():
    """A backend missing (or crashing at import) in the worker: a message for the window, no hang."""
    import importlib.util

    missing = next((b for b in ("torch", "jax", "tensorflow") if importlib.util.find_spec(b) is None), None)
    if missing is None:
        pytest.skip("every backend is installed here")
    worker = KerasWorker(backend=missing)
    try:
        with pytest.raises(WorkerError) as info:
            worker.run("devices")
        assert "Keras could not start" in str(info.value) and "not installed" in str(info.value)
        assert worker.pid is None  # nothing left running
    finally:
        worker.shutdown()


@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="POSIX process priorities")
def test_the_worker_yields_the_cpu_to_the_window(monkeypatch):
    """A training step never makes the pen or the chart wait for a core: the app's worker runs at a lower
    priority (the suite's own workers keep the tests' priority: conftest)."""
    from mnist_studio.worker.process import WORKER_NICE

    monkeypatch.delenv("MNIST_STUDIO_WORKER_NICE")  # the app's default
    lowered = KerasWorker()
    try:
        assert lowered.run("check", source="mlp") is True
        window = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, lowered.pid) == min(19, window + WORKER_NICE)
    finally:
        lowered.shutdown()


def test_a_prepared_network_trains_in_the_worker_as_a_new_one_would(worker, small_data, tmp_path):
    """``prepare`` traces the network before the click; the run that takes it trains as a new model in this
    process does, to the last digit (TensorFlow; on other backends ``prepare`` does nothing). A design no other
    test trains, with a one-cycle schedule (45 steps), as the class demo's."""
    from mnist_studio.networks.training import Trainer

    cfg = TrainConfig(preset="mlp-custom", hidden=(24,), epochs=3, subset=1000, batch_size=64, seed=3)
    traced = worker.run("prepare", config=cfg, train_size=len(small_data[0][0]))
    assert traced is (worker.info()["backend"] == "tensorflow")
    assert worker.run("prepare", config=cfg, train_size=len(small_data[0][0])) is False  # already warm
    saved = worker.run("train", config=cfg, data=small_data, store_root=str(tmp_path))
    here = Trainer(cfg, data=small_data).run()
    assert [h["loss"] for h in saved.result.history] == [h["loss"] for h in here.history]
    assert saved.result.evaluation.accuracy == here.evaluation.accuracy


def test_a_clicks_job_goes_before_background_work_that_waited_longer(worker, small_data):
    """A warm-up (``prepare``) waiting for the worker lets a training that comes later go first. The test holds
    the job lock itself, as a running job would, until both wait."""
    order, waiting = [], {"prepare": threading.Event(), "train": threading.Event()}

    def seen(name, mark_on=None):
        def on_event(event):
            if isinstance(event, PhaseEvent) and event.phase == "waiting":
                waiting[name].set()
            if isinstance(event, PhaseEvent) and event.phase == mark_on:
                order.append(name)
        return on_event

    worker.start()
    assert worker._job_lock.acquire(timeout=60)
    try:
        background = threading.Thread(target=lambda: (
            worker.run("prepare", on_event=seen("prepare"), config=TrainConfig(preset="softmax", epochs=1, seed=5),
                       train_size=len(small_data[0][0])), order.append("prepare")))
        background.start()
        assert waiting["prepare"].wait(60)
        click = threading.Thread(target=lambda: worker.run(
            "train", on_event=seen("train", mark_on="preparing"), data=small_data,
            config=TrainConfig(preset="mlp-custom", hidden=(16,), epochs=1)))
        click.start()
        assert waiting["train"].wait(60)
    finally:
        worker._job_lock.release()
    for thread in (background, click):
        thread.join(180)
    assert order == ["train", "prepare"], order


def test_a_warm_up_that_its_owner_stops_gives_way_and_the_worker_goes_on(worker, small_data):
    """A click for another network stops the running warm-up (``ui.train.warm_up``): the worker abandons it at its
    next step, says "cancelled", keeps nothing of it, and prepares the same network in full afterwards."""
    cfg = TrainConfig(preset="cnn", epochs=1, subset=1000, seed=9).resolved()
    if worker.run("devices")["backend"] != "tensorflow":
        pytest.skip("warm-ups are TensorFlow's (traced steps)")
    with pytest.raises(WorkerError, match="^cancelled$"):
        worker.run("prepare", cancelled=lambda: STOP, config=cfg, train_size=len(small_data[0][0]))
    assert worker.run("prepare", config=cfg, train_size=len(small_data[0][0])) is True  # not warm before

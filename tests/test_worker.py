"""TrainWorker on a real QThread, training in the real Keras worker process: stop, close (keep / discard) and the
shutdown contract."""

import numpy as np
import pytest
from cross_thread import wait_first

from mnist_studio.networks.training import TrainConfig
from mnist_studio.storage.runs import RunStore
from mnist_studio.ui.background.jobs import JobThread
from mnist_studio.ui.background.worker import TrainWorker


@pytest.fixture()
def start(qtbot, small_data, tmp_path):
    threads = []

    def make(epochs=30, batch=16, preset="mlp-seed-256", store=True):
        worker = TrainWorker(TrainConfig(preset=preset, epochs=epochs, batch_size=batch),
                             store=RunStore(tmp_path / "runs") if store else None, data=small_data)
        thread = JobThread(worker)
        threads.append(thread)
        return worker, thread

    yield make
    for thread in threads:  # never leave a running QThread to be destroyed
        thread.shutdown(60000)
        assert thread.isFinished() or not thread.isRunning()


def _first_batch(qtbot, worker, thread):
    return wait_first(qtbot, worker.batch, thread.start)  # never waitSignal: batch keeps coming (cross_thread.py)


def test_close_keep_saves_the_partial_run_without_evaluation_or_predictor(qtbot, start):
    worker, thread = start()
    _first_batch(qtbot, worker, thread)
    with qtbot.waitSignal(worker.finished, timeout=60000) as blocker:
        worker.close(keep=True)
    run = blocker.args[0]
    result = run.result
    assert result.status == "stopped" and run.closing == "keep"
    assert result.evaluation is None and run.predictor is None
    record = run.record
    assert record.status == "stopped" and record.model_path.is_file() and record.test_accuracy is None
    qtbot.waitUntil(thread.isFinished, timeout=10000)


def test_close_discard_writes_nothing(qtbot, start):
    worker, thread = start()
    _first_batch(qtbot, worker, thread)
    with qtbot.waitSignal(worker.failed, timeout=60000) as blocker:
        worker.close(keep=False)  # the worker process is ended at once
    assert "nothing was saved" in blocker.args[0]
    assert worker.store.list() == []
    assert not worker.store.root.exists() or not any(worker.store.root.iterdir())


def test_stop_before_the_run_starts_trains_nothing(qtbot, start):
    worker, thread = start(epochs=200)
    worker.stop()  # the click lands before the worker has taken the job
    with qtbot.waitSignal(worker.failed, timeout=60000) as blocker:
        thread.start()
    assert blocker.args[0] == "Stopped before training began."
    assert worker.store.list() == []


def test_stop_mid_run_keeps_the_partial_model_and_evaluates_it(qtbot, start):
    worker, thread = start(epochs=200)
    _first_batch(qtbot, worker, thread)
    with qtbot.waitSignal(worker.finished, timeout=60000) as blocker:
        worker.stop()
    run = blocker.args[0]
    assert run.result.status == "stopped" and run.result.evaluation is not None
    assert run.predictor.predict_one(np.zeros((28, 28), np.float32)).shape == (10,)  # numpy, no Keras


def test_shutdown_returns_false_while_the_run_is_finishing_then_true(qtbot, start):
    worker, thread = start(preset="cnn-seed")
    _first_batch(qtbot, worker, thread)
    assert thread.shutdown(1) is False  # still stopping: the caller must not drop the thread
    assert thread.isRunning()
    qtbot.waitUntil(thread.isFinished, timeout=60000)
    assert thread.shutdown(1) is True and worker.done
    assert worker.store.list()[0].status == "stopped"  # shutdown keeps the partial model by default


def test_a_run_that_cannot_start_reports_failed_and_ends_the_thread(qtbot, small_data):
    worker = TrainWorker(TrainConfig(preset="mlp-seed-256", epochs=1), data=((None, None), (None, None)))
    thread = JobThread(worker)
    with qtbot.waitSignal(worker.failed, timeout=60000) as blocker:
        thread.start()
    assert blocker.args[0]  # a message, not a crash
    qtbot.waitUntil(thread.isFinished, timeout=10000)
    assert worker.done


def test_a_killed_worker_fails_the_run_clearly_and_the_next_run_trains(qtbot, start):
    import os
    import signal

    from mnist_studio.ui.background.worker import keras_worker

    worker, thread = start(epochs=200)
    _first_batch(qtbot, worker, thread)
    with qtbot.waitSignal(worker.failed, timeout=60000) as blocker:
        os.kill(keras_worker().pid, signal.SIGKILL)  # out of memory, or a crash inside the backend
    assert "SIGKILL" in blocker.args[0] and "Nothing half-written" in blocker.args[0]
    assert worker.store.list() == [] and not any(worker.store.root.glob("*"))
    again, thread = start(epochs=1)
    with qtbot.waitSignal(again.finished, timeout=120000) as blocker:
        thread.start()
    assert blocker.args[0].result.status == "completed" and len(again.store.list()) == 1

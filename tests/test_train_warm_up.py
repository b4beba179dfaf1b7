"""The Train tab keeps its network traced in the Keras worker (``ui.train.warm_up``): prepared in the background
once the worker is up and after the form changes network, taken by the next click. Real window, real worker."""

from __future__ import annotations

from mnist_studio.networks.training import TrainConfig
from mnist_studio.ui.background.worker import keras_worker


def test_the_worker_prepares_the_forms_networks_and_the_click_takes_one(qtbot, make_window):
    window = make_window()
    tab, warm_up = window.train_tab, window.train_tab.warm_up
    tab.set_preset("mlp")
    tab.form.subset_combo.setCurrentText("1,000")
    tab.form.epochs_spin.setValue(1)
    assert warm_up.now() is False  # only once the window has seen its worker come up (the loader's devices)
    warm_up.new_worker()  # what MainWindow does then: the form's network, then the other tuned preset
    assert warm_up.busy()
    mlp, cnn = tab.config().resolved(), TrainConfig(preset="cnn", subset=1000, epochs=1).resolved()
    qtbot.waitUntil(lambda: not warm_up.busy() and warm_up.holds(mlp) and warm_up.holds(cnn), timeout=180000)

    tab.form.epochs_spin.setValue(2)  # the run's numbers, not the network: nothing to send
    tab.form.lr_edit.setText("0.002")
    assert warm_up.now() is False and not warm_up.busy()

    with qtbot.waitSignal(tab.trained, timeout=120000) as blocker:
        assert tab.start()
    assert blocker.args[0].result.status == "completed"
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    assert warm_up.holds(tab.config().resolved())

    # Another network: prepared a moment after the change. A click while it is being prepared waits for it,
    # and says so.
    tab.set_preset("softmax")
    with qtbot.waitSignal(warm_up.warmed, timeout=120000):
        pass  # ui.train.warm_up.DELAY_MS after the last change
    assert warm_up.holds(tab.config().resolved())
    qtbot.waitUntil(lambda: not warm_up.busy(), timeout=10000)  # its thread's end reaches the tab just after
    tab.set_preset("mlp-seed-256")
    assert warm_up.now() is True
    qtbot.waitUntil(lambda: not keras_worker().idle(), timeout=10000)
    same = []

    def record(job):
        same.append((job.kind, job.cancelled))

    warm_up.jobs.jobEnded.connect(record)
    with qtbot.waitSignal(tab.trained, timeout=120000) as blocker:
        assert tab.start()
        qtbot.waitUntil(lambda: tab.panel.status_label.text() == "Getting the network ready…", timeout=30000)
    assert blocker.args[0].result.status == "completed"
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    assert same == [("prepare", False)]  # the run's own network: not stopped, the run took it
    warm_up.jobs.jobEnded.disconnect(record)

    # A click for another network does not wait for a warm-up: Train stops it (the worker abandons it at its next
    # step, nothing of it kept: tests/test_warm_model.py, tests/test_keras_worker.py) and the run goes first.
    tab.set_preset("cnn")
    cnn = tab.config().resolved()
    assert not warm_up.holds(cnn) and warm_up.now() is True
    qtbot.waitUntil(lambda: keras_worker().running() == "prepare", timeout=10000)
    tab.set_preset("mlp-seed-256")
    ended = []
    warm_up.jobs.jobEnded.connect(lambda job: ended.append((job.kind, job.cancelled)))
    with qtbot.waitSignal(tab.trained, timeout=120000) as blocker:
        assert tab.start()
    assert blocker.args[0].result.status == "completed"
    qtbot.waitUntil(lambda: not tab.is_running() and bool(ended), timeout=10000)
    assert ended == [("prepare", True)] and not warm_up.busy()
    window.close()


def test_a_click_while_tensorflow_starts_says_so(qtbot, make_window):
    """At launch the worker is still importing TensorFlow (the window's "devices" job): a click waits for that, and
    the Train tab says what it waits for (it said "an evaluation or a fine-tune" before)."""
    from mnist_studio.ui.background.jobs import Jobs
    from mnist_studio.ui.background.worker import WorkerJob

    window = make_window()
    tab = window.train_tab
    tab.set_preset("mlp-seed-256")
    tab.form.subset_combo.setCurrentText("1,000")
    tab.form.epochs_spin.setValue(1)
    keras_worker().kill()  # a fresh worker process, as at launch
    jobs = Jobs()
    devices = WorkerJob("devices")
    jobs.start(devices)
    qtbot.waitUntil(lambda: keras_worker().running() == "devices", timeout=10000)
    with qtbot.waitSignal(tab.trained, timeout=180000) as blocker:
        assert tab.start()
        qtbot.waitUntil(lambda: tab.panel.status_label.text() == "Waiting for TensorFlow to start…", timeout=10000)
    assert blocker.args[0].result.status == "completed"
    assert jobs.wait_all(30000)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    window.close()

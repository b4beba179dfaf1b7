import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from mnist_studio.training import BatchEvent


def _setup(tab, preset="mlp-seed-256", epochs=1, subset="1,000", lr=None, optimizer=None, batch=None):
    tab.set_preset(preset)
    tab.epochs_spin.setValue(epochs)
    tab.subset_combo.setCurrentText(subset)
    if lr is not None:
        tab.lr_edit.setText(lr)
    if optimizer is not None:
        tab.optimizer_combo.setCurrentText(optimizer)
    if batch is not None:
        tab.batch_spin.setValue(batch)


def test_train_end_to_end_shows_chart_lists_run_and_offers_model(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    _setup(tab, batch=32)
    assert tab.validate() is None and tab.train_button.isEnabled()
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        qtbot.mouseClick(tab.train_button, Qt.MouseButton.LeftButton)
        assert not tab.train_button.isEnabled() and tab.stop_button.isEnabled()
    result = blocker.args[0]
    assert result.status == "completed" and result.train_size == 1000
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    assert tab.train_button.isEnabled() and not tab.stop_button.isEnabled()
    QApplication.processEvents()
    tab.chart._flush()
    assert tab.chart.point_count() >= 2 and len(tab.chart.val_x) == 1
    assert tab.progress.value() == 1000
    assert "test accuracy" in tab.status_label.text()
    records = window.store.list()
    assert len(records) == 1 and records[0].status == "completed"
    assert window.evaluate_tab.runs_table.rowCount() == 1
    assert window.evaluate_tab.model_picker.findData(f"run:{records[0].id}") >= 0
    panel = window.draw_tab.panel("trained")
    assert "mlp-seed-256" in panel.title.text() and panel.state() == "blank"
    assert window.draw_tab._predictors["trained"] is result.extra["predictor"]


def test_preset_summary_and_defaults(make_window):
    tab = make_window().train_tab
    tab.set_preset("cnn-seed")
    kinds = [tab.summary.item(r, 1).text() for r in range(tab.summary.rowCount())]
    assert kinds[1] == "Conv2D" and kinds[-1] == "Dense"
    assert tab.batch_spin.value() == 32 and tab.lr_edit.text() == "0.001"
    assert "Total parameters" in tab.summary_total.text()
    tab.set_preset("cnn")
    assert tab.augment_check.isChecked()
    for name in ("presetCombo", "epochsSpin", "batchSizeSpin", "learningRate", "subsetCombo", "trainButton",
                 "stopButton", "trainProgress", "deviceLabel", "lossChart"):
        assert tab.findChild(object, name) is not None, name
    assert tab.device_label.text().startswith("Device: ")


@pytest.mark.parametrize("field,value", [("lr", "abc"), ("lr", "-1"), ("lr", "0"), ("subset", "lots"),
                                         ("subset", "999999")])
def test_invalid_fields_are_highlighted_and_block_training(make_window, field, value):
    tab = make_window().train_tab
    widget = tab.lr_edit if field == "lr" else tab.subset_combo
    if field == "lr":
        tab.lr_edit.setText(value)
    else:
        tab.subset_combo.setCurrentText(value)
    assert tab.validate() is not None
    assert "border" in widget.styleSheet()
    assert not tab.train_button.isEnabled()
    assert tab.message_label.text()
    assert tab.start() is False
    tab.set_preset("mlp")  # back to valid defaults
    tab.subset_combo.setCurrentText("1,000")
    assert tab.validate() is None and tab.train_button.isEnabled() and widget.styleSheet() == ""


def test_divergence_stops_with_an_explanation_and_the_ui_stays_usable(qtbot, make_window):
    tab = make_window().train_tab
    _setup(tab, epochs=3, lr="1e30", optimizer="sgd")
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        assert tab.start()
    assert blocker.args[0].status == "failed"
    assert "diverged" in tab.message_label.text()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    assert tab.train_button.isEnabled() and tab.preset_combo.isEnabled()


def test_stop_keeps_the_partly_trained_model_and_double_clicks_are_harmless(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    _setup(tab, epochs=50, batch=8, subset="2,000")
    first_batch = []

    def on_batch(event):
        if not first_batch:
            first_batch.append(event)
            tab.stop()
            tab.stop()  # stopping twice

    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        assert tab.start()
        assert tab.start() is False  # starting twice
        tab.thread.worker.batch.connect(on_batch)
    result = blocker.args[0]
    assert result.status == "stopped" and isinstance(first_batch[0], BatchEvent)
    assert len(result.history) == 1 and result.history[0]["partial"]
    assert window.store.list()[0].status == "stopped"
    assert "Stopped" in tab.status_label.text()


def test_closing_mid_run_stops_and_joins_within_two_seconds(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    _setup(tab, epochs=50, batch=8, subset="2,000")
    assert tab.start()
    qtbot.waitUntil(lambda: tab.progress.value() > 0, timeout=30000)
    thread = tab.thread
    start = time.perf_counter()
    window.close()
    assert time.perf_counter() - start < 2.0
    assert not thread.isRunning() and thread.isFinished()


def test_unwritable_run_folder_keeps_the_model_in_memory(qtbot, make_window, tmp_path):
    from mnist_studio.runs import RunStore

    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    window = make_window(store=RunStore(blocker_file / "runs"))
    tab = window.train_tab
    _setup(tab)
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        tab.start()
    result = blocker.args[0]
    assert "save_error" in result.extra and "Could not save the run" in tab.message_label.text()
    assert tab.save_as_button.isVisibleTo(tab)
    assert "trained" in window.draw_tab.panels()  # still usable in the Draw tab
    out = tmp_path / "elsewhere.keras"
    tab.save_model_to(str(out))
    from mnist_studio.inference import Predictor

    assert Predictor.load(out).predict(np.zeros((1, 28, 28))).shape == (1, 10)


def test_out_of_memory_is_explained_and_offers_the_cpu(qtbot, make_window, monkeypatch):
    """A GPU running out of memory (simulated: fit raises TensorFlow's ResourceExhaustedError)."""
    from mnist_studio.device import DeviceInfo
    from mnist_studio.tf import keras, tf

    def exhausted(self, *args, **kwargs):
        raise tf.errors.ResourceExhaustedError(None, None, "OOM when allocating tensor with shape [128,16,28,28]")

    monkeypatch.setattr(keras.Model, "fit", exhausted)
    window = make_window()
    tab = window.train_tab
    tab.set_tf_ready([DeviceInfo("GPU", "Test GPU", "/CPU:0"), DeviceInfo("CPU", "cpu", "/CPU:0", "x")])
    assert tab.device_combo.isVisibleTo(tab)  # a device choice when more than one exists
    _setup(tab)
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        tab.start()
    assert blocker.args[0].status == "failed"
    assert "Out of memory" in tab.message_label.text() and "CPU" in tab.message_label.text()
    assert tab.cpu_button.isVisibleTo(tab)

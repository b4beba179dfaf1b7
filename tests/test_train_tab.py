import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from mnist_studio.networks.models import PRESETS
from mnist_studio.networks.training import BatchEvent
from mnist_studio.ui.background.jobs import JobThread

needs_design = pytest.mark.skipif("mlp-custom" not in PRESETS, reason="the core's designed-network presets")


def set_up_run(tab, preset="mlp-seed-256", epochs=1, subset="1,000", lr=None, optimizer=None, batch=None):
    tab.set_preset(preset)
    tab.form.epochs_spin.setValue(epochs)
    tab.form.subset_combo.setCurrentText(subset)
    if lr is not None:
        tab.form.lr_edit.setText(lr)
    if optimizer is not None:
        tab.form.optimizer_combo.setCurrentText(optimizer)
    if batch is not None:
        tab.form.batch_spin.setValue(batch)


def test_train_end_to_end_shows_chart_lists_run_and_offers_model(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    set_up_run(tab, batch=32)
    assert tab.validate() is None and tab.panel.train_button.isEnabled()
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        qtbot.mouseClick(tab.panel.train_button, Qt.MouseButton.LeftButton)
        assert not tab.panel.train_button.isEnabled() and tab.panel.stop_button.isEnabled()
        assert not tab.form.isEnabled()
    run = blocker.args[0]
    result = run.result
    assert result.status == "completed"
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    assert tab.panel.train_button.isEnabled() and not tab.panel.stop_button.isEnabled()
    QApplication.processEvents()
    tab.panel.chart.flush()
    assert len(tab.panel.chart.train_x) >= 2 and len(tab.panel.chart.smooth_loss) == len(tab.panel.chart.train_x)
    assert len(tab.panel.chart.val_x) == 1
    assert tab.panel.progress.value() == 1000
    status = tab.panel.status_label.text()
    assert "test accuracy" in status and "500 test images" in status and status.count("%") == 1  # once, as test
    records = window.store.list()
    assert len(records) == 1 and records[0].status == "completed"
    assert window.evaluate_tab.compare_page.runs_table.rowCount() == 1
    assert window.evaluate_tab.model_picker.findData(f"run:{records[0].id}") >= 0
    panel = window.draw_tab.panel("trained")
    assert "mlp-seed-256" in panel.title.text() and panel.state() == "blank"
    assert window.draw_tab.predictor("trained") is run.predictor


def test_preset_summary_and_defaults(qtbot, make_window):
    tab = make_window().train_tab
    tab.set_preset("cnn-seed")
    tab.arch.flush()
    kinds = [tab.arch.table.item(r, 1).text() for r in range(tab.arch.table.rowCount())]
    assert "Conv2D" in kinds[:2] and kinds[-1] == "Dense"
    assert tab.form.batch_spin.value() == 32 and tab.form.lr_edit.text() == "0.001"
    assert "Total parameters" in tab.arch.total.text()
    tab.set_preset("cnn")
    assert tab.form.augment_check.isChecked()
    for name in ("presetCombo", "epochsSpin", "batchSizeSpin", "learningRate", "subsetCombo", "trainButton",
                 "stopButton", "trainProgress", "deviceLabel", "lossChartSlot", "validationCombo", "keepBestCheck",
                 "datasetCombo", "splitLabel", "smoothingSlider", "exportChartButton"):
        assert tab.findChild(object, name) is not None, name
    assert tab.device_label.text().startswith("Device: ")


def test_split_is_said_before_training_and_follows_the_fields(qtbot, make_window):
    from mnist_studio.ui.train.train_tab import TrainTab

    full = TrainTab()  # the real sizes: 60,000 training and 10,000 test images
    qtbot.addWidget(full)
    full.form.subset_combo.setCurrentText("60,000")
    assert full.form.split_label.text() == "55,000 train · 5,000 validation · 10,000 test"
    full.form.subset_combo.setCurrentText("10,000")
    assert full.form.split_label.text() == "9,000 train · 1,000 validation · 10,000 test"
    full.form.validation_combo.setCurrentText("2,000")
    assert full.form.split_label.text() == "8,000 train · 2,000 validation · 10,000 test"
    tab = make_window().train_tab  # the small slice the fixtures hand in: 2,000 training, 500 test
    tab.form.subset_combo.setCurrentText("1,000")
    assert tab.form.split_label.text() == "900 train · 100 validation · 500 test"


@pytest.mark.parametrize("field,value,words", [
    ("lr", "abc", "learning rate"), ("lr", "-1", "learning rate"), ("lr", "0", "learning rate"),
    ("subset", "lots", "training"), ("subset", "999999", "training"),
    ("epochs", 0, "epochs"), ("batch", 0, "batch size"),
    ("validation", "abc", "validation"), ("validation", "1,000", "validation"),
])
def test_invalid_fields_are_named_highlighted_and_block_training(make_window, field, value, words):
    tab = make_window().train_tab
    tab.form.subset_combo.setCurrentText("1,000")
    form = tab.form
    widget = {"lr": form.lr_edit, "subset": form.subset_combo, "epochs": form.epochs_spin, "batch": form.batch_spin,
              "validation": form.validation_combo}[field]
    if field in ("epochs", "batch"):
        widget.setValue(value)
        assert widget.value() == 0  # kept as typed, not silently put back
    elif field == "lr":
        widget.setText(value)
    else:
        widget.setCurrentText(value)
    assert tab.validate() is not None
    assert "border" in widget.styleSheet()
    assert not tab.panel.train_button.isEnabled()
    assert words in tab.panel.message_label.text().lower()
    assert tab.start() is False and tab.thread is None  # nothing starts
    tab.set_preset("mlp")  # back to valid defaults
    tab.form.subset_combo.setCurrentText("1,000")
    tab.form.validation_combo.setCurrentIndex(0)
    assert tab.validate() is None and tab.panel.train_button.isEnabled() and widget.styleSheet() == ""
    assert tab.panel.message_label.text() == ""


@needs_design
@pytest.mark.parametrize("field,value,words", [
    ("hidden", "0", "hidden"), ("hidden", "abc", "hidden"), ("hidden", ",".join(["4096"] * 30), "parameters"),
    ("dropout", "1.5", "dropout"), ("dropout", "abc", "dropout"),
])
def test_bad_designs_are_named_and_nothing_starts(make_window, field, value, words):
    tab = make_window().train_tab
    tab.set_preset("mlp-custom")
    assert tab.form.design_box.isVisibleTo(tab) and tab.form.hidden_edit.isVisibleTo(tab)
    assert not tab.form.conv_edit.isVisibleTo(tab)
    widget = {"hidden": tab.form.hidden_edit, "dropout": tab.form.dropout_edit}[field]
    widget.setText(value)
    assert tab.validate() is not None
    assert words in tab.panel.message_label.text().lower() and "border" in widget.styleSheet()
    if field == "hidden" and len(value) > 100:
        text = tab.panel.message_label.text()
        assert "489,914,378" in text and "GB" in text  # the parameter count and the memory it needs
    assert tab.start() is False and tab.thread is None


@needs_design
def test_kernel_larger_than_the_feature_map_is_refused(make_window):
    tab = make_window().train_tab
    tab.set_preset("cnn-custom")
    assert tab.form.conv_edit.isVisibleTo(tab) and not tab.form.hidden_edit.isVisibleTo(tab)
    tab.form.conv_edit.setText("16,32,64,128")
    tab.form.kernel_spin.setValue(9)
    assert tab.validate() is not None and "kernel" in tab.panel.message_label.text().lower()
    assert "border" in tab.form.kernel_spin.styleSheet() or "border" in tab.form.conv_edit.styleSheet()
    assert tab.start() is False


@needs_design
def test_design_updates_the_table_and_count_as_you_type(qtbot, make_window):
    tab = make_window().train_tab
    tab.set_preset("mlp-custom")
    tab.form.hidden_edit.setText("64")
    tab.form.dropout_edit.setText("0")
    tab.arch.flush()
    assert "50,890" in tab.arch.total.text()  # 784*64+64 + 64*10+10
    tab.form.hidden_edit.setText("64,32")
    assert "52,650" in tab.arch.total.text()  # at once, from the estimate: 784*64+64 + 64*32+32 + 32*10+10
    tab.arch.flush()
    assert [tab.arch.table.item(r, 1).text() for r in range(tab.arch.table.rowCount())].count("Dense") == 3


def test_picking_a_preset_lays_the_form_out_at_once(qtbot, make_window):
    """The layer table fills in the same turn as the choice: the fields below it are where they will stay once
    the window's posted layout events have run, not 250 ms later under the mouse (an end-to-end click on the
    training-images field landed on the learning-rate field that had moved there)."""
    from PySide6.QtCore import QCoreApplication, QPoint

    window = make_window()
    tab = window.train_tab
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.arch.table.rowCount() > 0)
    field = tab.form.subset_combo
    before = field.mapTo(window, QPoint(0, 0))
    tab.set_preset("cnn")
    assert tab.arch.table.rowCount() == len(tab.arch.rows()) > 6  # the CNN's table, without a flush
    QCoreApplication.sendPostedEvents()  # the layout requests: what the next turn of the event loop runs first
    QCoreApplication.sendPostedEvents()
    at_once = field.mapTo(window, QPoint(0, 0))
    assert at_once != before, "the CNN's longer table should move the field down (else this test shows nothing)"
    qtbot.wait(400)
    assert field.mapTo(window, QPoint(0, 0)) == at_once


@needs_design
def test_make_deeper_is_one_click_and_trains(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    set_up_run(tab, preset="mlp-seed-256", batch=64)
    assert tab.form.deeper_button.isVisibleTo(tab)
    qtbot.mouseClick(tab.form.deeper_button, Qt.MouseButton.LeftButton)
    assert tab.preset_name() == "mlp-custom" and tab.form.hidden_edit.text() == "256,256"
    assert tab.form.batch_spin.value() == 64 and tab.validate() is None
    tab.form.subset_combo.setCurrentText("1,000")
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        tab.start()
    assert blocker.args[0].result.status == "completed"
    assert blocker.args[0].result.config.hidden == (256, 256)


def test_fashion_mnist_unavailable_offline_is_named_and_nothing_starts(make_window):
    from mnist_studio.ui.train.checks import dataset_problem

    tab = make_window().train_tab
    tab.form.dataset_combo.setCurrentIndex(tab.form.dataset_combo.findData("fashion"))
    problem = dataset_problem("fashion")
    if problem is None:
        pytest.skip("Fashion-MNIST is available on this machine")
    assert tab.validate() == problem and "fashion" in problem.lower()
    assert "border" in tab.form.dataset_combo.styleSheet() and not tab.panel.train_button.isEnabled()
    assert tab.start() is False


def test_divergence_stops_with_an_explanation_and_the_ui_stays_usable(qtbot, make_window):
    tab = make_window().train_tab
    set_up_run(tab, epochs=3, lr="1e30", optimizer="sgd")
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        assert tab.start()
    assert blocker.args[0].result.status == "failed"
    assert "diverged" in tab.panel.message_label.text()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    assert tab.panel.train_button.isEnabled() and tab.form.preset_combo.isEnabled()


def test_stop_keeps_the_partly_trained_model_and_double_clicks_are_harmless(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    set_up_run(tab, epochs=50, batch=8, subset="2,000")
    first_batch = []

    def on_batch(event):
        if not first_batch:
            first_batch.append(event)
            tab.stop()
            tab.stop()  # stopping twice

    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        assert tab.start()
        assert tab.start() is False  # starting twice
        tab.thread.job.batch.connect(on_batch)
    result = blocker.args[0].result
    assert result.status == "stopped" and isinstance(first_batch[0], BatchEvent)
    assert len(result.history) == 1 and result.history[0]["partial"]
    assert window.store.list()[0].status == "stopped"
    assert "Stopped" in tab.panel.status_label.text()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)


def test_unwritable_run_folder_keeps_the_model_in_memory(qtbot, make_window, tmp_path):
    from mnist_studio.storage.runs import RunStore

    blocker_file = tmp_path / "not-a-folder"
    blocker_file.write_text("x")
    window = make_window(store=RunStore(blocker_file / "runs"))
    tab = window.train_tab
    set_up_run(tab)
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        tab.start()
    run = blocker.args[0]
    assert run.save_error and "Could not save the run" in tab.panel.message_label.text()
    assert tab.panel.save_as_button.isVisibleTo(tab)
    assert "trained" in window.draw_tab.panels()  # still usable in the Draw tab
    out = tmp_path / "elsewhere.keras"
    tab.save_model_to(str(out))
    from mnist_studio.prediction.inference import Predictor

    assert Predictor.load(out).predict(np.zeros((1, 28, 28))).shape == (1, 10)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)


def test_chart_export_to_an_unwritable_path_is_a_message(qtbot, make_window, tmp_path):
    tab = make_window().train_tab
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert tab.export_chart(str(blocker / "chart.png")) is False
    assert "Could not export the chart" in tab.panel.message_label.text()
    assert tab.panel.message_label.property("kind") == "error"
    assert tab.export_chart(str(tmp_path / "chart.png")) is True
    assert (tmp_path / "chart.png").stat().st_size > 1000 and "Chart saved" in tab.panel.message_label.text()


def test_out_of_memory_is_explained_and_offers_the_cpu(qtbot, make_window, monkeypatch):
    """A GPU running out of memory (simulated in a worker of its own: every fit raises MemoryError)."""
    from mnist_studio.runtime.backend import DeviceInfo
    from mnist_studio.worker import client as worker_client

    monkeypatch.setenv("MNIST_STUDIO_WORKER_INJECT", "oom")
    worker = worker_client.KerasWorker()
    monkeypatch.setattr(worker_client, "_SHARED", worker)
    window = make_window()
    tab = window.train_tab
    tab.set_tf_ready([DeviceInfo("GPU", "Test GPU", "/CPU:0"), DeviceInfo("CPU", "cpu", "/CPU:0", "x")])
    assert tab.device_combo.isVisibleTo(tab)  # a device choice when more than one exists
    set_up_run(tab)
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        tab.start()
    assert blocker.args[0].result.status == "failed"
    assert "Out of memory" in tab.panel.message_label.text() and "CPU" in tab.panel.message_label.text()
    assert tab.panel.cpu_button.isVisibleTo(tab)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    worker.shutdown()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_projector_mode_text_is_large_and_the_form_fits(qtbot, make_window, size):
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit

    window = make_window()
    window.tabs.setCurrentIndex(1)
    window.set_projector_mode(True)
    window.showNormal()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0], timeout=2000)
    tab = window.train_tab
    tab.arch.flush()
    QApplication.processEvents()
    small = []
    for widget in tab.findChildren(QWidget):
        if widget.isVisibleTo(tab) and isinstance(widget, (QLabel, QAbstractButton, QComboBox, QLineEdit)):
            if QFontInfo(widget.font()).pixelSize() < 16:
                small.append(widget.objectName() or type(widget).__name__)
    assert not small
    chart = tab.panel.chart
    for chart_text in (chart.ax_loss.xaxis.get_major_ticks()[0].label1,  # hidden while empty, sized all the same
                       chart.ax_loss.get_legend().get_texts()[0]):
        assert chart_text.get_fontsize() * chart.figure.dpi / 72 >= 16
    # the form is not cut at the right (once the layout has followed the window from full screen)
    qtbot.waitUntil(lambda: tab.scroll.widget().width() <= tab.scroll.viewport().width(), timeout=3000)
    viewport = tab.scroll.viewport().width()
    form = tab.form
    for widget in (form.preset_combo, form.lr_edit, form.validation_combo, form.keep_best_check, tab.arch.table):
        right = widget.mapTo(tab.scroll.widget(), widget.rect().topRight()).x()
        assert right <= viewport, widget.objectName()
    window.set_projector_mode(False)


def test_train_again_right_after_a_run_even_before_the_thread_end_is_processed(qtbot, make_window):
    tab = make_window().train_tab
    set_up_run(tab, batch=64)
    with qtbot.waitSignal(tab.trained, timeout=60000):
        assert tab.start()
    first = tab.thread
    first.wait(10000)  # the thread has ended; its "finished" may still be queued
    assert tab.start()  # not refused as "still running"
    assert tab.thread is not first and tab.is_running()
    QApplication.processEvents()  # the old thread's queued "finished" arrives now: the new run stays running
    assert tab.is_running() and tab.panel.stop_button.isEnabled()
    with qtbot.waitSignal(tab.trained, timeout=60000):
        pass
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    # The first run's thread (holding its worker and result) is gone: runs do not pile up in the window.
    qtbot.waitUntil(lambda: not shiboken6.isValid(first), timeout=5000)
    assert len(tab.findChildren(JobThread)) == 1


@pytest.mark.parametrize("preset,deeper", [("mlp", "512,256,256"), ("mlp-seed-1000", "1000,1000"),
                                           ("softmax", "256"), ("mlp-custom", "512,256,256")])
def test_make_deeper_adds_one_hidden_layer_to_the_network_shown(make_window, preset, deeper):
    tab = make_window().train_tab
    tab.set_preset(preset)
    tab.form.deeper_button.click()
    assert tab.preset_name() == "mlp-custom" and tab.form.hidden_edit.text() == deeper
    assert tab.validate() is None
    tab.set_preset("cnn")
    assert not tab.form.deeper_button.isVisibleTo(tab)  # only MLPs have hidden layers to deepen

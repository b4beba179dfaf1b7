"""The Train tab's running line and progress bar change at most four times a second, whatever the batch rate.

Each new text of the status line lays the tab out again and repaints the learning views beside it; at the batch
events' rate (up to 20 a second) that was most of the window's work while a network trained."""

import time

from PySide6.QtCore import Qt

from mnist_studio.ui.train import run_panel
from mnist_studio.ui.train.run_panel import BATCH_LINE_INTERVAL_S


def test_a_real_run_changes_the_batch_line_at_most_four_times_a_second(qtbot, make_window, monkeypatch):
    window = make_window()
    tab = window.train_tab
    tab.set_preset("mlp-seed-256")
    tab.form.epochs_spin.setValue(3)
    tab.form.subset_combo.setCurrentText("1,000")
    tab.form.batch_spin.setValue(8)  # 113 batches an epoch: batch events as fast as they are sent
    label, bar = tab.panel.status_label, tab.panel.progress
    lines, values, batches = [], [], []
    set_text, set_value, add_batches = label.setText, bar.setValue, tab.panel.chart.add_batches
    monkeypatch.setattr(label, "setText", lambda text: (lines.append((time.monotonic(), text)), set_text(text)))
    monkeypatch.setattr(bar, "setValue", lambda v: (values.append(v), set_value(v)))
    monkeypatch.setattr(tab.panel.chart, "add_batches",
                        lambda *a: (batches.append(time.monotonic()), add_batches(*a)))
    with qtbot.waitSignal(tab.trained, timeout=60000):
        qtbot.mouseClick(tab.panel.train_button, Qt.MouseButton.LeftButton)
    epoch_lines = [(t, text) for t, text in lines if text.startswith("Epoch")]
    assert len(epoch_lines) >= 3 and len(batches) > len(epoch_lines)  # every event drew the chart, not the line
    def last_of_epoch(text):
        done, total = text.split("batch ")[1].split(" ")[0].split("/")
        return done == total

    for (t0, text0), (t1, text1) in zip(epoch_lines, epoch_lines[1:], strict=False):
        if not last_of_epoch(text1):  # an epoch's last batch is shown at once, whatever the time
            assert t1 - t0 >= BATCH_LINE_INTERVAL_S * 0.95, (text0, text1, t1 - t0)
    for epoch in (1, 2, 3):  # each epoch ends on its own line
        assert any(text.startswith(f"Epoch {epoch}/3 · batch 113/113") for _t, text in epoch_lines)
    assert values == sorted(values) and bar.value() == 1000 and "test accuracy" in label.text()


def test_the_batch_line_waits_its_turn_unless_told_now(qtbot, monkeypatch):
    panel = run_panel.RunPanel()
    qtbot.addWidget(panel)
    clock = [100.0]
    monkeypatch.setattr(run_panel.time, "monotonic", lambda: clock[0])
    panel.show_batch(10, "Epoch 1/2 · batch 1/9")
    panel.show_batch(20, "Epoch 1/2 · batch 2/9")  # the same moment: kept back
    assert (panel.progress.value(), panel.status_label.text()) == (10, "Epoch 1/2 · batch 1/9")
    clock[0] += BATCH_LINE_INTERVAL_S
    panel.show_batch(30, "Epoch 1/2 · batch 3/9")
    assert (panel.progress.value(), panel.status_label.text()) == (30, "Epoch 1/2 · batch 3/9")
    panel.show_batch(500, "Epoch 1/2 · batch 9/9", now=True)  # an epoch's end: at once
    panel.show_batch(510, None)  # too soon, and no line: nothing changes
    assert (panel.progress.value(), panel.status_label.text()) == (500, "Epoch 1/2 · batch 9/9")
    clock[0] += 1
    panel.show_batch(520, None)  # the window closing: the bar moves, the line stays
    assert (panel.progress.value(), panel.status_label.text()) == (520, "Epoch 1/2 · batch 9/9")

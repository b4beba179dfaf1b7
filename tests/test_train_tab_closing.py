"""Closing the window while the Train tab trains: the question (keep the partial model / discard / cancel),
what each answer does, and a thread still finishing."""

import numpy as np
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from test_train_tab import set_up_run


def _answer_close_dialog(button_name: str, seen: list) -> None:
    """Click a button of the close question once it is up (it runs its own event loop)."""

    def poll():
        box = QApplication.activeModalWidget()
        button = box.findChild(QPushButton, button_name) if box is not None else None
        if button is None:
            QTimer.singleShot(10, poll)
            return
        seen.append(box.text())
        button.click()

    QTimer.singleShot(0, poll)


def _closing_window(qtbot, make_window, small_data, mnist, preset="cnn-seed"):
    """A window training ``preset`` on 2,000 images with the full 10,000-image test set, mid-run."""
    window = make_window(train_data=(small_data[0], mnist[1]))
    tab = window.train_tab
    set_up_run(tab, preset=preset, epochs=20, batch=16, subset="2,000")
    assert tab.start()
    qtbot.waitUntil(lambda: tab.panel.progress.value() > 0, timeout=60000)
    return window, tab


def test_closing_mid_run_asks_and_keeps_the_partial_model(qtbot, make_window, small_data, mnist):
    window, tab = _closing_window(qtbot, make_window, small_data, mnist)
    thread = tab.thread
    seen = []
    _answer_close_dialog("closeKeepButton", seen)
    assert window.close() is False  # the window stays while the run stops and saves
    assert seen and "still training" in seen[0]
    assert window.isVisible() and "Closing" in tab.panel.status_label.text()
    assert not tab.panel.train_button.isEnabled()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60000)  # then it closes itself
    assert thread.isFinished()  # Qt never destroyed a running thread
    run = tab.last_run
    assert run.result.status == "stopped" and run.result.evaluation is None  # no test evaluation when closing
    assert run.predictor is None and run.closing == "keep"  # nor a predictor
    records = window.store.list()
    assert len(records) == 1 and records[0].status == "stopped" and records[0].model_path.is_file()
    from mnist_studio.prediction.inference import Predictor

    assert Predictor.load(records[0].model_path).predict(np.zeros((1, 28, 28))).shape == (1, 10)
    assert window.evaluate_tab.compare_page.runs_table.rowCount() == 0  # the closing window is not refreshed


def test_closing_mid_run_can_discard_or_cancel(qtbot, make_window, small_data, mnist):
    window, tab = _closing_window(qtbot, make_window, small_data, mnist, preset="mlp-seed-256")
    thread = tab.thread
    _answer_close_dialog("closeCancelButton", [])
    assert window.close() is False
    assert window.isVisible() and tab.is_running() and thread.isRunning() and tab.closing is None
    progress = tab.panel.progress.value()
    qtbot.waitUntil(lambda: tab.panel.progress.value() > progress, timeout=30000)  # still training
    _answer_close_dialog("closeDiscardButton", [])
    assert window.close() is False
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=60000)
    assert thread.isFinished() and window.store.list() == []  # nothing saved, nothing half-written
    assert not window.store.root.exists() or not any(window.store.root.iterdir())


def test_shutdown_reports_a_thread_that_is_still_finishing(qtbot, make_window, small_data, mnist):
    window, tab = _closing_window(qtbot, make_window, small_data, mnist)
    thread = tab.thread
    assert tab.shutdown(1) is False  # 1 ms: still stopping and saving, and it says so
    qtbot.waitUntil(thread.isFinished, timeout=60000)
    assert tab.shutdown() is True
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    assert window.store.list()[0].status == "stopped"  # shutdown keeps the partial model


def test_the_close_question_follows_the_run_and_goes_when_it_finishes(qtbot, make_window):
    """Asked mid-run, the question's progress text moves with the batches and epochs; a run that finishes (and
    is saved) while it is open closes the question and the window without asking anything more."""
    window = make_window()
    tab = window.train_tab
    set_up_run(tab, epochs=3, batch=32)
    assert tab.start()
    qtbot.waitUntil(lambda: "Epoch 1/3" in tab.panel.status_label.text(), timeout=60000)
    texts, boxes, polls = [], [], []

    def watch():
        polls.append(1)
        box = QApplication.activeModalWidget()
        if box is not None and box.objectName() == "closeDuringTraining":
            boxes.append(box)
            if not texts or texts[-1] != box.text():
                texts.append(box.text())
            if len(polls) > 6000:  # never hang the suite (about 30 s): give up on the run
                box.findChild(QPushButton, "closeCancelButton").click()
                return
        elif boxes:
            return  # the question has gone
        QTimer.singleShot(5, watch)

    QTimer.singleShot(0, watch)
    assert window.close() is True  # the run finished while the question was open: the window just closes
    assert boxes and len(texts) > 1, texts  # the text moved
    assert "Epoch 1/3" in texts[0] and any("Epoch 3/3" in t or "Evaluating" in t or "Saving" in t
                                           for t in texts[1:]), texts
    assert not window.isVisible() and tab.last_run.result.status == "completed"
    assert [r.status for r in window.store.list()] == ["completed"]

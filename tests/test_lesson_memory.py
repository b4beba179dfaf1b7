"""A lesson trains dozens of networks: the window keeps the newest run's model and the last few runs' evaluations
only, so its memory stays bounded however long the lesson (`benchmarks/worker_process.py` measures the RSS)."""

import gc
import weakref

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication

from mnist_studio.ui.evaluate.evaluate_tab import CACHED_RUNS


def test_a_lessons_runs_do_not_pile_up_in_the_window(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    kept = []  # weak references only: the test must not be what keeps a run alive
    tab.trained.connect(lambda run: kept.append((weakref.ref(run.predictor), weakref.ref(run.result.evaluation))))
    runs = CACHED_RUNS + 3
    for _ in range(runs):
        tab.set_preset("mlp-seed-256")
        tab.form.epochs_spin.setValue(1)
        tab.form.subset_combo.setCurrentText("1,000")
        tab.form.batch_spin.setValue(64)
        with qtbot.waitSignal(tab.trained, timeout=60000):
            assert tab.start()
        qtbot.waitUntil(lambda: not tab.is_running(), timeout=10000)
    assert len(kept) == runs
    # the window is idle again: the newest model's "not a digit?" check is fitted (an older model's fit, given up
    # when the next run replaced it, has ended: the fits take turns)
    qtbot.waitUntil(lambda: window.draw_tab.check_ready("trained"), timeout=60000)
    newest = window.draw_tab.predictor("trained")
    assert newest is kept[-1][0]()  # the Draw tab shows the last run's model
    del newest
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # ended jobs' threads, as the event loop does
    gc.collect()
    models = [i for i, (model, _) in enumerate(kept) if model() is not None]
    evaluations = [i for i, (_, evaluation) in enumerate(kept) if evaluation() is not None]
    assert models == [runs - 1]  # the newest, on the Draw and Inside tabs: every older model is freed
    assert evaluations == list(range(runs - CACHED_RUNS, runs))  # the evaluations Evaluate keeps at hand
    # An older run is still listed and can be evaluated again (in the worker) when picked.
    assert window.evaluate_tab.compare_page.runs_table.rowCount() == runs

"""The window and its Keras worker process over a lesson: memory, closing mid-run, the worker killed, a backend switch.

    python benchmarks/worker_process.py [--quick] [--runs 12] [--kills 8]

Everything goes through the real window (offscreen) and its Train tab, as a teacher's clicks would:
1. the window process' resident memory (RSS) after each of ``--runs`` trainings (MLP, 2,000 images, one
   epoch) once the window is idle again (the new model's "not a digit?" check fitted), growth from after the
   second to after the last (goal <= 10 MB);
2. the window's RSS while a CNN trains and a digit is drawn on the Draw tab again and again (goal <= 300 MB);
3. closing mid-run: seconds from the close choice to the run's thread ended, keep and discard (goal <= 1 s);
4. ``kill -9`` of the worker at ``--kills`` moments of a CNN run (spread from its start to its end): the window
   alive every time, the run marked failed, no corrupt run or half-written file left, the next run trains;
5. a backend switch (TensorFlow -> JAX) in the running window: the next training runs on JAX, no restart.
"""

import os
import signal
import tempfile
import time

import _util

_util.offscreen_qt()




def wait_for(app, predicate, timeout_s: float = 600.0) -> bool:
    """Run a real event loop (as the app's exec() does: deferred deletions happen) until ``predicate()``."""
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: (predicate() or time.monotonic() > end) and loop.quit())
    timer.start()
    if not predicate():
        loop.exec()
    timer.stop()
    return bool(predicate())


def summary(result) -> dict:
    """The little a benchmark needs of a finished run."""
    return {"status": result.status, "backend": result.extra.get("backend"),
            "accuracy": result.evaluation.accuracy if result.evaluation is not None else None}


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--runs", type=int, default=12)
    p.add_argument("--kills", type=int, default=8)
    args = p.parse_args()
    runs, kills = (3, 2) if args.quick else (args.runs, args.kills)

    from _window import ready_window
    from strokes import digit_strokes, replay

    from mnist_studio.runtime import backend
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.background.worker import keras_worker

    home = tempfile.mkdtemp()
    store = RunStore(f"{home}/runs")
    app, window = ready_window(home, store)
    tab = window.train_tab
    results = []  # what the benchmark reads of each run; holding the runs themselves (their models and 10,000
    # test probabilities) would grow this process' memory by the benchmark's doing, not the window's
    tab.trained.connect(lambda run: results.append(summary(run.result)))

    def train(preset, images, epochs=1, on_start=None):
        wait_for(app, lambda: not tab.is_running())
        before = len(results)
        tab.set_preset(preset)
        tab.form.subset_combo.setCurrentText(f"{images:,}")
        tab.form.epochs_spin.setValue(epochs)
        if not tab.start():
            raise SystemExit(f"the Train tab refused to start: {tab.validate()}")
        if on_start is not None:
            on_start()
        wait_for(app, lambda: not tab.is_running())
        return results[before] if len(results) > before else None

    # 1. memory over a lesson
    after, idle = [], []  # idle: whether the check was fitted (the window idle) when the figure was read
    for _ in range(runs):
        train("mlp", 2000)
        # measured once the window is idle again: the new model's "not a digit?" check is fitted in the window
        # after each run (a transient of a few tens of MB that this figure is not about)
        idle.append(wait_for(app, lambda: window.draw_tab.check_ready("trained"), 120))
        after.append(round(_util.rss_mb(), 1))
    growth = round(after[-1] - after[1], 1) if len(after) > 1 else None

    # 2. the window's memory with the Draw tab live while a CNN trains
    from mnist_studio.digits.data import load_mnist

    (_, _), (x_test, _) = load_mnist()
    strokes = digit_strokes(x_test[0])
    peak = [_util.rss_mb()]

    def draw_while_training():
        window.tabs.setCurrentIndex(0)
        while tab.is_running():
            replay(window.draw_tab.canvas, strokes)
            window.draw_tab.update_predictions()
            app.processEvents()
            peak.append(_util.rss_mb())
            window.draw_tab.canvas.clear()
    train("cnn", 5000 if not args.quick else 1000, on_start=draw_while_training)
    window.tabs.setCurrentIndex(1)

    # 3. closing mid-run: keep and discard (the window stays; the run's thread is what closing waits for)
    close_s = {}
    batches: list = []
    for keep in (True, False):
        wait_for(app, lambda: not tab.is_running())
        tab.set_preset("cnn")
        tab.form.subset_combo.setCurrentText("10,000")
        tab.form.epochs_spin.setValue(3)
        tab.start()
        thread = tab.thread
        batches.clear()
        thread.job.batch.connect(lambda *_: batches.append(1))
        wait_for(app, lambda: len(batches) >= 3)
        t0 = time.perf_counter()
        thread.job.close(keep=keep)
        wait_for(app, thread.isFinished, 30)
        close_s["keep" if keep else "discard"] = round(time.perf_counter() - t0, 3)
        wait_for(app, lambda: not tab.is_running())
        tab.closing = None

    # 4. the worker killed at spread moments of a run
    runs_before = len(store.list())
    t0 = time.perf_counter()
    baseline = train("cnn", 2000)
    run_s = time.perf_counter() - t0
    outcomes = []
    for i in range(kills):
        moment = run_s * (i + 0.5) / kills
        wait_for(app, lambda: not tab.is_running())
        tab.set_preset("cnn")
        tab.form.subset_combo.setCurrentText("2,000")
        tab.form.epochs_spin.setValue(1)
        before = len(results)
        tab.start()
        started = time.perf_counter()
        wait_for(app, lambda s=started, m=moment: time.perf_counter() - s >= m or not tab.is_running())
        pid, killed = keras_worker().pid, False
        if pid is not None and tab.is_running():
            os.kill(pid, signal.SIGKILL)
            killed = True
        wait_for(app, lambda: not tab.is_running(), 120)
        app.processEvents()
        replay(window.draw_tab.canvas, strokes)  # the window still reads a drawing, with numpy
        window.draw_tab.update_predictions()
        drawn = {k: p.digit() for k, p in window.draw_tab.panels().items()}
        window.draw_tab.canvas.clear()
        outcomes.append({"at_s": round(moment, 2), "killed": killed,
                         "finished_before_the_kill": len(results) > before,
                         "window_reads_a_7_after": all(d == 7 for d in drawn.values()),
                         "message": tab.panel.message_label.text()[:120]})
    listed = store.list()
    stray = [p.name for p in store.root.iterdir() if p.name.startswith(".") or not (p / "run.json").exists()]
    after_kills = train("mlp", 1000)

    # 5. switching the backend in the running window
    switched = None
    if "jax" in backend.installed():
        window.backend_choice.box.setCurrentIndex(window.backend_choice.box.findData("jax"))
        window.backend_choice.box.activated.emit(window.backend_choice.box.currentIndex())
        switched = train("mlp-seed-256", 1000)
    window.close()
    wait_for(app, lambda: not tab.is_running(), 30)
    _util.emit({
        "benchmark": "worker_process", "load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
        "window_imports_keras": any(m in __import__("sys").modules for m in ("tensorflow", "keras", "jax", "torch")),
        "memory": {"runs": runs, "rss_after_each_mb": after, "idle_when_read": idle,
                   "growth_after_second_mb": growth, "goal_mb": 10,
                   "meets_goal": growth is not None and growth <= 10},
        "drawing_while_training": {"window_rss_peak_mb": round(max(peak), 1), "goal_mb": 300,
                                   "meets_goal": max(peak) <= 300},
        "close_mid_run_s": {**close_s, "goal_s": 1.0, "meets_goal": max(close_s.values()) <= 1.0},
        "worker_killed": {"run_s": round(run_s, 2), "baseline_accuracy": baseline["accuracy"],
                          "moments": outcomes,
                          "runs_listed": len(listed),
                          "runs_expected": runs_before + 1 + sum(o["finished_before_the_kill"] for o in outcomes),
                          "skipped_records": [str(p) for p, _ in store.skipped], "stray_folders": stray,
                          "next_run_after_kills": after_kills["status"] if after_kills else None},
        "backend_switch": None if switched is None else {"backend_of_next_run": switched["backend"],
                                                         "test_accuracy": switched["accuracy"]},
    })
    keras_worker().shutdown()


if __name__ == "__main__":
    main()

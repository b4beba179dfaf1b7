"""The Train tab while the default CNN trains: event-loop stalls, overhead vs the CLI, class-demo time.

    python benchmarks/ui_responsiveness.py [--quick] [--images 10000] [--epochs 2] [--repeats 3]

The window runs as the app runs it: Keras is kept out of its process (``backend.forbid_keras``) and every
training goes to its Keras worker process.
1. A QTimer probe ticks every 10 ms in the real window while the CNN trains in the worker; a stall is
   the time between ticks beyond 10 ms (p99 and max over all Train-tab runs).
2. Train tab vs the CLI's code path (Trainer.run in the foreground, then RunStore.save, as
   `mnist-studio train` does; the Train tab saves the run too), same config, the CLI path in a process of
   its own kept warm between runs (as the worker is). After one discarded warm-up run of each, the two
   alternate in pairs (UI, CLI), (CLI, UI), ... so neither always runs first; every pair's overhead is
   reported with the median and the spread (min, max).
3. Class demo: the tuned CNN on 1,000 images, clicking Train to the test accuracy shown, measured in
   a fresh app process (the teacher's first click: the window has loaded its models as after a normal launch)
   and again for the second click in that process. Twice: the first click once the worker's background start
   is over (it has loaded MNIST and traced the form's network and the other tuned one, ``ui.train.warm_up``),
   and, "impatient", at once when the models are ready, while that background start still runs.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import _util

_util.offscreen_qt()


def _window(home: str):
    """The app's window with its shipped models, once its Keras worker is up (as after a normal launch)."""
    from _window import ready_window

    return ready_window(home)[1]


def cli_child(images: int, epochs: int) -> None:
    """The CLI's code path in a process of its own: one run per line read on stdin, one JSON line out."""
    import tempfile

    from mnist_studio.networks.training import TrainConfig, Trainer
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tempfile.mkdtemp())
    for _line in sys.stdin:
        t0 = time.perf_counter()
        result = Trainer(TrainConfig(preset="cnn", subset=images, epochs=epochs)).run()
        store.save(result)
        print(json.dumps({"wall": time.perf_counter() - t0, "accuracy": result.evaluation.accuracy}), flush=True)


def _train_in_ui(app, window, subset: int, n_epochs: int, probe: bool):
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    tab = window.train_tab
    while tab.is_running():  # the previous run's thread is still winding down: let it finish first
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
    window.tabs.setCurrentIndex(1)
    tab.set_preset("cnn")
    tab.form.subset_combo.setCurrentText(str(subset))
    tab.form.epochs_spin.setValue(n_epochs)
    ticks = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(clock.nsecsElapsed() / 1e9))
    loop = QEventLoop()
    results = []

    def done(run):
        results.append((time.perf_counter(), run.result))
        loop.quit()

    tab.trained.connect(done)
    clock.start()
    if probe:
        timer.start()
    t0 = time.perf_counter()
    if not tab.start():
        raise SystemExit(f"the Train tab refused to start: {tab.validate()}")
    loop.exec()
    timer.stop()
    tab.trained.disconnect(done)
    finished, result = results[0]
    app.processEvents()
    gaps = [max(0.0, b - a - 0.010) for a, b in zip(ticks, ticks[1:], strict=False)]
    return finished - t0, result, gaps




def class_demo_child(quick: bool, impatient: bool) -> dict:
    """Run in a fresh process: the first click (cold) and the second click (warm) of the class demo. The first
    click comes once the worker's background start is over (it has traced the form's and the other tuned
    network: ``ui.train.warm_up``) and it is idle, as for a teacher who clicks a few seconds after the launch;
    ``impatient``: at once when the models are ready, while that background start still runs."""
    import tempfile

    from PySide6.QtCore import QEventLoop

    from mnist_studio.networks.training import TrainConfig
    from mnist_studio.ui.app import make_app
    from mnist_studio.ui.background.worker import keras_worker

    t_launch = time.perf_counter()
    app = make_app()
    window = _window(tempfile.mkdtemp())
    ready = time.perf_counter() - t_launch
    epochs = 1 if quick else 8
    background_s = None
    if not impatient:
        demo = TrainConfig(preset="cnn", subset=1000, epochs=epochs).resolved()
        t0 = time.perf_counter()
        idle_since = None
        while time.perf_counter() - t0 < 120:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
            quiet = window.train_tab.warm_up.holds(demo) and keras_worker().idle()
            idle_since = (idle_since or time.perf_counter()) if quiet else None
            if idle_since is not None and time.perf_counter() - idle_since >= 0.5:
                break
        background_s = round(time.perf_counter() - t0, 2)
    cold, cold_result, _ = _train_in_ui(app, window, 1000, epochs, probe=False)
    warm, warm_result, _ = _train_in_ui(app, window, 1000, epochs, probe=False)
    window.close()
    return {"epochs": epochs, "models_ready_after_launch_s": round(ready, 2),
            "click": "at once when the models are ready" if impatient else "after the worker's background start",
            "background_start_after_models_ready_s": background_s,
            "first_click_s": round(cold, 2), "first_click_test_accuracy": cold_result.evaluation.accuracy,
            "second_click_s": round(warm, 2), "second_click_test_accuracy": warm_result.evaluation.accuracy}


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--images", type=int, default=10000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3, help="pairs of (Train tab, CLI) runs after the warm-up")
    p.add_argument("--class-demo-child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--impatient", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--cli-child", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.class_demo_child:
        print(json.dumps(class_demo_child(args.quick, args.impatient)))
        return
    if args.cli_child:
        cli_child(args.images, args.epochs)
        return
    images, epochs, repeats = (1000, 1, 1) if args.quick else (args.images, args.epochs, args.repeats)

    # 3 first, each in its own fresh process (nothing of this process' warm state can help it).
    demo = []
    for impatient in (False, True):
        child = subprocess.run([sys.executable, __file__, "--class-demo-child"] + (["--quick"] if args.quick else [])
                               + (["--impatient"] if impatient else []),
                               capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        if child.returncode != 0:
            raise SystemExit(f"class-demo child failed:\n{child.stderr[-3000:]}")
        demo.append(json.loads(child.stdout.strip().splitlines()[-1]))

    import tempfile

    from mnist_studio.ui.app import make_app

    app = make_app()
    home = tempfile.mkdtemp()
    window = _window(home)
    cli = subprocess.Popen([sys.executable, __file__, "--cli-child", "--images", str(images), "--epochs", str(epochs)],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ui_run():
        wall, result, gaps = _train_in_ui(app, window, images, epochs, probe=True)
        return wall, result.evaluation.accuracy, gaps

    def cli_run():
        cli.stdin.write("run\n")
        cli.stdin.flush()
        answer = json.loads(cli.stdout.readline())
        return answer["wall"], answer["accuracy"], []

    ui_run()  # warm-ups, discarded: each process loads MNIST and traces its graphs once
    cli_run()
    ui_walls, cli_walls, stalls, accuracies, pairs = [], [], [], {"ui": [], "cli": []}, []
    for i in range(repeats):
        order = (("ui", ui_run), ("cli", cli_run)) if i % 2 == 0 else (("cli", cli_run), ("ui", ui_run))
        walls = {}
        for name, run in order:
            wall, acc, gaps = run()
            walls[name] = wall
            accuracies[name].append(acc)
            stalls += gaps
        ui_walls.append(walls["ui"])
        cli_walls.append(walls["cli"])
        pairs.append(100 * (walls["ui"] - walls["cli"]) / walls["cli"])
    window.close()
    cli.stdin.close()
    cli.wait(60)
    window_rss = _util.rss_mb()
    _util.emit({"load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
        "benchmark": "ui_responsiveness", "images": images, "epochs": epochs, "pairs": repeats,
        "stall_ms": _util.percentiles(stalls),
        "train_tab_wall_s": [round(v, 2) for v in ui_walls], "cli_wall_s": [round(v, 2) for v in cli_walls],
        "cli_includes_saving_the_run": True,
        "train_tab_overhead_percent": {"per_pair": [round(v, 2) for v in pairs],
                                       "median": round(statistics.median(pairs), 2),
                                       "min": round(min(pairs), 2), "max": round(max(pairs), 2)},
        "test_accuracy": {k: [round(a, 4) for a in v] for k, v in accuracies.items()},
        "class_demo_1k": demo,
        "window_imports_keras": any(m in sys.modules for m in ("tensorflow", "keras", "jax", "torch")),
        "window_rss_mb_at_end": round(window_rss, 1),
    })


if __name__ == "__main__":
    main()

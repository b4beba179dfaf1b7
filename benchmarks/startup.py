"""Start-up: time from process start to a drawn digit read by both models, in a fresh process per run.

    python benchmarks/startup.py [--quick] [--repeats 3] [--tabs 0,1,2]

Each run spawns the real app (``MainWindow``, ``start_background_work`` with the app's preload delay) on
private settings whose ``lastTab`` is 0 (Draw), 1 (Train) or 2 (Evaluate), as a user reopening the app
there. Times are from just before the process is spawned:

* ``painted_s``: the window shown and rendered;
* ``first_prediction_s``: a real MNIST test digit drawn with mouse events on the Draw tab (switched to
  first, as a user would with Ctrl+1) and *both* panels showing a prediction (goal: <= 1.5 s);
* ``cpu_s_at_first_prediction``: the app's CPU time by then (start-up is one thread until then), a
  figure that a busy shared machine does not inflate the way it inflates wall time;
* ``tf_imported_at_first_prediction``: whether TensorFlow was in ``sys.modules`` then (goal: false);
* ``tf_imported_before_paint``; ``models_ready_s``: TensorFlow and Keras loaded in the background,
  the numpy pass checked against Keras (``numpy_agrees_with_keras``);
* ``ui_max_stall_while_tf_loads_ms``: the longest the UI thread went without running a 10 ms timer while
  TensorFlow was imported behind it (the GIL is shared), i.e. the worst hitch a pen could feel then.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import _util

CHILD = r"""
import json, os, sys, time
sys.path.insert(0, os.path.join(os.getcwd(), "tests"))
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from mnist_studio.ui.app import PRELOAD_DELAY_S, make_app
app = make_app()
from mnist_studio.ui.main_window import MainWindow
settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
w = MainWindow(settings=settings)
w.resize(1280, 800)
w.show()
app.processEvents()
w.grab()
painted = time.time()
tf_at_paint = "tensorflow" in sys.modules
ready = {}
w.modelsReady.connect(lambda: ready.setdefault("t", time.time()))
w.start_background_work(PRELOAD_DELAY_S)
panels = w.draw_tab.panels()
deadline = time.time() + 120
while any(p.state() == "loading" for p in panels.values()) and time.time() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
from strokes import replay
w.tabs.setCurrentIndex(0)
app.processEvents()
replay(w.draw_tab.canvas, json.loads(sys.argv[2]))
w.draw_tab.update_predictions()  # what the stroke-finished signal does; idempotent
app.processEvents()
while not all(p.state() == "prediction" for p in panels.values()) and time.time() < deadline:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
w.draw_tab.grab()
first = time.time()
cpu_first = time.process_time()  # CPU seconds of this process so far: what the wall time is on an idle machine
tf_at_first = "tensorflow" in sys.modules
digits = {k: p.digit() for k, p in panels.items()}
ticks = []
tick = QTimer(); tick.setInterval(10); tick.timeout.connect(lambda: ticks.append(time.perf_counter())); tick.start()
while "t" not in ready and time.time() < deadline:  # the UI thread's gaps while TensorFlow loads behind it
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
tick.stop()
gaps = sorted(b - a for a, b in zip(ticks, ticks[1:]))
agree = {k: getattr(p, "agrees", None) for k, p in w.draw_tab.predictors().items()}
print(json.dumps({"painted": painted, "first": first, "ready": ready.get("t"), "tf_at_paint": tf_at_paint,
                  "tf_at_first": tf_at_first, "cpu_first": cpu_first, "max_gap": gaps[-1] if gaps else None,
                  "p99_gap": gaps[int(0.99 * (len(gaps) - 1))] if gaps else None, "digits": digits, "agree": agree,
                  "states": {k: p.state() for k, p in panels.items()}}))
sys.stdout.flush()
w.close()
os._exit(0)
"""


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--tabs", default="0,1,2", help="lastTab values to start on")
    args = p.parse_args()
    import numpy as np
    from strokes import digit_strokes

    from mnist_studio.digits.data import load_mnist

    (_, _), (x_test, y_test) = load_mnist()
    strokes = json.dumps(digit_strokes(x_test[0]))  # computed here: the child draws, it does not load MNIST
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MNIST_STUDIO_HOME=tempfile.mkdtemp())
    tabs = [int(t) for t in args.tabs.split(",")]
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    results = {}
    for tab in tabs:
        runs = []
        for _ in range(1 if args.quick else args.repeats):
            settings = os.path.join(tempfile.mkdtemp(), "s.ini")
            with open(settings, "w") as fh:
                fh.write(f"[General]\nlastTab={tab}\nlanguage=en\n")
            t0 = time.time()
            proc = subprocess.run([sys.executable, "-c", CHILD, settings, strokes], capture_output=True, text=True,
                                  env=env, cwd=str(_util.ROOT), timeout=300)
            lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
            if not lines:
                raise SystemExit(f"the app did not report (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
            data = json.loads(lines[-1])
            runs.append({
                "painted_s": round(data["painted"] - t0, 3),
                "paint_to_first_prediction_s": round(data["first"] - data["painted"], 3),
                "cpu_s_at_first_prediction": round(data["cpu_first"], 3),
                "first_prediction_s": round(data["first"] - t0, 3),
                "models_ready_s": round(data["ready"] - t0, 3) if data["ready"] else None,
                "tf_imported_before_paint": data["tf_at_paint"],
                "tf_imported_at_first_prediction": data["tf_at_first"],
                "digits_read": data["digits"], "numpy_agrees_with_keras": data["agree"],
                "ui_max_stall_while_tf_loads_ms": round(1000 * data["max_gap"], 1) if data["max_gap"] else None,
                "ui_p99_timer_gap_while_tf_loads_ms": round(1000 * data["p99_gap"], 1) if data["p99_gap"] else None,
                "stderr_lines": len([x for x in proc.stderr.splitlines() if x.strip()]),
            })
        results[f"lastTab={tab}"] = {
            "runs": runs,
            "first_prediction_s_median": statistics.median(r["first_prediction_s"] for r in runs),
            "cpu_s_at_first_prediction_median": statistics.median(r["cpu_s_at_first_prediction"] for r in runs),
            "painted_s_median": statistics.median(r["painted_s"] for r in runs),
            "tf_imported_at_first_prediction": any(r["tf_imported_at_first_prediction"] for r in runs),
        }
    firsts = [r["first_prediction_s"] for v in results.values() for r in v["runs"]]
    _util.emit({
        "benchmark": "startup", "goal_first_prediction_s": 1.5, "true_digit": int(y_test[0]),
        "by_last_tab": results,
        "first_prediction_s_max": max(firsts), "first_prediction_s_min": min(firsts),
        "load_average_1min": {"before": load_before,
                              "after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None},
        "meets_goal": bool(max(firsts) <= 1.5 and not any(v["tf_imported_at_first_prediction"]
                                                           for v in results.values())),
        "numpy_version": np.__version__,
    })


if __name__ == "__main__":
    main()

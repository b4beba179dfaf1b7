"""Full test-set evaluation (10,000 images) of the shipped MLP and CNN: the first Evaluate a user waits
for (cold) next to the warm figure.

    python benchmarks/evaluation_speed.py [--quick]

cold: a fresh app process per model (the real window, its shipped models loaded on start-up as after a
      normal launch); the time from clicking Evaluate to the results shown. It includes loading the
      MNIST test set and the model's first (traced) batch call; it is what a student waits for.
warm: ``evaluation.evaluate`` in this process after a warm-up, best of 3.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import _util


def cold_child(name: str, quick: bool) -> dict:
    """In a fresh process: launch the window, wait for its models, click Evaluate once."""
    _util.offscreen_qt()
    from _window import ready_window
    from PySide6.QtCore import QEventLoop

    test_data = None
    if quick:
        from mnist_studio.digits.data import load_mnist_test

        x, y = load_mnist_test()
        test_data = (x[:1000], y[:1000])
    _app, window = ready_window(test_data=test_data)  # as the app runs it: Keras only in the worker
    tab = window.evaluate_tab
    window.tabs.setCurrentWidget(tab)
    tab.select_model(f"shipped:{name}")
    loop = QEventLoop()
    tab.evaluated.connect(loop.quit)
    t = time.perf_counter()
    tab.evaluate_button.click()
    loop.exec()
    seconds = time.perf_counter() - t
    result = tab.result()
    window.close()
    return {"seconds": round(seconds, 3), "accuracy": result.accuracy, "images": len(result.labels)}


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--cold-child", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.cold_child:
        print(json.dumps(cold_child(args.cold_child, args.quick)))
        return
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.prediction.inference import Predictor

    out = {"benchmark": "evaluation_speed", "models": {}}
    for name in ("mlp", "cnn"):
        child = subprocess.run([sys.executable, __file__, "--cold-child", name] + (["--quick"] if args.quick else []),
                               capture_output=True, text=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        if child.returncode != 0:
            raise SystemExit(f"cold run of {name} failed:\n{child.stderr[-3000:]}")
        out["models"][name] = {"cold_first_evaluate_in_app": json.loads(child.stdout.strip().splitlines()[-1])}

    _, (x_test, y_test) = load_mnist()
    n = 1000 if args.quick else len(x_test)
    out["images"] = n
    for name in ("mlp", "cnn"):
        predictor = Predictor.load(name)
        evaluate(predictor, x_test[:1000], y_test[:1000])  # warm-up
        times = []
        for _ in range(1 if args.quick else 3):
            t = time.perf_counter()
            result = evaluate(predictor, x_test[:n], y_test[:n])
            times.append(time.perf_counter() - t)
        out["models"][name]["warm"] = {"seconds": round(min(times), 3), "accuracy": result.accuracy}
    out["load_average_1_5_15"] = [round(v, 2) for v in os.getloadavg()]  # other work on the machine skews times
    _util.emit(out)


if __name__ == "__main__":
    main()

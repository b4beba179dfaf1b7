"""Personal fine-tuning on real pen handwriting, split by writer.

For each pen writer of one group (``--writers reporting``, the default: writers 26-30, whom no shipped model
trained on; ``--writers tuning``: 21-25. The fine-tune's settings are chosen by
``benchmarks/finetune_settings.py``, on writers 1-20 and a base that never saw them): 5 digits per class from
that writer fine-tune the shipped model (``finetune.FineTuner``, trained
on those 50 only, MNIST mixed in); the score is that writer's error on all their *other* digits, before and
after, per writer. The headline is the **4 hardest** writers of the group (highest error before): their mean
error before and after and its reduction (goal: at least three quarters lower), and how many writers of
the whole group got worse (goal: none). Also: the MNIST test accuracy of each fine-tuned model against its
base, one ``mnist-studio finetune`` CLI call (wall time, a fresh process), and the in-app path (held-out
split, scoring before/after, saving the run). In the app the Keras worker is started seconds after launch
(``ui.model_loader``: its "devices" job), long before a student has drawn 50 digits, so the in-app click is
timed with the worker already up; ``--cold-worker`` times a click made before it started (worker start and
Keras' import included).

    python benchmarks/finetune_personal.py [--quick] [--writers reporting|tuning] [--cold-worker]
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _util
import numpy as np

PER_CLASS = 5
HARDEST = 4  # the headline: the group's writers with the highest error before fine-tuning


def writer_set(pen, writer: int, rng):
    """(train DigitSet with 5 digits per class, held-out x, held-out y) for one writer."""
    from mnist_studio.digits.handwriting import DigitSet, to_uint8
    from mnist_studio.digits.strokes import render

    idx = np.flatnonzero(pen.writers == writer)
    train = np.concatenate([rng.choice(idx[pen.labels[idx] == d], PER_CLASS, replace=False) for d in range(10)])
    test = np.setdiff1d(idx, train)

    def images(indices):
        return np.stack([to_uint8(render(pen.strokes(int(i)))) for i in indices])

    strokes = []
    for i in train:
        s = pen.strokes(int(i))
        every = np.concatenate(s)
        lo, extent = every.min(axis=0), max(float(np.ptp(every, axis=0).max()), 1.0)
        strokes.append([np.column_stack([(p - lo) / extent, np.ones(len(p))]).astype(np.float32) for p in s])
    ds = DigitSet(images(train), pen.labels[train].astype(np.int64), np.full(len(train), f"pen-{writer}"),
                  strokes, name=f"pen-writer-{writer}")
    return ds, images(test), pen.labels[test].astype(np.int64)


def in_app(ds, tmp: Path, repeats: int = 2, cold_worker: bool = False) -> dict:
    """The My digits tab, offscreen: click -> finished (held-out split, before/after, run saved), and
    the longest gap between 10 ms timer ticks meanwhile (is the UI live?). Unless ``cold_worker``, the Keras
    worker is first started as the window starts it after launch (its "devices" job)."""
    _util.offscreen_qt()
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from mnist_studio.prediction.inference import Predictor
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.background.worker import keras_worker
    from mnist_studio.ui.mydigits.mydigits_tab import MyDigitsTab

    app = QApplication.instance() or QApplication([])
    tab = MyDigitsTab(store=RunStore(tmp / "runs"))  # as the window makes it: the worker loads MNIST itself
    tab.resize(1280, 760)
    tab.show()
    for key in ("cnn", "mlp"):
        tab.set_predictor(key, Predictor.load(key), key.upper())  # loaded at start-up in the app
    tab.set_digits(ds)
    if not cold_worker:
        keras_worker().run("devices")  # what ui.model_loader does seconds after launch
    runs = []
    for _ in range(repeats):  # the first fine-tune of a session, then a second one from the same model
        gaps, clock, done = [], QElapsedTimer(), []
        probe = QTimer(interval=10)
        probe.timeout.connect(lambda gaps=gaps, clock=clock: (gaps.append(clock.restart())))
        tab.finetuned.connect(done.append)
        t = time.perf_counter()
        clock.start()
        probe.start()
        tab.finetune_view.start_button.click()
        while not done:
            app.processEvents()
            time.sleep(0.002)
        seconds = time.perf_counter() - t
        probe.stop()
        tab.finetuned.disconnect(done.append)
        run = done[0]
        result = run.result
        runs.append({"seconds": round(seconds, 2), "max_ui_gap_ms": max(gaps) if gaps else None,
                     "p99_ui_gap_ms": float(np.percentile(gaps, 99)) if gaps else None,
                     "split": result.split.describe(),
                     "heldout_before": result.before.accuracy, "heldout_after": result.after.accuracy,
                     "saved_run": run.record is not None})
        while tab.is_running():
            app.processEvents()
    tab.shutdown()
    return {"first": runs[0], "again": runs[1] if len(runs) > 1 else None}


def main() -> None:
    parser = _util.parser(__doc__)
    parser.add_argument("--writers", choices=["reporting", "tuning"], default="reporting")
    parser.add_argument("--cold-worker", action="store_true", help="click before the Keras worker has started")
    args = parser.parse_args()
    _util.offscreen_qt()
    import mnist_studio.ui.mydigits.mydigits_tab  # noqa: F401 - Qt's matplotlib backend before Keras loads
    from mnist_studio.digits import pendigits
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.digits.handwriting import save
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.networks.finetune import FinetuneConfig, FineTuner
    from mnist_studio.prediction.inference import Predictor

    pen = pendigits.load()
    mnist = load_mnist()
    # Only writers the shipped models never trained on (they saw pen writers 1-20): a base model that
    # already learned a writer's hand would make fine-tuning on that writer look easier than it is.
    group = pendigits.REPORTING_WRITERS if args.writers == "reporting" else pendigits.TUNING_WRITERS
    writers = list(group[:1] if args.quick else group)
    out = {"benchmark": "finetune_personal", "per_class": PER_CLASS, "group": args.writers, "writers": writers,
           "models": {}}
    sets = {}
    for arch in ("cnn", "mlp"):
        base = Predictor.load(arch)
        base_mnist = evaluate(base, mnist[1][0], mnist[1][1]).accuracy
        rows = []
        for w in writers:
            ds, x_other, y_other = sets.setdefault(w, writer_set(pen, w, np.random.default_rng(w)))
            before = evaluate(base, x_other, y_other)
            config = FinetuneConfig(steps=10) if args.quick else FinetuneConfig()
            result = FineTuner(arch, ds, config, mnist=mnist, holdout=False).run()
            after = evaluate(result.predictor, x_other, y_other)
            rows.append({"writer": w, "other_digits": len(y_other), "error_before": round(1 - before.accuracy, 4),
                         "error_after": round(1 - after.accuracy, 4),
                         "mnist_after": round(result.mnist_after.accuracy, 4),
                         "train_seconds": round(result.train_seconds, 2), "seconds": round(result.seconds, 2)})
        hardest = sorted(rows, key=lambda r: (-r["error_before"], r["writer"]))[:HARDEST]
        e0 = float(np.mean([r["error_before"] for r in hardest]))
        e1 = float(np.mean([r["error_after"] for r in hardest]))
        mnist_after = [r["mnist_after"] for r in rows]
        out["models"][arch] = {
            "hardest_writers": [r["writer"] for r in hardest],
            "hardest_mean_error_before": round(e0, 4), "hardest_mean_error_after": round(e1, 4),
            "hardest_error_reduction": round(1 - e1 / e0, 4) if e0 > 0 else None, "goal_reduction": 0.75,
            "per_writer_error_pct": {r["writer"]: f"{100 * r['error_before']:.1f} -> {100 * r['error_after']:.1f}"
                                     for r in rows},
            "writers_worse": [r["writer"] for r in rows if r["error_after"] > r["error_before"]],
            "all_mean_error_before": round(float(np.mean([r["error_before"] for r in rows])), 4),
            "all_mean_error_after": round(float(np.mean([r["error_after"] for r in rows])), 4),
            "mnist_base": base_mnist, "mnist_after_mean": round(float(np.mean(mnist_after)), 4),
            "mnist_drop_pt_mean": round(100 * (base_mnist - float(np.mean(mnist_after))), 3),
            "mnist_drop_pt_max": round(100 * (base_mnist - min(mnist_after)), 3),
            "finetune_seconds_mean": round(float(np.mean([r["seconds"] for r in rows])), 2),
            "writers": rows,
        }

    with tempfile.TemporaryDirectory() as tmp:
        ds = sets[writers[0]][0]
        set_path = save(ds, Path(tmp) / "writer.npz")
        out["in_app"] = in_app(ds, Path(tmp), repeats=1 if args.quick else 2, cold_worker=args.cold_worker)
        out["in_app"]["worker"] = "started at the click" if args.cold_worker else "already up, as after launch"
        # One CLI call, a fresh process: Python, TensorFlow, the model, MNIST, training, saving.
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "mnist_studio", "finetune", "--base", "cnn", "--data",
                               str(set_path), "--out", str(Path(tmp) / "out.keras"), "--json"],
                              capture_output=True, text=True, cwd=_util.ROOT)
        out["cli_seconds"] = round(time.perf_counter() - t, 2)
        out["cli_exit"] = proc.returncode
        out["cli_json"] = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else proc.stderr
    out["goals"] = {"cli_seconds": 20, "in_app_seconds": 10, "mnist_drop_pt": 0.3}
    _util.emit(out)


if __name__ == "__main__":
    main()

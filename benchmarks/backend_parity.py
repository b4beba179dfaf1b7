""".keras files move between Keras backends: the shipped models, and a model trained and saved under each
backend, scored on the MNIST test set under every installed backend (each in its own process).

    python benchmarks/backend_parity.py [--quick] [--python jax=.venv-jax/bin/python ...]

By default every backend installed for this interpreter is used; ``--python NAME=PATH`` adds (or
replaces) a backend run by another interpreter, e.g. a virtualenv with JAX but no TensorFlow.
``--quick`` scores 1,000 test images and trains on 1,000; otherwise all 10,000, training on 3,000.
Goal: every model's accuracy within 0.05 pt of the backend it was saved under.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import _util

TOLERANCE = 0.0005  # 0.05 percentage points


def worker(args: list[str]) -> None:
    """In a child process: ``train OUT N`` or ``eval N MODEL...``; prints one JSON line."""

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.prediction.inference import Predictor
    from mnist_studio.runtime import backend

    (x_train, y_train), (x_test, y_test) = load_mnist()
    if args[0] == "train":
        from mnist_studio.networks.training import TrainConfig, Trainer
        from mnist_studio.storage.runs import save_model_atomic

        n = int(args[2])
        result = Trainer(TrainConfig(preset="cnn", epochs=1, subset=n, validation_size=0),
                         data=((x_train, y_train), (x_test[:1000], y_test[:1000]))).run()
        save_model_atomic(result.model, Path(args[1]))
        print(json.dumps({"backend": backend.current(), "trained": args[1]}))
        return
    n = int(args[1])
    out = {"backend": backend.current(), "device": backend.default_device().label, "models": {}}
    for source in args[2:]:
        result = evaluate(Predictor.load(source), x_test[:n], y_test[:n])
        out["models"][source] = {"accuracy": result.accuracy, "probabilities": result.probabilities.tolist()}
    print(json.dumps(out))


def child(python: str, backend_name: str, *args: str) -> dict:
    env = {**os.environ, "KERAS_BACKEND": backend_name, "PYTHONPATH": str(_util.ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.run([python, __file__, "--worker", *args], capture_output=True, text=True, env=env,
                          timeout=1800)
    if proc.returncode != 0:
        raise SystemExit(f"{backend_name} ({python}) failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2:])
        return
    p = _util.parser(__doc__)
    p.add_argument("--python", action="append", default=[], metavar="BACKEND=PATH",
                   help="run this backend with another interpreter")
    args = p.parse_args()
    from mnist_studio.runtime import backend

    pythons = {name: sys.executable for name in backend.installed()}
    for item in args.python:
        name, _, path = item.partition("=")
        pythons[name] = path
    n_test, n_train = (1000, 1000) if args.quick else (10000, 3000)
    import numpy as np

    with tempfile.TemporaryDirectory(prefix="backend-parity-") as tmp:
        trained = {}
        for name, python in pythons.items():
            path = str(Path(tmp) / f"cnn-{name}.keras")
            child(python, name, "train", path, str(n_train))
            trained[f"cnn trained under {name}"] = (name, path)
        sources = {"mlp": ("tensorflow", "mlp"), "cnn": ("tensorflow", "cnn"), **trained}
        scores = {name: child(python, name, "eval", str(n_test), *(s for _, s in sources.values()))
                  for name, python in pythons.items()}
    table, ok = {}, True
    for label, (origin, source) in sources.items():
        row = {name: round(scores[name]["models"][source]["accuracy"], 5) for name in pythons}
        ref_name = origin if origin in pythons else next(iter(pythons))
        ref = np.asarray(scores[ref_name]["models"][source]["probabilities"])
        diffs = {name: float(np.abs(np.asarray(scores[name]["models"][source]["probabilities"]) - ref).max())
                 for name in pythons}
        within = all(abs(row[name] - row[ref_name]) <= TOLERANCE for name in pythons)
        ok &= within
        table[label] = {"saved_under": origin, "accuracy": row, "max_probability_difference": diffs,
                        "within_0.05pt": within}
    _util.emit({"benchmark": "backend_parity", "test_images": n_test, "backends": list(pythons),
                "devices": {name: scores[name]["device"] for name in pythons}, "models": table, "all_within": ok})


if __name__ == "__main__":
    main()

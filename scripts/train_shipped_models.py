"""Retrain the shipped models (resources/models/{mlp,cnn}.keras) on MNIST plus real pen digits.

    nice -n 10 python scripts/train_shipped_models.py [--models cnn mlp] [--epochs N] [--copies 4]
        [--out resources/models] [--quick]

Data: MNIST's 60,000 training digits, ``--skeletons`` of them re-drawn as strokes along their skeletons
(``skeleton.redraw``: drawn input has an even stroke width), plus the UCI pen digits (E. Alpaydin and
F. Alimoglu, CC BY 4.0) of the TRAINING writers only (``TRAIN_WRITERS`` = 1-20), each rendered
through ``strokes.render`` as written and as ``--copies`` jittered re-renders (``pendigits.jitter_strokes``).
Writers 21-30 (``HELD_OUT_WRITERS``) are never seen here: every pen figure is measured on them.

Training is plain Keras 3 with a ``keras.utils.PyDataset`` that sends a per-model share of every batch
through ``augment.augment_batch`` at a per-model strength (``AUGMENT``): ``training.Trainer`` augments
every image at one fixed strength, and these shares kept MNIST's test accuracy up. Architectures,
optimiser, batch sizes and one-cycle schedule are the presets' (``models.PRESETS``), epochs as in
``EPOCHS``. Prints one JSON line per model and writes ``<model>.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRAIN_WRITERS = tuple(range(1, 21))
HELD_OUT_WRITERS = tuple(range(21, 31))  # = mnist_studio.digits.pendigits.HELD_OUT_WRITERS
# Per model: share of each batch that goes through augment_batch, and its strength.
AUGMENT = {"cnn": (0.5, 0.8), "mlp": (0.5, 0.6)}
SKELETONS = {"cnn": 20000, "mlp": 60000}  # MNIST train digits re-drawn from skeletons, per model
EPOCHS = {"cnn": 10, "mlp": 8}  # the CNN gets more epochs than its preset (8): more kinds of data


def mixed_data(copies: int, skeletons: int, seed: int = 0):
    """MNIST train (float32 in [0, 1]) + ``skeletons`` MNIST train digits re-drawn as strokes along their
    skeletons + training writers' pen renders; and the held-out pen set."""
    from mnist_studio.digits import pendigits, skeleton
    from mnist_studio.digits.data import load_mnist

    (x_train, y_train), (x_test, y_test) = load_mnist()
    pen = pendigits.load()
    train_mask, test_mask = pendigits.writer_split(pen, HELD_OUT_WRITERS)
    assert set(pen.writers[train_mask].tolist()) <= set(TRAIN_WRITERS)
    x_pen, y_pen = pendigits.training_images(pen.subset(train_mask), copies=copies, seed=seed)
    pick = np.random.default_rng(seed).permutation(len(x_train))[:skeletons]
    x_skel = skeleton.redraw(x_train[pick])
    x = np.concatenate([x_train.astype(np.float32) / 255.0, x_skel, x_pen])
    y = np.concatenate([y_train, y_train[pick], y_pen]).astype(np.int32)
    held = pen.subset(test_mask)
    return (x, y), (x_test.astype(np.float32) / 255.0, y_test), (held.render(), held.labels)


def make_sequence(x, y, batch_size: int, share: float, strength: float, seed: int):
    from mnist_studio.digits.augment import augment_batch
    from mnist_studio.runtime.backend import keras

    class Batches(keras.utils.PyDataset):
        def __init__(self):
            super().__init__(workers=1, use_multiprocessing=False)
            self.rng = np.random.default_rng(seed)
            self.order = self.rng.permutation(len(x))

        def __len__(self):
            return math.ceil(len(x) / batch_size)

        def __getitem__(self, i):
            idx = self.order[i * batch_size:(i + 1) * batch_size]
            xb = x[idx].copy()
            pick = self.rng.uniform(size=len(idx)) < share
            if pick.any():
                xb[pick] = augment_batch(xb[pick], self.rng, strength=strength)
            return xb, y[idx]

        def on_epoch_end(self):
            self.order = self.rng.permutation(len(x))

    return Batches()


def train_one(name: str, data, epochs: int | None, seed: int):
    from mnist_studio.networks.models import get_preset
    from mnist_studio.networks.training import TrainConfig, _optimizer
    from mnist_studio.runtime.backend import keras

    (x, y), _, _ = data
    preset = get_preset(name)
    cfg = TrainConfig(preset=name, epochs=epochs or EPOCHS[name], seed=seed).resolved()
    keras.utils.set_random_seed(seed)
    model = preset.build()
    share, strength = AUGMENT[name]
    seq = make_sequence(x, y, cfg.batch_size, share, strength, seed)
    model.compile(optimizer=_optimizer(cfg, len(seq) * cfg.epochs), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], jit_compile=False)
    t0 = time.perf_counter()
    hist = model.fit(seq, epochs=cfg.epochs, verbose=2)
    return model, cfg, time.perf_counter() - t0, hist.history


def accuracy(model, x, y) -> float:
    from mnist_studio.prediction.inference import Predictor

    return float((Predictor(model).predict(x).argmax(axis=1) == y).mean())


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", nargs="+", default=["cnn", "mlp"], choices=["cnn", "mlp"])
    p.add_argument("--epochs", type=int, default=None, help="default: EPOCHS (cnn 10, mlp 8)")
    p.add_argument("--copies", type=int, default=4, help="jittered re-renders per pen digit")
    p.add_argument("--skeletons", type=int, default=None, help="MNIST train digits re-drawn from skeletons "
                   "(default: SKELETONS, cnn 20000, mlp 60000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, default=ROOT / "resources" / "models")
    p.add_argument("--quick", action="store_true", help="1 epoch, 1 copy: checks the script runs")
    args = p.parse_args(argv)
    if args.quick:
        args.epochs, args.copies, args.skeletons = 1, 1, 500
    from mnist_studio.storage.runs import atomic_write_json, save_model_atomic

    for name in args.models:
        skeletons = args.skeletons if args.skeletons is not None else SKELETONS[name]
        data = mixed_data(args.copies, skeletons, args.seed)
        model, cfg, seconds, history = train_one(name, data, args.epochs, args.seed)
        report = {
            "preset": name, "epochs": cfg.epochs, "seconds": round(seconds, 1), "train_size": len(data[0][0]),
            "train_data": f"MNIST train + {skeletons} MNIST train digits re-drawn from skeletons + pen digits "
                          f"of writers {TRAIN_WRITERS[0]}-{TRAIN_WRITERS[-1]} (as written + {args.copies} jittered "
                          "re-renders)",
            "augment": {"share": AUGMENT[name][0], "strength": AUGMENT[name][1]},
            "test_accuracy": accuracy(model, *data[1]),
            "pen_held_out_writers": f"{HELD_OUT_WRITERS[0]}-{HELD_OUT_WRITERS[-1]}",
            "pen_held_out_accuracy": accuracy(model, *data[2]),
            "history": {k: [round(float(v), 5) for v in vals] for k, vals in history.items()},
            "hyperparameters": cfg.hyperparameters(), "seed": args.seed,
        }
        args.out.mkdir(parents=True, exist_ok=True)
        save_model_atomic(model, args.out / f"{name}.keras")
        atomic_write_json(args.out / f"{name}.json", report)
        print(json.dumps({k: v for k, v in report.items() if k != "history"}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

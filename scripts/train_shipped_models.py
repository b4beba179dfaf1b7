"""Retrain the shipped models (resources/models/{mlp,cnn}.keras) on MNIST plus real pen digits.

    nice -n 10 python scripts/train_shipped_models.py --tune [--models cnn mlp] [--epochs N] [--skeletons N]
        [--share S] [--strength S] [--skeleton-jitter | --no-skeleton-jitter]  # choose settings
    nice -n 10 python scripts/train_shipped_models.py [--models cnn mlp]       # train what ships
    python scripts/train_shipped_models.py --quick --out /tmp/models           # checks the script runs

**The measuring protocol.** The 30 pen writers (UCI pen digits, E. Alpaydin and F. Alimoglu, CC BY 4.0) are
split once, in ``pendigits``: writers 1-20 train (``TRAIN_WRITERS``), 21-25 tune (``TUNING_WRITERS``), 26-30
report (``REPORTING_WRITERS``).

- ``--tune`` is how a setting is chosen: it trains on MNIST's first 50,000 training digits only and prints
  the figures every choice is made on: the tuning writers' pen digits, the last 10,000 MNIST training digits
  (``VALIDATION``) as written and 2,000 of them re-drawn from their skeletons. It saves nothing unless
  ``--out`` is given. Neither MNIST's test set nor a reporting writer is read.
- Without ``--tune`` it trains what ships with the settings in ``SETTINGS`` on all 60,000 MNIST training
  digits, saves ``<model>.keras`` and writes ``<model>.json`` (this script is the only writer of that file:
  the settings, the data, the command, the tuning writers' accuracy). It prints no reporting figure: those
  are measured once, by the benchmarks, on the reporting writers (``benchmarks/pen_replay.py --writers
  26-30``, ``mnist-studio evaluate``, ``benchmarks/finetune_personal.py``, ``benchmarks/inside_explain.py``).

Data: MNIST's training digits, ``skeletons`` of them re-drawn as strokes along their skeletons
(``skeleton.redraw``, each skeleton randomly rotated, slanted and stretched when ``skeleton_jitter``), plus
the training writers' pen digits through ``strokes.render``, as written and as ``--copies`` jittered re-renders
(``pendigits.training_images``). Training is plain Keras 3 with a ``keras.utils.PyDataset`` that sends a
``share`` of every batch through ``augment.augment_batch`` at ``strength`` (``training.Trainer`` augments
every image at one fixed strength; these shares keep MNIST's accuracy up). Architectures, optimiser, batch
sizes and the one-cycle schedule are the presets' (``models.PRESETS``).
"""

from __future__ import annotations

import argparse
import json
import math
import shlex
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mnist_studio.digits.pendigits import REPORTING_WRITERS, TRAIN_WRITERS, TUNING_WRITERS  # noqa: E402

VALIDATION = 10_000  # --tune: the last this many MNIST training digits are held out and scored
SKELETON_CHECK = 2_000  # --tune: this many of them re-drawn from skeletons and scored
# Per model, chosen with --tune (candidates and figures in the README): epochs, MNIST training digits re-drawn
# from skeletons, whether those skeletons are jittered, and the share of each batch augmented and at what
# strength. The rule: the candidate with the highest mean of its three tuning accuracies wins.
SETTINGS = {
    "cnn": {"epochs": 10, "skeletons": 20_000, "skeleton_jitter": False, "share": 0.5, "strength": 0.8},
    "mlp": {"epochs": 20, "skeletons": 60_000, "skeleton_jitter": False, "share": 0.5, "strength": 0.6},
}


def span(writers) -> str:
    return f"{writers[0]}-{writers[-1]}"


def mixed_data(settings: dict, copies: int, seed: int, tune: bool, mnist_limit: int | None = None):
    """(x, y) to train on; the tuning figures' sets, {name: (x, y)}; and how many skeletons were drawn (at most
    the MNIST training digits there are: 50,000 in a --tune run)."""
    from mnist_studio.digits import pendigits, skeleton
    from mnist_studio.digits.data import load_mnist

    (x_train, y_train), _ = load_mnist()
    if tune:
        x_val, y_val = x_train[-VALIDATION:], y_train[-VALIDATION:]
        x_train, y_train = x_train[:-VALIDATION], y_train[:-VALIDATION]
    if mnist_limit:
        x_train, y_train = x_train[:mnist_limit], y_train[:mnist_limit]
    pen = pendigits.load()
    train = pen.subset(np.isin(pen.writers, TRAIN_WRITERS))
    x_pen, y_pen = pendigits.training_images(train, copies=copies, seed=seed)
    rng = np.random.default_rng(seed)
    pick = rng.permutation(len(x_train))[:settings["skeletons"]]
    x_skel = skeleton.redraw(x_train[pick], jitter=rng if settings["skeleton_jitter"] else None)
    x = np.concatenate([x_train.astype(np.float32) / 255.0, x_skel, x_pen])
    y = np.concatenate([y_train, y_train[pick], y_pen]).astype(np.int32)
    tuning = pen.subset(np.isin(pen.writers, TUNING_WRITERS))
    checks = {"pen_tuning_writers": (tuning.render(), tuning.labels)}
    if tune:
        checks["mnist_validation"] = (x_val.astype(np.float32) / 255.0, y_val)
        checks["mnist_validation_skeletons"] = (skeleton.redraw(x_val[:SKELETON_CHECK]), y_val[:SKELETON_CHECK])
    return (x, y), checks, len(pick)


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


def train_one(name: str, x, y, settings: dict, seed: int):
    from mnist_studio.networks.models import get_preset
    from mnist_studio.networks.training import TrainConfig, make_optimizer
    from mnist_studio.runtime.backend import keras

    preset = get_preset(name)
    cfg = TrainConfig(preset=name, epochs=settings["epochs"], seed=seed).resolved()
    keras.utils.set_random_seed(seed)
    model = preset.build()
    seq = make_sequence(x, y, cfg.batch_size, settings["share"], settings["strength"], seed)
    model.compile(optimizer=make_optimizer(cfg, len(seq) * cfg.epochs), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], jit_compile=False)
    t0 = time.perf_counter()
    hist = model.fit(seq, epochs=cfg.epochs, verbose=2)
    return model, cfg, time.perf_counter() - t0, hist.history


def scores(model, checks: dict) -> dict:
    """Per check set: accuracy and its three most frequent confusions ("true->read": count)."""
    from collections import Counter

    from mnist_studio.prediction.inference import Predictor

    predictor, out = Predictor(model), {}
    for key, (x, y) in checks.items():
        read = predictor.predict(x).argmax(axis=1)
        wrong = Counter(f"{t}->{r}" for t, r in zip(y.tolist(), read.tolist(), strict=True) if t != r)
        out[key] = {"accuracy": round(float((read == y).mean()), 5), "n": len(y),
                    "confusions": dict(wrong.most_common(3))}
    return out


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--models", nargs="+", default=["cnn", "mlp"], choices=["cnn", "mlp"])
    p.add_argument("--tune", action="store_true", help="hold out MNIST validation digits; print the tuning figures")
    p.add_argument("--epochs", type=int, help="override SETTINGS")
    p.add_argument("--skeletons", type=int, help="override SETTINGS: MNIST training digits re-drawn from skeletons")
    p.add_argument("--skeleton-jitter", action=argparse.BooleanOptionalAction, default=None, help="override SETTINGS")
    p.add_argument("--share", type=float, help="override SETTINGS: share of each batch augmented")
    p.add_argument("--strength", type=float, help="override SETTINGS: augmentation strength")
    p.add_argument("--copies", type=int, default=4, help="jittered re-renders per training pen digit")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, help="default: resources/models; with --tune nothing is saved without it")
    p.add_argument("--quick", action="store_true", help="1 epoch on 3,000 MNIST digits: checks the script runs")
    args = p.parse_args(argv)
    out = args.out or (None if args.tune else ROOT / "resources" / "models")
    if args.quick and out is not None and out.resolve() == (ROOT / "resources" / "models").resolve():
        p.error("--quick would overwrite the shipped models: give --out another folder")
    from mnist_studio.runtime.backend import current, keras
    from mnist_studio.storage.runs import atomic_write_json, save_model_atomic

    for name in args.models:
        settings = dict(SETTINGS[name])
        for key in ("epochs", "skeletons", "skeleton_jitter", "share", "strength"):
            if getattr(args, key) is not None:
                settings[key] = getattr(args, key)
        copies = args.copies
        if args.quick:
            settings.update(epochs=1, skeletons=200)
            copies = 0
        (x, y), checks, drawn = mixed_data(settings, copies, args.seed, args.tune, 3000 if args.quick else None)
        model, cfg, seconds, history = train_one(name, x, y, settings, args.seed)
        hyper = cfg.hyperparameters()
        # augmented by this script's own batches (the share and strength in "settings"), not by the Trainer's
        hyper["augment"] = settings["share"] > 0 and settings["strength"] > 0
        report = {
            "model": None, "command": shlex.join(["python", "scripts/train_shipped_models.py", *argv]),
            "preset": name, "settings": settings, "hyperparameters": hyper, "seed": args.seed,
            "tuning_run": args.tune, "quick": args.quick,
            "keras": keras.__version__, "backend": current(), "seconds": round(seconds, 1),
            "train_size": len(x),
            "train_data": f"MNIST train ({'first 50,000' if args.tune else 'all 60,000'}"
                          f"{', first 3,000' if args.quick else ''}) + {drawn} of them re-drawn "
                          f"from skeletons{' (jittered)' if settings['skeleton_jitter'] else ''} + pen digits of "
                          f"writers {span(TRAIN_WRITERS)} (as written + {copies} jittered re-renders)",
            "tuning_writers": span(TUNING_WRITERS),
            "tuning": scores(model, checks),
            "reporting_writers": span(REPORTING_WRITERS),
            "reporting": "not measured here: benchmarks/pen_replay.py --writers 26-30 and the README's figures",
            "history": {k: [round(float(v), 5) for v in vals] for k, vals in history.items()},
        }
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"{name}.keras"
            report["model"] = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            save_model_atomic(model, path)
            atomic_write_json(out / f"{name}.json", report)
        print(json.dumps({k: v for k, v in report.items() if k != "history"}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How the personal fine-tune's settings were chosen: on hard writers that no reporting figure involves.

The tuning writers (21-25) cannot choose fine-tune settings: the shipped models already read them almost
perfectly (4 errors in ~2,000 digits for the CNN), so every candidate scores the same there. This script
makes hard writers instead. It trains a **proxy base** per network with the shipped settings
(``scripts/train_shipped_models.py``'s ``SETTINGS``) on MNIST and its skeleton re-drawings only, without
any pen digit, so pen writers 1-20 are new hands to it; the shipped models' own training writers are the
only ones used. Its hardest writers (highest error on their digits) are fine-tuned as
``benchmarks/finetune_personal.py`` does (5 digits per class, two draws per writer, MNIST mixed in), and each
candidate is scored by the mean error reduction on the writers' other digits, how many fine-tunes made a
writer worse, and the MNIST test drop (mean and worst). Every candidate costs the same: the batch keeps its
size (128 for a CNN, 256 for an MLP), only the writer's share of it and the learning rate change.

The rule: the largest reduction among candidates with no fine-tune leaving its writer worse and a worst
MNIST drop of at most 0.3 points. The reporting writers 26-30 are not read here.

    python benchmarks/finetune_settings.py                  # both networks, every candidate: ~23 min on 2 cores
    python benchmarks/finetune_settings.py --arch mlp --candidates base,p32lr6
    python benchmarks/finetune_settings.py --quick          # a smoke run (CI): figures not meaningful
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path

import _util
import numpy as np
from finetune_personal import writer_set

CANDIDATES = {  # name: (the writer's digits per batch, learning rate)
    "base": (16, 3e-4), "p32": (32, 3e-4), "p40": (40, 3e-4), "p48": (48, 3e-4), "lr6": (16, 6e-4),
    "p32lr6": (32, 6e-4), "p40lr6": (40, 6e-4),
}
MNIST_DROP_LIMIT_PT = 0.3


def proxy_base(arch: str, out: Path, quick: bool) -> tuple[Path, float]:
    """A base trained like the shipped one, on MNIST and skeletons only (no pen writer); (path, seconds)."""
    from mnist_studio.digits import skeleton
    from mnist_studio.digits.data import load_mnist

    spec = importlib.util.spec_from_file_location("train_shipped_models",
                                                  _util.ROOT / "scripts" / "train_shipped_models.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    settings = dict(script.SETTINGS[arch])
    (x_train, y_train), _ = load_mnist()
    if quick:
        x_train, y_train = x_train[:2000], y_train[:2000]
        settings.update(epochs=1, skeletons=500)
    rng = np.random.default_rng(0)
    pick = rng.permutation(len(x_train))[:settings["skeletons"]]
    x = np.concatenate([x_train.astype(np.float32) / 255.0, skeleton.redraw(x_train[pick])])
    y = np.concatenate([y_train, y_train[pick]]).astype(np.int32)
    with contextlib.redirect_stdout(sys.stderr):  # Keras' epoch lines: stdout is the JSON's
        model, _, seconds, _ = script.train_one(arch, x, y, settings, 0)
    path = out / f"proxy_{arch}.keras"
    model.save(path)
    return path, seconds


def sweep(arch: str, base_path: Path, hardest: int, names: list[str], quick: bool) -> dict:
    from mnist_studio.digits import pendigits
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.evaluation import evaluate
    from mnist_studio.networks.finetune import BATCH, FinetuneConfig, FineTuner
    from mnist_studio.prediction.inference import Predictor

    pen, mnist = pendigits.load(), load_mnist()
    base = Predictor.load(str(base_path))
    sets = {(w, 0): writer_set(pen, w, np.random.default_rng(w)) for w in pendigits.TRAIN_WRITERS}
    error = {w: 1 - evaluate(base, sets[(w, 0)][1], sets[(w, 0)][2]).accuracy for w in pendigits.TRAIN_WRITERS}
    hard = sorted(error, key=lambda w: (-error[w], w))[:hardest]
    for w in hard:
        sets[(w, 1)] = writer_set(pen, w, np.random.default_rng(1000 + w))
    out = {"proxy_error_pct": {w: round(100 * e, 1) for w, e in sorted(error.items())}, "hardest": hard,
           "candidates": {}}
    for name in names:
        personal, rate = CANDIDATES[name]
        config = FinetuneConfig(steps=5 if quick else FinetuneConfig.steps, personal_batch=personal,
                                mnist_batch=BATCH[arch] - personal, learning_rate=rate)
        rows, t0 = [], time.perf_counter()
        for w in hard:
            for draw in (0, 1):
                ds, x_other, y_other = sets[(w, draw)]
                result = FineTuner(str(base_path), ds, config, mnist=mnist, holdout=False).run()
                rows.append((w, draw, 1 - evaluate(base, x_other, y_other).accuracy,
                             1 - evaluate(result.predictor, x_other, y_other).accuracy,
                             100 * (result.mnist_before.accuracy - result.mnist_after.accuracy)))
        before, after = np.mean([r[2] for r in rows]), np.mean([r[3] for r in rows])
        drops = [r[4] for r in rows]
        worse = sum(r[3] > r[2] for r in rows)
        out["candidates"][name] = {
            "personal_batch": personal, "mnist_batch": BATCH[arch] - personal, "learning_rate": rate,
            "error_before_pct": round(100 * before, 2), "error_after_pct": round(100 * after, 2),
            "reduction": round(1 - after / before, 3) if before > 0 else None, "finetunes_worse": worse,
            "mnist_drop_pt_mean": round(float(np.mean(drops)), 3), "mnist_drop_pt_worst": round(max(drops), 3),
            "eligible": worse == 0 and max(drops) <= MNIST_DROP_LIMIT_PT, "seconds": round(time.perf_counter() - t0),
            "per_finetune": [[w, d, round(100 * b, 1), round(100 * a, 1)] for w, d, b, a, _ in rows],
        }
    eligible = {k: v for k, v in out["candidates"].items() if v["eligible"] and v["reduction"] is not None}
    out["chosen"] = max(eligible, key=lambda k: eligible[k]["reduction"]) if eligible else None
    return out


def main() -> None:
    parser = _util.parser(__doc__)
    parser.add_argument("--arch", choices=["cnn", "mlp", "both"], default="both")
    parser.add_argument("--candidates", default=",".join(CANDIDATES))
    parser.add_argument("--hardest", type=int, help="writers (default: 6 for a CNN, 8 for an MLP)")
    args = parser.parse_args()
    names = args.candidates.split(",")
    unknown = [n for n in names if n not in CANDIDATES]
    if unknown:
        parser.error(f"unknown candidates {unknown}; choose from {sorted(CANDIDATES)}")
    archs = ["cnn", "mlp"] if args.arch == "both" else [args.arch]
    result = {"benchmark": "finetune_settings", "quick": args.quick, "machine": _util.machine(),
              "rule": f"largest reduction with no fine-tune worse and worst MNIST drop <= {MNIST_DROP_LIMIT_PT} pt",
              "models": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for arch in archs:
            path, seconds = proxy_base(arch, Path(tmp), args.quick)
            hardest = 1 if args.quick else (args.hardest or (6 if arch == "cnn" else 8))
            result["models"][arch] = {"proxy_train_seconds": round(seconds, 1),
                                      **sweep(arch, path, hardest, names[:1] if args.quick else names, args.quick)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

"""Presets side by side: wall time to reach a test accuracy, final accuracy, and the ratio to the seed.

    python benchmarks/time_to_accuracy.py [--quick] [--pairs cnn,mlp] [--ours-only]
    KERAS_BACKEND=jax python benchmarks/time_to_accuracy.py --pairs cnn --ours-only   # per backend, e.g. on a GPU

Pairs: cnn vs cnn-seed (target 99.0 %), mlp vs mlp-seed-1000 (target 98.0 %). Each preset trains with
its default hyper-parameters on all 60,000 images (no hold-out here: the benchmark validates on the
10,000 test images after every epoch, as the figures before the validation split did, so they compare);
"time to target" is the wall time from the start of the run (data pipeline and graph building
included; importing Keras and its backend not: it happens once, before either run, so the preset that
runs first does not pay it alone) to the end of the first epoch whose test accuracy reaches the target.
``--ours-only`` trains our preset alone (no seed, no ratio): the per-backend, per-device figure. Each run
names its backend and device.
"""

import time

import _util

PAIRS = {"cnn": ("cnn", "cnn-seed", 0.99), "mlp": ("mlp", "mlp-seed-1000", 0.98)}


def run(preset: str, target: float, quick: bool) -> dict:
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.training import EpochEvent, TrainConfig, Trainer
    from mnist_studio.runtime.backend import keras

    keras.backend.backend()  # imported once, outside the timing (see the docstring)
    marks = []
    start = time.perf_counter()

    def on_event(event):
        if isinstance(event, EpochEvent):
            marks.append((time.perf_counter() - start, event.val_accuracy))

    config = TrainConfig(preset=preset, subset=2000, epochs=1) if quick else TrainConfig(preset=preset)
    data = load_mnist()
    result = Trainer(config, on_event=on_event, data=data, validation=data[1]).run()
    reached = next((t for t, acc in marks if acc >= target), None)
    return {
        "preset": preset, "backend": result.extra["backend"], "device": result.device,
        "epochs": len(marks), "batch_size": result.config.batch_size,
        "final_test_accuracy": round(result.evaluation.accuracy, 4),
        "seconds_total": round(result.seconds, 1),
        "seconds_to_target": round(reached, 1) if reached is not None else None,
        "per_epoch": [{"t": round(t, 1), "test_accuracy": round(a, 4)} for t, a in marks],
    }


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--pairs", default="cnn,mlp")
    p.add_argument("--ours-only", action="store_true", help="train our preset of each pair alone (no seed run)")
    args = p.parse_args()
    out = {"benchmark": "time_to_accuracy", "pairs": {}}
    for key in args.pairs.split(","):
        ours, seed, target = PAIRS[key]
        a = run(ours, target, args.quick)
        if args.ours_only:
            out["pairs"][key] = {"target": target, "ours": a}
            continue
        b = run(seed, target, args.quick)
        ratio = (a["seconds_to_target"] / b["seconds_to_target"]
                 if a["seconds_to_target"] and b["seconds_to_target"] else None)
        out["pairs"][key] = {"target": target, "ours": a, "seed": b,
                             "time_ratio_ours_over_seed": round(ratio, 3) if ratio else None}
    _util.emit(out)


if __name__ == "__main__":
    main()

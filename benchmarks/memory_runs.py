"""Memory over a lesson: back-to-back small trainings in one process, resident memory (RSS) after each.

    python benchmarks/memory_runs.py [--quick] [--runs 12] [--preset mlp]

Each run trains ``--preset`` for one epoch on 2,000 images (validation held out) and evaluates on the
10,000 test images, as a class demo does; its result (model included) is dropped before the next, as
the app drops a run once it is saved. Goal: RSS grows by at most 60 MB from after the second run to
after the last.
"""

import gc

import _util


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--runs", type=int, default=12)
    p.add_argument("--preset", default="mlp")
    p.add_argument("--images", type=int, default=2000)
    args = p.parse_args()
    runs = 3 if args.quick else args.runs
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.training import TrainConfig, Trainer
    from mnist_studio.runtime import backend

    load_mnist()
    start = _util.rss_mb()
    after, seconds = [], []
    for i in range(runs):
        result = Trainer(TrainConfig(preset=args.preset, epochs=1, subset=args.images, seed=i)).run()
        seconds.append(round(result.seconds, 2))
        del result
        gc.collect()
        after.append(round(_util.rss_mb(), 1))
    growth = round(after[-1] - after[1], 1) if len(after) > 1 else None
    _util.emit({"benchmark": "memory_runs", "backend": backend.current(), "preset": args.preset, "runs": runs,
                "images": args.images, "rss_before_mb": round(start, 1), "rss_after_each_mb": after,
                "seconds_each": seconds, "growth_after_second_mb": growth,
                "per_run_after_second_mb": round(growth / (runs - 2), 2) if growth is not None and runs > 2 else None,
                "goal_mb": 60, "meets_goal": growth is not None and growth <= 60})


if __name__ == "__main__":
    main()

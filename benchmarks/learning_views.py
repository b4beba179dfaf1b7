"""Cost of the live views ("watch it learn"): training with snapshots on vs off, through the real worker process.

    python benchmarks/learning_views.py [--quick] [--images 60000] [--epochs 2] [--pairs 2]

Each run is the app's path: ``KerasWorker.run("train", live_views=...)`` (the Keras worker process, events over
the pipe, the run saved to a temporary store), CNN preset. Runs alternate (off, on, off, on, ...) so machine
noise hits both alike; each pair's ratio and the ratio of the sums are reported. On a shared machine the pairs
scatter by more than the effect, so ``snapshot_fraction`` also reports the snapshots' own time (measured in the
worker around each snapshot) over ``train_s``. ``train_s``: wall time from the
"training" phase to the "evaluating" phase as the window receives them (every snapshot inside it: the untrained
one, those during the epochs and those at the epoch ends). ``snapshots_per_second``: the rate of the snapshots
taken while each epoch trains (Snapshot.seconds; the validation pass after it takes none). ``stored_bytes``: the
run's learning.npz (a run of this length already streams more snapshots than are stored, so a default 8-epoch
run stores the same count).
"""

import tempfile
import time

import _util


def one_run(worker, data, epochs: int, live: bool, store_root: str) -> dict:
    from mnist_studio.learning import SnapshotEvent
    from mnist_studio.networks.training import PhaseEvent, TrainConfig

    marks, snaps = {}, []

    def on_event(event):
        if isinstance(event, PhaseEvent):
            marks.setdefault(event.phase, time.perf_counter())
        elif isinstance(event, SnapshotEvent):
            snaps.append(event.snapshot)

    result = worker.run("train", on_event=on_event, config=TrainConfig(preset="cnn", epochs=epochs), data=data,
                        store_root=store_root, save=True, live_views=live).result
    out = {"train_s": round(marks["evaluating"] - marks["training"], 3), "status": result.status,
           "test_accuracy": round(result.evaluation.accuracy, 4) if result.evaluation else None}
    if live:
        out["snapshot_s"] = result.extra.get("live_views_s")  # the snapshots' own time, inside train_s
        out["snapshot_fraction"] = round(out["snapshot_s"] / out["train_s"], 4) if out["snapshot_s"] else None
        inside = [s for s in snaps if not s.epoch_end and s.index > 0]
        per_epoch, gaps = [], []
        for e in range(epochs):  # while the epoch trains (its validation pass takes no snapshots)
            these = [s.seconds for s in inside if e < s.epoch <= e + 1]
            if len(these) >= 2:
                per_epoch.append((len(these) - 1) / (these[-1] - these[0]))
                gaps += [b - a for a, b in zip(these, these[1:], strict=False)]
        out.update(snapshots_streamed=len(snaps), snapshots_per_second=[round(r, 2) for r in per_epoch],
                   max_gap_in_epoch_s=round(max(gaps), 3) if gaps else None,
                   stored_bytes=result.timelapse.stat().st_size if result.timelapse else None)
        if result.timelapse:
            from mnist_studio.learning import Timelapse

            out["stored_snapshots"] = len(Timelapse.load(result.timelapse.parent).snapshots)
    return out


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--images", type=int, default=60000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--pairs", type=int, default=2)
    args = p.parse_args()
    images, epochs, pairs = (2000, 1, 1) if args.quick else (args.images, args.epochs, args.pairs)

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.learning.recorder import INTERVAL_S, N_MAP, N_VAL
    from mnist_studio.worker.client import KerasWorker

    (x, y), test = load_mnist()
    data = ((x[:images], y[:images]), test)
    worker = KerasWorker()
    runs = {"off": [], "on": []}
    try:
        with tempfile.TemporaryDirectory() as root:
            worker.run("devices")  # Keras up before the first timed run
            for _ in range(pairs):
                for mode in ("off", "on"):
                    runs[mode].append(one_run(worker, data, epochs, mode == "on", root))
    finally:
        worker.shutdown()
    off = [r["train_s"] for r in runs["off"]]
    on = [r["train_s"] for r in runs["on"]]
    _util.emit({
        "benchmark": "learning_views", "quick": args.quick, "preset": "cnn", "images": images, "epochs": epochs,
        "n_val": N_VAL, "n_map": N_MAP, "interval_s": INTERVAL_S,
        "runs": runs, "pair_ratios": [round(b / a, 4) for a, b in zip(off, on, strict=True)],
        "ratio_on_off": round(sum(on) / sum(off), 4), "ratio_best_on_best_off": round(min(on) / min(off), 4),
        "snapshots_per_second_min": min((v for r in runs["on"] for v in r["snapshots_per_second"]), default=None),
        "snapshot_fraction_max": max((r["snapshot_fraction"] or 0) for r in runs["on"]),
        "stored_bytes": max((r.get("stored_bytes") or 0) for r in runs["on"]),
    })


if __name__ == "__main__":
    main()

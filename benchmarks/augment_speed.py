"""One epoch of the Train tab's batch feeder on 60,000 MNIST images: augmented (the presets' strength) and plain.

    python benchmarks/augment_speed.py [--quick] [--preset cnn] [--repeats 3]

The feeder (``networks.trainingdata.batches``, a Keras ``PyDataset``) makes each batch in numpy: scaled to
[0, 1], shuffled, augmented (``digits.augment.augment_batch``). It runs in one thread beside the training on the
CPU, so its time is taken from the model's: on 2 cores an epoch of the CNN preset costs about what training
it and augmenting it cost one after the other. Reported: the wall and CPU seconds of every batch of one epoch
(the fastest of ``--repeats`` epochs, so machine noise hits both alike), for the augmented and the plain feeder,
and a checksum of the augmented epoch (equal checksums: the same batches, bit for bit).
"""

import hashlib
import time

import _util


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--preset", default="cnn")
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()

    from dataclasses import replace

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.training import TrainConfig
    from mnist_studio.networks.trainingdata import AUGMENT_STRENGTH, batches

    (x, y), _ = load_mnist()
    if args.quick:
        x, y = x[:2000], y[:2000]
    cfg = TrainConfig(preset=args.preset).resolved()
    out = {"benchmark": "augment_speed", "preset": args.preset, "images": int(len(x)),
           "batch_size": cfg.batch_size, "augment_strength": AUGMENT_STRENGTH}
    for name, augment in (("augmented", True), ("plain", False)):
        feed = batches(x, y, replace(cfg, augment=augment))
        best = None
        for _ in range(1 if args.quick else args.repeats):
            digest = hashlib.sha256()
            wall, cpu = time.perf_counter(), time.process_time()
            for i in range(len(feed)):
                images, _labels = feed[i]
                digest.update(images.tobytes())
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            if best is None or wall < best["epoch_wall_s"]:
                best = {"epoch_wall_s": round(wall, 3), "epoch_cpu_s": round(cpu, 3),
                        "per_batch_ms": round(1000 * wall / len(feed), 3), "batches": len(feed),
                        "sha256": digest.hexdigest()[:16]}
        out[name] = best
    _util.emit(out)


if __name__ == "__main__":
    main()

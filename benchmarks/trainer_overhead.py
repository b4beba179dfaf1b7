"""Cost of the Trainer's progress reporting: Trainer.run's fit vs a bare model.fit, same preset and data.

    python benchmarks/trainer_overhead.py [--quick] [--preset cnn] [--images 20000] [--epochs 2]
    python benchmarks/trainer_overhead.py --xla [--preset cnn|mlp] [--images 20000] [--epochs 2]

Both use the same model, optimizer, batch feeder (a keras PyDataset) and validation images and are
timed the same way (the sum of the epochs' wall times, validation included); runs alternate (bare,
trainer, bare, trainer, ...) and the fastest of each is compared, so machine noise hits both alike.

--xla instead compares the bare fit with ``jit_compile=False`` (what the Trainer uses) against
``jit_compile=True`` (XLA), alternating the same way: the first epoch (which includes XLA's
compilation) and the later epochs are reported separately.
"""

import os
import time

import _util


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--preset", default="cnn")
    p.add_argument("--images", type=int, default=20000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--xla", action="store_true", help="bare fit without vs with XLA (jit_compile)")
    args = p.parse_args()
    images, epochs, repeats = (1000, 1, 1) if args.quick else (args.images, args.epochs, args.repeats)

    import math

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.networks.training import EpochEvent, TrainConfig, Trainer, make_optimizer
    from mnist_studio.networks.trainingdata import batches

    (x, y), test = load_mnist()
    data = ((x[:images], y[:images]), test)
    cfg = TrainConfig(preset=args.preset, epochs=epochs).resolved()
    n_val = min(len(test[0]), max(2000, images))
    val = (test[0][:n_val], test[1][:n_val])

    def bare(jit_compile: bool = False, per_epoch: bool = False):
        from mnist_studio.networks.models import get_preset

        model = get_preset(cfg.preset).build(seed=0)
        model.compile(optimizer=make_optimizer(cfg, math.ceil(images / cfg.batch_size) * epochs),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=jit_compile)
        train_ds = batches(x[:images], y[:images], cfg)
        val_ds = (val[0].astype("float32") / 255, val[1].astype("int32"))
        from mnist_studio.runtime.backend import keras

        seconds = []

        class EpochClock(keras.callbacks.Callback):  # the same clock the Trainer's EpochEvents use
            def on_epoch_begin(self, epoch, logs=None):
                self.t = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                seconds.append(time.perf_counter() - self.t)

        model.fit(train_ds, epochs=epochs, validation_data=val_ds, validation_batch_size=1000, verbose=0,
                  shuffle=False, callbacks=[EpochClock()])
        return seconds if per_epoch else sum(seconds)

    def trainer() -> float:
        seconds = []
        events = []

        def on_event(e):
            events.append(e)
            if isinstance(e, EpochEvent):
                seconds.append(e.seconds)

        Trainer(TrainConfig(preset=cfg.preset, epochs=epochs), data=data, on_event=on_event, validation=val).run()
        return sum(seconds), len(events)

    if args.xla:
        runs = {"plain": [], "xla": []}
        for i in range(repeats):
            for name in (("plain", "xla") if i % 2 == 0 else ("xla", "plain")):
                runs[name].append(bare(jit_compile=name == "xla", per_epoch=True))
        first = {k: min(r[0] for r in v) for k, v in runs.items()}
        later = {k: min(sum(r[1:]) / max(1, len(r) - 1) for r in v) for k, v in runs.items()} if epochs > 1 else {}
        _util.emit({"load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
            "benchmark": "trainer_overhead", "mode": "xla", "preset": cfg.preset, "images": images, "epochs": epochs,
            "epoch_s": {k: [[round(s, 2) for s in r] for r in v] for k, v in runs.items()},
            "first_epoch_xla_over_plain": round(first["xla"] / first["plain"], 2),
            "later_epochs_xla_over_plain": round(later["xla"] / later["plain"], 2) if later else None,
        })
        return

    bare_times, trainer_times, events = [], [], 0
    for _ in range(repeats):
        bare_times.append(bare())
        t, events = trainer()
        trainer_times.append(t)
    b, tr = min(bare_times), min(trainer_times)
    _util.emit({"load_average_1_5_15": [round(v, 2) for v in os.getloadavg()],
        "benchmark": "trainer_overhead", "preset": cfg.preset, "images": images, "epochs": epochs,
        "bare_fit_s": [round(v, 2) for v in bare_times], "trainer_fit_s": [round(v, 2) for v in trainer_times],
        "overhead_percent": round(100 * (tr - b) / b, 2), "events_per_run": events,
        "overhead_percent_per_pair": [round(100 * (t - x) / x, 2) for x, t in zip(bare_times, trainer_times,
                                                                                     strict=True)],
    })


if __name__ == "__main__":
    main()

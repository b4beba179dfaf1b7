"""Cost of the Trainer's progress reporting: Trainer.run's fit vs a bare model.fit, same preset and data.

    python benchmarks/trainer_overhead.py [--quick] [--preset cnn] [--images 20000] [--epochs 2]

Both use the same model, optimizer, batch feeder (a keras PyDataset) and validation images and are
timed the same way (the sum of the epochs' wall times, validation included); runs alternate (bare,
trainer, bare, trainer, ...) and the fastest of each is compared, so machine noise hits both alike.
"""

import time

import _util


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--preset", default="cnn")
    p.add_argument("--images", type=int, default=20000)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    images, epochs, repeats = (1000, 1, 1) if args.quick else (args.images, args.epochs, args.repeats)

    import math

    from mnist_studio.data import load_mnist
    from mnist_studio.training import EpochEvent, TrainConfig, Trainer, _optimizer
    from mnist_studio.trainingdata import batches

    (x, y), test = load_mnist()
    data = ((x[:images], y[:images]), test)
    cfg = TrainConfig(preset=args.preset, epochs=epochs).resolved()
    n_val = min(len(test[0]), max(2000, images))
    val = (test[0][:n_val], test[1][:n_val])

    def bare() -> float:
        from mnist_studio.models import get_preset

        model = get_preset(cfg.preset).build(seed=0)
        model.compile(optimizer=_optimizer(cfg, math.ceil(images / cfg.batch_size) * epochs),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=False)
        train_ds = batches(x[:images], y[:images], cfg)
        val_ds = (val[0].astype("float32") / 255, val[1].astype("int32"))
        from mnist_studio.backend import keras

        seconds = []

        class EpochClock(keras.callbacks.Callback):  # the same clock the Trainer's EpochEvents use
            def on_epoch_begin(self, epoch, logs=None):
                self.t = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                seconds.append(time.perf_counter() - self.t)

        model.fit(train_ds, epochs=epochs, validation_data=val_ds, validation_batch_size=1000, verbose=0,
                  shuffle=False, callbacks=[EpochClock()])
        return sum(seconds)

    def trainer() -> float:
        seconds = []
        events = []

        def on_event(e):
            events.append(e)
            if isinstance(e, EpochEvent):
                seconds.append(e.seconds)

        Trainer(TrainConfig(preset=cfg.preset, epochs=epochs), data=data, on_event=on_event, validation=val).run()
        return sum(seconds), len(events)

    bare_times, trainer_times, events = [], [], 0
    for _ in range(repeats):
        bare_times.append(bare())
        t, events = trainer()
        trainer_times.append(t)
    b, tr = min(bare_times), min(trainer_times)
    _util.emit({
        "benchmark": "trainer_overhead", "preset": cfg.preset, "images": images, "epochs": epochs,
        "bare_fit_s": [round(v, 2) for v in bare_times], "trainer_fit_s": [round(v, 2) for v in trainer_times],
        "overhead_percent": round(100 * (tr - b) / b, 2), "events_per_run": events,
    })


if __name__ == "__main__":
    main()

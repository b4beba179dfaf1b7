"""``Trainer``: Keras ``fit`` with callbacks, throttled progress events and cancel. No Qt here."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np

from mnist_studio.augment import augment_batch
from mnist_studio.models import PRESETS, get_preset

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
EVENT_INTERVAL_S = 0.05  # at most 20 batch events a second


class ConfigError(ValueError):
    """A bad hyper-parameter; ``field`` names it so the UI can highlight it."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class TrainConfig:
    preset: str = "cnn"
    epochs: int | None = None  # None -> the preset's default
    batch_size: int | None = None
    learning_rate: float | None = None
    optimizer: str | None = None
    augment: bool | None = None
    subset: int | None = None  # train on this many images (None = all 60,000)
    seed: int = 0
    device: str | None = None  # e.g. "/GPU:0"; None = TensorFlow's choice

    def resolved(self) -> TrainConfig:
        """Fill the preset's defaults in and check every field; raise ``ConfigError``."""
        if self.preset not in PRESETS:
            raise ConfigError("preset", f"unknown preset {self.preset!r}; choose one of {', '.join(PRESETS)}")
        p = get_preset(self.preset)
        cfg = TrainConfig(
            preset=self.preset,
            epochs=p.epochs if self.epochs is None else self.epochs,
            batch_size=p.batch_size if self.batch_size is None else self.batch_size,
            learning_rate=p.learning_rate if self.learning_rate is None else self.learning_rate,
            optimizer=p.optimizer if self.optimizer is None else self.optimizer,
            augment=p.augment if self.augment is None else self.augment,
            subset=self.subset,
            seed=self.seed,
            device=self.device,
        )
        cfg.validate()
        return cfg

    def validate(self, train_size: int = 60000) -> None:
        def whole(name, value):
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise ConfigError(name, f"{name.replace('_', ' ')} must be a whole number, got {value!r}")

        whole("epochs", self.epochs)
        if self.epochs <= 0:
            raise ConfigError("epochs", f"epochs must be at least 1, got {self.epochs}")
        whole("batch_size", self.batch_size)
        if self.batch_size <= 0:
            raise ConfigError("batch_size", f"batch size must be at least 1, got {self.batch_size}")
        lr = self.learning_rate
        if not isinstance(lr, (int, float)) or isinstance(lr, bool) or not math.isfinite(lr) or lr <= 0:
            raise ConfigError("learning_rate", f"learning rate must be a positive number, got {lr!r}")
        if self.optimizer not in OPTIMIZERS:
            raise ConfigError("optimizer", f"optimizer must be one of {', '.join(OPTIMIZERS)}, got {self.optimizer!r}")
        if self.subset is not None:
            whole("subset", self.subset)
            if not 1 <= self.subset <= train_size:
                raise ConfigError("subset", f"training-set size must be between 1 and {train_size}, got {self.subset}")

    def hyperparameters(self) -> dict:
        d = asdict(self)
        d["schedule"] = get_preset(self.preset).schedule
        return d


@dataclass(frozen=True)
class BatchEvent:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based within the epoch
    batches: int
    loss: float  # running mean over the epoch so far
    accuracy: float
    samples_per_s: float
    eta_s: float  # whole run


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    epochs: int
    loss: float
    accuracy: float
    val_loss: float
    val_accuracy: float
    seconds: float
    samples_per_s: float


@dataclass(frozen=True)
class PhaseEvent:
    phase: str  # "preparing", "training", "evaluating"


@dataclass
class TrainResult:
    config: TrainConfig
    model: object
    status: str  # "completed", "stopped" or "failed"
    message: str
    history: list[dict]
    evaluation: object | None  # evaluation.EvalResult on the test set
    device: str
    seconds: float
    started_at: str
    finished_at: str
    train_size: int = 0
    extra: dict = field(default_factory=dict)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Trainer:
    """Train one preset. ``run()`` blocks; call it from a worker thread. ``cancel()`` is thread-safe."""

    def __init__(self, config: TrainConfig, on_event: Callable[[object], None] | None = None, data=None,
                 validation: bool = True):
        self.config = config.resolved()
        self.on_event = on_event or (lambda event: None)
        self._data = data
        self._validation = validation
        self._cancel = threading.Event()
        self._skip_eval = threading.Event()

    def cancel(self, evaluate: bool = True) -> None:
        """Stop at the next batch. ``evaluate=False`` also skips the final test evaluation (closing)."""
        if not evaluate:
            self._skip_eval.set()
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _load(self):
        if self._data is not None:
            return self._data
        from mnist_studio.data import load_mnist

        return load_mnist()

    def run(self) -> TrainResult:
        from mnist_studio import device as devices
        from mnist_studio.evaluation import evaluate
        from mnist_studio.inference import Predictor
        from mnist_studio.tf import keras, tf

        cfg = self.config
        started, t0 = _now(), time.perf_counter()
        self.on_event(PhaseEvent("preparing"))
        (x_train, y_train), (x_test, y_test) = self._load()
        cfg.validate(train_size=len(x_train))
        dev = next((d for d in devices.available() if d.tf_name == cfg.device), devices.default())

        rng = np.random.default_rng(cfg.seed)
        if cfg.subset is not None and cfg.subset < len(x_train):
            keep = np.sort(rng.permutation(len(x_train))[: cfg.subset])
            x_train, y_train = x_train[keep], y_train[keep]
        n = len(x_train)
        steps = math.ceil(n / cfg.batch_size)
        keras.utils.set_random_seed(cfg.seed)

        with tf.device(dev.tf_name):
            model = get_preset(cfg.preset).build()
            model.compile(
                optimizer=_optimizer(cfg, steps * cfg.epochs),
                loss="sparse_categorical_crossentropy",
                metrics=["accuracy"],
                jit_compile=False,  # XLA measured 2-4x slower for these small models on a CPU
            )
            train_ds = _batches(x_train, y_train, cfg)
            # Per-epoch validation on a slice of the test set sized to the run (a 1k-image class demo
            # should not wait on 10,000 images every epoch); the final evaluation uses all of it.
            n_val = min(len(x_test), max(2000, n))
            val_ds = ((x_test[:n_val].astype(np.float32) / 255, y_test[:n_val].astype(np.int32))
                      if self._validation else None)
            progress = _ProgressCallback(self, cfg, steps, n)
            self.on_event(PhaseEvent("training"))
            try:
                model.fit(train_ds, epochs=cfg.epochs, validation_data=val_ds, validation_batch_size=1000, verbose=0,
                          callbacks=[progress.keras_callback()])
            except tf.errors.ResourceExhaustedError as exc:
                progress.status, progress.message = "failed", (
                    f"Out of memory on {dev.label}: {str(exc).splitlines()[0]}. "
                    "Try a smaller batch size or train on the CPU."
                )

        evaluation = None
        if progress.status != "failed" and not self._skip_eval.is_set():
            self.on_event(PhaseEvent("evaluating"))
            evaluation = evaluate(Predictor(model, name=cfg.preset), x_test, y_test,
                                  cancelled=self._skip_eval.is_set)
        return TrainResult(
            config=cfg,
            model=model,
            status=progress.status,
            message=progress.message,
            history=progress.history,
            evaluation=evaluation,
            device=dev.label,
            seconds=time.perf_counter() - t0,
            started_at=started,
            finished_at=_now(),
            train_size=n,
        )


def _optimizer(cfg: TrainConfig, total_steps: int):
    from mnist_studio.tf import keras

    lr = cfg.learning_rate
    if get_preset(cfg.preset).schedule == "onecycle" and total_steps > 10:
        warmup = max(1, int(0.15 * total_steps))
        lr = keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=lr / 10, warmup_target=lr, warmup_steps=warmup,
            decay_steps=total_steps - warmup, alpha=0.01,
        )
    if cfg.optimizer == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9, nesterov=True)
    return {"adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
            "rmsprop": keras.optimizers.RMSprop}[cfg.optimizer](lr)


def _batches(x: np.ndarray, y: np.ndarray, cfg: TrainConfig, workers: int | None = None):
    """A ``keras.utils.PyDataset`` over uint8 arrays: float32 in [0, 1], shuffled and augmented per epoch."""
    from mnist_studio.tf import keras

    if workers is None:  # a second thread prepares augmented batches while the model trains
        workers = 2 if cfg.augment else 1

    class ArrayBatches(keras.utils.PyDataset):
        """Seeded: batch ``i`` of epoch ``e`` is the same images and the same augmentation on every run."""

        def __init__(self):
            super().__init__(workers=workers, use_multiprocessing=False)
            self.epoch = 0

        def __len__(self) -> int:
            return math.ceil(len(x) / cfg.batch_size)

        def __getitem__(self, index: int):
            order = _epoch_order(len(x), cfg.seed, self.epoch)
            idx = np.sort(order[index * cfg.batch_size: (index + 1) * cfg.batch_size])
            images = x[idx].astype(np.float32) * np.float32(1 / 255)
            if cfg.augment:
                images = augment_batch(images, np.random.default_rng([cfg.seed, self.epoch, index]))
            return images, y[idx].astype(np.int32)

        def on_epoch_end(self) -> None:
            self.epoch += 1

    return ArrayBatches()


@lru_cache(maxsize=4)
def _epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    return np.random.default_rng([seed, epoch, n]).permutation(n)


class _ProgressCallback:
    def __init__(self, trainer: Trainer, cfg: TrainConfig, steps: int, n: int):
        self.trainer, self.cfg, self.steps, self.n = trainer, cfg, steps, n
        self.status, self.message = "completed", f"Trained {cfg.epochs} epoch(s)."
        self.history: list[dict] = []
        self._last_emit = 0.0
        self._run_start = self._epoch_start = time.perf_counter()

    def keras_callback(self):
        from mnist_studio.tf import keras

        outer = self

        class Progress(keras.callbacks.Callback):
            def on_train_begin(self, logs=None):
                outer._run_start = time.perf_counter()

            def on_epoch_begin(self, epoch, logs=None):
                outer._epoch = epoch
                outer._epoch_start = time.perf_counter()

            def on_train_batch_end(self, batch, logs=None):
                outer.batch_end(self.model, batch, logs or {})

            def on_epoch_end(self, epoch, logs=None):
                outer.epoch_end(self.model, epoch, logs or {})

        return Progress()

    def batch_end(self, model, batch: int, logs: dict) -> None:
        loss = float(logs.get("loss", float("nan")))
        if not math.isfinite(loss):
            self.status = "failed"
            self.message = (
                f"Training diverged: the loss became {loss} in epoch {self._epoch + 1}, batch {batch + 1}. "
                f"Try a lower learning rate (it was {self.cfg.learning_rate:g})."
            )
            model.stop_training = True
            return
        if self.trainer.cancelled:
            if self.status != "stopped":
                self.status = "stopped"
                self.message = f"Stopped by the user in epoch {self._epoch + 1}, after batch {batch + 1}."
            model.stop_training = True
            return
        now = time.perf_counter()
        last = batch + 1 == self.steps
        if now - self._last_emit < EVENT_INTERVAL_S and not last:
            return
        self._last_emit = now
        done = self._epoch * self.steps + batch + 1
        elapsed = now - self._run_start
        rate = done * self.cfg.batch_size / elapsed if elapsed > 0 else 0.0
        remaining = (self.cfg.epochs * self.steps - done) * elapsed / done
        self.trainer.on_event(BatchEvent(
            epoch=self._epoch + 1, epochs=self.cfg.epochs, batch=batch + 1, batches=self.steps,
            loss=loss, accuracy=float(logs.get("accuracy", float("nan"))),
            samples_per_s=min(rate, self.n * self.cfg.epochs / elapsed if elapsed else rate), eta_s=remaining,
        ))

    def epoch_end(self, model, epoch: int, logs: dict) -> None:
        if self.status == "failed" or (self.status == "stopped" and not logs):
            return
        seconds = time.perf_counter() - self._epoch_start
        entry = {
            "epoch": epoch + 1,
            "loss": float(logs.get("loss", float("nan"))),
            "accuracy": float(logs.get("accuracy", float("nan"))),
            "val_loss": float(logs.get("val_loss", float("nan"))),
            "val_accuracy": float(logs.get("val_accuracy", float("nan"))),
            "seconds": seconds,
            "samples_per_s": self.n / seconds if seconds > 0 else 0.0,
            "partial": self.status == "stopped",
        }
        self.history.append(entry)
        self.trainer.on_event(EpochEvent(
            epoch=epoch + 1, epochs=self.cfg.epochs, loss=entry["loss"], accuracy=entry["accuracy"],
            val_loss=entry["val_loss"], val_accuracy=entry["val_accuracy"], seconds=seconds,
            samples_per_s=entry["samples_per_s"],
        ))

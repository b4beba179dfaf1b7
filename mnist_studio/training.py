"""``Trainer``: Keras ``fit`` with callbacks, throttled progress events and cancel. No Qt here."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from mnist_studio.models import ARCH_FIELDS, PRESETS, ConfigError, architecture, estimate, get_preset
from mnist_studio.trainingdata import batches, default_validation_size, stratified_split

__all__ = ["BatchEvent", "ConfigError", "EpochEvent", "PhaseEvent", "TrainConfig", "TrainResult", "Trainer",
           "default_validation_size", "split_sizes", "stratified_split"]

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
EVENT_INTERVAL_S = 0.05  # at most 20 batch events a second (every batch's values still travel in them)
KEEP_BEST_PATIENCE = 5  # epochs without a better validation loss before keep_best stops the run


@dataclass(frozen=True)
class TrainConfig:
    preset: str = "cnn"
    epochs: int | None = None  # None -> the preset's default
    batch_size: int | None = None
    learning_rate: float | None = None
    optimizer: str | None = None
    augment: bool | None = None
    subset: int | None = None  # use this many training images (validation included); None = all
    seed: int = 0
    device: str | None = None  # a backend.DeviceInfo.id, e.g. "/GPU:0"; None = the backend's choice
    validation_size: int | None = None  # held out of the training images; None = 10 % (<= 5,000), 0 = none
    keep_best: bool = False  # restore the weights of the epoch with the lowest validation loss
    dataset: str = "mnist"  # a key of data.DATASETS
    # Design your own network (presets mlp-custom and cnn-custom; None = the preset's default):
    hidden: tuple[int, ...] | None = None  # MLP hidden layer sizes
    activation: str | None = None  # relu, tanh, sigmoid, gelu
    dropout: float | None = None
    conv: tuple[int, ...] | None = None  # CNN filters per conv block
    kernel: int | None = None
    pool: bool | None = None  # 2x2 max pooling after each conv block
    dense: tuple[int, ...] | None = None  # CNN dense head

    def resolved(self) -> TrainConfig:
        """Fill the preset's defaults in and check every field; raise ``ConfigError``."""
        if self.preset not in PRESETS:
            raise ConfigError("preset", f"unknown preset {self.preset!r}; choose one of {', '.join(PRESETS)}")
        p = get_preset(self.preset)
        arch = architecture(self.preset, **{k: getattr(self, k) for k in ARCH_FIELDS})
        cfg = replace(
            self,
            epochs=p.epochs if self.epochs is None else self.epochs,
            batch_size=p.batch_size if self.batch_size is None else self.batch_size,
            learning_rate=p.learning_rate if self.learning_rate is None else self.learning_rate,
            optimizer=p.optimizer if self.optimizer is None else self.optimizer,
            augment=p.augment if self.augment is None else self.augment,
            subset=p.subset if self.subset is None else self.subset,
            validation_size=p.validation_size if self.validation_size is None else self.validation_size,
            **arch,
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
                raise ConfigError("subset", f"subset (training-set size) must be between 1 and {train_size}, "
                                            f"got {self.subset}")
        pool = train_size if self.subset is None else min(self.subset, train_size)
        if self.validation_size is not None:
            whole("validation_size", self.validation_size)
            if self.validation_size < 0:
                raise ConfigError("validation_size", f"validation size must be 0 or more, got {self.validation_size}")
            if self.validation_size >= pool:
                raise ConfigError("validation_size", f"validation size ({self.validation_size:,}) must be smaller "
                                                     f"than the {pool:,} training images it is held out of")
        if self.keep_best and split_sizes(self, train_size)[1] == 0:
            raise ConfigError("keep_best", "keeping the best epoch needs a validation set (validation size > 0)")
        from mnist_studio.data import DATASETS

        if self.dataset not in DATASETS:
            raise ConfigError("dataset", f"dataset must be one of {', '.join(DATASETS)}, got {self.dataset!r}")
        estimate(self)  # architecture fields and the parameter limit

    def hyperparameters(self) -> dict:
        d = asdict(self)
        d["schedule"] = get_preset(self.preset).schedule
        return d


def split_sizes(config: TrainConfig, n_available: int = 60000) -> tuple[int, int]:
    """(train, validation) image counts ``config`` will use out of ``n_available`` training images.

    For the UI, before training: ``55,000 train · 5,000 validation`` for the full MNIST training set.
    """
    p = PRESETS.get(config.preset)
    subset = config.subset if config.subset is not None else (p.subset if p else None)
    n = n_available if subset is None else min(subset, n_available)
    val = config.validation_size if config.validation_size is not None else (p.validation_size if p else None)
    val = default_validation_size(n) if val is None else min(val, max(n - 1, 0))
    return n - val, val


@dataclass(frozen=True)
class BatchEvent:
    epoch: int  # 1-based
    epochs: int
    batch: int  # 1-based within the epoch
    batches: int
    loss: float  # running mean over the epoch so far (what Keras reports)
    accuracy: float
    samples_per_s: float
    eta_s: float  # whole run
    batch_loss: float = float("nan")  # this batch's own loss and accuracy
    batch_accuracy: float = float("nan")
    batch_losses: tuple[float, ...] = ()  # every batch's own values since the previous event (this one last)
    batch_accuracies: tuple[float, ...] = ()
    first_batch: int = 0  # 1-based batch number of batch_losses[0] within this epoch


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    epochs: int
    loss: float
    accuracy: float
    val_loss: float  # on the validation split (held out of the training images); nan without one
    val_accuracy: float
    seconds: float
    samples_per_s: float


@dataclass(frozen=True)
class PhaseEvent:
    phase: str  # "waiting" (for another Keras job), "preparing", "training", "evaluating"


@dataclass
class TrainResult:
    config: TrainConfig
    model: object
    status: str  # "completed", "stopped" or "failed"
    message: str
    history: list[dict]
    evaluation: object | None  # evaluation.EvalResult on the test set (evaluated once, at the end)
    device: str
    seconds: float
    started_at: str
    finished_at: str
    train_size: int = 0
    # backend, dataset, params, validation {"source", "size"}, train_size, train_accuracy, val_accuracy,
    # best_epoch (keep_best); the UI adds predictor/record/save_error
    extra: dict = field(default_factory=dict)
    timelapse: Path | None = None  # the run folder's learning.npz (live views were on and the run was saved)
    recording: object | None = field(default=None, repr=False)  # learning.Timelapse, in the worker only


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Trainer:
    """Train one preset. ``run()`` blocks; call it from a worker thread. ``cancel()`` is thread-safe.

    ``data``: ((x_train, y_train), (x_test, y_test)) uint8, default the config's dataset. ``validation``:
    True = hold ``validation_size`` out of the training images; False = no per-epoch validation; an
    (x, y) pair = validate on those images instead (the benchmarks use the test set, as before).
    ``live_views``: snapshots for the live views (``learning.SnapshotEvent`` events, a ``learning.Timelapse`` in
    ``TrainResult.recording``), on a fixed validation slice (the test set's when there is no validation split).
    """

    def __init__(self, config: TrainConfig, on_event: Callable[[object], None] | None = None, data=None,
                 validation: bool | tuple = True, live_views: bool = False, drawing=None):
        self.config = config.resolved()
        if self.config.keep_best and validation is False:
            raise ConfigError("keep_best", "keeping the best epoch needs per-epoch validation")
        self.on_event = on_event or (lambda event: None)
        self._data = data
        self._validation = validation
        self._cancel = threading.Event()
        self._skip_eval = threading.Event()
        self.live_views = live_views  # take the live views' snapshots (learning.recorder), stream and keep them
        self._drawing = drawing
        self.recorder = None

    def set_drawing(self, image) -> None:
        """Thread-safe: the next snapshots read this (28, 28) drawing in [0, 1] (None: no drawing)."""
        self._drawing = image
        recorder = self.recorder
        if recorder is not None:
            recorder.set_drawing(image)

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
        from mnist_studio.data import load_dataset

        return load_dataset(self.config.dataset)

    def _split(self, x, y, cfg: TrainConfig, rng):
        if cfg.subset is not None and cfg.subset < len(x):
            keep = np.sort(rng.permutation(len(x))[: cfg.subset])
            x, y = x[keep], y[keep]
        if self._validation is not True:
            val = (self._validation[0], self._validation[1], "given") if isinstance(self._validation, tuple) else None
            return x, y, val
        _, n_val = split_sizes(cfg, len(x))
        train_idx, val_idx = stratified_split(y, n_val, cfg.seed)
        val = (x[val_idx], y[val_idx], "train") if n_val else None
        return x[train_idx], y[train_idx], val

    def run(self) -> TrainResult:
        """Train, validate, test. Waits for any other Keras job in this process to end first (``PhaseEvent
        ("waiting")``); raises ``backend.JobCancelled`` when cancelled while waiting."""
        from mnist_studio import backend

        with backend.keras_job(cancelled=self._cancel.is_set, waiting=lambda: self.on_event(PhaseEvent("waiting"))):
            return self._run()

    def _run(self) -> TrainResult:
        from mnist_studio import backend
        from mnist_studio.backend import keras
        from mnist_studio.evaluation import evaluate
        from mnist_studio.inference import Predictor
        from mnist_studio.learning.progress import Progress
        from mnist_studio.models import build_model

        cfg = self.config
        started, t0 = _now(), time.perf_counter()
        self.on_event(PhaseEvent("preparing"))
        (x_all, y_all), (x_test, y_test) = self._load()
        cfg.validate(train_size=len(x_all))
        dev = backend.find_device(cfg.device)
        backend.clear_session()  # the previous run's graphs and layer names in this thread
        x_train, y_train, val = self._split(x_all, y_all, cfg, np.random.default_rng(cfg.seed))
        n = len(x_train)
        steps = math.ceil(n / cfg.batch_size)
        keras.utils.set_random_seed(cfg.seed)

        with backend.device_scope(dev):
            model = build_model(cfg)
            model.compile(optimizer=_optimizer(cfg, steps * cfg.epochs), loss="sparse_categorical_crossentropy",
                          metrics=["accuracy"], jit_compile=backend.jit_compile())
            val_data = (np.asarray(val[0], np.float32) / 255, np.asarray(val[1], np.int32)) if val else None
            feed = batches(x_train, y_train, cfg)
            recorder = self._recorder(model, val or (x_test, y_test))
            progress = Progress(self, cfg, steps, n, feed, recorder)
            self.on_event(PhaseEvent("training"))
            try:
                model.fit(feed, epochs=cfg.epochs, validation_data=val_data,
                          validation_batch_size=1000, verbose=0, shuffle=False, callbacks=[progress.keras_callback()])
            except Exception as exc:
                if not backend.is_out_of_memory(exc):
                    raise
                progress.status, progress.message = "failed", (
                    f"Out of memory on {dev.label}: {str(exc).splitlines()[0]}. "
                    "Try a smaller batch size or train on the CPU."
                )
            progress.restore_best(model)
        _release(model)
        if recorder is not None:
            recorder.close()

        evaluation = None
        if progress.status != "failed" and not self._skip_eval.is_set():
            self.on_event(PhaseEvent("evaluating"))
            evaluation = evaluate(Predictor(model, name=cfg.preset), x_test, y_test,
                                  cancelled=self._skip_eval.is_set)
        last = progress.best or (progress.history[-1] if progress.history else {})
        finite = lambda v: float(v) if v is not None and math.isfinite(v) else None  # noqa: E731
        extra = {
            "backend": backend.current(), "dataset": cfg.dataset, "params": int(model.count_params()),
            "validation": {"source": val[2], "size": int(len(val[1]))} if val else None,
            "train_size": n, "train_accuracy": finite(last.get("accuracy")),
            "val_accuracy": finite(last.get("val_accuracy")) if val else None,
            "best_epoch": progress.best["epoch"] if progress.best else None,
            "live_views_s": round(recorder.seconds, 3) if recorder is not None else None,  # spent on snapshots
        }
        return TrainResult(config=cfg, model=model, status=progress.status, message=progress.message,
                           history=progress.history, evaluation=evaluation, device=dev.label,
                           seconds=time.perf_counter() - t0, started_at=started, finished_at=_now(), train_size=n,
                           extra=extra, recording=recorder.timelapse if recorder and recorder.timelapse.snapshots
                           else None)

    def _recorder(self, model, val):
        if not self.live_views:
            return None
        from mnist_studio.learning.recorder import Recorder, fixed_slice

        x, y = fixed_slice(val[0], val[1], seed=self.config.seed)
        try:
            self.recorder = Recorder(model, x, y, self.on_event, preset=self.config.preset, drawing=self._drawing)
        except Exception as exc:  # noqa: BLE001 - a model the probe cannot cut trains without live views
            import logging

            logging.getLogger(__name__).warning("no live views for this model: %s: %s", type(exc).__name__, exc)
            return None
        self.recorder.set_drawing(self._drawing)  # one set while the recorder was made
        return self.recorder


def _release(model) -> None:
    """Drop the compiled training/validation steps (graphs, jitted functions); the model predicts on."""
    for name in ("train_function", "test_function", "predict_function"):
        if getattr(model, name, None) is not None:
            setattr(model, name, None)
    model.history = None


def _optimizer(cfg: TrainConfig, total_steps: int):
    from mnist_studio.backend import keras

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

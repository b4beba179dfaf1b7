"""``Trainer``: Keras ``fit`` with callbacks, throttled progress events and cancel. No Qt here."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from mnist_studio.learning.recorder import N_VAL, Recorder
from mnist_studio.networks.models import ConfigError
from mnist_studio.networks.progress import Progress
from mnist_studio.networks.train_config import (
    EVENT_INTERVAL_S,
    KEEP_BEST_PATIENCE,
    OPTIMIZERS,
    BatchEvent,
    EpochEvent,
    PhaseEvent,
    TrainConfig,
    one_cycle,
    split_sizes,
)
from mnist_studio.networks.trainingdata import balanced_slice, batches, default_validation_size, stratified_split

__all__ = ["EVENT_INTERVAL_S", "KEEP_BEST_PATIENCE", "OPTIMIZERS", "BatchEvent", "ConfigError", "EpochEvent",
           "PhaseEvent", "TrainConfig", "TrainResult", "Trainer", "default_validation_size", "split_sizes",
           "stratified_split"]

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
    ``warm``: the worker's ``warm.WarmModels``: the model comes from it when it keeps one of this network.
    """

    def __init__(self, config: TrainConfig, on_event: Callable[[object], None] | None = None, data=None,
                 validation: bool | tuple = True, live_views: bool = False, drawing=None, warm=None):
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
        self.warm = warm  # a warm.WarmModels (the worker's): reuse a traced model, keep this one for the next run

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
        from mnist_studio.digits.data import load_dataset

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
        from mnist_studio.runtime import backend

        with backend.keras_job(cancelled=self._cancel.is_set, waiting=lambda: self.on_event(PhaseEvent("waiting"))):
            return self._run()

    def _run(self) -> TrainResult:
        from mnist_studio.networks.evaluation import evaluate
        from mnist_studio.prediction.inference import Predictor
        from mnist_studio.runtime import backend

        cfg = self.config
        started, t0 = _now(), time.perf_counter()
        self.on_event(PhaseEvent("preparing"))
        (x_all, y_all), (x_test, y_test) = self._load()
        cfg.validate(train_size=len(x_all))
        dev = backend.find_device(cfg.device)
        x_train, y_train, val = self._split(x_all, y_all, cfg, np.random.default_rng(cfg.seed))
        n = len(x_train)
        steps = math.ceil(n / cfg.batch_size)

        if self.warm is None or not self.warm.usable():
            backend.clear_session()  # the previous run's graphs and layer names (before the device scope: torch
            # keeps that scope in the global state that this clears)
        with backend.device_scope(dev):
            model, warm = self._model(cfg, steps * cfg.epochs)
            val_data = (np.asarray(val[0], np.float32) / 255, np.asarray(val[1], np.int32)) if val else None
            feed = batches(x_train, y_train, cfg, workers=2 if cfg.augment and dev.kind == "GPU" else 1)
            recorder = self._recorder(model, val or (x_test, y_test))
            progress = Progress(self, cfg, steps, n, feed, recorder)
            self.on_event(PhaseEvent("training"))
            try:
                model.fit(backend.fit_input(feed), epochs=cfg.epochs,
                          validation_data=backend.fit_input(val_data, 1000) if val_data else None,
                          validation_batch_size=1000, verbose=0, shuffle=False, callbacks=[progress.keras_callback()])
            except Exception as exc:
                if not backend.is_out_of_memory(exc):
                    raise
                progress.status, progress.message = "failed", (
                    f"Out of memory on {dev.label}: {str(exc).splitlines()[0]}. "
                    "Try a smaller batch size or train on the CPU."
                )
            progress.restore_best(model)
        if warm is None:
            _release(model)
        if recorder is not None:
            recorder.close()

        evaluation = None
        if progress.status != "failed" and not self._skip_eval.is_set():
            self.on_event(PhaseEvent("evaluating"))
            evaluation = evaluate(Predictor(model, name=cfg.preset), x_test, y_test,
                                  cancelled=self._skip_eval.is_set)
        if warm is not None and progress.status != "failed":
            self.warm.keep(warm)  # trained and evaluated: the next run of this network starts without tracing
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

    def _model(self, cfg: TrainConfig, total_steps: int):
        """``(model, warm)`` in the run's device scope: a compiled model at the run's start; ``warm``: its handle
        when ``self.warm`` keeps it for the next run of this network (the warm one when there is one: no
        tracing), else None."""
        from mnist_studio.networks.models import build_model
        from mnist_studio.runtime import backend
        from mnist_studio.runtime.backend import keras

        keras.utils.set_random_seed(cfg.seed)
        if self.warm is not None and self.warm.usable():  # TensorFlow: its device scope is not Keras' state
            warm = self.warm.take(cfg, total_steps)
            if warm is not None:
                return warm.model, warm
            backend.clear_session()  # the previous run's graphs and layer names in this thread
            keras.utils.set_random_seed(cfg.seed)
            model = build_model(cfg)
            return model, self.warm.compile(model, cfg, total_steps)
        model = build_model(cfg)
        model.compile(optimizer=make_optimizer(cfg, total_steps), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"], jit_compile=backend.jit_compile())
        return model, None

    def _recorder(self, model, val):
        if not self.live_views:
            return None
        x, y = balanced_slice(val[0], val[1], N_VAL, seed=self.config.seed)
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


def make_optimizer(cfg: TrainConfig, total_steps: int, schedule=None):
    """The run's optimizer; ``schedule``: a one-cycle schedule already set for it (``warm``'s, in variables)."""
    from mnist_studio.runtime.backend import keras

    lr = cfg.learning_rate if schedule is None else schedule
    if schedule is None and one_cycle(cfg, total_steps):
        warmup = max(1, int(0.15 * total_steps))
        lr = keras.optimizers.schedules.CosineDecay(
            initial_learning_rate=lr / 10, warmup_target=lr, warmup_steps=warmup,
            decay_steps=total_steps - warmup, alpha=0.01,
        )
    if cfg.optimizer == "sgd":
        return keras.optimizers.SGD(lr, momentum=0.9, nesterov=True)
    return {"adam": keras.optimizers.Adam, "adamw": keras.optimizers.AdamW,
            "rmsprop": keras.optimizers.RMSprop}[cfg.optimizer](lr)

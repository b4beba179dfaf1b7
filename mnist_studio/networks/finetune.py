"""Fine-tune a trained model on someone's own handwriting, without forgetting MNIST. No Qt here.

Every training batch mixes a few of the writer's digits (randomly shifted, rotated and zoomed) with
many MNIST training images, at a small learning rate: the model learns the new hand and keeps the
old ones. Scoring never uses a digit it trained on: ``split_set`` (in ``finetune_split``) holds out part of each
writer's digits (a personal set) or whole writers (a class set: train on some students, test on the others).
Before/after numbers are reported on those held-out digits and on the 10,000 MNIST test images.

Plain Keras 3 (``model.fit`` over a ``keras.utils.PyDataset``), so it runs on any backend.
"""

from __future__ import annotations

import math
import os
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from mnist_studio.digits.handwriting import DigitSet
from mnist_studio.networks.finetune_split import (
    CLASS_SET_WRITERS,
    NONE,
    PER_WRITER,
    WRITER_HELD_OUT,
    Split,
    check_trainable,
    split_set,
)
from mnist_studio.networks.train_config import PhaseEvent  # one event for the phases of every job

__all__ = ["BATCH", "CLASS_SET_WRITERS", "NONE", "PER_WRITER", "WRITER_HELD_OUT", "FineTuner", "FinetuneConfig",
           "FinetuneResult", "PhaseEvent", "Split", "StepEvent", "check_trainable", "for_arch", "resolve_base",
           "split_set"]



@dataclass(frozen=True)
class FinetuneConfig:
    steps: int = 80
    personal_batch: int = 32  # the writer's digits per batch (augmented, drawn with replacement)
    # MNIST training images per batch: what keeps the model from forgetting. None: the rest of ``BATCH`` (96 for
    # a CNN, 224 for an MLP: an MLP forgets faster; its steps are cheap). The writer's share and the learning rate
    # were chosen on hard writers a proxy base never saw (benchmarks/finetune_settings.py): 16 at 3e-4 did worse.
    mnist_batch: int | None = None
    learning_rate: float = 6e-4
    holdout: float = 0.3  # share of each writer's digits (or of the writers) kept for scoring
    augment: bool = True
    seed: int = 0

    def validate(self) -> None:
        for name in ("steps", "personal_batch", "mnist_batch"):
            value, least = getattr(self, name), 0 if name == "mnist_batch" else 1
            if value is None and name == "mnist_batch":
                continue
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < least:
                raise ValueError(f"{name.replace('_', ' ')} must be a positive whole number, got {value!r}")
        if not (isinstance(self.learning_rate, (int, float)) and math.isfinite(self.learning_rate)
                and self.learning_rate > 0):
            raise ValueError(f"learning rate must be a positive number, got {self.learning_rate!r}")
        if not 0 < self.holdout < 1:
            raise ValueError(f"the held-out share must be between 0 and 1, got {self.holdout}")


@dataclass(frozen=True)
class StepEvent:
    step: int  # 1-based
    steps: int
    loss: float  # running mean since the start
    accuracy: float
    seconds: float


@dataclass
class FinetuneResult:
    model: object
    base: str
    preset: str
    split: Split
    config: FinetuneConfig
    status: str  # "completed" or "stopped"
    before: object | None  # evaluation.EvalResult on the held-out digits (None when nothing is held out)
    after: object | None
    mnist_before: object | None  # on the MNIST test set
    mnist_after: object | None
    history: list[dict]
    seconds: float
    train_seconds: float
    started_at: str
    finished_at: str
    data_name: str = ""
    train_accuracy: float = float("nan")  # running mean over the mixed training batches
    predictor: object | None = None  # the fine-tuned model's predictor, in the process that ran the fine-tune

    def summary(self) -> dict:
        def acc(ev):
            return None if ev is None else round(float(ev.accuracy), 6)

        return {
            "base": self.base, "preset": self.preset, "status": self.status, "split": self.split.mode,
            "split_description": self.split.describe(), "train_size": int(len(self.split.train)),
            "test_size": int(len(self.split.test)), "test_writers": self.split.test_writers,
            "heldout_accuracy_before": acc(self.before), "heldout_accuracy_after": acc(self.after),
            "mnist_accuracy_before": acc(self.mnist_before), "mnist_accuracy_after": acc(self.mnist_after),
            "steps": self.config.steps, "seconds": round(self.seconds, 3),
            "train_seconds": round(self.train_seconds, 3),
        }

    def to_train_result(self):
        """A ``training.TrainResult``, so ``RunStore.save`` keeps the fine-tuned model like any run."""
        from mnist_studio.networks.training import TrainConfig, TrainResult

        cfg = TrainConfig(preset=self.preset, epochs=1, batch_size=self.config.personal_batch + self.config.mnist_batch,
                          learning_rate=self.config.learning_rate, optimizer="adam", augment=self.config.augment,
                          seed=self.config.seed)
        msg = f"Fine-tuned from {self.base} on {len(self.split.train)} digits ({self.split.describe()})."
        result = TrainResult(config=cfg, model=self.model, status=self.status, message=msg, history=self.history,
                             evaluation=self.mnist_after, device=_device_label(), seconds=self.seconds,
                             started_at=self.started_at, finished_at=self.finished_at,
                             train_size=int(len(self.split.train)), extra={
                                 "finetune": self.summary(), "base": self.base,
                                 "dataset": f"my digits: {self.data_name or 'unnamed set'}",
                                 "validation": {"source": self.split.mode, "size": int(len(self.split.test))},
                                 "params": int(self.model.count_params()), "backend": _backend(),
                                 "train_accuracy": _finite(self.train_accuracy),
                                 "val_accuracy": _finite(self.after.accuracy) if self.after is not None else None,
                             })
        return result


def _finite(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _backend() -> str:
    from mnist_studio.runtime.backend import keras

    return keras.backend.backend()


BATCH = {"cnn": 128, "mlp": 256}  # digits a fine-tune batch holds: the writer's plus MNIST's


def for_arch(cfg: FinetuneConfig, preset: str) -> FinetuneConfig:
    """``cfg`` with the MNIST share filled in for this kind of model."""
    if cfg.mnist_batch is not None:
        return cfg
    from dataclasses import replace

    from mnist_studio.networks.models import PRESETS

    arch = PRESETS[preset].arch if preset in PRESETS else preset
    total = BATCH["cnn" if arch == "cnn" else "mlp"]
    if cfg.personal_batch >= total:  # no MNIST left: the model would forget the digits it knew
        raise ValueError(f"personal batch must be below {total}, got {cfg.personal_batch}")
    return replace(cfg, mnist_batch=total - cfg.personal_batch)


def _device_label() -> str:
    try:
        from mnist_studio.runtime import backend

        return backend.default_device().label
    except Exception:  # noqa: BLE001 - the label is informative only
        return ""


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# -- base models -------------------------------------------------------------------------------------
def resolve_base(source, store=None) -> tuple[object, str, str]:
    """(Keras model, label, preset) from ``cnn``/``mlp``, a run id or folder, a ``.keras`` path or a model."""
    from mnist_studio.prediction.inference import SHIPPED, ModelLoadError, load_model

    if hasattr(source, "predict") and hasattr(source, "model"):  # a Predictor
        return _copy(source.model), getattr(source, "name", "model"), _guess_preset(source.model)
    if hasattr(source, "layers"):
        return _copy(source), getattr(source, "name", "model"), _guess_preset(source)
    text = str(source)
    if text in SHIPPED:
        return load_model(text), text, text
    path = Path(text).expanduser()
    if path.is_dir() and (path / "model.keras").is_file():
        record = _record(path)
        model = load_model(path / "model.keras")
        return model, f"run {path.name}", record.get("preset") or _guess_preset(model)
    if path.suffix == ".keras" or path.exists():
        model = load_model(path)
        return model, str(path), _guess_preset(model)
    from mnist_studio.storage.runs import RunStore

    if path.is_absolute() or any(sep and sep in text for sep in (os.sep, os.altsep)):  # picked, then deleted
        raise ModelLoadError("%1: no such model file or run folder (was its run deleted?)", text)
    try:
        record = (store or RunStore()).get(text)
    except KeyError:
        raise ModelLoadError("%1 is neither a shipped model (mlp, cnn), a .keras file nor a run id",
                             repr(text)) from None
    return load_model(record.model_path), f"run {record.id}", record.preset


def _record(folder: Path) -> dict:
    import json

    try:
        return json.loads((folder / "run.json").read_text())
    except (OSError, ValueError):
        return {}


def _copy(model):
    from mnist_studio.runtime.backend import keras

    clone = keras.models.clone_model(model)
    clone.set_weights(model.get_weights())
    return clone


def _guess_preset(model) -> str:
    return "cnn" if any("conv" in type(layer).__name__.lower() for layer in model.layers) else "mlp"


# -- training ----------------------------------------------------------------------------------------------
def _mixed_dataset(x_personal, y_personal, x_mnist, y_mnist, cfg: FinetuneConfig):
    from mnist_studio.digits.augment import augment_batch
    from mnist_studio.runtime.backend import keras

    class Mixed(keras.utils.PyDataset):
        def __len__(self):
            return cfg.steps

        def __getitem__(self, i):
            rng = np.random.default_rng((cfg.seed, i))
            pi = rng.integers(0, len(x_personal), cfg.personal_batch)
            xp = x_personal[pi]
            if cfg.augment:
                xp = augment_batch(xp, rng)
            parts_x, parts_y = [xp], [y_personal[pi]]
            if cfg.mnist_batch and len(x_mnist):
                mi = rng.integers(0, len(x_mnist), cfg.mnist_batch)
                parts_x.append(x_mnist[mi].astype(np.float32) / 255.0)
                parts_y.append(y_mnist[mi])
            return np.concatenate(parts_x).astype(np.float32), np.concatenate(parts_y).astype(np.int32)

    return Mixed()


_BEFORE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # Predictor -> {test-set key: EvalResult}


class FineTuner:
    """``run()`` blocks (call it from a worker thread); ``cancel()`` is thread-safe."""

    def __init__(self, base, data: DigitSet, config: FinetuneConfig | None = None,
                 on_event: Callable[[object], None] | None = None, mnist=None, holdout: bool = True, store=None):
        self.base, self.data, self.store = base, data, store
        self.config = config or FinetuneConfig()
        self.config.validate()
        self.on_event = on_event or (lambda event: None)
        self.mnist = mnist
        self.holdout = holdout
        check_trainable(data, f"'{data.name}'" if data.name else "the set")
        self.split = split_set(data, self.config.holdout, self.config.seed) if holdout else \
            Split(np.arange(len(data)), np.zeros(0, np.int64), NONE, [])
        self._cancel = threading.Event()
        self._skip_scoring = threading.Event()

    def cancel(self, evaluate: bool = True) -> None:
        """Stop at the next step. ``evaluate=False`` also skips scoring the result (closing the app)."""
        if not evaluate:
            self._skip_scoring.set()
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> FinetuneResult:
        """Fine-tune and score. Waits for any other Keras job in this process first (``PhaseEvent("waiting")``);
        raises ``backend.JobCancelled`` when cancelled while waiting."""
        from mnist_studio.runtime import backend

        with backend.keras_job(cancelled=self._cancel.is_set, waiting=lambda: self.on_event(PhaseEvent("waiting"))):
            return self._run()

    def _run(self) -> FinetuneResult:
        from mnist_studio.networks.evaluation import evaluate
        from mnist_studio.prediction.inference import Predictor, _ends_in_softmax
        from mnist_studio.runtime import backend
        from mnist_studio.runtime.backend import keras

        cfg, ds, split = self.config, self.data, self.split
        started, t0 = _now(), time.perf_counter()
        self.on_event(PhaseEvent("preparing"))
        model, label, preset = resolve_base(self.base, self.store)
        cfg = self.config = for_arch(cfg, preset)
        if self.mnist is None:
            from mnist_studio.digits.data import load_mnist

            self.mnist = load_mnist()
        (x_train, y_train), (x_test, y_test) = self.mnist
        images = ds.images()
        x_held, y_held = images[split.test], ds.y[split.test]

        self.on_event(PhaseEvent("scoring"))
        # A Predictor handed in (the app's loaded models) scores the base as it is: no second trace,
        # and its MNIST score is kept for the next fine-tune from the same model.
        given = self.base if hasattr(self.base, "predict") and hasattr(self.base, "model") else None
        before_pred = given or Predictor(model, name=label)
        before = evaluate(before_pred, x_held, y_held) if len(split.test) else None
        key = (len(x_test), int(np.asarray(y_test[:64], np.int64) @ np.arange(64)[: len(y_test[:64])]))
        mnist_before = _BEFORE.get(given, {}).get(key) if given is not None else None
        if mnist_before is None:
            mnist_before = evaluate(before_pred, x_test, y_test)
            if given is not None:
                _BEFORE.setdefault(given, {})[key] = mnist_before

        keras.utils.set_random_seed(cfg.seed)
        model.compile(optimizer=keras.optimizers.Adam(cfg.learning_rate),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=not _ends_in_softmax(model)),
                      metrics=["accuracy"])
        data = _mixed_dataset(images[split.train], ds.y[split.train], x_train, y_train, cfg)
        progress = _Progress(self, cfg.steps)
        self.on_event(PhaseEvent("training"))
        t_train = time.perf_counter()
        model.fit(backend.fit_input(data), epochs=1, verbose=0, shuffle=False,  # each batch is a fresh random draw
                  callbacks=[progress.callback()])
        train_seconds = time.perf_counter() - t_train

        after_pred = after = mnist_after = None
        if not self._skip_scoring.is_set():
            self.on_event(PhaseEvent("evaluating"))
            after_pred = Predictor(model, name=f"{label} (fine-tuned)")
            after = evaluate(after_pred, x_held, y_held) if len(split.test) else None
            mnist_after = evaluate(after_pred, x_test, y_test)
        seconds = time.perf_counter() - t0
        history = [{
            "epoch": 1, "loss": progress.loss, "accuracy": progress.accuracy,
            "val_loss": float(after.loss) if after is not None else float("nan"),
            "val_accuracy": float(after.accuracy) if after is not None else float("nan"),
            "seconds": train_seconds, "samples_per_s": progress.done * (cfg.personal_batch + cfg.mnist_batch)
            / max(train_seconds, 1e-9), "partial": progress.status == "stopped",
        }]
        result = FinetuneResult(model=model, base=label, preset=preset, split=split, config=cfg,
                                status=progress.status, before=before, after=after, mnist_before=mnist_before,
                                mnist_after=mnist_after, history=history, seconds=seconds,
                                train_seconds=train_seconds, started_at=started, finished_at=_now(),
                                data_name=ds.name, train_accuracy=progress.accuracy, predictor=after_pred)
        return result


class _Progress:
    EVERY_S = 0.05  # at most 20 step events a second

    def __init__(self, tuner: FineTuner, steps: int):
        self.tuner, self.steps = tuner, steps
        self.status = "completed"
        self.loss = self.accuracy = float("nan")
        self.done = 0
        self._last = 0.0
        self._t0 = time.perf_counter()

    def callback(self):
        from mnist_studio.runtime.backend import keras

        outer = self

        class Progress(keras.callbacks.Callback):
            def on_train_batch_end(self, batch, logs=None):
                outer.step(self.model, batch, logs or {})

        return Progress()

    def step(self, model, batch: int, logs: dict) -> None:
        self.done = batch + 1
        self.loss = float(logs.get("loss", float("nan")))
        self.accuracy = float(logs.get("accuracy", float("nan")))
        if self.tuner.cancelled:
            self.status = "stopped"
            model.stop_training = True
            return
        now = time.perf_counter()
        if now - self._last < self.EVERY_S and self.done != self.steps:
            return
        self._last = now
        self.tuner.on_event(StepEvent(self.done, self.steps, self.loss, self.accuracy, now - self._t0))

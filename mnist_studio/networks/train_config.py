"""What a training run is asked to do (``TrainConfig``, checked field by field) and what it reports while it
runs (``BatchEvent``, ``EpochEvent``, ``PhaseEvent``). Framework-free: the trainer (``training``), its Keras
callback (``progress``), the CLI and the window all read these.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace

import numpy as np

from mnist_studio.networks.models import ARCH_FIELDS, PRESETS, ConfigError, architecture, estimate, get_preset
from mnist_studio.networks.trainingdata import default_validation_size

OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
EVENT_INTERVAL_S = 0.05  # at most 20 batch events a second (every batch's values still travel in them)
KEEP_BEST_PATIENCE = 5  # epochs without a better validation loss before keep_best stops the run
ONE_CYCLE_MIN_STEPS = 10  # a run of this many steps or fewer keeps a constant learning rate


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
        from mnist_studio.digits.data import DATASETS

        if self.dataset not in DATASETS:
            raise ConfigError("dataset", f"dataset must be one of {', '.join(DATASETS)}, got {self.dataset!r}")
        estimate(self)  # architecture fields and the parameter limit

    def hyperparameters(self) -> dict:
        d = asdict(self)
        d["schedule"] = get_preset(self.preset).schedule
        return d


def one_cycle(cfg: TrainConfig, total_steps: int) -> bool:
    """Does this run's learning rate follow the one-cycle schedule (its preset's, and more than 10 steps)?"""
    return get_preset(cfg.preset).schedule == "onecycle" and total_steps > ONE_CYCLE_MIN_STEPS


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
    phase: str  # "waiting" (for another Keras job), "preparing", "scoring" (a fine-tune), "training", "evaluating"
    waiting_for: str = ""  # "waiting": the kind of the job it waits for, when the worker knows it

"""A traced model kept ready in the Keras worker: the next training of the same network starts at its first batch.

On a 2-core CPU, TensorFlow's tracing of a new model's training step takes about 1.5 s before the first batch: a
third of the class demo's first click. ``WarmModels`` keeps one compiled, traced model per *network*: its preset
and design, optimizer, batch size, device, dataset and whether the learning rate follows the one-cycle schedule.
The run's own numbers are not part of it: ``take`` copies the weights that the run's seed gives a freshly built
model (and its dropout's random state) into the warm model, puts the optimizer back to its state before any step,
and writes the run's learning rate and schedule into variables that the traced step reads. A run on a warm model
therefore trains exactly as on a new one (``tests/test_warm_model.py`` compares the two runs' histories).

TensorFlow only: a JAX step is a pure function whose schedule numbers would be frozen into it, and PyTorch does
not trace; on those backends ``take`` returns ``None`` and every run builds its model as before. No Qt here.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import replace

import numpy as np

from mnist_studio.networks.models import build_model
from mnist_studio.networks.train_config import one_cycle, split_sizes


def run_steps(cfg, n_available: int) -> int:
    """The training steps of a run of ``cfg`` (resolved) on ``n_available`` training images."""
    return math.ceil(split_sizes(cfg, n_available)[0] / cfg.batch_size) * cfg.epochs


def network_key(cfg, total_steps: int) -> tuple:
    """What a traced training step depends on (``cfg`` resolved): everything but the run's own numbers."""
    same = replace(cfg, epochs=1, subset=None, seed=0, learning_rate=0.0, validation_size=None, keep_best=False,
                   augment=False)
    return (same, one_cycle(cfg, total_steps))


def one_cycle_values(lr: float, total_steps: int) -> dict:
    """The one-cycle schedule's numbers (``training.make_optimizer``): warm up from lr/10 to lr over 15 % of the
    steps, then a cosine down to 1 % of lr."""
    warmup = max(1, int(0.15 * total_steps))
    return {"initial_learning_rate": lr / 10, "warmup_target": lr, "warmup_steps": warmup,
            "decay_steps": total_steps - warmup}


def _variable_schedule():
    """Keras' ``CosineDecay`` whose numbers live in variables (same float32 arithmetic as its constants)."""
    from mnist_studio.runtime.backend import keras

    class VariableCosineDecay(keras.optimizers.schedules.CosineDecay):
        def __init__(self):
            super().__init__(initial_learning_rate=0.0, decay_steps=1, alpha=0.01, warmup_target=0.0, warmup_steps=1)
            for name in ("initial_learning_rate", "warmup_target", "warmup_steps", "decay_steps"):
                setattr(self, name, keras.Variable(0.0, dtype="float32", trainable=False, name=f"one_cycle_{name}"))

        def set(self, values: dict) -> None:
            for name, value in values.items():
                getattr(self, name).assign(np.float32(value))

    return VariableCosineDecay()


class _Warm:
    def __init__(self, key, model, schedule, optimizer_start):
        self.key, self.model, self.schedule, self.optimizer_start = key, model, schedule, optimizer_start


class WarmModels:
    """The worker's warm models (the ``KEEP`` most recently trained or prepared networks). Thread-safe; ``take``,
    ``keep`` and ``prepare`` run inside a Keras job."""

    KEEP = 2  # the two networks a lesson compares (the Draw tab's MLP and CNN): a few MB each

    def __init__(self):
        self._lock = threading.Lock()
        self._warm: OrderedDict[tuple, _Warm] = OrderedDict()

    @staticmethod
    def usable() -> bool:
        from mnist_studio.runtime import backend

        return backend.current() == "tensorflow"

    def compile(self, model, cfg, total_steps: int) -> _Warm:
        """Compile ``model`` for a run whose traced step a later run of the same network can reuse: the handle
        to give ``keep`` once the run went well."""
        from mnist_studio.networks.training import make_optimizer
        from mnist_studio.runtime import backend

        schedule = None
        if one_cycle(cfg, total_steps):
            schedule = _variable_schedule()
            schedule.set(one_cycle_values(cfg.learning_rate, total_steps))
        model.compile(optimizer=make_optimizer(cfg, total_steps, schedule=schedule),
                      loss="sparse_categorical_crossentropy", metrics=["accuracy"], jit_compile=backend.jit_compile())
        model.optimizer.build(model.trainable_variables)
        return _Warm(network_key(cfg, total_steps), model, schedule,
                     [np.array(v.numpy()) for v in model.optimizer.variables])

    def keep(self, warm: _Warm | None) -> None:
        """After a run that went well: its model (``compile``'s handle, or ``take``'s) becomes the warm one."""
        if warm is not None and self.usable():
            with self._lock:
                self._warm[warm.key] = warm
                self._warm.move_to_end(warm.key)
                while len(self._warm) > self.KEEP:
                    self._warm.popitem(last=False)

    def discard(self) -> None:
        with self._lock:
            self._warm.clear()

    def ready_for(self, cfg, total_steps: int) -> bool:
        with self._lock:
            return network_key(cfg, total_steps) in self._warm

    def model_for(self, cfg, total_steps: int):
        """The warm model of this network, left where it is (tests check that a run took it), or None."""
        with self._lock:
            warm = self._warm.get(network_key(cfg, total_steps))
            return warm.model if warm is not None else None

    def take(self, cfg, total_steps: int) -> _Warm | None:
        """The warm model's handle for this run (``.model``), set to the run's start (seeded weights, fresh
        optimizer, the run's learning rate), or ``None`` (none warm for this network: the caller builds and
        ``compile``s one). The caller seeds Keras (``keras.utils.set_random_seed``) first, exactly as before
        building a new model."""
        if not self.usable():
            return None
        with self._lock:
            warm = self._warm.pop(network_key(cfg, total_steps), None)  # in use: a run that fails leaves it cold
        if warm is None:
            return None
        fresh = build_model(cfg)  # the seed's initial weights, drawn as for a new model
        for mine, theirs in zip(warm.model.variables, fresh.variables, strict=True):
            mine.assign(theirs.numpy())
        for variable, start in zip(warm.model.optimizer.variables, warm.optimizer_start, strict=True):
            variable.assign(start)
        if warm.schedule is not None:
            warm.schedule.set(one_cycle_values(cfg.learning_rate, total_steps))
        else:
            warm.model.optimizer.learning_rate = float(cfg.learning_rate)
        del fresh
        return warm

    def prepare(self, cfg, total_steps: int, cancelled=None) -> bool:
        """Build, compile and trace the model of ``cfg``'s network on a few blank images (training, validation and
        the test evaluation's batches) and keep it warm. False when one is warm already or tracing is not used.

        ``cancelled()``: a click's job wants the worker (another network's run): checked between the steps (each
        trace is one), it abandons the warm-up with ``backend.JobCancelled``, leaving nothing warm of it."""
        from mnist_studio.networks.trainingdata import batches
        from mnist_studio.prediction.inference import Predictor
        from mnist_studio.runtime import backend
        from mnist_studio.runtime.backend import keras

        def check(*_args, **_kwargs) -> None:
            if cancelled is not None and cancelled():
                raise backend.JobCancelled("the warm-up gave way to a click's job")

        if not self.usable():
            return False
        with self._lock:
            key = network_key(cfg, total_steps)
            if key in self._warm:
                self._warm.move_to_end(key)  # asked for again: the newest
                return False
        check()
        backend.clear_session()
        with backend.device_scope(backend.find_device(cfg.device)):
            model = build_model(cfg)
            warm = self.compile(model, cfg, total_steps)
            n = cfg.batch_size + 1  # a full batch and a short last one
            x, y = np.zeros((n, 28, 28), np.uint8), np.zeros(n, np.uint8)
            blank = np.zeros((10, 28, 28), np.float32), np.zeros(10, np.int32)
            steps = keras.callbacks.LambdaCallback(on_train_batch_begin=check, on_test_begin=check)
            model.fit(backend.fit_input(batches(x, y, replace(cfg, augment=False), workers=1)), epochs=1,
                      validation_data=backend.fit_input(blank, 1000),
                      validation_batch_size=1000, verbose=0, shuffle=False, callbacks=[steps])
            check()
            Predictor(model).predict_compiled(np.zeros((1000, 28, 28), np.float32))
        self.keep(warm)
        return True

    def prepare_run(self, config, train_size: int | None = None, cancelled=None) -> bool:
        """``prepare`` for the runs of a ``TrainConfig`` on ``train_size`` training images (None: the dataset's,
        loaded now, so that it is ready for the click's run too)."""
        cfg = config.resolved()
        if not self.usable():
            return False
        if train_size is None:
            train_size = 60000  # MNIST's and Fashion-MNIST's; only MNIST (shipped) is loaded ahead of the run
            if cfg.dataset == "mnist":
                from mnist_studio.digits.data import load_dataset

                train_size = len(load_dataset(cfg.dataset)[0][0])
        return self.prepare(cfg, run_steps(cfg, train_size), cancelled)

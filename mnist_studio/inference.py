"""``Predictor``: fast single/batch prediction for live drawing and evaluation.

Batches go through Keras' compiled ``predict_on_batch`` (a ``tf.function`` on TensorFlow, ``jax.jit`` on
JAX; on JAX batches are padded to a few fixed sizes so it compiles once per size, not per call);
``model.predict()`` sets up a whole data pipeline on every call (~43 ms here for one image), far too
slow for a pen. A single image (the live canvas) goes through a numpy pass over the same weights when
the model's layers allow it (see ``fastpath``): the framework's thread pools sleep between strokes and
waking them costs more than the model.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np

from mnist_studio.paths import shipped_model_path

SHIPPED = ("mlp", "cnn")
ACCEPTED_INPUTS = {(28, 28), (28, 28, 1), (784,)}
FAST_MAX_BATCH = 8  # up to this many images (the live canvas sends one) take the numpy fast path


class ModelLoadError(ValueError):
    """A file that is not a usable MNIST model; the message says why."""


def _walk_configs(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk_configs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk_configs(value)


def inspect_file(path: Path) -> dict:
    """Read a ``.keras`` archive's config without building anything; refuse what we never run."""
    if not path.is_file():
        raise ModelLoadError(f"{path}: no such model file")
    if not zipfile.is_zipfile(path):
        raise ModelLoadError(f"{path} is not a Keras model file (.keras archive)")
    try:
        with zipfile.ZipFile(path) as zf:
            config = json.loads(zf.read("config.json"))
    except (KeyError, zipfile.BadZipFile, ValueError, OSError) as exc:
        raise ModelLoadError(f"{path} is not a Keras model file: {exc}") from exc
    for node in _walk_configs(config):
        if node.get("class_name") == "Lambda":
            raise ModelLoadError(
                f"{path} contains a Lambda layer (arbitrary Python code); refused for safety"
            )
    return config


def load_model(source: str | Path):
    """Load a shipped name (``mlp``, ``cnn``) or a ``.keras`` path with Keras ``safe_mode=True``."""
    path = shipped_model_path(str(source)) if str(source) in SHIPPED else Path(source).expanduser()
    inspect_file(path)
    from mnist_studio.backend import keras

    try:
        model = keras.saving.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many types for bad archives
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "safe_mode" in str(exc):
            raise ModelLoadError(f"{path} was refused by Keras safe mode: {reason}") from exc
        raise ModelLoadError(f"{path} could not be loaded as a Keras model: {reason}") from exc
    check_model(model, str(path))
    return model


def check_model(model, label: str = "model") -> None:
    try:
        in_shape = tuple(model.inputs[0].shape[1:])
        out_shape = tuple(model.outputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError) as exc:
        raise ModelLoadError(f"{label} has no single input and output") from exc
    if len(model.inputs) != 1 or in_shape not in ACCEPTED_INPUTS:
        raise ModelLoadError(
            f"{label} expects input {in_shape}; an MNIST model takes 28x28 images (28, 28), (28, 28, 1) or (784,)"
        )
    if out_shape != (10,):
        raise ModelLoadError(f"{label} outputs {out_shape}; an MNIST model outputs 10 class scores")


def as_batch(images) -> np.ndarray:
    """(N, 28, 28) or one (28, 28) image -> a float32 (N, 28, 28) batch; anything else is refused."""
    batch = np.asarray(images, dtype=np.float32)
    if batch.ndim == 2:
        batch = batch[None]
    if batch.ndim != 3 or batch.shape[1:] != (28, 28):
        raise ValueError(f"Predictor expects (N, 28, 28) or (28, 28) images, got {batch.shape}")
    return batch


class Predictor:
    """Maps (N, 28, 28) float32 images in [0, 1] to (N, 10) probabilities."""

    def __init__(self, model, name: str = "model", source: str | None = None):
        check_model(model, name)
        from mnist_studio import backend

        self.model = model
        self.name = name
        self.source = source
        self._in_shape = tuple(model.inputs[0].shape[1:])
        self._softmax = not _ends_in_softmax(model)
        self._pad = backend.current() == "jax"  # jit compiles once per input shape
        if getattr(model, "optimizer", None) is None:
            model.jit_compile = backend.jit_compile()  # not XLA on TensorFlow: slower here, a compile per shape
        self._compiled(np.zeros((1, 28, 28), np.float32))  # compile once now, not under the pen
        from mnist_studio.fastpath import NumpyForward

        self.fast = NumpyForward.from_model(model)  # None when the model has layers it does not cover

    @classmethod
    def load(cls, source: str | Path) -> Predictor:
        name = str(source) if str(source) in SHIPPED else Path(source).stem
        return cls(load_model(source), name=name, source=str(source))

    def predict(self, images) -> np.ndarray:
        batch = as_batch(images)
        if batch.shape[0] == 0:
            return np.zeros((0, 10), np.float32)
        if self.fast is not None and batch.shape[0] <= FAST_MAX_BATCH:
            out = self.fast(batch.reshape((-1, *self._in_shape)))
            if self._softmax:
                e = np.exp(out - out.max(axis=1, keepdims=True))
                out = e / e.sum(axis=1, keepdims=True)
            return out.astype(np.float32, copy=False)
        return self._compiled(batch)

    def predict_compiled(self, images) -> np.ndarray:
        """Always the compiled Keras call (benchmarks compare it with the numpy fast path)."""
        return self._compiled(np.asarray(images, np.float32).reshape(-1, 28, 28))

    def _compiled(self, batch: np.ndarray) -> np.ndarray:
        n = batch.shape[0]
        x = batch.reshape((n, *self._in_shape))
        if self._pad and n != _bucket(n):
            x = np.concatenate([x, np.zeros((_bucket(n) - n, *self._in_shape), np.float32)])
        out = np.asarray(self.model.predict_on_batch(x), np.float32)[:n]
        if self._softmax:
            e = np.exp(out - out.max(axis=1, keepdims=True))
            out = e / e.sum(axis=1, keepdims=True)
        return out

    def predict_one(self, image) -> np.ndarray:
        return self.predict(image)[0]


def _bucket(n: int) -> int:
    """The padded batch size: a power of two up to 2,048, then a multiple of 1,024."""
    return 1 << max(3, (n - 1).bit_length()) if n <= 2048 else -(-n // 1024) * 1024


def _ends_in_softmax(model) -> bool:
    layer = model.layers[-1] if model.layers else None
    activation = getattr(layer, "activation", None)
    return getattr(activation, "__name__", "") == "softmax" or type(layer).__name__ == "Softmax"

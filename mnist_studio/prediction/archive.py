"""Predict straight from a ``.keras`` archive, without TensorFlow: the first drawn digit is read at once.

A ``.keras`` file is a zip with ``config.json`` (the layers) and ``model.weights.h5`` (their variables,
stored by Keras under ``layers/<snake_case class name>[_<n>]/vars/<i>``, numbered per class in layer
order). For a plain chain of the layers ``numpy_layers`` covers, we read both with ``json`` and ``h5py`` and
build the same numpy forward pass the live path uses. Keras is loaded later, only when a whole set is
evaluated, a model is trained or explained; then the numpy pass is compared with Keras once, and a
disagreement is logged and falls back to Keras.
"""

from __future__ import annotations

import logging
import re
import threading
import zipfile
from pathlib import Path

import numpy as np

from mnist_studio.prediction.inference import (
    ACCEPTED_INPUTS,
    FAST_MAX_BATCH,
    MAX_PARAMS,
    SHIPPED,
    ModelLoadError,
    inspect_file,
    open_member,
)
from mnist_studio.prediction.numpy_layers import NumpyForward, UnsupportedModel, softmax, steps_for
from mnist_studio.storage.paths import shipped_model_path

NUMPY_CHUNK = 128  # images per numpy pass when a batch is larger than the live path's (CNN: ~30 MB of buffers,
# and faster than 256 on a laptop's cache)

log = logging.getLogger(__name__)


def _snake(name: str) -> str:
    """Keras' ``naming.to_snake_case`` (the h5 group names of layers)."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _chain(config: dict) -> tuple[list[dict], tuple]:
    """The layer configs in order and the input shape; refuses anything but a single chain."""
    kind = config.get("class_name")
    layers = list(config.get("config", {}).get("layers") or [])
    if kind not in ("Sequential", "Functional", "Model") or not layers:
        raise UnsupportedModel(f"model class {kind!r}")
    in_shape = None
    if layers[0].get("class_name") == "InputLayer":
        cfg = layers[0].get("config", {})
        shape = cfg.get("batch_shape") or cfg.get("batch_input_shape")
        in_shape = tuple(shape[1:]) if shape else None
        layers = layers[1:]
    elif kind == "Sequential":
        shape = layers[0].get("build_config", {}).get("input_shape")
        in_shape = tuple(shape[1:]) if shape else None
    if kind != "Sequential":  # a Functional graph must be the same chain, input to output
        names = [config["config"]["layers"][0].get("name")] + [layer.get("name") for layer in layers]
        for prev, layer in zip(names, layers, strict=False):
            nodes = layer.get("inbound_nodes") or []
            args = nodes[0].get("args") if len(nodes) == 1 and isinstance(nodes[0], dict) else None
            kwargs = {k: v for k, v in (nodes[0].get("kwargs") or {}).items()
                      if k != "training" and v is not None} if args else {}
            if not args or len(args) != 1 or kwargs:
                raise UnsupportedModel("not a single chain of layers")
            history = (args[0].get("config") or {}).get("keras_history") if isinstance(args[0], dict) else None
            if not history or history[0] != prev:
                raise UnsupportedModel("not a single chain of layers")
        outputs = config["config"].get("output_layers") or []
        flat = outputs[:1] if outputs and isinstance(outputs[0], str) else [o[0] for o in outputs]
        if flat != [names[-1]]:
            raise UnsupportedModel("output is not the last layer")
    if in_shape is None or tuple(in_shape) not in ACCEPTED_INPUTS:
        raise UnsupportedModel(f"input shape {in_shape}")
    return layers, tuple(in_shape)


def _array(dataset) -> np.ndarray:
    """One variable's values; a dataset larger than any model here may have is refused unread."""
    size = getattr(dataset, "size", None)
    if not isinstance(size, (int, np.integer)):
        raise UnsupportedModel("weights layout")  # not an array where Keras puts one: Keras says what is wrong
    if size > MAX_PARAMS:
        raise ModelLoadError("its weights hold an array of %1 numbers, more than a model here may have (%2); it was "
                             "not loaded", f"{size:,}", f"{MAX_PARAMS:,}")
    return np.asarray(dataset, np.float32)


def _steps(layers: list[dict], weights) -> tuple[list, bool]:
    """``numpy_layers`` steps from layer configs and the h5 ``layers`` group; and whether it ends in softmax."""
    used: dict[str, int] = {}

    def variables(kind: str):
        base = _snake(kind)
        used[base] = used.get(base, -1) + 1
        group = base if used[base] == 0 else f"{base}_{used[base]}"
        node = weights.get(group) if weights is not None else None
        var_group = node.get("vars") if node is not None else None
        return lambda: [_array(var_group[str(i)]) for i in range(len(var_group))] if var_group else []

    return steps_for((layer.get("class_name"), layer.get("config", {}), variables(layer.get("class_name")))
                     for layer in layers)


def read_archive(path: Path) -> tuple[NumpyForward, tuple, bool]:
    """(forward, input shape, ends in softmax) from a ``.keras`` file; ``ModelLoadError`` for a bad file,
    ``UnsupportedModel`` for a good one the numpy pass does not cover."""
    config = inspect_file(path)  # refuses non-zips and Lambda layers, exactly like the Keras loader
    layers, in_shape = _chain(config)
    import h5py  # a Keras dependency; ~60 ms, far less than TensorFlow's seconds

    try:  # inspect_file checked the sizes; the weights are read in place, only the arrays the steps use
        with zipfile.ZipFile(path) as zf, open_member(path, zf, "model.weights.h5") as fh, \
                h5py.File(fh, "r") as h5:
            steps, softmax = _steps(layers, h5.get("layers"))
    except ModelLoadError as exc:
        raise ModelLoadError(f"{path}: {exc}") from exc
    except (KeyError, OSError, zipfile.BadZipFile) as exc:
        raise ModelLoadError("%1 is not a Keras model file: %2", path, exc) from exc
    forward = NumpyForward(steps)
    try:
        out = forward(np.zeros((1, *in_shape), np.float32))
    except (ValueError, IndexError, TypeError) as exc:
        raise UnsupportedModel(f"shapes do not chain: {exc}") from exc
    if out.shape != (1, 10):
        raise ModelLoadError("%1 outputs %2; an MNIST model outputs 10 class scores", path, out.shape[1:])
    return forward, in_shape, softmax


def _path(source) -> Path:
    return shipped_model_path(str(source)) if str(source) in SHIPPED else Path(source).expanduser()


class ArchivePredictor:
    """``inference.Predictor``'s live interface over the archive's weights; Keras joins later, lazily.

    ``predict`` takes up to ``FAST_MAX_BATCH`` images through numpy; larger batches (a whole test set)
    load Keras on the calling thread (never call that on the UI thread). ``model`` is ``None`` until
    Keras has been loaded (``load_keras()``)."""

    def __init__(self, forward: NumpyForward, in_shape: tuple, ends_in_softmax: bool, name: str, source: str):
        self.fast: NumpyForward | None = forward
        self._forward = forward
        self._in_shape = tuple(in_shape)
        self._softmax = not ends_in_softmax
        self.name = name
        self.source = source
        self.explainer = None  # explain.explainer_for builds it on first use
        self.agrees: bool | None = None  # None until compared with Keras
        self._keras = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, source: str | Path) -> ArchivePredictor:
        path = _path(source)
        forward, in_shape, ends_in_softmax = read_archive(path)
        name = str(source) if str(source) in SHIPPED else path.stem
        return cls(forward, in_shape, ends_in_softmax, name=name, source=str(source))

    @property
    def in_shape(self) -> tuple:
        """The shape of one image as the model reads it: (28, 28), (28, 28, 1) or (784,)."""
        return self._in_shape

    @property
    def model(self):
        """The Keras model once loaded, else ``None`` (``load_keras()`` loads it)."""
        return self._keras.model if self._keras is not None else None

    def keras_loaded(self) -> bool:
        return self._keras is not None

    def load_keras(self):
        """Load the Keras ``Predictor`` (imports TensorFlow once), check the numpy pass against it once."""
        with self._lock:
            if self._keras is None:
                from mnist_studio.runtime.backend import import_keras_quietly
                from mnist_studio.runtime.quiet_stderr import quiet_native_stderr

                import_keras_quietly()
                from mnist_studio.prediction.inference import Predictor

                with quiet_native_stderr():
                    predictor = Predictor.load(self.source)
                self.agrees = self._forward.agrees_with(predictor.model)
                if not self.agrees:
                    log.warning("%s: the numpy pass read from the archive disagrees with Keras; using Keras",
                                self.source)
                    self.fast = None
                self._keras = predictor
        return self._keras

    def predict(self, images) -> np.ndarray:
        from mnist_studio.prediction.inference import as_batch  # inference imports no Keras at module level

        batch = as_batch(images)
        if batch.shape[0] == 0:
            return np.zeros((0, 10), np.float32)
        fast = self.fast
        from mnist_studio.runtime import backend

        if fast is not None and (batch.shape[0] <= FAST_MAX_BATCH or not backend.keras_allowed()):
            # numpy: always under the pen; for larger batches too where Keras lives in the worker process
            x = batch.reshape((-1, *self._in_shape))
            out = np.concatenate([fast(x[i:i + NUMPY_CHUNK]) for i in range(0, len(x), NUMPY_CHUNK)])
            if self._softmax:
                out = softmax(out)
            return out.astype(np.float32, copy=False)
        return self.load_keras().predict(batch)

    def predict_one(self, image) -> np.ndarray:
        return self.predict(image)[0]

    def predict_compiled(self, images) -> np.ndarray:
        return self.load_keras().predict_compiled(images)

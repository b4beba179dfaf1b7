"""Keras layers as numpy steps: the one translator, and the forward pass over the steps.

TensorFlow's thread pools sleep between pen strokes, and waking them costs about as much as the
model itself; a plain numpy pass over the same weights skips that. It covers the layers our presets
and the course-note models use (``SUPPORTED``); any other model keeps the compiled Keras call.

``layer_step`` turns one layer -- its class name, its Keras config (``layer.get_config()``, or the same
dict read from a ``.keras`` file's ``config.json``) and its variables in Keras' order -- into a step,
or raises ``UnsupportedModel``. Both ways in use it: ``NumpyForward.from_model`` (a loaded Keras model)
and ``archive.read_archive`` (the file, without Keras). ``explain`` runs its backward pass over the
same steps. A step is a tuple:

    ("reshape", shape) ("flatten",) ("dense", kernel, bias|None, act) ("conv", kernel, bias|None, padding, act)
    ("pool", size, strides, "valid") ("affine", scale, shift) ("act", name) ("gap",)
"""

from __future__ import annotations

import numpy as np

SUPPORTED = frozenset({"InputLayer", "Reshape", "Flatten", "Dense", "Conv2D", "MaxPooling2D", "Dropout", "ReLU",
                       "BatchNormalization", "GlobalAveragePooling2D", "Softmax", "Activation"})
ACTIVATIONS = frozenset({"linear", "relu", "softmax"})


class UnsupportedModel(Exception):
    """A valid model the numpy pass does not cover: load it with Keras instead."""


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """The softmax along ``axis`` (the largest value subtracted first: no overflow)."""
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def activate(name: str, x: np.ndarray) -> np.ndarray:
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "softmax":
        return softmax(x)
    return x


def ends_in_softmax(steps) -> bool:
    """Whether a chain of steps ends in a softmax (its output is probabilities, not scores)."""
    last = steps[-1] if steps else ("",)
    return (last[0] == "dense" and last[3] == "softmax") or (last[0] == "act" and last[1] == "softmax")


# -- the translator ---------------------------------------------------------------------------------
def activation_name(value) -> str:
    """A config's ``activation`` (a name, or Keras' serialized function dict) as one of ``ACTIVATIONS``."""
    if value is None:
        return "linear"
    if isinstance(value, dict):  # {"module": "keras.activations", "class_name": "function", "config": "relu"}
        value = value.get("config") if isinstance(value.get("config"), str) else value.get("class_name")
    name = str(value)
    if name not in ACTIVATIONS:
        raise UnsupportedModel(f"activation {name!r}")
    return name


def _pair(value) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value, value)


def _channels_last(cfg: dict) -> bool:
    return cfg.get("data_format", "channels_last") in ("channels_last", None)


def check_kind(kind: str, cfg: dict) -> None:
    """Refuses a layer class the numpy pass does not cover, or one that does not compute in float32."""
    dtype = cfg.get("dtype")
    dtype = dtype.get("config", {}).get("name") if isinstance(dtype, dict) else dtype
    if kind not in SUPPORTED or dtype not in ("float32", None):
        raise UnsupportedModel(f"layer {kind} ({dtype})")


def layer_step(kind: str, cfg: dict, arrays: list) -> tuple[tuple | None, str]:
    """(step or None for a layer with no effect at inference, its activation) for one Keras layer.

    ``cfg``: the layer's config; ``arrays``: its variables (float32) in Keras' order. Raises
    ``UnsupportedModel`` for anything the numpy pass does not reproduce exactly."""
    check_kind(kind, cfg)
    arrays = list(arrays)
    if kind in ("InputLayer", "Dropout"):
        return None, "linear"  # Dropout: nothing at inference
    if kind == "Reshape":
        return ("reshape", tuple(cfg["target_shape"])), "linear"
    if kind == "Flatten":
        if not _channels_last(cfg):
            raise UnsupportedModel("channels_first")
        return ("flatten",), "linear"
    if kind == "Dense":
        act = activation_name(cfg.get("activation"))
        expect = 2 if cfg.get("use_bias", True) else 1
        if len(arrays) != expect or cfg.get("lora_rank") or cfg.get("quantization_config"):
            raise UnsupportedModel("dense variables")
        return ("dense", arrays[0], arrays[1] if expect == 2 else None, act), act
    if kind == "Conv2D":
        act = activation_name(cfg.get("activation"))
        expect = 2 if cfg.get("use_bias", True) else 1
        if _pair(cfg.get("strides", 1)) != (1, 1) or _pair(cfg.get("dilation_rate", 1)) != (1, 1) \
                or cfg.get("groups", 1) != 1 or not _channels_last(cfg) \
                or cfg.get("padding") not in ("valid", "same") or len(arrays) != expect \
                or cfg.get("lora_rank"):
            raise UnsupportedModel("conv2d options")
        return ("conv", arrays[0], arrays[1] if expect == 2 else None, cfg["padding"], act), act
    if kind == "MaxPooling2D":
        size = _pair(cfg.get("pool_size", 2))
        strides = _pair(cfg.get("strides") or size)
        if cfg.get("padding", "valid") != "valid" or size != strides or not _channels_last(cfg):
            raise UnsupportedModel("pooling options")
        return ("pool", size, strides, "valid"), "linear"
    if kind == "BatchNormalization":
        scale_on, center_on = cfg.get("scale", True), cfg.get("center", True)
        if len(arrays) != 2 + scale_on + center_on or cfg.get("axis", -1) not in (-1, [-1]):
            raise UnsupportedModel("batch normalization options")
        gamma = arrays.pop(0) if scale_on else 1.0
        beta = arrays.pop(0) if center_on else 0.0
        mean, var = arrays
        scale = gamma / np.sqrt(var + float(cfg.get("epsilon", 1e-3)))
        return ("affine", np.asarray(scale, np.float32), np.asarray(beta - mean * scale, np.float32)), "linear"
    if kind == "ReLU":
        if cfg.get("max_value") is not None or float(cfg.get("negative_slope", 0) or 0) != 0 \
                or float(cfg.get("threshold", 0) or 0) != 0:
            raise UnsupportedModel("relu options")
        return ("act", "relu"), "relu"
    if kind == "Softmax":
        if cfg.get("axis", -1) not in (-1, [-1]):
            raise UnsupportedModel("softmax axis")
        return ("act", "softmax"), "softmax"
    if kind == "Activation":
        act = activation_name(cfg.get("activation"))
        return ("act", act), act
    if kind == "GlobalAveragePooling2D":
        if cfg.get("keepdims") or not _channels_last(cfg):
            raise UnsupportedModel("pooling options")
        return ("gap",), "linear"
    raise UnsupportedModel(f"layer {kind}")  # pragma: no cover - SUPPORTED lists exactly the kinds above


def steps_for(layers) -> tuple[list, bool]:
    """(steps, whether the model ends in softmax) from ``(class name, config, arrays)`` per layer, in order.
    ``arrays`` may be a callable that reads the variables only when the layer is covered."""
    steps, last_act = [], "linear"
    for kind, cfg, arrays in layers:
        check_kind(kind, cfg)  # before the variables are read
        step, act = layer_step(kind, cfg, arrays() if callable(arrays) else arrays)
        if step is not None:
            steps.append(step)
            last_act = act
    return steps, last_act == "softmax"


# -- the forward pass -------------------------------------------------------------------------------
def conv2d(x: np.ndarray, kernel: np.ndarray, bias, padding: str) -> np.ndarray:
    """x (N, H, W, C), kernel (kh, kw, C, F), stride 1, via one matrix product over all windows."""
    kh, kw = kernel.shape[:2]
    if padding == "same":
        top, left = (kh - 1) // 2, (kw - 1) // 2
        x = np.pad(x, ((0, 0), (top, kh - 1 - top), (left, kw - 1 - left), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(1, 2))  # (N, H', W', C, kh, kw)
    n, h, w, c = windows.shape[:4]
    columns = windows.reshape(n * h * w, c * kh * kw)  # im2col: one copy, then one BLAS matrix product
    out = (columns @ kernel.transpose(2, 0, 1, 3).reshape(c * kh * kw, -1)).reshape(n, h, w, -1)
    return out + bias if bias is not None else out


def max_pool(x: np.ndarray, size: tuple, strides: tuple, padding: str) -> np.ndarray:
    if padding != "valid" or tuple(size) != tuple(strides):
        raise ValueError("unsupported pooling")
    ph, pw = size
    n, h, w, c = x.shape
    h2, w2 = h // ph, w // pw
    return x[:, : h2 * ph, : w2 * pw].reshape(n, h2, ph, w2, pw, c).max(axis=(2, 4))


class NumpyForward:
    """The forward pass over a chain of steps (see the module's docstring)."""

    def __init__(self, steps):
        self.steps = steps

    @classmethod
    def from_model(cls, model) -> NumpyForward | None:
        """From a loaded Keras model when every layer is covered and the numpy pass agrees with Keras."""
        try:
            steps, _ = steps_for((type(layer).__name__, layer.get_config(),
                                  lambda layer=layer: [np.asarray(w, np.float32) for w in layer.get_weights()])
                                 for layer in model.layers)
        except (UnsupportedModel, KeyError, ValueError):
            return None
        forward = cls(steps)
        return forward if forward.agrees_with(model) else None

    def agrees_with(self, model, atol: float = 1e-4) -> bool:
        """The layers were read in order; a model whose graph is not a plain chain disagrees here."""
        rng = np.random.default_rng(0)
        shape = tuple(model.inputs[0].shape[1:])
        probe = rng.random((4, *shape), dtype=np.float32)
        try:
            mine = self(probe)
        except (ValueError, IndexError):
            return False
        from keras import ops  # keras is loaded: ``model`` is a Keras model (any backend, torch included)

        theirs = ops.convert_to_numpy(model(probe, training=False))
        return mine.shape == theirs.shape and bool(np.allclose(mine, theirs, atol=atol))

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.trace(x)[-1]

    def trace(self, x: np.ndarray, stop: int | None = None) -> list[np.ndarray]:
        """Every step's output in order (``stop``: only the first ``stop`` steps); the last is the model's.
        float32 unless ``x`` is float64 (gradient checks)."""
        x = np.asarray(x)
        x = x if x.dtype == np.float64 else x.astype(np.float32, copy=False)
        outputs = [x]
        for step in self.steps[:stop]:
            op = step[0]
            if op == "reshape":
                x = x.reshape((x.shape[0], *step[1]))
            elif op == "flatten":
                x = x.reshape(x.shape[0], -1)
            elif op == "dense":
                x = x @ step[1]
                x = activate(step[3], x + step[2] if step[2] is not None else x)
            elif op == "conv":
                x = activate(step[4], conv2d(x, step[1], step[2], step[3]))
            elif op == "pool":
                x = max_pool(x, step[1], step[2], step[3])
            elif op == "affine":
                x = x * step[1] + step[2]
            elif op == "act":
                x = activate(step[1], x)
            elif op == "gap":
                x = x.mean(axis=(1, 2))
            outputs.append(x)
        return outputs[1:] if len(outputs) > 1 else outputs

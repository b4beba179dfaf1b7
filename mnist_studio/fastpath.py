"""A numpy forward pass for small layer-by-layer MNIST models, for one image under the pen.

TensorFlow's thread pools sleep between pen strokes, and waking them costs about as much as the
model itself; a plain numpy pass over the same weights skips that. It covers the layers our presets
and the course-note models use; any other model keeps the compiled TensorFlow call.
"""

from __future__ import annotations

import numpy as np

SUPPORTED = {"InputLayer", "Reshape", "Flatten", "Dense", "Conv2D", "MaxPooling2D", "Dropout", "ReLU",
             "BatchNormalization", "GlobalAveragePooling2D", "Softmax", "Activation"}
ACTIVATIONS = {"linear", "relu", "softmax"}


def _activation(name: str, x: np.ndarray) -> np.ndarray:
    if name == "relu":
        return np.maximum(x, 0.0)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    return x


def _act_name(layer) -> str:
    act = getattr(layer, "activation", None)
    return getattr(act, "__name__", "linear") if act is not None else "linear"


def _conv(x: np.ndarray, kernel: np.ndarray, bias, padding: str) -> np.ndarray:
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


def _pool(x: np.ndarray, size: tuple, strides: tuple, padding: str) -> np.ndarray:
    if padding != "valid" or tuple(size) != tuple(strides):
        raise ValueError("unsupported pooling")
    ph, pw = size
    n, h, w, c = x.shape
    h2, w2 = h // ph, w // pw
    return x[:, : h2 * ph, : w2 * pw].reshape(n, h2, ph, w2, pw, c).max(axis=(2, 4))


class NumpyForward:
    """Built from a Keras model when every layer is supported and the graph is a simple chain."""

    def __init__(self, steps):
        self.steps = steps

    @classmethod
    def from_archive(cls, path) -> NumpyForward | None:
        """Straight from a ``.keras`` file's config and weights, without Keras (see ``archive``); None when
        the model has layers this pass does not cover. Raises ``inference.ModelLoadError`` for a bad file."""
        from mnist_studio.archive import UnsupportedModel, read_archive

        try:
            return read_archive(path)[0]
        except UnsupportedModel:
            return None

    @classmethod
    def from_model(cls, model) -> NumpyForward | None:
        layers = [layer for layer in model.layers if type(layer).__name__ != "InputLayer"]
        steps = []
        for layer in layers:
            kind = type(layer).__name__
            if kind not in SUPPORTED:
                return None
            weights = [np.asarray(w, np.float32) for w in layer.get_weights()]
            act = _act_name(layer)
            if act not in ACTIVATIONS:
                return None
            if kind == "Reshape":
                steps.append(("reshape", tuple(layer.target_shape)))
            elif kind == "Flatten":
                steps.append(("flatten",))
            elif kind == "Dense":
                steps.append(("dense", weights[0], weights[1] if layer.use_bias else None, act))
            elif kind == "Conv2D":
                if tuple(layer.strides) != (1, 1) or tuple(layer.dilation_rate) != (1, 1) or layer.groups != 1 \
                        or layer.data_format != "channels_last":
                    return None
                steps.append(("conv", weights[0], weights[1] if layer.use_bias else None, layer.padding, act))
            elif kind == "MaxPooling2D":
                if layer.padding != "valid" or tuple(layer.pool_size) != tuple(layer.strides):
                    return None
                steps.append(("pool", tuple(layer.pool_size), tuple(layer.strides), layer.padding))
            elif kind == "BatchNormalization":
                gamma = weights.pop(0) if layer.scale else 1.0
                beta = weights.pop(0) if layer.center else 0.0
                mean, var = weights
                scale = gamma / np.sqrt(var + layer.epsilon)
                steps.append(("affine", scale.astype(np.float32), (beta - mean * scale).astype(np.float32)))
            elif kind == "ReLU":
                if layer.max_value is not None or float(layer.negative_slope) != 0 or float(layer.threshold) != 0:
                    return None
                steps.append(("act", "relu"))
            elif kind == "Softmax":
                steps.append(("act", "softmax"))
            elif kind == "Activation":
                steps.append(("act", act))
            elif kind == "GlobalAveragePooling2D":
                steps.append(("gap",))
            # Dropout: nothing at inference
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
                x = _activation(step[3], x + step[2] if step[2] is not None else x)
            elif op == "conv":
                x = _activation(step[4], _conv(x, step[1], step[2], step[3]))
            elif op == "pool":
                x = _pool(x, step[1], step[2], step[3])
            elif op == "affine":
                x = x * step[1] + step[2]
            elif op == "act":
                x = _activation(step[1], x)
            elif op == "gap":
                x = x.mean(axis=(1, 2))
            outputs.append(x)
        return outputs[1:] if len(outputs) > 1 else outputs

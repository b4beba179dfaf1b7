"""The numpy backward pass: input gradients through the steps ``numpy_layers.NumpyForward`` reads (dense, conv,
relu and the other activations, max-pooling, flatten, reshape, batch-norm affine, global pooling, softmax).
``explain.Explainer`` uses it for saliency; tests check it against Keras's own gradients."""

from __future__ import annotations

import numpy as np


def _act_backward(name: str, out: np.ndarray, g: np.ndarray) -> np.ndarray:
    if name == "relu":
        return g * (out > 0)
    if name == "softmax":
        return out * (g - (g * out).sum(axis=-1, keepdims=True))
    return g


def _conv_input_grad(g: np.ndarray, kernel: np.ndarray, in_shape: tuple, padding: str) -> np.ndarray:
    """Gradient of a stride-1 convolution with respect to its input (the transposed convolution)."""
    kh, kw, c, f = kernel.shape
    n, h, w = g.shape[:3]
    cols = (g.reshape(-1, f) @ kernel.transpose(2, 0, 1, 3).reshape(c * kh * kw, f).T).reshape(n, h, w, c, kh, kw)
    hp, wp = h + kh - 1, w + kw - 1
    dx = np.zeros((n, hp, wp, c), np.float32)
    for i in range(kh):
        for j in range(kw):
            dx[:, i:i + h, j:j + w, :] += cols[..., i, j]
    if padding == "same":
        top, left = (kh - 1) // 2, (kw - 1) // 2
        dx = dx[:, top:top + in_shape[1], left:left + in_shape[2]]
    return dx


def _pool_backward(x: np.ndarray, out: np.ndarray, g: np.ndarray, size: tuple) -> np.ndarray:
    ph, pw = size
    n, h2, w2, c = out.shape
    crop = x[:, : h2 * ph, : w2 * pw].reshape(n, h2, ph, w2, pw, c)
    mask = crop == out[:, :, None, :, None, :]
    mask = mask / np.maximum(mask.sum(axis=(2, 4), keepdims=True), 1)
    dx = np.zeros_like(x)
    dx[:, : h2 * ph, : w2 * pw] = (mask * g[:, :, None, :, None, :]).reshape(n, h2 * ph, w2 * pw, c)
    return dx


def backward(steps, x: np.ndarray, outputs: list, g: np.ndarray, skip_last_activation: bool = False) -> np.ndarray:
    """Input gradient of ``sum(g * output)`` through ``steps`` (outputs from ``NumpyForward.trace``)."""
    for i in range(len(steps) - 1, -1, -1):
        step, op = steps[i], steps[i][0]
        inp = outputs[i - 1] if i > 0 else x
        out = outputs[i]
        last = skip_last_activation and i == len(steps) - 1
        if op == "dense":
            g = (g if last else _act_backward(step[3], out, g)) @ step[1].T
        elif op == "conv":
            g = _act_backward(step[4], out, g) if not last else g
            g = _conv_input_grad(g, step[1], inp.shape, step[3])
        elif op == "pool":
            g = _pool_backward(inp, out, g, step[1])
        elif op in ("reshape", "flatten"):
            g = g.reshape(inp.shape)
        elif op == "affine":
            g = g * step[1]
        elif op == "act":
            g = g if last else _act_backward(step[1], out, g)
        elif op == "gap":
            g = np.broadcast_to(g[:, None, None, :], inp.shape) / (inp.shape[1] * inp.shape[2])
    return g

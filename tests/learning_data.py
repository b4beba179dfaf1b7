"""Real time-lapses for the learning-view tests, built without Keras (fast on two shared cores).

``numpy_mlp_timelapse``: a real 784-32-10 MLP trained by SGD on real MNIST digits, a snapshot every few steps:
its first 16 units as 28x28 pictures, its predictions on a validation slice, the map of that slice (the hidden
layer's principal plane, kept aligned with the previous snapshot's) and a real test digit read as the drawing.
``shipped_cnn_timelapse``: the shipped CNN's real first-layer kernels and their feature maps on one validation
digit, its predictions on the slice and the map of its last hidden layer.
"""

from __future__ import annotations

import numpy as np

from mnist_studio.learning import Snapshot, Timelapse


def _project(hidden: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The hidden vectors' principal plane in [-1, 1], each axis' sign (and the pair's order) matched to
    ``previous`` so the dots move instead of flipping."""
    h = hidden - hidden.mean(axis=0)
    _, _, vt = np.linalg.svd(h, full_matrices=False)
    xy = h @ vt[:2].T
    if previous is not None:
        best = None
        for swap in (False, True):
            cand = xy[:, ::-1] if swap else xy
            signs = np.sign(np.sum(cand * previous, axis=0))
            signs[signs == 0] = 1
            cand = cand * signs
            score = float(np.sum(cand * previous))
            if best is None or score > best[0]:
                best = (score, cand)
        xy = best[1]
    scale = np.percentile(np.abs(xy), 99) or 1.0
    return np.clip(xy / scale, -1, 1).astype(np.float32)


def _softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def numpy_mlp_timelapse(data, snapshots: int = 24, every: int = 6, n_val: int = 500, n_map: int = 300,
                        seed: int = 0) -> Timelapse:
    (x_train, y_train), (x_val, y_val) = data
    x = x_train.reshape(len(x_train), -1).astype(np.float32) / 255.0
    xv = x_val[:n_val].reshape(-1, 784).astype(np.float32) / 255.0
    yv = y_val[:n_val].astype(np.uint8)
    drawing = x_val[n_val].astype(np.float32) / 255.0  # a digit none of the slice holds, as "the drawing"
    rng = np.random.default_rng(seed)
    w1 = rng.normal(0, np.sqrt(2 / 784), (784, 32)).astype(np.float32)
    b1 = np.zeros(32, np.float32)
    w2 = rng.normal(0, np.sqrt(2 / 32), (32, 10)).astype(np.float32)
    b2 = np.zeros(10, np.float32)
    tl = Timelapse(architecture="mlp", val_labels=yv, map_labels=yv[:n_map], val_digit=x_val[0] / 255.0,
                   drawing=drawing, unsupported=None, drawings=[drawing], preset="mlp-test")
    previous, step, batch, lr = None, 0, 64, 0.1
    loss = acc = float("nan")
    for k in range(snapshots):
        hv = np.maximum(xv @ w1 + b1, 0)
        pv = _softmax(hv @ w2 + b2)
        xy = _project(hv[:n_map], previous)
        previous = xy
        probs = _softmax(np.maximum(drawing.reshape(1, 784) @ w1 + b1, 0) @ w2 + b2)[0]
        tl.snapshots.append(Snapshot(
            index=k, step=step, epoch=step * batch / len(x), loss=loss, accuracy=acc,
            first_layer=w1[:, :16].T.reshape(16, 28, 28).astype(np.float16), feature_maps=None,
            val_pred=pv.argmax(axis=1).astype(np.uint8), map_xy=xy, drawing_probs=probs.astype(np.float32),
            drawing_index=0))
        for _ in range(every):  # real SGD steps on real digits
            idx = rng.integers(0, len(x), batch)
            xb, yb = x[idx], y_train[idx]
            h = np.maximum(xb @ w1 + b1, 0)
            p = _softmax(h @ w2 + b2)
            loss = float(-np.log(p[np.arange(batch), yb] + 1e-9).mean())
            acc = float((p.argmax(axis=1) == yb).mean())
            g = p.copy()
            g[np.arange(batch), yb] -= 1
            g /= batch
            gh = (g @ w2.T) * (h > 0)
            w2 -= lr * h.T @ g
            b2 -= lr * g.sum(axis=0)
            w1 -= lr * xb.T @ gh
            b1 -= lr * gh.sum(axis=0)
            step += 1
    return tl


def _conv_relu(image: np.ndarray, kernels: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """'same' 3x3 convolution of one 28x28 image by (3, 3, 1, k) kernels, then ReLU -> (k, 28, 28)."""
    kh, kw = kernels.shape[:2]
    pad = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
    out = np.zeros((kernels.shape[-1], *image.shape), np.float32)
    for dy in range(kh):
        for dx in range(kw):
            out += kernels[dy, dx, 0][:, None, None] * pad[dy:dy + image.shape[0], dx:dx + image.shape[1]][None]
    return np.maximum(out + bias[:, None, None], 0)


def shipped_cnn_timelapse(data, n_val: int = 300, n_map: int = 200) -> Timelapse:
    from mnist_studio.prediction.archive import ArchivePredictor

    _, (x_val, y_val) = data
    predictor = ArchivePredictor.open("cnn")
    steps = predictor.fast.steps  # the real weights the numpy pass holds
    conv = next(s for s in steps if s[0] == "conv")
    kernels, bias = np.asarray(conv[1], np.float32), np.asarray(conv[2], np.float32)
    digit = x_val[0].astype(np.float32) / 255.0
    xv = x_val[:n_val].astype(np.float32) / 255.0
    probs = predictor.predict(xv)
    yv = y_val[:n_val].astype(np.uint8)
    # the map: the class scores' principal plane (the hidden layer is not exposed by the numpy pass)
    xy = _project(np.log(probs[:n_map] + 1e-6), None)
    snapshot = Snapshot(index=0, step=938, epoch=1.0, loss=0.05, accuracy=0.98,
                        first_layer=np.transpose(kernels[:, :, 0, :], (2, 0, 1)).astype(np.float16),
                        feature_maps=_conv_relu(digit, kernels, bias).astype(np.float16),
                        val_pred=probs.argmax(axis=1).astype(np.uint8), map_xy=xy, drawing_probs=None)
    return Timelapse(architecture="cnn", val_labels=yv, map_labels=yv[:n_map], val_digit=digit, drawing=None,
                     unsupported=None, snapshots=[snapshot], preset="cnn")

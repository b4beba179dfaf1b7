"""``Recorder``: takes the live views' snapshots of any Keras model while it trains (the trainer, in the Keras
worker, makes one: ``networks.training``). Qt-free.

Cost: one batched forward pass of a small fixed slice (the validation slice, the feature-map digit and the
drawing) through a probe model that shares the training model's layers, plus a few small numpy steps; taken on
a clock (``due``), never per batch. The trainer's batch callback only compares the time and returns.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np

from mnist_studio.learning import UNSUPPORTED, Snapshot, SnapshotEvent, Timelapse

INTERVAL_S = 0.48  # snapshots due on a 0.48 s grid: a little over two a second during an epoch ...
BUDGET = 0.045  # ... unless that would cost more than this share of the training's time: then they come less often
# Validation digits predicted at every snapshot (the confusion matrix during an epoch); the map places the first
# N_MAP of them. Measured: a snapshot of the CNN preset costs ~2-5 ms + ~0.06 ms a digit on 2 CPU cores, so 200
# keeps it to a few per cent of training time at two snapshots a second (benchmarks/learning_views.py).
N_VAL = 200
N_MAP = 200
N_UNITS = 16  # MLP: first-layer units drawn as 28x28 pictures
MAX_FILTERS = 32  # CNN: kernels and feature maps drawn (the first conv's first filters)
SKIPPED = ("InputLayer", "Reshape", "Flatten", "Dropout", "Rescaling", "Normalization", "GaussianNoise",
           "SpatialDropout2D", "Activation")


def _as_image(x) -> np.ndarray:
    x = np.asarray(x)
    x = x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)
    return x.reshape(-1, 28, 28)


class Recorder:
    """Snapshots of one model while it trains; ``on_event(SnapshotEvent)`` for each, ``timelapse`` keeps them."""

    def __init__(self, model, val_x, val_y, on_event: Callable[[object], None], preset: str = "",
                 drawing: np.ndarray | None = None, n_map: int = N_MAP, interval_s: float = INTERVAL_S,
                 budget: float | None = BUDGET):
        from mnist_studio.runtime.backend import keras

        self.model, self.on_event, self.interval_s, self.budget = model, on_event, interval_s, budget
        self.interval = interval_s  # the current one: longer while a snapshot costs more than the budget allows
        self.cost: float | None = None  # seconds a snapshot takes, a moving average (the first, which compiles, aside)
        self.x = _as_image(val_x)
        y = np.asarray(val_y).astype(np.uint8)
        n_map = min(n_map, len(y))
        sevens = np.flatnonzero(y == 7)
        digit = self.x[int(sevens[0]) if len(sevens) else 0]
        self._first, kind, self.units, key = _first_layer(model)
        self._first_conv = kind == "cnn"
        # One compiled pass a snapshot: rows = the validation slice, the drawing (zeros when none: one input
        # shape, one trace), the feature-map digit; the first conv's output only for that last row.
        outputs = [model.outputs[0], model.layers[-1].input]
        if self._first_conv:
            outputs.append(keras.ops.take(self._first.output, np.array([len(self.x) + 1]), axis=0))
        self.probe = keras.Model(model.inputs[0], outputs)  # one input tensor: no structure warning
        self.timelapse = Timelapse(
            architecture=kind or _describe(model), val_labels=y, map_labels=y[:n_map], val_digit=digit,
            drawing=None, unsupported=UNSUPPORTED[key].format(kind=self._first_kind) if key else None,
            unsupported_key=key, preset=preset,
            n_filters=int(self._first.filters) if self._first_conv else 0)
        self.n_map = n_map
        self._batch = np.concatenate([self.x, np.zeros((1, 28, 28), np.float32), digit[None]])
        self._lock = threading.Lock()
        self._drawing: np.ndarray | None = None
        self._drawing_index = -1
        self._new_drawing = False
        self.set_drawing(drawing)
        self._count = 0
        self._prev_xy: np.ndarray | None = None
        self.next_due = 0.0
        self._t0: float | None = None
        self.seconds = 0.0  # time spent taking snapshots (the benchmark reads it)

    def close(self) -> None:
        """Drop the probe models (their compiled functions); the time-lapse stays."""
        self.probe = None

    @property
    def _first_kind(self) -> str:
        return type(self._first).__name__ if self._first is not None else "none"

    def set_drawing(self, image: np.ndarray | None) -> None:
        """Thread-safe (the worker's control thread): the next snapshots read this drawing (None: none)."""
        image = None if image is None else _as_image(image)[0].copy()
        with self._lock:
            self._drawing, self._new_drawing = image, image is not None

    def due(self, now: float) -> bool:
        return now >= self.next_due

    def take(self, step: int, epoch: float, loss: float, accuracy: float, epoch_end: bool = False) -> Snapshot:
        start = time.perf_counter()
        due = self.next_due + self.interval  # on the grid, so a late snapshot does not push the next ones
        self.next_due = due if due > start else start + self.interval
        if self._t0 is None:
            self._t0 = start
        with self._lock:
            drawing, new = self._drawing, self._new_drawing
            self._new_drawing = False
        if new:
            self.timelapse.drawings.append(drawing)
            self._drawing_index = len(self.timelapse.drawings) - 1
        tl = self.timelapse
        tl.drawing = drawing
        self._batch[-2] = 0.0 if drawing is None else drawing
        outs = self.probe.predict_on_batch(self._batch)
        probs, hidden = np.asarray(outs[0]), np.asarray(outs[1])
        n = len(self.x)
        snap = Snapshot(
            index=self._count, step=int(step), epoch=float(epoch), loss=float(loss), accuracy=float(accuracy),
            first_layer=self._first_pictures(), feature_maps=self._feature_maps(outs),
            val_pred=probs[:n].argmax(axis=1).astype(np.uint8), map_xy=self._map(hidden[: self.n_map]),
            drawing_probs=probs[n].astype(np.float32) if drawing is not None else None,
            epoch_end=epoch_end, drawing_index=self._drawing_index if drawing is not None else -1,
            seconds=start - self._t0)
        header = tl.header() if self._count == 0 else None
        tl.append(snap)
        self._count += 1
        self.on_event(SnapshotEvent(snap, header, drawing if new and header is None else None))
        cost = time.perf_counter() - start
        self.seconds += cost
        if self._count > 1 and self.budget:
            self.cost = cost if self.cost is None else 0.8 * self.cost + 0.2 * cost
            self.interval = max(self.interval_s, self.cost / self.budget)
        return snap

    def _first_pictures(self) -> np.ndarray:
        if self._first is None or self.units is None:
            return np.zeros((0, 28, 28), np.float16)
        kernel = np.asarray(self._first.kernel)
        if self._first_conv:  # (kh, kw, in, filters) -> (filters, kh, kw) of input channel 0
            return np.ascontiguousarray(kernel[:, :, 0, : self.units].transpose(2, 0, 1)).astype(np.float16)
        return np.ascontiguousarray(kernel[:, self.units].T.reshape(-1, 28, 28)).astype(np.float16)

    def _feature_maps(self, outs) -> np.ndarray | None:
        if not self._first_conv:
            return None
        maps = np.asarray(outs[2])[-1]  # (H, W, filters) on the fixed validation digit
        return np.ascontiguousarray(maps[..., : self.units].transpose(2, 0, 1)).astype(np.float16)

    def _map(self, hidden: np.ndarray) -> np.ndarray:
        self._prev_xy = aligned_map(hidden, self._prev_xy)
        return self._prev_xy


def aligned_map(hidden: np.ndarray, previous: np.ndarray | None = None) -> np.ndarray:
    """The live views' map: a 2-D PCA of the hidden vectors (N, ...) -> float32 (N, 2) in [-1, 1], rotated or
    reflected onto ``previous`` (the last snapshot's map; orthogonal Procrustes), so the map never flips or spins
    between snapshots. Vectors with nothing to show (all equal, or not finite) keep ``previous`` (zeros at first)."""
    h = hidden.reshape(len(hidden), -1).astype(np.float32)
    centered = h - h.mean(axis=0)
    if not np.isfinite(centered).all() or float(np.abs(centered).max(initial=0.0)) == 0.0:
        return np.zeros((len(h), 2), np.float32) if previous is None else previous
    from mnist_studio.prediction.explain_embedding import top2

    xy = centered @ top2(centered, iterations=4).T
    xy /= float(np.abs(xy).max()) or 1.0
    if previous is not None:
        u, _, vt = np.linalg.svd(xy.T @ previous)
        xy = xy @ (u @ vt)
        xy /= float(np.abs(xy).max()) or 1.0
    return xy.astype(np.float32)


def _first_layer(model):
    """(layer, "mlp" | "cnn" | None, units to draw, unsupported key or None) of the model's first weighted layer."""
    for layer in model.layers:
        kind = type(layer).__name__
        if kind in SKIPPED or not layer.weights:
            continue
        if kind == "Conv2D" and np.asarray(layer.kernel).shape[2] >= 1:
            return layer, "cnn", min(int(layer.filters), MAX_FILTERS), None
        if kind == "Dense":
            if np.asarray(layer.kernel).shape[0] != 28 * 28:
                return layer, None, None, "dense_input"
            units = int(layer.units)
            return layer, "mlp", np.unique(np.linspace(0, units - 1, min(N_UNITS, units)).round().astype(int)), None
        return layer, None, None, "first_layer"
    return None, None, None, "first_layer"


def _describe(model) -> str:
    kinds = [type(layer).__name__ for layer in model.layers if type(layer).__name__ not in SKIPPED]
    return " -> ".join(kinds[:4]) + (" ..." if len(kinds) > 4 else "")

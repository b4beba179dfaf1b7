"""Where a drawing lands: a 2-D PCA map of a model's last hidden layer over the 10,000 MNIST test digits.

PCA rather than UMAP/t-SNE: no extra dependency, deterministic, fast (two components by subspace
iteration: well under a second for 10,000 x 128), and the live dot is an exact linear projection of
the drawing's hidden vector, not an approximate out-of-sample embedding. The 10,000 hidden vectors
come from one Keras pass cut at that layer (it agrees with the numpy live path to 1e-4).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

import numpy as np

from mnist_studio.prediction.explain import Explainer

CHUNK = 64  # test digits per numpy pass (keeps the conv im2col buffers small: ~16 MB for the CNN)


@dataclass
class Embedding:
    mean: np.ndarray  # (D,)
    components: np.ndarray  # (2, D)
    coords: np.ndarray  # (N, 2)
    labels: np.ndarray  # (N,)
    hidden: np.ndarray  # (N, D) the test digits' hidden vectors (for nearest neighbours)
    layer: str  # the hidden layer's name
    seconds: float  # how long it took

    def project(self, h: np.ndarray) -> np.ndarray:
        return (np.asarray(h, np.float32).reshape(-1) - self.mean) @ self.components.T

    def nearest(self, h: np.ndarray, k: int = 6) -> np.ndarray:
        """Indices of the k test digits whose hidden vectors are closest (Euclidean) to ``h``."""
        h = np.asarray(h, np.float32).reshape(-1)
        d2 = self._norms - 2.0 * (self.hidden @ h)
        part = np.argpartition(d2, k)[:k]
        return part[np.argsort(d2[part])]

    def __post_init__(self):
        self._norms = np.einsum("ij,ij->i", self.hidden, self.hidden)


def hidden_vectors(explainer: Explainer, images: np.ndarray, cancelled=None) -> np.ndarray:
    """The last hidden layer's output for every image: one compiled Keras pass cut at that layer (a batch
    job, where the backend's kernels beat numpy several times over), numpy in chunks if that fails."""
    step = explainer.hidden_step
    x = np.asarray(images)
    x = (x.astype(np.float32) / 255.0 if x.dtype == np.uint8 else x.astype(np.float32)).reshape(
        (-1, *explainer.in_shape))
    if step < 0:  # the classifier reads the input itself
        return x.reshape(len(x), -1)
    model = explainer.predictor.model  # None for an archive-read predictor whose Keras side is not loaded yet
    from mnist_studio.runtime import backend

    if model is not None and not backend.keras_busy():  # while another job trains: numpy, no waiting
        with backend.keras_job(cancelled=cancelled):  # one Keras job at a time in the process
            cut = _cut(model, explainer.layers[step].name)
            if cut is not None:  # Keras spreads one pass over the cores itself
                return np.concatenate([_hidden(cut, x[s:s + 2000], cancelled)
                                       for s in range(0, len(x), 2000)]).astype(np.float32)

    def run(start: int) -> np.ndarray:
        if cancelled is not None and cancelled():
            raise InterruptedError("embedding cancelled")
        chunk = x[start:start + CHUNK]
        return explainer.fast.trace(chunk, stop=step + 1)[-1].reshape(len(chunk), -1)

    starts = range(0, len(x), CHUNK)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:  # numpy frees the GIL
        return np.concatenate(list(pool.map(run, starts))).astype(np.float32)


def _cut(model, layer_name: str):
    """A Keras model from the input to ``layer_name``'s output, or None when the model does not allow it."""
    from mnist_studio.runtime.backend import keras

    try:
        return keras.Model(model.inputs, model.get_layer(layer_name).output)
    except Exception:  # noqa: BLE001 - any model the cut does not fit: the numpy path
        return None


def _hidden(cut, chunk: np.ndarray, cancelled) -> np.ndarray:
    if cancelled is not None and cancelled():
        raise InterruptedError("embedding cancelled")
    # predict_on_batch, not predict: predict builds a tf.data pipeline per call on TensorFlow, whose autotuning
    # thread can hold the call up for as long again when it ends (``backend.fit_input``).
    return np.concatenate([np.asarray(cut.predict_on_batch(chunk[s:s + 500])).reshape(len(chunk[s:s + 500]), -1)
                           for s in range(0, len(chunk), 500)])


def top2(centered: np.ndarray, iterations: int = 8) -> np.ndarray:
    """The two leading principal axes (2, D), by seeded subspace iteration; signs fixed for repeatability."""
    rng = np.random.default_rng(0)
    q = np.linalg.qr(rng.standard_normal((centered.shape[1], 4)).astype(np.float32))[0]
    for _ in range(iterations):
        q = np.linalg.qr(centered.T @ (centered @ q))[0]
    small = (centered @ q).T @ (centered @ q)  # 4x4: exact rotation within the subspace
    values, vectors = np.linalg.eigh(small.astype(np.float64))
    axes = (q @ vectors[:, ::-1][:, :2].astype(np.float32)).T
    signs = np.sign(axes[np.arange(2), np.abs(axes).argmax(axis=1)])
    return (axes * signs[:, None]).astype(np.float32)


def compute_embedding(explainer: Explainer, images: np.ndarray, labels: np.ndarray, cancelled=None,
                      hidden: np.ndarray | None = None) -> Embedding:
    """PCA of the last hidden layer over ``images`` (uint8 or float in [0, 1]); needs the numpy path.
    ``hidden``: those layer outputs when already computed (the app's Keras worker computes them)."""
    if explainer.hidden_step is None:
        raise ValueError(explainer.message or "this model has no hidden layer to map")
    start = time.perf_counter()
    if hidden is None:
        hidden = hidden_vectors(explainer, images, cancelled)
    mean = hidden.mean(axis=0)
    centered = hidden - mean
    components = top2(centered)
    coords = centered @ components.T
    name = explainer.layers[explainer.hidden_step].name if explainer.hidden_step >= 0 else "input pixels"
    return Embedding(mean, components, coords.astype(np.float32), np.asarray(labels), hidden, name,
                     time.perf_counter() - start)

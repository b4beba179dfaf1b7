"""Training data plumbing, backend-neutral: the seeded stratified hold-out, a balanced slice and the batch feeder.

``batches`` is a ``keras.utils.PyDataset`` over uint8 numpy arrays: float32 in [0, 1], reshuffled each
epoch, augmented in numpy (``augment.augment_batch``) when the config asks; the same on every backend.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np

from mnist_studio.digits.augment import augment_batch

# The Train tab's presets augment lightly (strength 0.5 of the shipped models' ranges): enough to read
# drawn digits, light enough that a short MNIST run converges as fast as without it.
AUGMENT_STRENGTH = 0.3

VALIDATION_FRACTION, VALIDATION_MAX = 0.1, 5000


def default_validation_size(n: int) -> int:
    """10 % of ``n`` training images, at most 5,000; at least one per class (10) where that leaves 10 to train."""
    size = min(VALIDATION_MAX, int(round(n * VALIDATION_FRACTION)))
    return max(size, 10) if n >= 20 else size


def stratified_split(labels: np.ndarray, n_val: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded, stratified hold-out: (train indices, validation indices), each sorted.

    Each class gives its share of ``n_val`` (largest remainders first), and at least one image when
    ``n_val`` covers every class present (and the class has an image to spare).
    """
    labels = np.asarray(labels)
    n = len(labels)
    if n_val <= 0:
        return np.arange(n), np.zeros(0, np.int64)
    rng = np.random.default_rng([seed, 7919])
    classes, counts = np.unique(labels, return_counts=True)
    exact = n_val * counts / n
    take = np.floor(exact).astype(int)
    for i in np.argsort(-(exact - take), kind="stable")[: n_val - take.sum()]:
        take[i] += 1
    if n_val >= len(classes):  # one per class where possible, taken from the largest shares
        for i in np.flatnonzero((take == 0) & (counts > 1)):
            donor = int(np.argmax(take))
            if take[donor] > 1:
                take[donor] -= 1
                take[i] += 1
    val = np.concatenate([rng.permutation(np.flatnonzero(labels == c))[:k]
                          for c, k in zip(classes, take, strict=True)])
    mask = np.ones(n, bool)
    mask[val] = False
    return np.flatnonzero(mask), np.sort(val)


def balanced_slice(x: np.ndarray, y: np.ndarray, n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded, class-balanced slice of ``n`` of (x, y), shuffled (so any first part is balanced too); labels uint8.

    The live views' fixed validation slice: the same digits at every snapshot of a run."""
    n = min(n, len(y))
    idx = stratified_split(np.asarray(y), n, seed)[1] if n < len(y) else np.arange(len(y))
    idx = np.random.default_rng([seed, 22]).permutation(idx)
    return x[idx], np.asarray(y)[idx].astype(np.uint8)


def batches(x: np.ndarray, y: np.ndarray, cfg, workers: int | None = None):
    """A ``keras.utils.PyDataset`` over uint8 arrays: float32 in [0, 1], shuffled and augmented per epoch."""
    from mnist_studio.runtime.backend import keras

    if workers is None:
        # One thread. A second one that augments while the model trains made a CPU epoch slower on 2 cores, not
        # faster (TensorFlow already uses every core): CNN preset, 1,000 images 0.42 -> 0.30 s an epoch, 20,000
        # images 3.99 -> 3.48 s, same batches. The trainer asks for two when a GPU trains (the cores are free).
        workers = 1

    class ArrayBatches(keras.utils.PyDataset):
        """Seeded: batch ``i`` of epoch ``e`` is the same images and the same augmentation on every run."""

        def __init__(self):
            super().__init__(workers=workers, use_multiprocessing=False)
            # Set by the trainer's callback at each epoch's start. Not counted here: Keras peeks at
            # batches and calls the dataset's epoch hooks a different number of times per backend.
            self.epoch = 0

        def __len__(self) -> int:
            return math.ceil(len(x) / cfg.batch_size)

        def __getitem__(self, index: int):
            epoch = self.epoch
            order = _epoch_order(len(x), cfg.seed, epoch)
            idx = np.sort(order[index * cfg.batch_size: (index + 1) * cfg.batch_size])
            images = x[idx].astype(np.float32) * np.float32(1 / 255)
            if cfg.augment:
                rng = np.random.default_rng([cfg.seed, epoch, index])
                images = augment_batch(images, rng, strength=AUGMENT_STRENGTH)
            return images, y[idx].astype(np.int32)

    return ArrayBatches()


@lru_cache(maxsize=4)
def _epoch_order(n: int, seed: int, epoch: int) -> np.ndarray:
    return np.random.default_rng([seed, epoch, n]).permutation(n)



""""Not a digit?": a small rejection model on the hidden layer the prediction already computed.

The method (chosen by measurement on tuning data only, ``benchmarks/not_a_digit.py``): a **logistic
regression on the model's last hidden layer and its ten scores**, fitted per model against that
model's own reading of digits (MNIST training digits, pen digits of writers 1-20, and as many of their
other digits drawn once more with ``jitter_strokes``' variation: more variation of the hands the network
trained on, which it reads less tightly than the drawings themselves) and of the shipped
tuning non-digits (``resources/nondigits/tuning.npz``: shapes, scribbles, drawn letters, font glyphs).
Distance-style scores measured worse on the same data: the maximum softmax, the energy of the logits and
the Mahalanobis distance to the nearest class mean flag 5-60 % of the tuning non-digits at the same
1 % of real digits, the rejection model 80-90 % on kinds it never saw (grouped by kind, cross-validated).
It needs no special layer or training: any MLP or CNN the numpy pass covers gets its statistics in a
second or two (``fit``), and the live check is one dot product on the hidden vector (``read``).

The threshold flags ``FLAG_RATE`` of the real pen digits of the **tuning writers**
(``pendigits.TUNING_WRITERS``, whom neither the shipped models nor the rejection model trained on). The fitting
set and the rate were chosen on the tuning data (``benchmarks/not_a_digit.py``, ``flag_rate_choice``): a
threshold set on four tuning writers flags the fifth at 0.48-0.64 % on average at 0.5 %, 1.1-1.2 % at 1 %.
``pendigits.REPORTING_WRITERS`` and the check non-digits are for reporting alone.

Pure numpy (no Qt, no Keras): the window, the command line and the benchmark share it.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from mnist_studio.prediction.numpy_layers import ends_in_softmax, softmax
from mnist_studio.runtime import locks

log = logging.getLogger(__name__)

VERSION = 2  # bump when the statistics change meaning: cached files of another version are recomputed
FIT_MNIST = 8000  # MNIST training digits (a fixed slice) beside the pen digits
FLAG_RATE = 0.005  # the share of tuning writers' digits above the threshold
L2 = 1e-2  # ridge penalty of the logistic regression (standardised features)
ITERATIONS = 400
CHUNK = 64  # images per numpy pass: a CNN's im2col buffers for 500 held ~120 MB at once in the window (64: ~25 MB,
# as fast)


@dataclass
class DigitStats:
    """One model's rejection model: ``score`` of hidden vectors + logits (higher: less like a digit)."""

    hidden_step: int  # the trace step whose output is the hidden layer (-1: the input itself)
    mean: np.ndarray  # (D + 10,) feature standardisation
    scale: np.ndarray  # (D + 10,)
    weights: np.ndarray  # (D + 10,)
    bias: float
    threshold: float  # a probability: above it, "not a digit?"
    key: str = ""  # the model file's fingerprint

    def score(self, hidden: np.ndarray, logits: np.ndarray) -> np.ndarray:
        """(N,) probability that each drawing is not a digit, by the rejection model."""
        x = np.concatenate([np.asarray(hidden, np.float32).reshape(len(hidden), -1),
                            np.asarray(logits, np.float32).reshape(len(logits), -1)], axis=1)
        return _sigmoid(((x - self.mean) / self.scale) @ self.weights + self.bias)

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
        np.savez(tmp, version=VERSION, hidden_step=self.hidden_step, mean=self.mean, scale=self.scale,
                 weights=self.weights, bias=self.bias, threshold=self.threshold, key=self.key)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, key: str | None = None) -> DigitStats | None:
        """The statistics in ``path``; None when missing, unreadable, of another version or another model."""
        try:
            with np.load(path, allow_pickle=False) as f:
                if int(f["version"]) != VERSION or (key is not None and str(f["key"]) != key):
                    return None
                return cls(int(f["hidden_step"]), *(f[k].astype(np.float32) for k in ("mean", "scale", "weights")),
                           float(f["bias"]), float(f["threshold"]), str(f["key"]))
        except (OSError, KeyError, ValueError, EOFError):
            return None


def _sigmoid(v: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(v, -30.0, 30.0)))


def locate(forward) -> tuple[int, int] | None:
    """(hidden step, classifier step) of a numpy forward pass: the classifier is the last dense step."""
    dense = [i for i, step in enumerate(forward.steps) if step[0] == "dense"]
    return (dense[-1] - 1, dense[-1]) if dense else None


def _logits(forward, classifier: int, hidden: np.ndarray) -> np.ndarray:
    step = forward.steps[classifier]
    z = hidden.reshape(len(hidden), -1) @ step[1]
    return z + step[2] if step[2] is not None else z


def features(forward, images, in_shape, cancelled=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hidden (N, D), logits (N, 10), probabilities (N, 10)) for (N, 28, 28) images (uint8 or [0, 1])."""
    hidden_step, classifier = locate(forward)
    images = np.asarray(images)
    as_bytes = images.dtype == np.uint8
    images = images.reshape((-1, *in_shape))  # a view: each chunk is made float on its own (the window's memory
    hs, zs, ps = [], [], []  # held every fitting digit as float32 twice over, ~60 MB, before this)
    for s in range(0, len(images), CHUNK):
        if cancelled is not None and cancelled():
            raise InterruptedError("cancelled")
        x = images[s:s + CHUNK].astype(np.float32)
        if as_bytes:
            x /= np.float32(255)
        outs = forward.trace(x)
        h = (outs[hidden_step] if hidden_step >= 0 else x).reshape(len(outs[-1]), -1)
        hs.append(h)
        zs.append(_logits(forward, classifier, h))
        ps.append(outs[-1] if ends_in_softmax(forward.steps) else softmax(outs[-1]))
    return np.concatenate(hs), np.concatenate(zs), np.concatenate(ps)


def logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = ITERATIONS):
    """(mean, scale, weights, bias) of a class-balanced ridge logistic regression, by gradient descent."""
    mean, scale = x.mean(0), x.std(0) + 1e-6
    a = (x - mean) / scale
    balance = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    w, b = np.zeros(a.shape[1], np.float32), 0.0
    for _ in range(iterations):
        g = (_sigmoid(a @ w + b) - y) * balance
        w -= 0.5 * (a.T @ g / len(y) + l2 * w)
        b -= 0.5 * float(g.mean())
    return mean.astype(np.float32), scale.astype(np.float32), w.astype(np.float32), b


def resources():
    """The shipped fitting data: digits (``digits.npz``) and non-digits (``tuning.npz``)."""
    from mnist_studio.storage.paths import resources_dir

    return resources_dir() / "nondigits" / "digits.npz", resources_dir() / "nondigits" / "tuning.npz"


def threshold_from(scores: np.ndarray, rate: float = FLAG_RATE) -> float:
    return float(np.quantile(np.asarray(scores, np.float64), 1.0 - rate))


def fit(forward, in_shape, cancelled=None, key: str = "") -> DigitStats:
    """A model's rejection model from the shipped digits and tuning non-digits, through its own numpy pass;
    the threshold from the tuning writers' pen digits (a second or two for a CNN)."""
    digits_path, nondigits_path = resources()
    with np.load(digits_path) as d, np.load(nondigits_path) as n:
        digits = np.concatenate([d["mnist_x"], d["pen_x"], d["jitter_x"]])
        tuning = d["tuning_x"]
        others = n["tuning_x"][~n["tuning_lookalike"]]
    hd, zd, _ = features(forward, digits, in_shape, cancelled)
    hn, zn, _ = features(forward, others, in_shape, cancelled)
    x = np.concatenate([np.concatenate([hd, zd], 1), np.concatenate([hn, zn], 1)])
    y = np.concatenate([np.zeros(len(hd), np.float32), np.ones(len(hn), np.float32)])
    del hd, zd, hn, zn, digits, others  # (``x`` holds them now: the fit runs in the window, keep its peak low)
    if cancelled is not None and cancelled():
        raise InterruptedError("cancelled")
    mean, scale, weights, bias = logistic(x, y)
    stats = DigitStats(locate(forward)[0], mean, scale, weights, bias, 0.0, key)
    ht, zt, _ = features(forward, tuning, in_shape, cancelled)
    stats.threshold = threshold_from(stats.score(ht, zt))
    return stats


def fingerprint(path) -> str:
    """sha256 of a model file (statistics are cached per file content, not per name)."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _model_path(predictor) -> Path | None:
    from mnist_studio.prediction.inference import SHIPPED
    from mnist_studio.storage.paths import shipped_model_path

    source = getattr(predictor, "source", None)
    if source is None:
        return None
    path = shipped_model_path(str(source)) if str(source) in SHIPPED else Path(str(source)).expanduser()
    return path if path.is_file() else None


def cache_dir() -> Path:
    from mnist_studio.storage.paths import user_data_dir

    return user_data_dir() / "nondigit"


def shipped_stats_path(name: str) -> Path:
    from mnist_studio.storage.paths import resources_dir

    return resources_dir() / "nondigits" / f"{name}.npz"


_fitting = threading.Lock()


@contextmanager
def fit_turn(cancelled=None):
    """One fit at a time in a process: each holds ~60-75 MB of features and a core for seconds. Trainings ending
    close together (a lesson, the monkey soak) had four fits running at once: ~300 MB more and four busy threads
    on a two-core laptop. Waits for the running fit; gives up (``InterruptedError``) once ``cancelled()``."""
    if not locks.acquire(_fitting, cancelled, 0.1):
        raise InterruptedError("not-a-digit statistics cancelled")
    try:
        yield
    finally:
        _fitting.release()


def stats_for(predictor, cancelled=None) -> DigitStats | None:
    """The model's statistics: shipped with it, cached for its file, or computed now (then cached); None for a
    model the numpy pass does not cover. Slow the first time for a model: call it off the UI thread."""
    forward = getattr(predictor, "fast", None)
    if forward is None or locate(forward) is None:
        return None
    path = _model_path(predictor)
    key = fingerprint(path) if path is not None else ""
    candidates = []
    if key:
        candidates = [shipped_stats_path(str(predictor.source)), cache_dir() / f"{key[:32]}.npz"]
        for candidate in candidates:
            stats = DigitStats.load(candidate, key)
            if stats is not None:
                return stats
    with fit_turn(cancelled):
        if key:  # fitted meanwhile for another predictor of the same file (the Draw and Inside tabs, a reload)
            stats = DigitStats.load(candidates[-1], key)
            if stats is not None:
                return stats
        stats = fit(forward, getattr(predictor, "in_shape", (28, 28)), cancelled, key)
        if key:  # saved before the next fit's turn, which then finds it
            try:
                stats.save(candidates[-1])
            except OSError as exc:  # a read-only home: the statistics live for this session only
                log.warning("could not cache the not-a-digit statistics: %s", exc)
    return stats


def attach(predictor, stats: DigitStats | None) -> None:
    """Keep the statistics with the predictor (the Draw and Inside tabs share predictor objects)."""
    predictor.digit_stats = stats


def attached(predictor) -> DigitStats | None:
    return getattr(predictor, "digit_stats", None)


_guard = threading.Lock()
_locks: dict[int, threading.Lock] = {}  # one per predictor (by id): two threads never fit the same model twice


def ensure(predictor, cancelled=None) -> DigitStats | None:
    """``attached`` or ``stats_for`` (then attached); safe to call from a worker thread. While another thread
    fits the same model, this one waits for it, and gives up (``InterruptedError``) once ``cancelled()``."""
    stats = attached(predictor)
    if stats is None:
        with _guard:
            lock = _locks.setdefault(id(predictor), threading.Lock())
        if not locks.acquire(lock, cancelled, 0.1):
            raise InterruptedError("not-a-digit statistics cancelled")
        try:
            stats = attached(predictor)
            if stats is None:
                stats = stats_for(predictor, cancelled)
                attach(predictor, stats)
        finally:
            lock.release()
    return stats


@dataclass
class Reading:
    """One drawing read by one model: its probabilities, its not-a-digit score and the verdict."""

    probabilities: np.ndarray  # (10,)
    score: float | None  # None while the statistics are not ready (or the model has none)
    threshold: float | None

    @property
    def not_a_digit(self) -> bool:
        return self.score is not None and self.score > self.threshold


def read(predictor, image) -> Reading:
    """The live path: one numpy trace gives both the probabilities and the hidden vector (the check costs one
    (D, D) product on it); models without a numpy pass are read as before, unchecked."""
    stats = attached(predictor)
    forward = getattr(predictor, "fast", None)
    if stats is None or forward is None:
        return Reading(np.asarray(predictor.predict_one(image), np.float32), None, None)
    in_shape = getattr(predictor, "in_shape", (28, 28))
    x = np.asarray(image, np.float32).reshape((1, *in_shape))
    outs = forward.trace(x)
    h = (outs[stats.hidden_step] if stats.hidden_step >= 0 else x).reshape(1, -1)
    probs = (outs[-1] if ends_in_softmax(forward.steps) else softmax(outs[-1]))[0].astype(np.float32)
    return Reading(probs, float(stats.score(h, _logits(forward, locate(forward)[1], h))[0]), stats.threshold)


def check_hidden(predictor, hidden) -> Reading | None:
    """The verdict on one hidden vector (the Inside tab's map has it already), or None without statistics."""
    stats, forward = attached(predictor), getattr(predictor, "fast", None)
    if stats is None or forward is None:
        return None
    h = np.asarray(hidden, np.float32).reshape(1, -1)
    z = _logits(forward, locate(forward)[1], h)
    return Reading(softmax(z)[0], float(stats.score(h, z)[0]), stats.threshold)

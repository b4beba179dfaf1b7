"""One batched pass over a test set -> everything the Evaluate tab shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass
class EvalResult:
    loss: float
    accuracy: float
    confusion: np.ndarray  # (10, 10) int, rows = true digit, columns = predicted digit
    per_class_accuracy: np.ndarray  # (10,)
    predictions: np.ndarray  # (N,) predicted digit
    confidence: np.ndarray  # (N,) probability of the predicted digit
    probabilities: np.ndarray  # (N, 10)
    labels: np.ndarray  # (N,)
    misclassified: np.ndarray  # indices, most confident mistake first

    @property
    def correct(self) -> int:
        return int(np.trace(self.confusion))

    def cell(self, true_digit: int, predicted_digit: int) -> np.ndarray:
        """Indices of samples with this true digit and prediction, most confident first."""
        idx = np.flatnonzero((self.labels == true_digit) & (self.predictions == predicted_digit))
        return idx[np.argsort(-self.confidence[idx], kind="stable")]

    def summary(self) -> dict:
        return {
            "accuracy": self.accuracy,
            "loss": self.loss,
            "confusion_matrix": self.confusion.tolist(),
            "per_class_accuracy": [round(float(a), 6) for a in self.per_class_accuracy],
        }


def from_probabilities(probabilities: np.ndarray, labels: np.ndarray) -> EvalResult:
    probs = np.asarray(probabilities, dtype=np.float32)
    labels = np.asarray(labels).astype(np.int64)
    if probs.ndim != 2 or probs.shape[1] != 10 or probs.shape[0] != labels.shape[0]:
        raise ValueError(f"probabilities {probs.shape} do not match labels {labels.shape}")
    n = labels.shape[0]
    predictions = probs.argmax(axis=1)
    confidence = probs[np.arange(n), predictions]
    loss = float(-np.log(np.clip(probs[np.arange(n), labels], 1e-7, 1.0)).mean()) if n else float("nan")
    confusion = np.bincount(labels * 10 + predictions, minlength=100).reshape(10, 10)
    totals = confusion.sum(axis=1)
    per_class = np.divide(np.diag(confusion), totals, out=np.zeros(10), where=totals > 0)
    wrong = np.flatnonzero(predictions != labels)
    wrong = wrong[np.argsort(-confidence[wrong], kind="stable")]
    return EvalResult(
        loss=loss,
        accuracy=float(np.trace(confusion) / n) if n else float("nan"),
        confusion=confusion,
        per_class_accuracy=per_class,
        predictions=predictions,
        confidence=confidence,
        probabilities=probs,
        labels=labels,
        misclassified=wrong,
    )


def evaluate(
    predictor,
    images: np.ndarray,
    labels: np.ndarray,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> EvalResult | None:
    """Evaluate a ``Predictor`` (or anything with ``predict``) on uint8 or float images.

    Returns None when ``cancelled()`` becomes true between batches. Waits while another thread runs a
    Keras job (``backend.keras_job``); raises ``backend.JobCancelled`` when cancelled while waiting.
    """
    from mnist_studio.runtime import backend

    with backend.keras_job(cancelled=cancelled):  # one Keras job at a time (a no-op inside a training run)
        return _evaluate(predictor, images, labels, batch_size, progress, cancelled)


def _evaluate(predictor, images, labels, batch_size, progress, cancelled) -> EvalResult | None:
    n = len(images)
    out = np.empty((n, 10), np.float32)
    scale = 1.0 / 255.0 if np.asarray(images[:1]).dtype == np.uint8 else 1.0
    for start in range(0, n, batch_size):
        if cancelled is not None and cancelled():
            return None
        batch = np.asarray(images[start : start + batch_size], dtype=np.float32) * scale
        out[start : start + len(batch)] = predictor.predict(batch)
        if progress is not None:
            progress(min(start + batch_size, n), n)
    return from_probabilities(out, labels)

"""How faithful a saliency map is: the deletion test (benchmarks/inside_explain.py, tests/test_explain.py).

Erase the ink pixels in the map's order, most important first, and watch p(digit) fall: the area under that
curve, against the same for a random order, is lower for a map that points at what the model uses.
"""

from __future__ import annotations

import numpy as np

from mnist_studio.prediction.explain import INK


def deletion_area(predictor, image, digit: int, order: np.ndarray, steps: int = 20) -> float:
    """Area under p(digit) as the ink pixels are erased in ``order`` (most important first), in ``steps``
    equal slices; the deletion test compares a map's order with a random one (lower = more faithful)."""
    x = np.asarray(image, np.float32).reshape(784)
    ink = np.flatnonzero(x > INK)
    ranked = [i for i in np.asarray(order).reshape(-1) if x[i] > INK] if order is not None else []
    if not ink.size:
        return 0.0
    ranked = np.asarray(ranked, int)
    batch = np.repeat(x[None], steps + 1, axis=0)
    for s in range(1, steps + 1):
        batch[s, ranked[: int(round(ranked.size * s / steps))]] = 0.0
    p = predictor.predict(batch.reshape(-1, 28, 28))[:, digit]
    return float(((p[:-1] + p[1:]) / 2).mean())

"""The numbers behind the training chart's curves: TensorBoard's smoothing, and a long curve cut down to the points
that can show at the chart's pixel columns (so drawing it costs the same at 500 batches or 50,000)."""

from __future__ import annotations

import math

import numpy as np

DEFAULT_SMOOTHING = 0.6  # the chart's smoothing slider starts here


def debiased_ema(values, weight: float) -> list[float]:
    """TensorBoard's smoothing: ``s_t = w*s_{t-1} + (1-w)*y_t`` from ``s_0 = 0``, reported as ``s_t/(1-w^t)``.

    Non-finite values are passed over (they neither count in ``t`` nor move ``s``) and come out as NaN.
    """
    out, state = [], EmaState(weight)
    for y in values:
        out.append(state.push(y))
    return out


class EmaState:
    """The running state of ``debiased_ema`` (lets the chart smooth each new batch in O(1))."""

    def __init__(self, weight: float):
        self.weight = min(max(float(weight), 0.0), 0.999)
        self.s, self.t = 0.0, 0

    def push(self, y: float) -> float:
        if not math.isfinite(y):
            return float("nan")
        self.t += 1
        self.s = self.weight * self.s + (1 - self.weight) * y
        return self.s / (1 - self.weight**self.t)


def _first_in_runs(mask: np.ndarray, run_of: np.ndarray) -> np.ndarray:
    """The first index where ``mask`` holds in each run (``run_of``: each point's run number) that has one."""
    hits = np.flatnonzero(mask)
    runs = run_of[hits]
    return hits[np.r_[True, runs[1:] != runs[:-1]]] if hits.size else hits


def pixel_points(xs, ys, x_min: float, x_max: float, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """The points of a line worth drawing at ``columns`` pixel columns across ``[x_min, x_max]``: in each column
    its first, last, lowest and highest point and its first gap (NaN), in order (the "M4" reduction). Drawn,
    they cover the same pixels as the whole line; a line of at most 4 points a column comes back whole."""
    x, y = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    columns = max(1, int(columns))
    if len(x) <= 4 * columns or not x_max > x_min:
        return x, y
    col = np.clip(((x - x_min) * (columns / (x_max - x_min))).astype(np.int64), 0, columns - 1)
    starts = np.flatnonzero(np.r_[True, col[1:] != col[:-1]])  # runs of points in one column (x never falls
    ends = np.r_[starts[1:], len(x)] - 1  # in a run; if it did, only more runs and fewer points dropped)
    run_of = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(x)]))
    gap = np.isnan(y)
    low, high = np.where(gap, np.inf, y), np.where(gap, -np.inf, y)
    lows = np.minimum.reduceat(low, starts)[run_of]
    highs = np.maximum.reduceat(high, starts)[run_of]
    keep = np.unique(np.concatenate([starts, ends, _first_in_runs(~gap & (low == lows), run_of),
                                     _first_in_runs(~gap & (high == highs), run_of), _first_in_runs(gap, run_of)]))
    return x[keep], y[keep]

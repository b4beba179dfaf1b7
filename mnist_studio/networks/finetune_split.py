"""Which of a writer's digits fine-tuning trains on and which it scores on. No Qt, no Keras here.

Scoring never uses a digit the model trained on: a personal set holds out part of each writer's digits
(``PER_WRITER``); a class set of ``CLASS_SET_WRITERS`` or more writers holds out whole writers
(``WRITER_HELD_OUT``: train on some students, test on the others).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from mnist_studio.digits.handwriting import DigitSet, DigitSetError, validate

PER_WRITER = "per-writer"  # part of each writer's digits held out
WRITER_HELD_OUT = "writer-held-out"  # whole writers held out (a class set)
NONE = "none"  # trained on everything (the CLI: the caller holds out what it scores)
CLASS_SET_WRITERS = 3  # from this many writers on, a set is scored writer-held-out


@dataclass
class Split:
    train: np.ndarray  # indices into the set
    test: np.ndarray
    mode: str  # PER_WRITER, WRITER_HELD_OUT or NONE
    test_writers: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.mode == WRITER_HELD_OUT:
            return (f"writer-held-out: trained on {len(self.train)} digits of other writers, scored on "
                    f"{len(self.test)} digits by {', '.join(self.test_writers)}")
        if self.mode == PER_WRITER:
            return f"per writer: trained on {len(self.train)} digits, scored on {len(self.test)} others"
        return f"trained on all {len(self.train)} digits (nothing held out)"


def check_trainable(ds: DigitSet, label: str = "the set") -> None:
    validate(ds, label)
    classes = np.unique(ds.y)
    if len(classes) < 2:
        raise DigitSetError("%1 has only the digit %2: fine-tuning needs at least two different digits (it would "
                            "learn to answer that digit for everything)", label, classes[0])


def split_set(ds: DigitSet, holdout: float = 0.3, seed: int = 0) -> Split:
    """Which digits train and which score. Raise ``DigitSetError`` if nothing can be held out."""
    rng = np.random.default_rng(seed)
    writers = ds.writers()
    if len(writers) >= CLASS_SET_WRITERS:
        n_test = min(len(writers) - 1, max(1, round(holdout * len(writers))))
        test_writers = sorted(rng.choice(writers, n_test, replace=False).tolist())
        test = np.isin(ds.writer, test_writers)
        split = Split(np.flatnonzero(~test), np.flatnonzero(test), WRITER_HELD_OUT, test_writers)
    else:
        test_mask = np.zeros(len(ds), bool)
        for w in writers:
            for digit in range(10):
                idx = np.flatnonzero((ds.writer == w) & (ds.y == digit))
                k = int(math.floor(len(idx) * holdout + 0.5)) if len(idx) >= 2 else 0
                k = min(k, len(idx) - 1)
                test_mask[rng.permutation(idx)[:k]] = True
        split = Split(np.flatnonzero(~test_mask), np.flatnonzero(test_mask), PER_WRITER, [])
    if len(split.test) == 0:
        raise DigitSetError("too few digits to hold any out for scoring: draw at least two of some digit")
    if len(np.unique(ds.y[split.train])) < 2:
        raise DigitSetError("after holding digits out for scoring, the training part has only one digit; "
                            "draw more digits")
    return split

"""Teach the class's hand: a class set of 10 students x 20 digits, fine-tuned in My digits with whole students
held out, timed from the click to the before/after shown (the run saved).

    python benchmarks/class_finetune.py [--quick]

The students are the pen writers the shipped models never saw (21-30), 2 digits of each class per student,
rendered through the canvas's stroke path (``strokes.render``) like the Class tab's phones. The My digits
tab (offscreen, the real widget and its worker process) splits the set by student, scores the CNN before,
fine-tunes, scores after and saves the run (``finetune_personal.in_app``). Goal: <= 20 s.
"""

import tempfile
from pathlib import Path

import _util
import numpy as np

PER_CLASS = 2


def class_set(pen, writers, rng):
    """A DigitSet with PER_CLASS digits of each class from every writer, one writer per student."""
    from finetune_personal import writer_set

    from mnist_studio.digits.handwriting import DigitSet

    parts = []
    for w in writers:
        ds, _, _ = writer_set(pen, w, rng)  # 5 a class; keep PER_CLASS of each
        keep = np.concatenate([np.flatnonzero(ds.y == d)[:PER_CLASS] for d in range(10)])
        sub = ds.subset(keep)
        parts.append(DigitSet(sub.x, sub.y, np.full(len(keep), f"student-{w}"), sub.strokes))
    return DigitSet(np.concatenate([p.x for p in parts]), np.concatenate([p.y for p in parts]),
                    np.concatenate([p.writer for p in parts]), [s for p in parts for s in p.strokes],
                    name="class")


def main() -> None:
    args = _util.parser(__doc__).parse_args()
    _util.offscreen_qt()
    from finetune_personal import in_app

    import mnist_studio.ui.mydigits.mydigits_tab  # noqa: F401 - Qt's matplotlib backend before Keras loads
    from mnist_studio.digits import pendigits

    writers = list(pendigits.HELD_OUT_WRITERS[:3] if args.quick else pendigits.HELD_OUT_WRITERS)
    ds = class_set(pendigits.load(), writers, np.random.default_rng(0))
    with tempfile.TemporaryDirectory() as tmp:
        result = in_app(ds, Path(tmp), repeats=1)
    _util.emit({"benchmark": "class_finetune", "students": len(writers), "digits": len(ds),
                "goal_seconds": 20, **result["first"]})


if __name__ == "__main__":
    main()

"""Real handwriting on the real canvas: pen trajectories of writers the models never saw, replayed as
Qt mouse events on a ``DrawingCanvas`` (offscreen), read through ``canvas.model_input()``.

    python benchmarks/pen_replay.py [--quick] [--writers 26-30] [--mnist 1000] [--model cnn=path.keras]

Pen data: UCI Pen-Based Recognition of Handwritten Digits (E. Alpaydin and F. Alimoglu, CC BY 4.0),
``resources/pendigits.npz``. The reporting writers 26-30 by default (``pendigits.REPORTING_WRITERS``): the
shipped models trained on writers 1-20 only and their settings were chosen on writers 21-25
(``scripts/train_shipped_models.py --tune``), so these figures are the first look at these writers. Each
digit is drawn at a random size (its longer side a third of the canvas to nearly all of it), a random
position and a random pen width (6-48). Reports, per model: accuracy, per digit, per writer, the worst
confusion pairs; a small digit (a third of the canvas) in a corner with the thickest pen against a large
centred one with the default pen (the same digits); and MNIST test digits re-drawn as strokes from their
skeletons. ``--quick``: a few dozen.
"""

from __future__ import annotations

import time
from collections import Counter

import _util

_util.offscreen_qt()


def parse_writers(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        a, _, b = part.partition("-")
        out += list(range(int(a), int(b or a) + 1))
    return out


def unit_strokes(strokes, size: float, corner: tuple[float, float]):
    """Pen strokes (any units) scaled so their longer side is ``size`` (fraction of the canvas),
    their box's top-left at ``corner`` (fractions)."""
    import numpy as np

    every = np.concatenate(strokes)
    lo, hi = every.min(axis=0), every.max(axis=0)
    extent = max(float((hi - lo).max()), 1e-9)
    return [(s - lo) / extent * size + np.asarray(corner) for s in strokes], (hi - lo) / extent * size


def draw(canvas, strokes_unit) -> None:
    """Real mouse press / move / release events at the widget pixels of unit-square points."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    side = min(canvas.width(), canvas.height())
    ox, oy = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    for stroke in strokes_unit:
        pts = [QPoint(int(round(ox + x * (side - 1))), int(round(oy + y * (side - 1)))) for x, y in stroke[:, :2]]
        QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
        last = pts[0]
        for q in pts[1:]:
            if q != last:
                QTest.mouseMove(canvas, q)
                last = q
        QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, last)


def random_placement(rng, strokes):
    size = rng.uniform(1 / 3, 0.95)
    placed, box = unit_strokes(strokes, size, (0.0, 0.0))
    corner = (rng.uniform(0.01, 0.99 - box[0]), rng.uniform(0.01, 0.99 - box[1]))
    return [s + corner for s in placed], int(rng.integers(6, 49))


RENDER_S: list[float] = []  # time of each model_input() (strokes.render of the whole digit)


def replay_all(canvas, digits, place) -> tuple:
    """Draw each digit (list of strokes) where ``place`` puts it; the model inputs, in order."""
    import numpy as np

    xs = np.zeros((len(digits), 28, 28), np.float32)
    for i, strokes in enumerate(digits):
        canvas.clear()
        unit, pen = place(i, strokes)
        canvas.set_pen_width(pen)
        draw(canvas, unit)
        t = time.perf_counter()
        x = canvas.model_input()
        RENDER_S.append(time.perf_counter() - t)
        if x is not None:
            xs[i] = x
    return xs


def scores(probs, y, groups=None) -> dict:
    import numpy as np

    pred = probs.argmax(axis=1)
    out = {"accuracy": round(float((pred == y).mean()), 4), "n": int(len(y)),
           "mean_confidence": round(float(probs.max(axis=1).mean()), 4)}
    if groups is not None:
        out["per_digit"] = {int(d): round(float((pred[y == d] == d).mean()), 4) for d in range(10) if (y == d).any()}
        out["per_writer"] = {int(w): round(float((pred[groups == w] == y[groups == w]).mean()), 4)
                             for w in np.unique(groups)}
        pairs = Counter((int(a), int(b)) for a, b in zip(y, pred, strict=True) if a != b)
        out["worst_confusions"] = [{"true": a, "read_as": b, "count": c} for (a, b), c in pairs.most_common(8)]
    return out


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--writers", default="26-30", help="writers never trained on: 26-30 report, 21-25 tune")
    p.add_argument("--per-writer", type=int, default=0, help="digits per writer (0 = all)")
    p.add_argument("--mnist", type=int, default=1000, help="MNIST test digits re-drawn from skeletons")
    p.add_argument("--model", action="append", default=[], help="name=path.keras (default: shipped mlp, cnn)")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    if args.quick:
        args.per_writer, args.mnist = 3, 20
    import numpy as np
    from strokes import digit_strokes

    from mnist_studio.digits import pendigits
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.prediction.inference import Predictor
    from mnist_studio.ui.app import make_app
    from mnist_studio.ui.common.canvas import DrawingCanvas

    app = make_app()
    writers = parse_writers(args.writers)
    models = dict(m.split("=", 1) for m in args.model) or {"mlp": "mlp", "cnn": "cnn"}
    predictors = {k: Predictor.load(v) for k, v in models.items()}
    rng = np.random.default_rng(args.seed)

    data = pendigits.load()
    idx = np.flatnonzero(np.isin(data.writers, writers))
    if args.per_writer:
        idx = np.concatenate([rng.permutation(idx[data.writers[idx] == w])[: args.per_writer] for w in writers])
    digits = [data.strokes(int(i)) for i in idx]
    y, w = data.labels[idx].astype(int), data.writers[idx].astype(int)

    canvas = DrawingCanvas()
    canvas.resize(420, 420)
    canvas.show()
    app.processEvents()
    t0 = time.perf_counter()
    x_random = replay_all(canvas, digits, lambda i, s: random_placement(rng, s))
    seconds = time.perf_counter() - t0

    def corner_small(i, s):
        placed, box = unit_strokes(s, 1 / 3, (0.0, 0.0))
        cx, cy = [(0.01, 0.01), (0.99 - box[0], 0.01), (0.01, 0.99 - box[1]), (0.99 - box[0], 0.99 - box[1])][i % 4]
        return [q + (cx, cy) for q in placed], 48

    def centred_large(i, s):
        placed, box = unit_strokes(s, 0.85, (0.0, 0.0))
        return [q + ((1 - box[0]) / 2, (1 - box[1]) / 2) for q in placed], 22

    n_pair = min(len(digits), 60 if args.quick else 600)
    pair = rng.permutation(len(digits))[:n_pair]
    x_corner = replay_all(canvas, [digits[i] for i in pair], corner_small)
    x_centre = replay_all(canvas, [digits[i] for i in pair], centred_large)

    (_, _), (x_test, y_test) = load_mnist()
    pick = rng.permutation(len(x_test))[: args.mnist]
    skeletons = [[np.asarray(s, np.float64) for s in digit_strokes(x_test[i])] for i in pick]
    keep = [k for k, s in enumerate(skeletons) if s]
    x_skel = replay_all(canvas, [skeletons[k] for k in keep], lambda i, s: random_placement(rng, s))
    y_skel = y_test[pick[keep]].astype(int)

    result = {"benchmark": "pen_replay", "held_out_writers": writers, "digits": len(digits),
              "canvas_px": 420, "replay_seconds": round(seconds, 1), "render_ms": _util.percentiles(RENDER_S),
              "models": models, "results": {}}
    for name, pred in predictors.items():
        result["results"][name] = {
            "pen_held_out": scores(pred.predict(x_random), y, w),
            "small_corner_thickest_pen": scores(pred.predict(x_corner), y[pair]),
            "large_centred": scores(pred.predict(x_centre), y[pair]),
            "mnist_skeleton_redraw": scores(pred.predict(x_skel), y_skel),
        }
    _util.emit(result)


if __name__ == "__main__":
    main()

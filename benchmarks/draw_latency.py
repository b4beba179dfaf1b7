"""Live drawing: the real DrawTab fed real mouse strokes; time per prediction update and per mouse move.

    python benchmarks/draw_latency.py [--quick] [--digits 50]

An update is one canvas read + to_mnist + both shipped models + panel refresh (the stroke path only
schedules it). Digits are MNIST test digits turned into strokes, drawn at varied sizes and pens.
"""

import time

import _util

_util.offscreen_qt()


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--digits", type=int, default=50)
    args = p.parse_args()
    digits = 3 if args.quick else args.digits
    import numpy as np
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from mnist_studio.data import load_mnist
    from mnist_studio.inference import Predictor
    from mnist_studio.ui.app import make_app

    app = make_app()
    from strokes import digit_strokes

    from mnist_studio.ui.draw.draw_tab import DrawTab

    tab = DrawTab()
    tab.resize(1280, 760)
    tab.show()
    for key in ("mlp", "cnn"):
        tab.set_predictor(key, Predictor.load(key), key.upper())
    _, (x_test, y_test) = load_mnist()
    rng = np.random.default_rng(0)
    updates, moves, right = [], [], 0
    orig = tab.update_predictions

    def timed():
        t = time.perf_counter()
        orig()
        updates.append(time.perf_counter() - t)

    tab._timer.timeout.disconnect()
    tab._timer.timeout.connect(timed)
    tab.canvas.strokeFinished.disconnect()
    tab.canvas.strokeFinished.connect(timed)
    c = tab.canvas
    side = min(c.width(), c.height())
    for i in range(digits):
        c.clear()
        tab.pen_width.setValue(int(rng.integers(14, 36)))
        scale = rng.uniform(0.6, 1.0)
        for stroke in digit_strokes(x_test[i]):
            pts = [QPoint(int((c.width() - side) / 2 + (0.5 + (px - 0.5) * scale) * side),
                          int((c.height() - side) / 2 + (0.5 + (py - 0.5) * scale) * side)) for px, py in stroke]
            QTest.mousePress(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
            for q in pts[1:]:
                t = time.perf_counter()
                QTest.mouseMove(c, q)
                moves.append(time.perf_counter() - t)
                app.processEvents()  # lets the coalescing timer fire, as the real event loop would
            QTest.mouseRelease(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])
        right += tab.panel("cnn").digit() == y_test[i]
    _util.emit({"benchmark": "draw_latency", "digits": digits, "update_ms": _util.percentiles(updates),
                "mouse_move_ms": _util.percentiles(moves), "cnn_correct": right / digits})


if __name__ == "__main__":
    main()

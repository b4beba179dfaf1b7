"""Live drawing: one update, from the canvas event to the prediction panels painted.

    python benchmarks/draw_latency.py [--quick] [--digits 50]

The real DrawTab with both shipped models is fed real mouse events (MNIST test digits turned into
strokes, drawn at varied sizes and pen widths). One update is timed from the mouse event's delivery
to the canvas until the window's next paint pass is over (the one the event loop runs for the widgets
that changed, delivered synchronously; each timed update checks that the preview and both panels painted):
the canvas adds the point to the shared drawing and paints its segment, ``strokes.render`` builds the
28x28 input, both models predict (numpy path), the panels and the preview update and paint. The app
coalesces updates to one per screen refresh; here every mouse move gets a full update (worst case).
``--repaint-each``: the measure before round 3, stop 14: ``repaint()`` on the preview and on each panel in turn.
The first call already paints everything that changed; the next ones paint each panel a second time, which the
app never does (its event loop paints once), so that measure was 1-2 ms too high.
On a shared machine the wall time includes waiting for a CPU; ``update_cpu_ms`` (the UI thread's CPU
time per update) is what the wall time is on an idle one, and ``load_average`` says how busy it was.
"""

import os
import time

import _util

_util.offscreen_qt()


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--digits", type=int, default=50)
    p.add_argument("--repaint-each", action="store_true", help="the earlier measure (panels painted twice)")
    args = p.parse_args()
    digits = 3 if args.quick else args.digits
    import numpy as np
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt
    from PySide6.QtTest import QTest

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.digits.strokes import render
    from mnist_studio.prediction.inference import Predictor
    from mnist_studio.ui.app import make_app

    app = make_app()
    from strokes import digit_strokes

    from mnist_studio.ui.draw.draw_tab import DrawTab

    tab = DrawTab()
    tab.resize(1280, 760)
    tab.show()
    for key in ("mlp", "cnn"):
        tab.set_predictor(key, Predictor.load(key), key.upper())
    app.processEvents()
    _, (x_test, y_test) = load_mnist()
    rng = np.random.default_rng(0)
    updates, cpu, renders, predicts, paints, right = [], [], [], [], [], 0
    c = tab.canvas
    painted = [tab.preview, *tab.panels().values()]
    side = min(c.width(), c.height())

    class PaintSeen(QObject):
        """Which of ``painted`` got a paint event (the pass must not be empty)."""

        def __init__(self):
            super().__init__()
            self.seen: set = set()

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.seen.add(obj)
            return False

    seen = PaintSeen()
    for w in painted:
        w.installEventFilter(seen)

    def paint() -> None:
        if args.repaint_each:
            for w in painted:
                w.repaint()
        else:  # the event loop's next paint pass, now: every widget marked for an update, painted once
            QCoreApplication.sendPostedEvents(tab.window(), QEvent.Type.UpdateRequest)

    def one_update(event) -> None:
        seen.seen = set()
        c0, t0 = time.thread_time(), time.perf_counter()
        event()  # delivered to the canvas: the drawing grows, the canvas paints its raster
        tab.update_predictions()  # model_input (strokes.render) -> both models -> panels' state
        t1 = time.perf_counter()
        paint()
        t2 = time.perf_counter()
        if tab.panel("cnn").state() == "prediction" and not seen.seen.issuperset(painted):
            raise SystemExit("a timed update left the preview or a panel unpainted: the measure is void")
        cpu.append(time.thread_time() - c0)
        updates.append(t2 - t0)
        paints.append(t2 - t1)

    for i in range(digits):
        c.clear()
        tab.pen_width.setValue(int(rng.integers(6, 49)))
        scale = rng.uniform(0.35, 0.95)
        for stroke in digit_strokes(x_test[i]):
            pts = [QPoint(int((c.width() - side) / 2 + (0.5 + (px - 0.5) * scale) * side),
                          int((c.height() - side) / 2 + (0.5 + (py - 0.5) * scale) * side)) for px, py in stroke]
            one_update(lambda q=pts[0]: QTest.mousePress(c, Qt.MouseButton.LeftButton,
                                                         Qt.KeyboardModifier.NoModifier, q))
            for q in pts[1:]:
                one_update(lambda q=q: QTest.mouseMove(c, q))
            one_update(lambda q=pts[-1]: QTest.mouseRelease(c, Qt.MouseButton.LeftButton,
                                                            Qt.KeyboardModifier.NoModifier, q))
            app.processEvents()
            strokes = c.drawing().strokes()
            t = time.perf_counter()
            x = render(strokes, min_extent=0.08)
            renders.append(time.perf_counter() - t)
            t = time.perf_counter()
            for key in ("mlp", "cnn"):
                tab.predictor(key).predict_one(x)
            predicts.append(time.perf_counter() - t)
        right += tab.panel("cnn").digit() == y_test[i]
    _util.emit({"benchmark": "draw_latency", "digits": digits,
                "update_ms": _util.percentiles(updates),
                # CPU time of the UI thread per update: the wall time on an idle machine (this one is shared)
                "update_cpu_ms": _util.percentiles(cpu),
                "load_average": [round(v, 2) for v in os.getloadavg()],
                "parts_ms": {"render_28x28": _util.percentiles(renders), "both_models": _util.percentiles(predicts),
                             "paint_panels_and_preview": _util.percentiles(paints)},
                "goal_p95_ms": 4.0, "cnn_correct": right / digits,
                "paint": "repaint() on each widget" if args.repaint_each else "one paint pass, as the event loop"})


if __name__ == "__main__":
    main()

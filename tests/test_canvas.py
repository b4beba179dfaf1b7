import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from strokes import digit_strokes, enclosed_background, replay

from mnist_studio.digits.preprocess import to_mnist
from mnist_studio.digits.strokes import render
from mnist_studio.ui.common.canvas import RASTER, DrawingCanvas, pressure_factor
from mnist_studio.ui.common.drawing import Drawing


@pytest.fixture()
def canvas(qtbot):
    c = DrawingCanvas()
    qtbot.addWidget(c)
    c.resize(400, 400)
    c.show()
    qtbot.waitExposed(c)
    return c


def test_blank_raster(canvas):
    img = canvas.image()
    assert img.shape == (RASTER, RASTER) and img.dtype == np.uint8 and img.max() == 0
    assert canvas.is_blank()


def test_mouse_stroke_draws_antialiased_ink_and_signals(canvas, qtbot):
    with qtbot.waitSignal(canvas.strokeFinished, timeout=1000):
        replay(canvas, [[(0.2, 0.5), (0.8, 0.5)]])
    img = canvas.image()
    assert img.max() == 255
    row = img[RASTER // 2]
    assert row[int(RASTER * 0.5)] == 255 and row[5] == 0
    column = img[:, RASTER // 2]
    assert 15 <= (column > 128).sum() <= 30  # ~22 px pen
    assert canvas.stroke_count() == 1
    replay(canvas, [[(0.2, 0.2), (0.7, 0.9)]])
    img = canvas.image()
    assert ((img > 0) & (img < 255)).sum() > 50  # anti-aliased edges on a slanted stroke


def test_clear_and_undo(canvas, qtbot):
    replay(canvas, [[(0.2, 0.2), (0.8, 0.2)]])
    replay(canvas, [[(0.2, 0.8), (0.8, 0.8)]])
    both = canvas.image()
    with qtbot.waitSignal(canvas.changed):
        canvas.undo()
    one = canvas.image()
    assert canvas.stroke_count() == 1
    assert one[int(RASTER * 0.8)].max() == 0 and one[int(RASTER * 0.2)].max() == 255
    assert both[int(RASTER * 0.8)].max() == 255
    canvas.clear()
    assert canvas.image().max() == 0 and canvas.is_blank()
    canvas.undo()  # nothing left: no error


def test_keyboard_clear(canvas, qtbot):
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Delete):
        replay(canvas, [[(0.3, 0.3), (0.7, 0.7)]])
        canvas.setFocus()
        QTest.keyClick(canvas, key)
        assert canvas.is_blank()


def test_pen_width(canvas):
    canvas.set_pen_width(40)
    replay(canvas, [[(0.2, 0.5), (0.8, 0.5)]])
    column = canvas.image()[:, RASTER // 2]
    assert 35 <= (column > 128).sum() <= 46
    canvas.set_pen_width(-5)
    assert canvas.pen_width() == 1.0


def test_resize_keeps_the_drawing(canvas, qtbot):
    replay(canvas, [[(0.2, 0.5), (0.8, 0.5)]])
    before = canvas.image()
    canvas.resize(250, 600)
    qtbot.wait(10)
    assert np.array_equal(canvas.image(), before)
    # the same fractional stroke lands in the same raster place at the new size
    canvas.clear()
    replay(canvas, [[(0.2, 0.5), (0.8, 0.5)]])
    assert np.abs(canvas.image().astype(int) - before.astype(int)).mean() < 2


def test_stroke_leaving_the_canvas(canvas):
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(200, 200))
    QTest.mouseMove(canvas, QPoint(600, 200))
    QTest.mouseMove(canvas, QPoint(-300, -50))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(-300, -50))
    img = canvas.image()
    assert img.max() == 255 and img.shape == (RASTER, RASTER)


def test_resize_mid_stroke_ends_the_stroke_cleanly(canvas, qtbot):
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    QTest.mouseMove(canvas, QPoint(200, 150))
    with qtbot.waitSignal(canvas.strokeFinished, timeout=1000):
        canvas.resize(300, 300)
    QTest.mouseMove(canvas, QPoint(250, 250))  # no stroke in progress: ignored
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(250, 250))
    assert canvas.stroke_count() == 1


def _tablet(canvas, kind, pos, pressure, buttons=True):
    """A real QTabletEvent from a stylus, sent to the widget as Qt delivers one."""
    device = QPointingDevice("test stylus", 1, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                             QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2)
    button = Qt.MouseButton.LeftButton
    ev = QTabletEvent(kind, device, QPointF(pos), QPointF(canvas.mapToGlobal(pos)), pressure, 0.0, 0.0, 0.0, 0.0,
                      0.0, Qt.KeyboardModifier.NoModifier, button,
                      button if buttons else Qt.MouseButton.NoButton)
    QApplication.sendEvent(canvas, ev)
    assert ev.isAccepted()


def _tablet_line(canvas, pressure):
    canvas.clear()
    _tablet(canvas, QEvent.Type.TabletPress, QPoint(100, 200), pressure)
    for x in range(110, 310, 10):
        _tablet(canvas, QEvent.Type.TabletMove, QPoint(x, 200), pressure)
    _tablet(canvas, QEvent.Type.TabletRelease, QPoint(300, 200), pressure, buttons=False)
    column = canvas.image()[:, RASTER // 2].astype(float)
    return column.sum() / 255  # ink across the line: its width in raster pixels, anti-aliasing included


def test_tablet_pressure_width_is_monotonic_over_the_whole_range(canvas):
    pressures = [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 1.0]
    widths = [_tablet_line(canvas, p) for p in pressures]
    assert canvas.stroke_count() == 1 and canvas.drawing().strokes()[0][:, 2].tolist() == [1.0] * 21
    assert all(b > a for a, b in zip(widths, widths[1:], strict=False)), widths  # strictly wider: more pressure
    assert widths[0] > 0  # the lightest touch still draws ...
    assert widths[0] < 0.45 * widths[-1]  # ... and pressure 0 is not read as a full press
    assert widths[-1] == pytest.approx(canvas.pen_width(), abs=2.5)  # a full press: the pen width
    assert pressure_factor(0.0) == pytest.approx(0.3) and pressure_factor(1.0) == 1.0


def test_pressure_changes_the_look_not_what_the_models_read(canvas):
    _tablet_line(canvas, 0.05)
    light = canvas.model_input().copy()
    _tablet_line(canvas, 1.0)
    assert np.array_equal(canvas.model_input(), light)


def test_model_input_is_the_stroke_render_and_none_when_blank(canvas, qtbot):
    assert canvas.model_input() is None
    replay(canvas, [[(0.2, 0.2), (0.8, 0.2), (0.4, 0.9)]])  # a 7
    x = canvas.model_input()
    assert x.shape == (28, 28) and x.dtype == np.float32
    unit = [s[:, :2] for s in canvas.drawing().strokes()]
    assert np.array_equal(x, render(unit, min_extent=0.08))
    assert canvas.model_input() is x  # cached until the strokes change
    with qtbot.waitSignal(canvas.changed):
        canvas.undo()
    assert canvas.model_input() is None and canvas.is_blank()  # an undo back to blank


def test_pen_width_does_not_change_the_model_input(canvas):
    widths = {}
    for pen in (6, 22, 48):
        canvas.clear()
        canvas.set_pen_width(pen)
        replay(canvas, [[(0.3, 0.2), (0.7, 0.2), (0.7, 0.5), (0.3, 0.8), (0.7, 0.8)]])
        widths[pen] = canvas.model_input()
    assert np.array_equal(widths[6], widths[22]) and np.array_equal(widths[6], widths[48])


def _circle(cx, cy, r, n=24):
    return [(cx + r * np.cos(t), cy + r * np.sin(t)) for t in np.linspace(0, 2 * np.pi, n + 1)]


@pytest.mark.parametrize("pen", [6, 14, 22, 30, 40, 48])
def test_loops_stay_open_at_every_pen_width(canvas, pen):
    """A 9 with a small loop, drawn small: a thick pen fills the loop on screen, never for the models."""
    canvas.set_pen_width(pen)
    loop = _circle(0.5, 0.42, 0.04)
    replay(canvas, [loop, [(0.54, 0.42), (0.53, 0.6)]], substeps=1)
    x = canvas.model_input()
    assert enclosed_background(x) >= 1, (pen, np.round(x, 1))  # the eye of the 9 is still a hole
    if pen >= 40:  # on screen a thick pen does fill it: the models read the strokes, not the screen
        assert enclosed_background(canvas.image() / 255.0) == 0
    assert x.max() > 0.99


def test_a_dot_and_a_line(canvas):
    replay(canvas, [[(0.5, 0.5)]])
    dot = canvas.model_input()
    assert dot is not None and 0 < (dot > 0.5).sum() <= 9  # a dot stays a dot, not a blob
    assert canvas.image().max() == 255
    canvas.clear()
    replay(canvas, [[(0.1, 0.5), (0.9, 0.5)]])
    line = canvas.model_input()
    cols = np.flatnonzero(line.max(axis=0) > 0.5)
    assert 19 <= cols.max() - cols.min() + 1 <= 21  # MNIST's 20 px box
    assert (line.max(axis=1) > 0.5).sum() <= 3  # at MNIST's stroke width


def test_stroke_leaving_the_canvas_stays_inside_for_the_models(canvas):
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(200, 200))
    QTest.mouseMove(canvas, QPoint(600, 200))
    QTest.mouseMove(canvas, QPoint(-300, -50))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(-300, -50))
    pts = canvas.drawing().strokes()[0]
    assert pts[:, :2].min() == 0.0 and pts[:, :2].max() == 1.0  # clamped to the canvas square
    x = canvas.model_input()
    assert x is not None and np.isfinite(x).all() and 0 <= x.min() and x.max() <= 1


def test_two_canvases_share_one_drawing(qtbot):
    drawing = Drawing()
    a, b = DrawingCanvas(drawing=drawing), DrawingCanvas(drawing=drawing, pen_width=8)
    for c, size in ((a, 400), (b, 200)):
        qtbot.addWidget(c)
        c.resize(size, size)
        c.show()
    painted = []
    b.changed.connect(lambda: painted.append(1))
    replay(a, [[(0.2, 0.5), (0.8, 0.5)]])
    assert painted and b.stroke_count() == 1 and b.image().max() == 255
    assert b.model_input() is a.model_input() is drawing.model_input()
    # each canvas at its own pen width, the same place in unit coordinates
    col_a, col_b = a.image()[:, RASTER // 2], b.image()[:, RASTER // 2]
    assert (col_a > 128).sum() > (col_b > 128).sum() and abs(np.argmax(col_a) - np.argmax(col_b)) <= 12
    replay(b, [[(0.5, 0.2), (0.5, 0.8)]])
    assert a.stroke_count() == 2 and a.image()[int(RASTER * 0.3), RASTER // 2] == 255
    b.undo()
    assert a.stroke_count() == 1 and a.image()[int(RASTER * 0.3), RASTER // 2] == 0
    a.clear()
    assert b.is_blank() and b.image().max() == 0 and b.model_input() is None
    drawing.set_strokes([np.array([[0.1, 0.1], [0.9, 0.9]])])
    assert a.image().max() == 255 and b.image().max() == 255 and a.stroke_count() == 1


def test_raster_and_stroke_paths_agree_on_a_clean_digit(canvas, mnist, shipped):
    """The same MNIST test digit, read from the raster (to_mnist) and from the strokes."""
    (_, _), (x_test, y_test) = mnist
    agree = 0
    for i in range(10):
        canvas.clear()
        replay(canvas, digit_strokes(x_test[i]), scale=0.8)
        raster, strokes_in = to_mnist(canvas.image()), canvas.model_input()
        corr = np.corrcoef(raster.ravel(), strokes_in.ravel())[0, 1]
        assert corr > 0.6, (i, corr)
        p_raster = shipped["cnn"].predict_one(raster).argmax()
        p_strokes = shipped["cnn"].predict_one(strokes_in).argmax()
        agree += p_raster == p_strokes == y_test[i]
    assert agree >= 9


@pytest.mark.parametrize("projector", [False, True])
def test_the_blank_canvas_hint_is_at_least_the_windows_text_size(qtbot, projector):
    """A small canvas (the Inside tab's) painted its hint at 10 pt whatever the window's text size: 11 px on a
    projector whose text is 19 px. It now follows the window's font, and wraps inside the square."""
    from PySide6.QtGui import QFontInfo

    from mnist_studio.ui.look import theme

    app = QApplication.instance()
    base = app.font().pointSizeF()
    theme.apply(app, "light", projector, base)
    try:
        c = DrawingCanvas()
        qtbot.addWidget(c)
        c.resize(220, 220)
        c.show()
        qtbot.waitExposed(c)
        c.grab()
        (hint,) = c.painted_texts()
        assert hint.pixel_size >= QFontInfo(app.font()).pixelSize() >= (16 if projector else 1)
        assert hint.rect.contains(hint.needed)  # wrapped inside the square, never clipped
        c.setMinimumSize(0, 0)  # far smaller than any canvas of the app: the hint shrinks to fit rather than clip
        c.resize(80, 80)
        assert c.width() == 80
        c.grab()
        (hint,) = c.painted_texts()
        assert hint.rect.contains(hint.needed) and hint.pixel_size >= 8, hint
    finally:
        theme.apply(app, "light", False, base)


def test_a_mouse_move_repaints_only_around_its_segment_and_the_screen_shows_the_whole_drawing(qtbot):
    """Each new segment repaints a small box around it, not the whole smoothly scaled square; what reaches the
    screen (the window's backing store, as the offscreen platform keeps it) equals a full repaint of the canvas
    at every pixel, give or take one level of rounding at the boxes' edges: nothing of the ink is left out."""
    from PySide6.QtCore import QObject

    class Regions(QObject):
        def __init__(self):
            super().__init__()
            self.areas = []

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                self.areas.append(event.rect().width() * event.rect().height())
            return False

    c = DrawingCanvas()
    qtbot.addWidget(c)
    c.resize(613, 587)  # not a multiple of the raster: the scaled square's edges fall between pixels
    c.show()
    qtbot.waitExposed(c)
    regions = Regions()
    c.installEventFilter(regions)
    rng = np.random.default_rng(1)
    for _ in range(3):
        xs, ys = np.cumsum(rng.normal(0, 9, 40)) + 300, np.cumsum(rng.normal(0, 9, 40)) + 290
        points = [QPoint(int(x), int(y)) for x, y in zip(xs, ys, strict=True)]
        QTest.mousePress(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
        for q in points[1:]:
            QTest.mouseMove(c, q)
            QApplication.processEvents()  # one paint per move, as a hand draws
        QTest.mouseRelease(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])
        QApplication.processEvents()
    square = 587 * 587
    assert len(regions.areas) > 60
    assert np.median(regions.areas) < square / 20  # a segment's box, not the square

    def pixels(image):
        image = image.convertToFormat(image.Format.Format_RGB32)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
        return rows[:, : image.width() * 4].astype(int)

    shown = pixels(QApplication.primaryScreen().grabWindow(c.winId()).toImage())
    full = pixels(c.grab().toImage())
    assert shown.shape == full.shape
    assert (full > 128).sum() > 10000  # there is ink to compare
    assert np.abs(shown - full).max() <= 1

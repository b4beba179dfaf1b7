import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from strokes import replay

from mnist_studio.ui.draw.canvas import RASTER, DrawingCanvas


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


def test_tablet_pressure_varies_width(canvas):
    canvas._begin(QPointF(100, 200), pressure=0.1)
    canvas._extend(QPointF(300, 200), pressure=0.1)
    canvas._end()
    thin = (canvas.image()[:, RASTER // 2] > 128).sum()
    canvas.clear()
    canvas._begin(QPointF(100, 200), pressure=0.99)
    canvas._extend(QPointF(300, 200), pressure=0.99)
    canvas._end()
    thick = (canvas.image()[:, RASTER // 2] > 128).sum()
    assert thick > thin * 1.5

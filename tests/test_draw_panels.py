"""The Draw tab with every panel a lesson makes (MLP, CNN, a trained run, a fine-tuned model): the panels share
the room fairly and every percentage stays whole; a test image sent from Evaluate is shown large and named."""

from __future__ import annotations

import numpy as np
import pytest
from legibility import problems
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from strokes import digit_strokes, replay

FOUR = {"trained": "Your cnn_tuned · 98.9%", "mydigits": "CNN + you · 99%"}


def _four_panels(window, shipped, mnist):
    for key in ("mlp", "cnn"):
        window.model_loaded(key, shipped[key])
    for key, title in FOUR.items():
        window.draw_tab.set_predictor(key, shipped["cnn"], title)
    replay(window.draw_tab.canvas, digit_strokes(mnist[1][0][0]))
    window.draw_tab.update_predictions()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("language", ["en", "ko"])
def test_four_panels_share_the_width_and_keep_every_percentage_whole(make_window, qtbot, shipped, mnist, size,
                                                                    projector, language):
    window = make_window()
    _four_panels(window, shipped, mnist)
    try:
        window.set_language(language)
        window.set_projector_mode(projector)
        window.showNormal()
        window.resize(*size)
        qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        window.tabs.setCurrentIndex(0)
        for _ in range(3):  # the titles are evened out after the layout settles
            QApplication.processEvents()
        window.grab()
        panels = window.draw_tab.panels()
        glyphs = [p.glyph.height() for p in panels.values()]
        assert max(glyphs) - min(glyphs) <= 2, glyphs  # a wrapped title does not shrink its panel's digit
        assert len(panels) == 4 and all(p.isVisible() for p in panels.values())
        widths = [p.width() for p in panels.values()]
        assert min(widths) >= 0.85 * max(widths), widths  # fair shares: no title takes the others' room
        for panel in panels.values():
            texts = [t.text for t in panel.bars.painted_texts()]
            assert "100%" in texts or any(t.endswith("%") and len(t) >= 2 for t in texts), texts
        issues, _ = problems(window, 16 if projector else 1)
        mine = [i for i in issues if "predictionPanel" in i or "probabilityBars" in i]
        assert not mine, "\n".join(mine)
    finally:
        window.set_projector_mode(False)


def test_the_hint_counts_the_models(make_window, shipped, mnist):
    window = make_window()
    tab = window.draw_tab
    assert "Both" in tab.hint.text() or "2" in tab.hint.text()
    _four_panels(window, shipped, mnist)
    assert "Both" not in tab.hint.text() and "4" in tab.hint.text()
    window.set_language("ko")
    assert "4" in tab.hint.text()


def test_send_to_draw_shows_the_test_image_large_with_its_name(make_window, qtbot, shipped, mnist):
    window = make_window()
    window.model_loaded("cnn", shipped["cnn"])
    tab = window.draw_tab
    x_test, y_test = mnist[1]
    window.send_to_draw(x_test[1901].astype(np.float32) / 255, 1901, int(y_test[1901]))
    assert window.tabs.currentIndex() == 0
    assert tab.sample_label.isVisible() and tab.sample_label.text() == f"Test image #1901, labelled {y_test[1901]}"
    window.grab()
    drawn = [t.text for t in tab.canvas.painted_texts()]
    assert "Draw a digit here" not in drawn
    image = tab.canvas.grab().toImage()
    centre = image.pixelColor(image.width() // 2, image.height() // 2)
    bright = sum(image.pixelColor(x, y).lightness() > 128 for x in range(0, image.width(), 4)
                 for y in range(0, image.height(), 4))
    assert bright > 50, centre  # the digit is on the big canvas, not only in the 28x28 preview
    assert "#1901" in window.inside_tab.note_text()
    window.set_language("ko")
    assert "1901" in tab.sample_label.text() and "Test image" not in tab.sample_label.text()
    window.set_language("en")
    replay(tab.canvas, [[(0.5, 0.2), (0.5, 0.8)]])  # the student draws: the sample goes
    tab.update_predictions()
    assert not tab.sample_label.isVisible() and tab.canvas.drawing().sample() is None
    assert window.inside_tab.note_text() == ""


def test_a_press_outside_the_drawing_square_draws_nothing(qtbot):
    from mnist_studio.ui.common.canvas import DrawingCanvas

    canvas = DrawingCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.show()  # wider than tall: the square leaves 50 px on each side
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(10, 150))
    QTest.mouseMove(canvas, QPoint(200, 150))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(200, 150))
    assert canvas.is_blank()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(200, 100))
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(200, 100))
    assert canvas.stroke_count() == 1

"""The probability bars keep their digits and tracks in a cached layer: a new size, font or palette repaints
them as they are now, never a stale picture."""

import numpy as np
from PySide6.QtGui import QColor, QPalette

from mnist_studio.ui.common.prediction import ProbabilityBars

PROBS = np.array([0.01, 0.0, 0.05, 0.62, 0.0, 0.2, 0.0, 0.12, 0.0, 0.0])


def _bars(qtbot, w, h):
    bars = ProbabilityBars()
    bars.setMinimumHeight(10)
    qtbot.addWidget(bars)
    bars.resize(w, h)
    bars.show()
    qtbot.waitExposed(bars)
    bars.set_probabilities(PROBS)
    return bars


def _text_pixels(bars, text):
    """The label's box in a fresh grab: its colours."""
    image = bars.grab().toImage()
    (item,) = [t for t in bars.painted_texts() if t.text == text]
    r = item.needed.toAlignedRect().intersected(image.rect())
    return [QColor(image.pixel(x, y)) for x in range(r.left(), r.right() + 1) for y in range(r.top(), r.bottom() + 1)]


def test_each_digit_and_its_percentage_are_painted_where_they_are_recorded(qtbot):
    bars = _bars(qtbot, 300, 260)
    bars.grab()
    texts = [t.text for t in bars.painted_texts()]
    assert texts[:10] == [str(d) for d in range(10)] and "62%" in texts and texts.count("0%") == 5
    assert min(c.lightness() for c in _text_pixels(bars, "62%")) < 100  # dark ink where "62%" is recorded
    assert min(c.lightness() for c in _text_pixels(bars, "3")) < 100


def test_a_new_size_and_a_new_palette_repaint_the_cached_layer(qtbot):
    bars = _bars(qtbot, 300, 260)
    bars.grab()
    one_column = {t.text: t.rect for t in bars.painted_texts()}
    bars.resize(300, 110)  # too short for ten rows: two columns of five
    bars.grab()
    two_columns = {t.text: t.rect for t in bars.painted_texts()}
    assert two_columns["5"].x() > 100 and one_column["5"].x() < 5
    assert two_columns["5"].y() == two_columns["0"].y()
    dark = QPalette(bars.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#f0f0f0"))
    bars.setPalette(dark)
    assert max(c.lightness() for c in _text_pixels(bars, "5")) > 200  # the digit in the new ink
    assert max(c.lightness() for c in _text_pixels(bars, "20%")) > 200
    bars.set_probabilities(None)
    bars.grab()
    assert [t.text for t in bars.painted_texts()] == [str(d) for d in range(10)]  # no numbers without a reading

""""Not a digit?" in the window: drawings through the real canvas path, the panels, Korean, the Inside map."""

from __future__ import annotations

import numpy as np
import pytest
from strokes import replay
from test_nondigit import LETTER_A, LETTER_X, STAR, dense

from mnist_studio import nondigit, pendigits
from mnist_studio.strokes import render


def _ready(qtbot, tab):
    qtbot.waitUntil(lambda: tab.check_ready("mlp") and tab.check_ready("cnn"), timeout=30000)


def _pen_digit(writer=27, label=3):
    """A real pen digit of a reporting writer, scaled into the canvas' unit box."""
    pen = pendigits.load()
    i = int(np.flatnonzero((pen.writers == writer) & (pen.labels == label))[0])
    strokes = pen.strokes(i)
    every = np.concatenate(strokes)
    lo, size = every.min(0), float((every.max(0) - every.min(0)).max())
    return [[tuple(p) for p in 0.2 + 0.6 * (s - lo) / size] for s in strokes], label


@pytest.mark.parametrize("drawing", ["A", "X", "star"])
def test_a_drawn_letter_or_star_says_not_a_digit(qtbot, make_window, drawing):
    window = make_window()
    tab = window.draw_tab
    _ready(qtbot, tab)
    strokes = {"A": LETTER_A, "X": LETTER_X, "star": STAR}[drawing]
    with qtbot.waitSignal(tab.predicted, timeout=5000):
        replay(tab.canvas, [[(0.2 + 0.6 * x, 0.2 + 0.6 * y) for x, y in s] for s in dense(strokes, 6)])
    flagged = [k for k, p in tab.panels().items() if p.is_not_a_digit()]
    assert flagged, {k: p.caption.text() for k, p in tab.panels().items()}
    for key in flagged:
        panel = tab.panel(key)
        assert panel.glyph.text() == "?!" and panel.caption.text().startswith("not a digit?")
        assert "unsure" not in panel.caption.text() and panel.state() == "prediction"


def test_a_real_pen_digit_gets_a_normal_answer_and_korean_says_not_a_digit(qtbot, make_window):
    window = make_window()
    tab = window.draw_tab
    _ready(qtbot, tab)
    strokes, label = _pen_digit()
    with qtbot.waitSignal(tab.predicted, timeout=5000):
        replay(tab.canvas, strokes)
    for panel in tab.panels().values():
        assert not panel.is_not_a_digit() and panel.digit() == label and panel.glyph.text() == str(label)
    tab.canvas.clear()
    with qtbot.waitSignal(tab.predicted, timeout=5000):
        replay(tab.canvas, [[(0.2 + 0.6 * x, 0.2 + 0.6 * y) for x, y in s] for s in dense(LETTER_A, 6)])
    window.set_language("ko")
    flagged = [p for p in tab.panels().values() if p.is_not_a_digit()]
    assert flagged
    for panel in flagged:
        text = panel.caption.text()
        assert "not a digit" not in text and any("\uac00" <= ch <= "\ud7a3" for ch in text), text
    window.set_language("en")


def test_the_map_shows_why_a_drawing_is_not_a_digit(qtbot, shipped, mnist):
    from mnist_studio.ui.inside.inside_tab import InsideTab

    tab = InsideTab(test_data=mnist[1])
    qtbot.addWidget(tab)
    tab.set_predictor("mlp", shipped["mlp"], "MLP")
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    tab.select_model("mlp")
    tab.side.setCurrentIndex(0)
    if not tab.embedding_ready("mlp"):
        with qtbot.waitSignal(tab.embeddingReady, timeout=60000, check_params_cb=lambda k: k == "mlp"):
            pass
    view = tab.embedding
    assert view.embedding.others is not None and len(view.embedding.others) > 100  # the grey non-digits
    with qtbot.waitSignal(tab.updated, timeout=5000):
        tab.set_input(render(dense(LETTER_X), min_extent=0.08))
    reading = view.reading()
    assert reading is not None and reading.not_a_digit and reading.score > reading.threshold
    assert view.check_text().startswith("Not a digit?") and f"{reading.threshold:.2f}" in view.check_text()
    view.repaint()
    assert any("Not a digit?" in t.text for t in view.painted_texts())
    pen = pendigits.load()
    digit = pen.subset(np.flatnonzero(pen.writers == 28)[:1]).render()[0]
    with qtbot.waitSignal(tab.updated, timeout=5000):
        tab.set_input(digit)
    assert not view.reading().not_a_digit and view.check_text().startswith("Like a digit")
    assert nondigit.attached(shipped["mlp"]) is not None
    tab.shutdown()

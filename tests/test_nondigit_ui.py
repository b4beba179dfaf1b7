""""Not a digit?" in the window: drawings through the real canvas path, the panels, Korean, the Inside map."""

from __future__ import annotations

import numpy as np
import pytest
from strokes import replay
from test_nondigit import LETTER_A, LETTER_X, STAR, dense

from mnist_studio.digits import pendigits
from mnist_studio.digits.strokes import render
from mnist_studio.prediction import nondigit


def _ready(qtbot, tab):
    qtbot.waitUntil(lambda: tab.check_ready("mlp") and tab.check_ready("cnn"), timeout=30000)


def _pen_digit(writer=22, label=3):
    """A real pen digit of a tuning writer (tests never look at the reporting writers), scaled into the canvas'
    unit box."""
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
    digit = pen.subset(np.flatnonzero(pen.writers == 23)[:1]).render()[0]  # a tuning writer's
    with qtbot.waitSignal(tab.updated, timeout=5000):
        tab.set_input(digit)
    assert not view.reading().not_a_digit and view.check_text().startswith("Like a digit")
    assert nondigit.attached(shipped["mlp"]) is not None
    tab.shutdown()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_not_a_digit_is_legible_in_projector_mode_at_1280x800(make_window, qtbot, shipped, language):
    """The panels and the Map with a drawn "A", projector mode, 1280x800: no small, clipped or overlapping text.
    ``MNIST_STUDIO_SHOTS=DIR`` also saves both pages as PNGs there (to look at them)."""
    import os

    from legibility import problems
    from PySide6.QtWidgets import QApplication

    window = make_window()
    for key in ("mlp", "cnn"):
        window.inside_tab.set_predictor(key, shipped[key], key.upper())
    tab = window.draw_tab
    _ready(qtbot, tab)
    with qtbot.waitSignal(tab.predicted, timeout=5000):
        replay(tab.canvas, [[(0.2 + 0.6 * x, 0.2 + 0.6 * y) for x, y in s] for s in dense(LETTER_A, 6)])
    window.set_language(language)
    window.set_projector_mode(True)
    window.showNormal()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1280, 800), timeout=3000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    try:
        window.tabs.setCurrentIndex(0)
        assert any(p.is_not_a_digit() for p in tab.panels().values())
        shots = os.environ.get("MNIST_STUDIO_SHOTS")
        image = window.grab()
        if shots:
            image.save(os.path.join(shots, f"draw-{language}.png"))
        found = [p for p in problems(window, 16)[0] if "predictionPanel" in p or "probabilityBars" in p]
        inside = window.inside_tab
        window.tabs.setCurrentWidget(inside)
        inside.select_model("cnn")
        inside.side.setCurrentIndex(0)
        if not inside.embedding_ready("cnn"):
            with qtbot.waitSignal(inside.embeddingReady, timeout=60000, check_params_cb=lambda k: k == "cnn"):
                pass
        qtbot.waitUntil(lambda: inside.embedding.reading() is not None, timeout=5000)
        image = window.grab()
        if shots:
            image.save(os.path.join(shots, f"map-{language}.png"))
        found += [p for p in problems(window, 16)[0] if "embeddingView" in p]
        assert inside.embedding.check_text() in [t.text for t in inside.embedding.painted_texts()]
        assert not found, "\n".join(found)
    finally:
        window.set_projector_mode(False)
        window.set_language("en")


def test_fitting_a_new_models_check_pauses_while_a_training_runs(qtbot, make_window, tmp_path, small_data):
    """On two cores a CNN's fit slowed the training: the window pauses fits between batches while the Train
    tab runs, and they finish after."""
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.runtime.backend import keras
    from mnist_studio.ui.draw import nondigit_job

    (x, y), _ = small_data
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x[:1000].astype("float32") / 255, y[:1000], epochs=1, batch_size=64, verbose=0)
    model.save(tmp_path / "paused.keras")
    predictor = ArchivePredictor.open(tmp_path / "paused.keras")
    window = make_window()
    window.train_tab.runningChanged.emit(True)  # the window's wiring: a training has started
    ready = []
    try:
        assert nondigit_job.start(predictor, ready.append) is not None
        qtbot.waitUntil(lambda: nondigit_job.paused() == 1, timeout=30000)
        assert nondigit.attached(predictor) is None and not ready
    finally:
        window.train_tab.runningChanged.emit(False)
    qtbot.waitUntil(lambda: bool(ready), timeout=120000)
    assert nondigit_job.paused() == 0 and nondigit.attached(predictor) is not None


def test_a_model_replaced_before_its_check_is_fitted_is_not_fitted(qtbot, make_window, tmp_path, small_data):
    """Training after training replaces the "Your model" panel: the replaced model's fit, still waiting, is
    dropped (it held a core and ~70 MB for a model shown nowhere); the new one's runs."""
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.runtime.backend import keras
    from mnist_studio.ui.draw import nondigit_job

    (x, y), _ = small_data
    predictors = []
    for name in ("replaced", "shown"):
        layers = keras.layers
        model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(16, activation="relu"),
                                  layers.Dense(10, activation="softmax")])
        model.compile("adam", "sparse_categorical_crossentropy")
        model.fit(x[:500].astype("float32") / 255, y[:500], epochs=1, batch_size=64, verbose=0)
        model.save(tmp_path / f"{name}.keras")
        predictors.append(ArchivePredictor.open(tmp_path / f"{name}.keras"))
    replaced, shown = predictors
    window = make_window()
    draw = window.draw_tab
    window.train_tab.runningChanged.emit(True)  # fits wait while a training runs
    try:
        draw.set_predictor("trained", replaced, "Yours")
        qtbot.waitUntil(lambda: nondigit_job.paused() == 1, timeout=30000)
        draw.set_predictor("trained", shown, "Yours")
    finally:
        window.train_tab.runningChanged.emit(False)
    qtbot.waitUntil(lambda: draw.check_ready("trained"), timeout=120000)
    assert nondigit_job.wait_all(120000)
    assert nondigit.attached(shown) is not None and nondigit.attached(replaced) is None

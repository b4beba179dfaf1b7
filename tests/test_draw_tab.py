import subprocess
import sys
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from strokes import digit_strokes, replay

from mnist_studio.ui.common.prediction import PredictionPanel


def test_window_paints_before_tensorflow_is_imported(tmp_path):
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["MNIST_STUDIO_HOME"] = {str(tmp_path)!r}
        from PySide6.QtCore import QSettings
        from mnist_studio.ui.app import make_app
        app = make_app()
        from mnist_studio.ui.main_window import MainWindow
        w = MainWindow(settings=QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
        w.show(); app.processEvents(); w.grab()
        assert "tensorflow" not in sys.modules and "keras" not in sys.modules, "TF imported before paint"
        panels = w.draw_tab.panels()
        assert set(panels) == {{"mlp", "cnn"}} and all(p.state() == "loading" for p in panels.values())
        assert "loading models" in panels["cnn"].caption.text()
        print("OK")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "OK" in out.stdout, out.stderr[-2000:]


def test_background_loader_fills_the_panels(qtbot, make_window):
    window = make_window(with_models=False, model_sources={"mlp": "mlp", "cnn": "cnn"})
    with qtbot.waitSignal(window.modelsReady, timeout=60000):
        window.start_background_work()
    assert all(p.state() == "blank" for p in window.draw_tab.panels().values())
    assert "CPU" in window.train_tab.device_label.text() or "GPU" in window.train_tab.device_label.text()


def test_a_model_failing_to_load_leaves_the_others_working(qtbot, make_window, tmp_path, mnist):
    bad = tmp_path / "broken.keras"
    bad.write_text("not a model")
    window = make_window(with_models=False, model_sources={"mlp": "mlp", "cnn": str(bad)})
    with qtbot.waitSignal(window.modelsReady, timeout=60000):
        window.start_background_work()
    panels = window.draw_tab.panels()
    assert panels["cnn"].state() == "error" and "not a Keras model file" in panels["cnn"].caption.text()
    replay(window.draw_tab.canvas, digit_strokes(mnist[1][0][0]))
    window.draw_tab.update_predictions()
    assert panels["mlp"].state() == "prediction" and panels["mlp"].digit() == 7


def test_blank_canvas_says_draw_a_digit(make_window):
    tab = make_window().draw_tab
    for key in ("mlp", "cnn"):
        panel = tab.panel(key)
        assert panel.state() == "blank" and "draw a digit" in panel.caption.text()
    assert tab.preview.image() is None


def test_predictions_update_while_drawing_and_on_pen_up(qtbot, make_window, mnist):
    tab = make_window().draw_tab
    strokes = digit_strokes(mnist[1][0][1])  # a 2
    with qtbot.waitSignal(tab.predicted, timeout=2000):
        replay(tab.canvas, strokes[:1])
    assert tab.panel("cnn").state() == "prediction"
    replay(tab.canvas, strokes[1:])
    assert tab.panel("cnn").digit() == 2 and tab.panel("mlp").digit() == 2
    assert np.array_equal(tab.preview.image(), tab.canvas.model_input())  # exactly what the models read
    assert tab.last_update_ms > 0
    # the panels show the models' reading of that very array
    for key in ("mlp", "cnn"):
        probs = tab.predictor(key).predict_one(tab.canvas.model_input())
        assert tab.panel(key).digit() == int(probs.argmax())
    QTest.keyClick(tab.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: tab.panel("cnn").state() == "blank", timeout=1000)


def test_updates_are_coalesced_not_per_mouse_event(qtbot, make_window):
    tab = make_window().draw_tab
    count = []
    tab.predicted.connect(lambda: count.append(1))
    from PySide6.QtCore import QPoint
    c = tab.canvas
    QTest.mousePress(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    for i in range(60):
        QTest.mouseMove(c, QPoint(100 + i * 3, 100 + i * 2))
    assert len(count) <= 1  # 60 mouse moves, no event loop turn: at most one prediction so far
    qtbot.waitUntil(lambda: len(count) >= 1, timeout=1000)
    QTest.mouseRelease(c, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(280, 220))
    assert len(count) <= 3


def test_shipped_cnn_reads_replayed_mnist_test_digits(make_window, mnist):
    """MNIST *test* digits -> skeleton strokes -> real mouse events at varied sizes, places and pens."""
    tab = make_window().draw_tab
    (_, _), (x_test, y_test) = mnist
    rng = np.random.default_rng(7)
    n, right = 150, 0
    for i in range(n):
        tab.canvas.clear()
        tab.pen_width.setValue(int(rng.integers(14, 36)))
        replay(tab.canvas, digit_strokes(x_test[i]), scale=rng.uniform(0.55, 1.05),
               offset=(rng.uniform(-0.12, 0.12), rng.uniform(-0.12, 0.12)))
        tab.update_predictions()
        right += tab.panel("cnn").digit() == y_test[i]
    assert right / n >= 0.98


@pytest.mark.parametrize("kind", ["dot", "line", "solid"])
def test_odd_drawings_do_not_crash(make_window, kind):
    tab = make_window().draw_tab
    c = tab.canvas
    if kind == "dot":
        replay(c, [[(0.5, 0.5)]])
    elif kind == "line":
        replay(c, [[(0.1, 0.5), (0.9, 0.5)]])
    else:
        tab.pen_width.setValue(48)
        replay(c, [[(0.0, y / 10), (1.0, y / 10)] for y in range(11)])
    tab.update_predictions()
    # the strokes path reads every drawing at MNIST's geometry, even a canvas scribbled solid on screen
    assert tab.panel("cnn").state() == "prediction"
    assert np.array_equal(tab.preview.image(), c.model_input())
    if kind == "solid":
        assert c.image().mean() > 200 and 0.2 < c.model_input().mean() < 0.8
    if kind == "dot":
        assert (c.model_input() > 0.5).sum() <= 9


def test_preview_is_the_model_input_and_the_pen_slider_only_changes_the_look(make_window, mnist):
    tab = make_window().draw_tab
    strokes = digit_strokes(mnist[1][0][3])
    seen = {}
    for pen in (6, 48):
        tab.canvas.clear()
        tab.pen_width.setValue(pen)
        replay(tab.canvas, strokes, scale=0.5, offset=(0.2, -0.2))
        tab.update_predictions()
        seen[pen] = (tab.preview.image(), tab.canvas.image(), tab.panel("cnn").digit())
        assert np.array_equal(tab.preview.image(), tab.canvas.model_input())
    assert np.array_equal(seen[6][0], seen[48][0]) and seen[6][2] == seen[48][2] == mnist[1][1][3]
    assert (seen[48][1] > 128).sum() > 2 * (seen[6][1] > 128).sum()  # the screen does change


def test_show_sample_takes_the_raster_path_until_the_next_stroke(make_window, mnist):
    tab = make_window().draw_tab
    sample = mnist[1][0][4].astype(np.float32) / 255
    tab.show_sample(sample)
    assert np.array_equal(tab.preview.image(), sample) and tab.panel("cnn").digit() == mnist[1][1][4]
    assert tab.canvas.is_blank()
    replay(tab.canvas, [[(0.5, 0.2), (0.5, 0.8)]])
    tab.update_predictions()
    assert np.array_equal(tab.preview.image(), tab.canvas.model_input())


def test_a_drawing_shared_with_another_canvas_updates_the_tab(qtbot, make_window):
    from mnist_studio.ui.common.canvas import DrawingCanvas

    tab = make_window().draw_tab
    other = DrawingCanvas(drawing=tab.drawing())  # e.g. the Inside tab's canvas
    qtbot.addWidget(other)
    other.resize(200, 200)
    other.show()
    with qtbot.waitSignal(tab.predicted, timeout=2000):
        replay(other, [[(0.5, 0.1), (0.5, 0.9)]])
    assert tab.panel("cnn").state() == "prediction" and tab.canvas.image().max() == 255
    assert np.array_equal(tab.preview.image(), other.model_input())
    with qtbot.waitSignal(tab.predicted, timeout=2000):
        tab.canvas.undo()
    assert other.is_blank() and tab.panel("cnn").state() == "blank"


def test_low_confidence_is_shown_as_unsure(qtbot):
    panel = PredictionPanel("mlp", "MLP")
    qtbot.addWidget(panel)
    probs = np.full(10, 0.05, np.float32)
    probs[3], probs[8] = 0.31, 0.29
    panel.set_probabilities(probs)
    assert panel.is_unsure() and panel.glyph.text() == "?"
    assert "unsure" in panel.caption.text() and "3" in panel.caption.text() and "8" in panel.caption.text()
    probs = np.zeros(10, np.float32)
    probs[4] = 0.97
    probs[9] = 0.03
    panel.set_probabilities(probs)
    assert not panel.is_unsure() and panel.glyph.text() == "4" and "97%" in panel.caption.text()


def test_controls_have_names_shortcuts_and_tooltips(make_window):
    window = make_window()
    for name in ("drawingCanvas", "previewImage", "clearButton", "undoButton", "penWidth", "predictionPanel_mlp",
                 "predictionPanel_cnn"):
        widget = window.findChild(object, name)
        assert widget is not None, name
    tab = window.draw_tab
    for w in (tab.clear_button, tab.undo_button, tab.pen_width):
        assert w.toolTip()
    replay(tab.canvas, [[(0.2, 0.2), (0.8, 0.8)]])
    replay(tab.canvas, [[(0.2, 0.8), (0.8, 0.2)]])
    tab.canvas.setFocus()
    QTest.keyClick(tab.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert tab.canvas.stroke_count() == 1
    QTest.keyClick(tab.canvas, Qt.Key.Key_BracketRight)
    assert tab.pen_width.value() == 24
    tab.clear_button.click()
    assert tab.canvas.is_blank()


def test_new_model_hot_swaps_into_a_panel(make_window, shipped, mnist):
    tab = make_window().draw_tab
    replay(tab.canvas, digit_strokes(mnist[1][0][0]))
    tab.set_predictor("trained", shipped["mlp"], "Your mlp")
    assert tab.panel("trained").state() == "prediction" and tab.panel("trained").digit() == 7
    tab.set_predictor("trained", shipped["cnn"], "Your cnn")
    assert tab.panel("trained").title.text() == "Your cnn" and len(tab.panels()) == 3

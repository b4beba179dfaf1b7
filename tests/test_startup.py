"""Start-up: missing X11 libraries named before Qt aborts, TensorFlow's log silenced, the first digit read
without TensorFlow, the Evaluate tab restored without side effects, one failing model marked alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from strokes import digit_strokes, replay

from mnist_studio.runtime import quiet_stderr
from mnist_studio.runtime import startup_checks as sc

ROOT = Path(__file__).resolve().parent.parent


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "TF_CPP_MIN_LOG_LEVEL")}
    env.update(PYTHONPATH=str(ROOT), **extra)
    return env


# -- xcb -----------------------------------------------------------------------------------------------
def test_which_platform_qt_will_pick():
    assert sc.platform_will_be_xcb({"DISPLAY": ":0"})
    assert sc.platform_will_be_xcb({"QT_QPA_PLATFORM": "xcb"})
    assert sc.platform_will_be_xcb({"QT_QPA_PLATFORM": "xcb;wayland", "WAYLAND_DISPLAY": "w"})
    assert not sc.platform_will_be_xcb({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert not sc.platform_will_be_xcb({"QT_QPA_PLATFORM": "offscreen:configfile=x.json"})
    assert not sc.platform_will_be_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"})
    assert not sc.platform_will_be_xcb({})
    assert sc.missing_xcb_packages({"QT_QPA_PLATFORM": "offscreen"}) == []


def test_no_display_at_all_is_said_plainly():
    assert "no display was found" in sc.no_display_message({})
    assert sc.no_display_message({"DISPLAY": ":0"}) is None
    assert sc.no_display_message({"WAYLAND_DISPLAY": "wayland-0"}) is None
    assert sc.no_display_message({"QT_QPA_PLATFORM": "offscreen"}) is None
    env = {k: v for k, v in _env().items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run([sys.executable, "-m", "mnist_studio"], capture_output=True, text=True, timeout=120,
                         env=env, cwd=str(ROOT))
    assert out.returncode == 3 and "no display was found" in out.stderr, out.stderr[-2000:]


def test_ldd_output_becomes_an_apt_line():
    ldd = textwrap.dedent("""\
        \tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
        \tlibxcb-icccm.so.4 => not found
        \tlibxcb-keysyms.so.1 => not found
        \tlibxcb-icccm.so.4 => not found
        \tlibweird.so.9 => not found
        \tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
    """)
    missing = sc.parse_ldd(ldd)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libweird.so.9"]
    packages = sc.packages_for(missing)
    assert packages == ["libxcb-icccm4", "libxcb-keysyms1", "libweird.so.9"]
    message = sc.xcb_message(packages)
    assert "    sudo apt install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "libweird.so.9" in message and "apt-file search" in message


def test_the_app_names_missing_xcb_packages_instead_of_aborting():
    """On this machine's real Qt plugin: either it loads, or the app exits 3 with the exact apt line."""
    expected = sc.missing_xcb_packages({"QT_QPA_PLATFORM": "xcb"})  # what the app finds before Qt loads
    if not expected:
        pytest.skip("every library of Qt's xcb plugin is installed here")
    out = subprocess.run([sys.executable, "-m", "mnist_studio"], capture_output=True, text=True, timeout=120,
                         env=_env(DISPLAY=":99"), cwd=str(ROOT))
    assert out.returncode == 3, out.stderr[-2000:]
    assert f"sudo apt install {' '.join(expected)}" in out.stderr
    assert "Aborted" not in out.stderr and "core dumped" not in out.stderr


# -- TensorFlow's log -------------------------------------------------------------------------------------
def test_noise_filter_drops_tensorflow_start_up_lines_only():
    noise = textwrap.dedent("""\
        WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
        I0000 00:00:1795677205.245474    9437 port.cc:153] oneDNN custom operations are on.
        I0000 00:00:1795677205.245787    9437 cudart_stub.cc:31] Could not find cuda drivers on your machine.
        E0000 00:00:1795677208.594918    9437 cuda_platform.cc:52] failed call to cuInit: INTERNAL: CUDA error
        To enable the following instructions: AVX2 AVX512F FMA, in other operations, rebuild TensorFlow with \
the appropriate compiler flags.
    """)
    kept = "E0000 00:00:1.0 1 file.cc:1] a real error\nTraceback (most recent call last):\n"
    assert quiet_stderr.filter_noise(noise + kept) == kept


def test_importing_tensorflow_and_finding_devices_prints_nothing():
    code = textwrap.dedent("""
        import os
        from mnist_studio.runtime import backend
        from mnist_studio.runtime.quiet_stderr import quiet_native_stderr
        backend.import_keras_quietly()
        with quiet_native_stderr():
            backend.devices()
            os.write(2, b"a line of our own\\n")
        print("OK")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=_env())
    assert out.returncode == 0 and "OK" in out.stdout, out.stderr[-2000:]
    assert out.stderr == "a line of our own\n"


# -- the first digit ---------------------------------------------------------------------------------------
CHILD = textwrap.dedent("""
    import json, sys
    sys.path.insert(0, sys.argv[3])
    from PySide6.QtCore import QSettings
    from mnist_studio.ui.app import make_app
    app = make_app()
    from mnist_studio.ui.main_window import MainWindow
    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    w = MainWindow(settings=settings)
    assert not w.evaluate_tab.is_busy(), "evaluation started in the constructor"
    w.show()
    app.processEvents()
    assert "tensorflow" not in sys.modules, "TensorFlow imported before the window showed"
    w.start_background_work(60)  # TensorFlow would come a minute later: the digit must not need it
    panels = w.draw_tab.panels()
    while any(p.state() == "loading" for p in panels.values()):
        app.processEvents()
    from strokes import replay
    w.tabs.setCurrentIndex(0)
    replay(w.draw_tab.canvas, json.loads(sys.argv[2]))
    w.draw_tab.update_predictions()
    assert not w.evaluate_tab.is_busy(), "the restored Evaluate tab evaluated before TensorFlow was up"
    print(json.dumps({"digits": {k: p.digit() for k, p in panels.items()}, "tf": "tensorflow" in sys.modules,
                      "keras": "keras" in sys.modules, "matplotlib": "matplotlib" in sys.modules}))
    w.close()
""")


@pytest.mark.parametrize("last_tab", [0, 2])
def test_first_digit_is_read_by_both_models_without_tensorflow(tmp_path, mnist, last_tab):
    settings = tmp_path / "s.ini"
    settings.write_text(f"[General]\nlastTab={last_tab}\nlanguage=en\n")
    strokes = json.dumps(digit_strokes(mnist[1][0][0]))
    out = subprocess.run([sys.executable, "-c", CHILD, str(settings), strokes, str(ROOT / "tests")],
                         capture_output=True, text=True, timeout=300,
                         env=_env(QT_QPA_PLATFORM="offscreen", MNIST_STUDIO_HOME=str(tmp_path / "home")))
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    # no chart was shown: matplotlib (a third of a second) waits for the first one
    assert data == {"digits": {"mlp": 7, "cnn": 7}, "tf": False, "keras": False, "matplotlib": False}


def test_a_chart_is_made_when_its_tab_is_first_shown_with_the_style_and_smoothing_set_before(qtbot, make_window):
    window = make_window(with_models=False, model_sources={})
    panel, compare = window.train_tab.panel, window.evaluate_tab.compare_page
    assert window.tabs.currentIndex() == 0 and not panel.chart_slot.made() and not compare.chart_slot.made()
    window.set_projector_mode(True)
    panel.smoothing_slider.setValue(85)
    window.tabs.setCurrentIndex(1)
    assert panel.chart_slot.made()  # made as the tab shows: its first picture has the chart
    chart = panel.chart
    assert chart.parent() is panel.chart_slot and chart.isVisible()
    assert chart.smoothing == 0.85 and chart.font_size() > 10  # what was set while it did not exist
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    assert chart.full_redraws == 1
    window.set_projector_mode(False)
    assert chart.font_size() == 10
    assert compare.compare_chart.line_count() == 0 and compare.chart_slot.made()  # asked for: made


def test_restored_evaluate_tab_evaluates_once_models_are_ready(qtbot, make_window, settings):
    settings.setValue("lastTab", 2)
    window = make_window(with_models=False, model_sources={"mlp": "mlp"})
    assert window.tabs.currentIndex() == 2 and not window.evaluate_tab.is_busy()
    with qtbot.waitSignal(window.evaluate_tab.evaluated, timeout=120000):
        window.start_background_work()
    assert window.evaluate_tab.current_key == "shipped:mlp" and window.evaluate_tab.result().accuracy > 0.95


def test_archive_predictors_reach_the_panels_at_once_and_keras_checks_them(qtbot, make_window, mnist):
    from mnist_studio.prediction.archive import ArchivePredictor

    window = make_window(with_models=False, model_sources={"mlp": "mlp", "cnn": "cnn"})
    window.start_background_work(preload_delay_s=60)
    qtbot.waitUntil(lambda: all(p.state() == "blank" for p in window.draw_tab.panels().values()), timeout=5000)
    predictors = window.draw_tab.predictors()
    assert all(isinstance(p, ArchivePredictor) and p.model is None for p in predictors.values())
    replay(window.draw_tab.canvas, digit_strokes(mnist[1][0][0]))
    window.draw_tab.update_predictions()
    assert {k: p.digit() for k, p in window.draw_tab.panels().items()} == {"mlp": 7, "cnn": 7}
    with qtbot.waitSignal(window.modelsReady, timeout=120000):
        window.tabs.setCurrentIndex(1)  # the Train tab needs the Keras worker: the loader stops waiting
    # checked against Keras in the worker process; the window keeps its numpy pass (no Keras model here)
    assert all(p.agrees is True and p.model is None for p in predictors.values())
    assert window.train_tab.is_tf_ready()


def test_one_unexpected_loader_error_marks_only_that_model(qtbot, make_window, tmp_path):
    from mnist_studio.runtime.backend import keras

    skip = keras.Input((28, 28))
    flat = keras.layers.Flatten()(skip)
    graph = keras.Model(skip, keras.layers.Dense(10)(keras.layers.Add()([flat, flat])))  # Keras-only model
    graph.save(tmp_path / "graph.keras")
    window = make_window(with_models=False,
                         model_sources={"mlp": "mlp", "graph": str(tmp_path / "graph.keras"), "odd": 12})
    with qtbot.waitSignal(window.modelsReady, timeout=120000):
        window.start_background_work()
    panels = window.draw_tab.panels()
    assert panels["mlp"].state() == "blank"
    assert panels["odd"].state() == "error" and panels["graph"].state() == "error"
    caption = panels["odd"].caption.text()
    assert "TypeError" in caption and "could not start" not in caption
    assert "not read live" in panels["graph"].caption.text()  # a Keras-only graph: said, not guessed


# -- Korean with no CJK font installed ----------------------------------------------------------------------
def test_hangul_draws_from_the_shipped_font(qtbot, make_window):
    from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
    from PySide6.QtWidgets import QApplication

    from mnist_studio.ui.look.theme import HANGUL_FAMILY, register_fonts

    window = make_window(language="ko")
    assert HANGUL_FAMILY in register_fonts() and HANGUL_FAMILY in QFontDatabase.families()
    assert HANGUL_FAMILY in QApplication.font().families()
    texts = [window.tabs.tabText(i) for i in range(3)] + [window.language_actions["ko"].text(),
                                                          window.draw_tab.clear_button.text()]
    for text in texts:
        assert any("\uac00" <= c <= "\ud7a3" for c in text), text
        for bold in (False, True):
            font = QFont(QApplication.font())
            font.setBold(bold)
            layout = QTextLayout(text, font)
            layout.beginLayout()
            layout.createLine()
            layout.endLayout()
            runs = layout.glyphRuns()
            assert runs and all(0 not in list(run.glyphIndexes()) for run in runs), text  # 0 = a tofu box


def test_matplotlib_draws_hangul_without_a_missing_glyph_warning(make_window):
    import warnings

    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from mnist_studio.ui.look.theme import HANGUL_FAMILY

    make_window(language="ko")
    found = font_manager.findfont(font_manager.FontProperties(family=HANGUL_FAMILY), fallback_to_default=False)
    assert Path(found).name == "MNISTStudioHangul-Regular.ttf"
    fig = Figure()
    ax = fig.add_subplot()
    ax.set_title("손실")
    ax.plot([0, 1], [1, 0], label="학습 (배치별)")
    ax.legend()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()


def test_the_shipped_font_covers_every_translation():
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_font_subset.py"), "--check"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (ROOT / "resources" / "fonts" / "OFL.txt").read_text().count("SIL Open Font License") >= 1


def test_tensorflow_waits_while_the_pen_draws_unless_it_is_needed(qapp):
    import time

    from mnist_studio.ui.model_loader import ModelLoader

    loader = ModelLoader({}, preload_delay_s=0.01)
    loader.postpone(0.6)  # a stroke just now: no import until the pen has rested 0.6 s
    start = time.monotonic()
    loader.run()
    assert time.monotonic() - start >= 0.6
    loader = ModelLoader({}, preload_delay_s=0.01)
    loader.postpone(300)
    loader.wake()  # the Train tab opened: TensorFlow now, drawing or not
    start = time.monotonic()
    loader.run()
    assert time.monotonic() - start < 100


def test_a_new_window_starts_in_its_own_language_not_the_last_ones(make_window):
    korean = make_window(language="ko")
    assert korean.tabs.tabText(0) == "그리기"
    korean.close()
    english = make_window(language="en")
    assert english.tabs.tabText(0) == "Draw" and english.draw_tab.clear_button.text() == "Clear"

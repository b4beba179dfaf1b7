import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def test_tabs_and_tab_shortcuts(qtbot, make_window):
    window = make_window()
    assert [window.tabs.tabText(i) for i in range(3)] == ["Draw", "Train", "Evaluate"]
    for key, index in ((Qt.Key.Key_2, 1), (Qt.Key.Key_1, 0)):
        QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index


def test_every_action_has_a_shortcut_and_a_help_row(make_window):
    window = make_window()
    actions = [a for a in window.actions() if a.objectName().startswith("action")]
    assert len(actions) >= 14
    for action in actions:
        assert action.shortcuts(), action.objectName()
    help_keys = " ".join(k for k, _ in window.help.rows)
    for seq in ("Ctrl+T", "Ctrl+.", "F11", "Ctrl+E", "Ctrl+O", "Ctrl+D", "Ctrl+Z"):
        assert seq in help_keys


@pytest.mark.parametrize("name,check", [
    ("actionDrawTab", lambda w: w.tabs.currentIndex() == 0),
    ("actionTrainTab", lambda w: w.tabs.currentIndex() == 1),
    ("actionEvaluateTab", lambda w: w.tabs.currentIndex() == 2),
    ("actionClear", lambda w: w.draw_tab.canvas.is_blank()),
    ("actionUndo", lambda w: w.draw_tab.canvas.stroke_count() == 0),
    ("actionHelp", lambda w: w.help.isVisible()),
    ("actionProjector", lambda w: w.projector),
])
def test_shortcuts_trigger_their_action(qtbot, make_window, name, check):
    from strokes import replay

    window = make_window()
    window.tabs.setCurrentIndex(1 if name == "actionDrawTab" else 0)
    replay(window.draw_tab.canvas, [[(0.3, 0.3), (0.7, 0.7)]])
    action = window.findChild(type(window.act_help), name)
    seq = action.shortcuts()[0]
    QTest.keySequence(window, seq)
    qtbot.waitUntil(lambda: check(window), timeout=2000)


def test_train_and_stop_shortcuts(qtbot, make_window):
    window = make_window()
    tab = window.train_tab
    tab.set_preset("mlp-seed-256")
    tab.form.epochs_spin.setValue(50)
    tab.form.batch_spin.setValue(8)
    with qtbot.waitSignal(tab.trained, timeout=60000) as blocker:
        QTest.keySequence(window, QKeySequence("Ctrl+T"))
        assert window.tabs.currentIndex() == 1 and tab.is_running()
        qtbot.waitUntil(lambda: tab.panel.progress.value() > 0, timeout=30000)
        QTest.keySequence(window, QKeySequence("Ctrl+."))
    assert blocker.args[0].result.status == "stopped"


def test_projector_mode_toggles_and_restores(qtbot, make_window):
    window = make_window()
    base = QApplication.font().pointSizeF()
    window.set_projector_mode(True)
    assert window.projector and window.isFullScreen()
    assert QApplication.font().pointSizeF() == pytest.approx(base * 1.6)
    assert window.act_projector.isChecked()
    window.set_projector_mode(False)
    assert not window.projector and not window.isFullScreen()
    assert QApplication.font().pointSizeF() == pytest.approx(base)


def test_projector_glyph_is_at_least_a_quarter_of_the_window(qtbot, make_window, mnist):
    from strokes import digit_strokes, replay

    window = make_window()
    window.set_projector_mode(True)
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.width() >= 1000, timeout=2000)
    replay(window.draw_tab.canvas, digit_strokes(mnist[1][0][0]))
    window.draw_tab.update_predictions()
    QApplication.processEvents()
    panel = window.draw_tab.panel("cnn")
    assert panel.glyph.font().pixelSize() >= window.height() / 4
    window.set_projector_mode(False)


def test_theme_switch(make_window):
    window = make_window()
    window.set_theme("dark")
    assert QApplication.palette().window().color().lightness() < 128
    window.set_theme("light")
    assert QApplication.palette().window().color().lightness() > 128
    window.set_theme("nonsense")
    assert window.theme_name == "system"


def test_settings_survive_a_restart(qtbot, make_window, tmp_path):
    path = str(tmp_path / "restart.ini")
    first = make_window(settings=QSettings(path, QSettings.Format.IniFormat))
    first.draw_tab.pen_width.setValue(30)
    first.set_theme("dark")
    first.tabs.setCurrentIndex(2)
    first.resize(1150, 760)
    panel = first.train_tab.panel
    panel.smoothing_slider.setValue(85)  # as the mouse moves it
    panel.learning_combo.setCurrentIndex(panel.LAYOUTS.index("beside"))
    first.close()
    second = make_window(settings=QSettings(path, QSettings.Format.IniFormat), language=None)
    second.restore_geometry()
    assert second.draw_tab.pen_width.value() == 30
    panel = second.train_tab.panel
    assert panel.smoothing() == 85 and panel.smoothing_value.text() == "0.85"
    assert panel.learning_layout() == "beside" and not panel.learning.isHidden()
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal  # the layout itself, not only the combo
    assert second.theme_name == "dark"
    assert second.tabs.currentIndex() == 2
    assert second.width() == 1150
    second.set_theme("light")


def test_closing_joins_everything(qtbot, make_window):
    window = make_window(with_models=False, model_sources={"mlp": "mlp"})
    window.start_background_work()
    window.close()  # closed before the loader started: it never starts
    QApplication.processEvents()
    assert window.loader() is None
    window = make_window(with_models=False, model_sources={"mlp": "mlp", "cnn": "cnn"})
    window.start_background_work()
    qtbot.waitUntil(lambda: window.loader() is not None, timeout=2000)
    window.close()  # mid-load: the loader thread is waited for, not destroyed while running
    assert window.loader().isFinished()


def test_the_loaders_last_word_after_the_close_starts_nothing(qtbot, make_window):
    """Stop 8's CI abort: a loader that ended just as the window closed had queued its devices; the closed window
    then started a network warm-up, and deleting the window destroyed that running thread (Qt aborts)."""
    import shiboken6

    from mnist_studio.runtime import backend

    window = make_window(with_models=False, model_sources={"mlp": "mlp"})
    window.start_background_work(preload_delay_s=600)  # the loader waits: Keras never starts in this test
    qtbot.waitUntil(lambda: window.loader() is not None, timeout=2000)
    window.close()
    assert window.loader().isFinished()
    loader = window.loader().job
    ready = []
    window.modelsReady.connect(lambda: ready.append(True))
    loader.devices.emit({"backend": "jax", "devices": backend.devices()})  # what it had queued, delivered now
    loader.finished.emit()
    try:
        assert not window.train_tab.is_tf_ready() and not ready  # the closed window took neither in
        assert window.train_tab.warm_up.jobs.running() == []
        assert window.inside_tab.maps.jobs.running() == []
    finally:  # a regression fails here, not by aborting the whole test run below
        window.train_tab.warm_up.jobs.shutdown()
        window.inside_tab.maps.jobs.shutdown()
    window.deleteLater()  # with a running thread among its children, Qt would abort the process here
    qtbot.waitUntil(lambda: not shiboken6.isValid(window), timeout=5000)


def test_switching_language_changes_visible_texts_live(qtbot, make_window):
    window = make_window()
    assert window.tabs.tabText(0) == "Draw"
    window.set_language("ko")
    assert window.language() == "ko"
    assert window.tabs.tabText(0) == "그리기" and window.tabs.tabText(1) == "학습"
    assert window.draw_tab.clear_button.text() == "지우기"
    assert window.train_tab.panel.train_button.text() == "학습"
    assert window.evaluate_tab.views.tabText(0) == "혼동 행렬"
    assert window.draw_tab.panel("cnn").caption.text() == "숫자를 쓰세요"
    assert window.train_tab.panel.chart.ax_loss.get_title() == "손실"
    assert "단축키" in window.help.title
    assert window.settings.value("language") == "ko"
    window.set_language("en")
    assert window.tabs.tabText(0) == "Draw" and window.train_tab.panel.chart.ax_loss.get_title() == "Loss"


def test_the_inside_tab_without_models_follows_a_language_switch(make_window):
    """Before any model has loaded, the Inside tab's texts (its "why" line, legend and loading message) switch too."""
    import re

    window = make_window(with_models=False)
    tab = window.inside_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.why_label.text().startswith("Why this digit?")
    window.set_language("ko")
    hangul = re.compile("[\uac00-\ud7a3]")
    for text in (tab.why_label.text(), tab.message.text()):
        assert hangul.search(text) and "Why" not in text and "Loading" not in text, text
    window.set_language("en")
    assert tab.why_label.text().startswith("Why this digit?") and tab.message.text() == "Loading the model…"


def test_every_source_string_has_a_korean_translation():
    from pathlib import Path

    ts = (Path(__file__).resolve().parent.parent / "resources" / "translations" / "mnist_studio_ko.ts").read_text()
    assert 'type="unfinished"' not in ts and ts.count("<translation>") >= 150
    from mnist_studio.ui.look.i18n import translations_dir

    assert (translations_dir() / "mnist_studio_ko.qm").is_file()


def test_unknown_language_falls_back_to_english(make_window):
    window = make_window()
    window.set_language("xx")
    assert window.language() == "en" and window.tabs.tabText(0) == "Draw"


def test_window_starts_with_odd_run_records_and_lists_the_good_ones(qtbot, make_window, trained_mlp, tmp_path):
    """Issue 16: one odd run.json must not stop the app. Each fuzzed record is skipped with a warning."""
    import json

    from test_runs import BAD_RECORDS

    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    good = store.save(trained_mlp)
    for name, payload in BAD_RECORDS.items():
        (store.root / name).mkdir()
        (store.root / name / "run.json").write_bytes(payload)
    odd_but_readable = {**good.to_json(), "id": "odd-values", "test_accuracy": float("nan"), "duration_s": 1e308,
                        "hyperparameters": {"learning_rate": "fast", "batch_size": [32], "optimizer": 3}}
    (store.root / "odd-values").mkdir()
    (store.root / "odd-values" / "run.json").write_text(json.dumps(odd_but_readable))
    window = make_window(store=store)
    tab = window.evaluate_tab
    assert window.isVisible()
    runs = tab.compare_page.runs_table
    ids = {runs.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(runs.rowCount())}
    assert ids == {good.id, "odd-values"}
    assert tab.model_picker.findData(f"run:{good.id}") >= 0
    skipped = tab.compare_page.skipped_label
    assert not skipped.isHidden() and skipped.text().startswith(f"{len(BAD_RECORDS)} run")
    tab.compare_page.runs_table.select_ids([good.id, "odd-values"])
    assert tab.compare_page.compare_chart.line_count() == 2


def test_a_restart_brings_back_the_teachers_set_up(qtbot, make_window, tmp_path, home):
    """Projector mode, the trained model's panel and the open digit set survive quitting and starting again."""
    from mnist_studio.digits import handwriting as hw

    path = str(tmp_path / "restart.ini")
    first = make_window(settings=QSettings(path, QSettings.Format.IniFormat))
    tab = first.train_tab
    tab.set_preset("mlp-seed-256")
    tab.form.epochs_spin.setValue(1)
    tab.form.subset_combo.setCurrentText("1,000")
    with qtbot.waitSignal(tab.trained, timeout=120000) as blocker:
        assert tab.start()
    model_file = blocker.args[0].model_path
    assert "trained" in first.draw_tab.panels()
    strokes = [[(10.0, 10.0, 1.0), (200.0, 10.0, 1.0), (60.0, 250.0, 1.0)]]
    first.mydigits_tab.add_sample(strokes, 7, "미나")
    first.mydigits_tab.collect.writer_edit.setText("미나")
    saved = first.mydigits_tab.save()
    assert saved is not None and saved.is_file()
    first.set_projector_mode(True)
    first.close()

    second = make_window(settings=QSettings(path, QSettings.Format.IniFormat), language=None)
    assert second.saved_projector_mode()
    panel_title = second.draw_tab.panel("trained").title.text()
    assert "mlp-seed-256" in panel_title
    assert second.draw_tab.predictor("trained").source == model_file  # read from its file with numpy
    assert second.mydigits_tab.path == saved and len(second.mydigits_tab.digits) == 1
    assert second.mydigits_tab.collect.writer_edit.text() == "미나"  # the name field is back too
    assert (second.mydigits_tab.digits.x == hw.load(saved).x).all() and hw.load(saved).writers() == ["미나"]


def test_a_restart_with_damaged_panel_settings_starts_cleanly(qtbot, make_window, tmp_path):
    settings = QSettings(str(tmp_path / "damaged.ini"), QSettings.Format.IniFormat)
    for value in ("{not json", '[{"key": "trained", "source": "/nowhere.keras", "title": ["a", "b", "c"]}]',
                  '[{"key": 1}]', '"a string"'):
        settings.setValue("extraPanels", value)
        settings.setValue("digitSet", "/nowhere/set.npz")
        window = make_window(settings=settings)
        assert "trained" not in window.draw_tab.panels() and len(window.mydigits_tab.digits) == 0
        window.close()


@pytest.mark.parametrize("pen", ["99999999999999999999999", "-5", "1e400", "nan", "wide"])
def test_a_damaged_pen_width_setting_starts_with_a_usable_pen(make_window, tmp_path, pen):
    settings = QSettings(str(tmp_path / "pen.ini"), QSettings.Format.IniFormat)
    settings.setValue("penWidth", pen)
    window = make_window(settings=settings)
    slider = window.draw_tab.pen_width
    assert slider.minimum() <= slider.value() <= slider.maximum()


@pytest.mark.parametrize(("smoothing", "view"), [("1e400", "sideways"), ("-3", ""), ("nan", "0"), ("100", "LARGE"),
                                               ("wide", "hidden ")])
def test_damaged_chart_settings_start_with_the_defaults(make_window, tmp_path, smoothing, view):
    settings = QSettings(str(tmp_path / "chart.ini"), QSettings.Format.IniFormat)
    settings.setValue("chartSmoothing", smoothing)
    settings.setValue("learningView", view)
    panel = make_window(settings=settings).train_tab.panel
    assert panel.smoothing() == 60 and panel.learning_layout() == "large"


def test_the_shortcut_overlay_takes_escape_and_the_drawing_stays(qtbot, make_window):
    window = make_window()
    from strokes import digit_strokes, replay

    image = np.zeros((28, 28), np.uint8)
    image[4:24, 12:16] = 255
    replay(window.draw_tab.canvas, digit_strokes(image))
    assert not window.draw_tab.drawing().is_blank()
    width = window.draw_tab.pen_width.value()
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_BracketRight, Qt.Key.Key_Delete):
        window.show_help()
        assert window.help.isVisible()
        qtbot.keyClick(window.help, key)
        assert not window.help.isVisible()  # the key closed the overlay ...
    assert not window.draw_tab.drawing().is_blank()  # ... and did nothing behind it
    assert window.draw_tab.pen_width.value() == width

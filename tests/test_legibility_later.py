"""Legible after minute five: the states a lesson reaches later - four Draw panels (two trainings and a
fine-tune), Compare with several runs and two selected, a sample sent to Draw, a digit set of 20 open and
scored, the question asked when closing mid-training - at 1280x800 and 1920x1080, projector mode on and off,
in English and Korean. In projector mode no text is under 16 px (probabilities 22 px); in both modes nothing
is clipped or overlapping and no matrix cell lacks its number; projector mode never makes text smaller."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from legibility import problems, visible_in_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from test_legibility import SHIPPED_PANELS, views_of

SIZES = [(1280, 800), (1920, 1080)]


@pytest.fixture(scope="module")
def later_runs(tmp_path_factory, trained_mlp, small_data):
    """Three saved runs (two trainings and a fine-tune's), written once for the module."""
    from mnist_studio.networks.training import TrainConfig, Trainer
    from mnist_studio.storage.runs import RunStore

    (x_train, y_train), (x_test, y_test) = small_data
    root = tmp_path_factory.mktemp("later") / "runs"
    store = RunStore(root)
    store.save(trained_mlp, name="first run")
    tiny = ((x_train[:1000], y_train[:1000]), (x_test, y_test))  # 1,000 images, one epoch: different mistakes
    for preset, name in (("cnn-seed", "second run, a CNN"), ("mlp-seed-256", "CNN + you")):
        store.save(Trainer(TrainConfig(preset=preset, epochs=1), data=tiny).run(), name=name)
    return root


def _digit_set(x, y, count=20):
    from strokes import digit_strokes

    from mnist_studio.digits import handwriting as hw

    ds = hw.DigitSet.empty("Mina")
    for i in range(count):
        index = int(np.flatnonzero(y == i % 10)[i // 10])
        ds.add(digit_strokes(x[index]), i % 10, "Mina")
    return ds


@pytest.fixture()
def later_window(make_window, qtbot, shipped, later_runs, tmp_path, home):
    """A window as a lesson leaves it: four Draw panels, a test sample in Draw, the MLP evaluated, three runs
    with two selected, a set of 20 digits saved (its status message showing) and scored."""
    from mnist_studio.storage.runs import RunStore

    window = make_window(store=RunStore(later_runs), model_sources=SHIPPED_PANELS)
    for key in SHIPPED_PANELS:
        window.model_loaded(key, shipped[key])
    window.extra_panels.add("trained", shipped["mlp"], ("Your %1", "mlp-seed-256", " · 97.9%"))
    window.extra_panels.add("mydigits", shipped["cnn"], ("%1 + you", "CNN", " · 97.5%"))
    ev = window.evaluate_tab
    x_test, y_test = ev.test_set()
    ev.sendToDraw.emit(x_test[18] / 255, 18, int(y_test[18]))
    ev.refresh_models()
    with qtbot.waitSignal(ev.evaluated, timeout=60000):
        ev.evaluate("shipped:mlp")
    ev.compare_page.refresh()
    ids = [r.id for r in window.store.list()]
    assert len(ids) == 3
    ev.compare_page.runs_table.select_ids(ids[:2])
    my = window.mydigits_tab
    my.set_digits(_digit_set(x_test, y_test))
    assert my.save(tmp_path / "mina.npz") is not None
    my.score()
    yield window
    window.set_projector_mode(False)
    window.close()
    QApplication.processEvents()  # the Draw tab's queued title fitting runs while its panels are alive


def _look(window, qtbot, size, language, projector):
    window.set_language(language)
    window.set_projector_mode(projector)
    window.showNormal()
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def _walk(window, min_px) -> tuple[list[str], dict]:
    """Problems on every view, and the pixel size of each painted text ({(view, widget, text): px})."""
    found, painted = [], {}
    for name in views_of(window):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            window.grab()
        found += [f"[{name}] {w.message}" for w in caught if "missing from font" in str(w.message)]
        issues, _ = problems(window, min_px)
        found += [f"[{name}] {p}" for p in issues]
        found += [f"[{name}] {m}" for view in _matrices(window) for m in missing_numbers(view)]
        canvas = window.inside_tab.canvas
        if name.startswith("insideTab") and canvas is not None:
            painted[(name, "insideCanvas", "<side>")] = min(canvas.width(), canvas.height())
        for w in window.findChildren(QPushButton.__base__.__base__):  # every QWidget
            if hasattr(w, "painted_texts") and w.isVisible():
                for item in w.painted_texts():
                    painted[(name, w.objectName() or type(w).__name__, item.text)] = item.pixel_size
    return found, painted


def _smaller(normal: dict, projector: dict) -> list[str]:
    """Painted widgets whose texts (and the Inside canvas) are more than 10% smaller in projector mode than in
    normal mode (the median size of the texts both modes paint: a 4-digit count may give way in a cell, the
    other counts may not)."""
    out = []
    for view, widget in sorted({(v, w) for v, w, _ in projector}):
        both = [(normal[k], projector[k]) for k in projector if k[:2] == (view, widget) and k in normal]
        if both:
            before, after = (float(np.median([b[i] for b in both])) for i in (0, 1))
            if after < before * 0.9:  # noticeably: a placeholder scaled to its canvas may lose a pixel or two
                out.append(f"[{view}] {widget}: {before:.0f} px -> {after:.0f} px")
    return out


@pytest.mark.parametrize("language", ["en", "ko"])
def test_later_states_are_legible(later_window, qtbot, language):
    window = later_window
    found = []
    for size in SIZES:
        sizes = {}
        for projector in (False, True):
            _look(window, qtbot, size, language, projector)
            window.tabs.setCurrentIndex(0)
            assert len([p for p in window.draw_tab.panels().values() if p.isVisible()]) == 4
            issues, sizes[projector] = _walk(window, 16 if projector else 0)
            found += [f"{size} {'projector' if projector else 'normal'}: {p}" for p in issues]
        found += [f"{size} projector mode makes it smaller: {s}" for s in _smaller(sizes[False], sizes[True])]
    assert not found, f"{len(found)} problems in {language}:\n" + "\n".join(found)


def missing_numbers(view) -> list[str]:
    from mnist_studio.ui.common.confusion import short_count

    """The cells of a confusion-matrix view whose number is not painted (a difference's zeros show none)."""
    if view.matrix is None or not view.isVisible():
        return []
    left, top, cell = view.cell_geometry()
    drawn = {}
    for item in view.painted_texts():
        c = item.rect.center()
        row, col = int((c.y() - top) // cell), int((c.x() - left) // cell)
        if 0 <= row < 10 and 0 <= col < 10 and c.x() > left and c.y() > top:
            drawn[(row, col)] = item.text
    missing = []
    for (row, col), value in np.ndenumerate(view.matrix):
        shown = f"{int(value):+d}" if view.difference and value else str(int(value))
        if (value or row == col) and drawn.get((row, col)) not in (
                shown, short_count(int(value), view.difference), short_count(int(value), view.difference, False)):
            missing.append(f"{view.objectName()} cell ({row}, {col}) = {shown}: shows {drawn.get((row, col))!r}")
    return missing


def _matrices(window):
    from mnist_studio.ui.common.confusion import ConfusionMatrixView

    return [m for m in window.findChildren(ConfusionMatrixView) if m.isVisible()]


@pytest.mark.parametrize("projector", [True, False], ids=["projector", "normal"])
def test_compare_shows_the_hint_the_accuracies_and_every_difference(later_window, qtbot, projector):
    """Compare at 1280x800 in Korean: the one-run hint fits its chart, the runs table shows the compared runs
    with their names and test accuracies without scrolling sideways, every cell of the difference has its
    number and the matrix is not cut off."""
    window = later_window
    _look(window, qtbot, (1280, 800), "ko", projector)
    window.tabs.setCurrentWidget(window.evaluate_tab)
    ev = window.evaluate_tab
    ev.views.setCurrentWidget(ev.compare_page)
    table = ev.compare_page.runs_table
    found = []
    for selected in (1, 2):
        table.select_ids([r.id for r in window.store.list()][:selected])
        QApplication.processEvents()
        window.grab()
        found += [f"{selected} selected: {p}" for p in problems(window, 16 if projector else 0)[0]]
        found += [f"{selected} selected: {m}" for view in _matrices(window) for m in missing_numbers(view)]
        # The Evaluate tab fits a 1280x800 window (whatever another tab asks for: that tab's own test says).
        budget = ev.height() - (window.height() - 800)
        if ev.minimumSizeHint().height() > budget:
            found.append(f"{selected} selected: the Evaluate tab needs {ev.minimumSizeHint().height()} px high, "
                         f"a 1280x800 window gives it {budget}")
        shown = visible_in_window(ev.compare_page.compare_matrix, window)
        if shown.size() != ev.compare_page.compare_matrix.size():
            found.append(f"{selected} selected: the matrix is cut: {shown} of {ev.compare_page.compare_matrix.size()}")
    viewport = table.viewport().rect()
    header = table.horizontalHeader()
    from mnist_studio.ui.evaluate.runs_table import COLUMNS

    selected_rows = {i.row() for i in table.selectedIndexes()}
    for column in (0, COLUMNS.index("test_accuracy")):  # the name and the test accuracy of the runs compared
        name = table.horizontalHeaderItem(column).text()
        for row in sorted(selected_rows):
            rect = table.visualRect(table.model().index(row, column))
            if rect.left() < 0 or rect.right() > viewport.right():  # sideways: scrolling down is fine
                found.append(f"runs table: {name!r} of row {row} is off-screen ({rect} not in {viewport}, "
                             f"section at {header.sectionViewportPosition(column)})")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_long_status_message_gives_the_device_line_room(make_window, qtbot, language):
    """"Saved 20 digits in <a long path>" at 1280x800 in projector mode: shortened in the middle (the file
    name stays), never running into the device line and the backend choice on the right."""
    window = make_window(model_sources=SHIPPED_PANELS)
    _look(window, qtbot, (1280, 800), language, True)
    path = "/home/teacher/.local/share/mnist-studio/digit-sets/class-3b-tuesday-morning/mina-kim-2026-11-29.npz"
    window.statusBar().showMessage(f"Saved 20 digits in {path}", 8000)
    try:
        window.grab()
        issues = [p for p in problems(window, 16)[0] if "Saved" in p or "QStatusBar" in p]
        assert not issues, issues
        shown = [t.text for t in getattr(window.statusBar(), "painted_texts", list)()]
        assert shown and shown[0].startswith("Saved") and shown[0].endswith("-29.npz"), shown
    finally:
        window.set_projector_mode(False)


def test_check_boxes_grow_with_the_projector_font(make_window, qtbot):
    """The Train tab's check boxes at 1280x800 in projector mode: boxes as large as the text beside them."""
    window = make_window(model_sources=SHIPPED_PANELS)
    _look(window, qtbot, (1280, 800), "en", True)
    try:
        from PySide6.QtWidgets import QCheckBox, QScrollArea

        window.tabs.setCurrentWidget(window.train_tab)
        check = window.train_tab.findChild(QCheckBox, "augmentCheck")
        scroll = check.parentWidget()
        while not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        scroll.ensureWidgetVisible(check)  # the form scrolls: bring its check boxes into view
        window.grab()
        issues = [p for p in problems(window, 16)[0] if "its box" in p]
        assert any("shifts" in t for t in problems(window, 16)[1]) and not issues, issues
    finally:
        window.set_projector_mode(False)


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("projector", [True, False], ids=["projector", "normal"])
def test_the_close_during_training_question_is_legible(make_window, qtbot, language, projector):
    """The question asked when the window closes mid-run, with a long live progress text, at 1280x800."""
    from mnist_studio.ui.train.run_panel import ask_close_choice

    window = make_window(model_sources=SHIPPED_PANELS)
    _look(window, qtbot, (1280, 800), language, projector)
    found = []

    def walk():
        box = QApplication.activeModalWidget()
        if box is None or box.objectName() != "closeDuringTraining":
            QTimer.singleShot(10, walk)
            return
        box.grab()
        issues, texts = problems(box, 16 if projector else 0)
        found.extend(issues or ([] if any("5/8" in t for t in texts) else ["the progress text is not shown"]))
        box.findChild(QPushButton, "closeCancelButton").click()

    QTimer.singleShot(0, walk)
    try:
        detail = "Epoch 5/8 · batch 118/235 · 2,431 images/s · ETA 0:41"
        assert ask_close_choice(window, detail) == "cancel"
    finally:
        window.set_projector_mode(False)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_later_states_fit_a_1280x800_screen(later_window, qtbot, language):
    """Four Draw panels, Compare with its runs, the learning view, the Class tab: every page's minimum size fits a
    1280x800 laptop screen - the whole screen in projector mode (F11 is full screen), and the screen less a title
    bar and a task bar (60 px) in a normal window."""
    window = later_window
    for projector, room in ((True, (1280, 800)), (False, (1280, 740))):
        _look(window, qtbot, (1280, 800), language, projector)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            hint = window.minimumSizeHint()
            assert hint.width() <= room[0] and hint.height() <= room[1], (projector, window.tabs.tabText(index), hint)


@pytest.mark.parametrize("projector", [False, True])
def test_a_four_digit_count_in_a_small_matrix_is_shown_in_thousands(make_window, qtbot, projector):
    """A quick-trained run's diagonal (about 1,100 ones) in the Compare page's small matrix: "1.1k", not a blank."""
    from mnist_studio.ui.common.confusion import ConfusionMatrixView, short_count

    window = make_window()
    window.set_projector_mode(projector)
    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    matrix = np.diag([960, 1134, 1010, 990, 975, 880, 950, 1020, 960, 1000]).astype(int)
    matrix[4, 9] = 12
    view.set_matrix(matrix)
    view.resize(view.minimumSize())
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert missing_numbers(view) == []
    texts = {item.text for item in view.painted_texts()}
    assert "12" in texts and texts & {"1134", "1.1k", "1k"}
    assert short_count(1134) == "1.1k" and short_count(12000) == "12k" and short_count(-1500, True) == "-1.5k"
    assert short_count(2000, True) == "+2k" and short_count(999) == "999" and short_count(1134, decimals=False) == "1k"


@pytest.mark.parametrize("projector", [False, True])
def test_the_empty_matrix_says_what_to_do_at_the_windows_text_size(make_window, qtbot, projector):
    """Before a model is evaluated the Evaluate tab's matrix reads "Evaluate a model to see its confusion
    matrix": on a projector at the window's text size (19 px), not the axes' smallest legible one."""
    from mnist_studio.ui.look import theme

    window = make_window(with_models=False)
    window.set_projector_mode(projector)
    try:
        window.tabs.setCurrentWidget(window.evaluate_tab)
        view = window.evaluate_tab.matrix
        view.set_matrix(None)
        qtbot.waitExposed(view)
        view.grab()
        hint = [item for item in view.painted_texts() if item.text.startswith("Evaluate a model")]
        assert len(hint) == 1 and hint[0].pixel_size >= theme.app_text_px(), hint
        assert hint[0].rect.contains(hint[0].needed), hint  # word-wrapped in its box, never clipped
        assert view.rect().contains(hint[0].needed.toAlignedRect()), hint  # and the box inside the matrix
    finally:
        window.set_projector_mode(False)

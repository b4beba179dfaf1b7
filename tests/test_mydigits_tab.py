"""The My digits tab with real mouse drawing, real files, real models and a real fine-tune on a QThread."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from strokes import digit_strokes, replay

from mnist_studio.digits import handwriting as hw
from mnist_studio.digits.strokes import render
from mnist_studio.ui.mydigits.collect import prompt_order


@pytest.fixture()
def tab(qtbot, tmp_path, home, small_data, shipped):
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.mydigits.mydigits_tab import MyDigitsTab

    (x_train, y_train), (x_test, y_test) = small_data
    widget = MyDigitsTab(store=RunStore(tmp_path / "runs"), mnist=small_data, seed=3)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    for key in ("mlp", "cnn"):
        widget.set_predictor(key, shipped[key], key.upper())
    widget.examples = {d: x_test[np.flatnonzero(y_test == d)[:4]] for d in range(10)}
    yield widget
    widget.shutdown()


def draw_prompted(qtbot, tab, count: int, variant: int = 0) -> list[int]:
    """Draw what the prompt asks for, ``count`` times, with real mouse events; press Enter each time."""
    asked = []
    for _ in range(count):
        digit = tab.collect.current_digit()
        asked.append(digit)
        assert tab.collect.prompt.text() == f"Draw a {digit}"
        replay(tab.collect.canvas, digit_strokes(tab.examples[digit][(variant + tab.collect.position // 10) % 4]),
               scale=0.8)
        assert tab.collect.next_button.isEnabled()
        tab.collect.canvas.setFocus()
        qtbot.keyClick(tab.collect.canvas, Qt.Key.Key_Return)
    return asked


def test_prompt_order_is_shuffled_rounds():
    order = prompt_order(3, seed=1)
    assert len(order) == 30 and all(sorted(order[i:i + 10]) == list(range(10)) for i in (0, 10, 20))
    assert all(a != b for a, b in zip(order, order[1:], strict=False))
    assert order[:10] != list(range(10))


def test_draw_collects_strokes_labels_and_the_stroke_path_input(qtbot, tab):
    tab.collect.writer_edit.setText("Mina")
    asked = draw_prompted(qtbot, tab, 3)
    ds = tab.digits
    assert ds.y.tolist() == asked and ds.writer.tolist() == ["Mina"] * 3
    assert tab.collect.progress_label.text() == "4 of 20" and tab.collect.canvas.is_blank()
    for i in range(3):
        strokes = ds.strokes[i]
        assert strokes and all(s.shape[1] == 3 and 0 <= s[:, :2].min() and s[:, :2].max() <= 1 for s in strokes)
        np.testing.assert_array_equal(ds.x[i], hw.to_uint8(render(strokes)))  # the one stroke path
    assert tab.set_view.gallery.count() == 3 and "3 digits" in tab.set_view.summary.text()
    tab.collect.skip()
    assert tab.collect.position == 4 and len(tab.digits) == 3
    qtbot.keyClick(tab.collect.canvas, Qt.Key.Key_Return)  # a blank canvas adds nothing
    assert len(tab.digits) == 3
    tab.add_sample(tab.digits.strokes[0], int(tab.digits.y[0]), "Mina")  # the very same drawing again
    assert len(tab.digits) == 3 and "identical to digit 1" in tab.error_label.text()


def test_fix_label_delete_save_and_reopen(qtbot, tab, home):
    draw_prompted(qtbot, tab, 3)
    gallery = tab.set_view.gallery
    gallery.setCurrentIndex(gallery.samples.index(1))
    qtbot.mouseClick(tab.set_view.digit_buttons[9], Qt.MouseButton.LeftButton)
    assert tab.digits.y[1] == 9 and gallery.samples.data(gallery.samples.index(1)) == "9"
    gallery.setCurrentIndex(gallery.samples.index(0))
    kept = tab.digits.x[1:].copy()
    qtbot.mouseClick(tab.set_view.delete_button, Qt.MouseButton.LeftButton)
    assert len(tab.digits) == 2 and gallery.count() == 2
    np.testing.assert_array_equal(tab.digits.x, kept)
    tab.collect.writer_edit.setText("Mina Kim")
    qtbot.mouseClick(tab.set_view.save_button, Qt.MouseButton.LeftButton)
    assert tab.path == home / "digits" / "Mina Kim.npz" and not tab.dirty
    back = hw.load(tab.path)
    np.testing.assert_array_equal(back.x, tab.digits.x)
    assert back.y[0] == 9
    tab.new_set()
    assert len(tab.digits) == 0 and not tab.set_view.save_button.isEnabled()
    assert tab.open_set(home / "digits" / "Mina Kim.npz") and len(tab.digits) == 2


def test_bad_files_show_a_message_and_change_nothing(qtbot, tab, tmp_path):
    draw_prompted(qtbot, tab, 2)
    before = tab.digits.x.copy()
    (tmp_path / "cut.npz").write_bytes(b"PK\x03\x04broken")
    assert not tab.open_set(tmp_path / "cut.npz")
    assert "truncated" in tab.error_label.text() and tab.error_label.isVisible()
    np.testing.assert_array_equal(tab.digits.x, before)
    one = hw.save(tab.digits, tmp_path / "one.npz")
    assert not tab.merge_files([one, one])
    assert "identical" in tab.error_label.text() and len(tab.digits) == 2
    assert hw.list_sets() == []  # nothing was imported


def test_an_older_preprocessing_is_re_rendered_on_open(qtbot, tab, tmp_path):
    draw_prompted(qtbot, tab, 2)
    old = tab.digits.subset([0, 1])
    fresh = old.x.copy()
    old.x = (old.x // 2).astype(np.uint8)  # what an older renderer might have made
    old.preprocessing = "strokes-v0"
    path = hw.save(old, tmp_path / "old.npz")
    with qtbot.waitSignal(tab.message) as blocker:
        assert tab.open_set(path)
    assert "Re-rendered 2 digits" in blocker.args[0] and tab.dirty
    assert tab.digits.preprocessing == hw.PREPROCESSING
    np.testing.assert_array_equal(tab.digits.x, fresh)


def test_merge_makes_a_class_set(qtbot, tab, tmp_path):
    paths = []
    for k, name in enumerate(("ana", "bo", "cy")):
        tab.new_set()
        tab.collect.writer_edit.setText(name)
        draw_prompted(qtbot, tab, 2, variant=k)
        paths.append(hw.save(tab.digits, tmp_path / f"{name}.npz"))
    assert tab.merge_files(paths, name="3b")
    assert len(tab.digits) == 6 and tab.digits.writers() == ["ana", "bo", "cy"]
    assert "by ana, bo, cy" in tab.set_view.summary.text()


def test_score_side_by_side_and_open_a_cell(qtbot, tab):
    draw_prompted(qtbot, tab, 10)
    qtbot.mouseClick(tab.score_view.score_button, Qt.MouseButton.LeftButton)
    view = tab.score_view
    assert tab.views.currentWidget() is view and set(view.results) == {"mlp", "cnn"}
    cnn = view.results["cnn"]
    assert cnn.confusion.sum() == 10 and cnn.accuracy >= 0.7  # MNIST digits retraced by mouse
    assert "CNN" in view.columns["cnn"][0].text() and f"({cnn.correct} of 10)" in view.columns["cnn"][0].text()
    matrix = view.columns["cnn"][1]
    digit = int(tab.digits.y[0])
    predicted = int(cnn.predictions[0])
    qtbot.mouseClick(matrix, Qt.MouseButton.LeftButton, pos=matrix.cell_center(digit, predicted))
    assert view.gallery.count() == cnn.confusion[digit, predicted] >= 1
    assert f"labelled {digit}, read as {predicted}" in view.cell_label.text()
    tab.relabel(0, (digit + 1) % 10)  # scores of the old set are dropped, not shown for the new one
    assert view.results == {} and view.gallery.count() == 0 and matrix.matrix is None


def test_finetune_on_a_worker_thread_then_stop(qtbot, tab):
    draw_prompted(qtbot, tab, 20)
    view = tab.finetune_view
    assert view.base_combo.currentText() == "CNN"
    with qtbot.waitSignal(tab.finetuned, timeout=120000) as blocker:
        qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
        assert view.is_running(), (tab.error_label.text(), view.status.text())
        assert not view.start_button.isEnabled() and view.stop_button.isEnabled()
        QApplication.processEvents()  # the UI stays live while it trains
    run = blocker.args[0]
    result = run.result
    qtbot.waitUntil(lambda: not view.is_running(), timeout=5000)
    assert result.status == "completed" and result.split.mode == "per-writer"
    assert len(result.split.test) == len(result.split.train) == 10  # 2 per digit: 1 of each held out
    assert run.record is not None and tab.store.list()[0].id == run.record.id
    assert view.cells[1, 1].text() == f"{result.before.accuracy:.1%}" and "%" in view.cells[2, 2].text()
    assert "never trained on" in view.split_label.text() and "Done" in view.status.text()
    assert view.chart.point_count() >= 2 and view.chart.xs[-1] == 80
    assert view.chart.heldout == (result.before.accuracy, result.after.accuracy)
    np.testing.assert_allclose(run.predictor.predict(tab.digits.images()).sum(axis=1), 1, atol=1e-4)
    # A fine-tune can be stopped: it keeps the partly tuned model and says so.
    from mnist_studio.networks.finetune import FinetuneConfig

    with qtbot.waitSignal(tab.finetuned, timeout=120000) as blocker:
        view.start(tab.digits, store=None, mnist=tab.mnist, config=FinetuneConfig(steps=5000))
        qtbot.waitUntil(lambda: view.chart.point_count() > 0 or "Step" in view.status.text(), timeout=60000)
        qtbot.mouseClick(view.stop_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].result.status == "stopped" and "Stopped early" in view.status.text()


def test_finetune_refuses_one_digit_sets(qtbot, tab):
    digit = tab.collect.current_digit()
    for k in range(3):
        replay(tab.collect.canvas, digit_strokes(tab.examples[digit][k]), scale=0.8)
        tab.add_sample(__import__("mnist_studio.ui.mydigits.collect", fromlist=["x"]).canvas_strokes(
            tab.collect.canvas), digit, "a")
        tab.collect.canvas.clear()
    assert not tab.start_finetune()
    assert f"only the digit {digit}" in tab.error_label.text() and not tab.finetune_view.is_running()


def test_main_window_tab_shortcut_and_hot_swap(qtbot, make_window, shipped, small_data):
    window = make_window()
    tab = window.mydigits_tab
    assert tab.objectName() == "myDigitsTab"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is tab
    for key in ("mlp", "cnn"):  # what the loader hands every tab
        window.model_loaded(key, shipped[key])
    assert set(tab.predictors) == {"mlp", "cnn"}
    tab.mnist = small_data
    tab.examples = {d: small_data[1][0][np.flatnonzero(small_data[1][1] == d)[:2]] for d in range(10)}
    draw_prompted(qtbot, tab, 10)
    assert not tab.start_finetune() and "too few digits to hold any out" in tab.error_label.text()
    draw_prompted(qtbot, tab, 10)
    with qtbot.waitSignal(tab.finetuned, timeout=120000) as blocker:
        assert tab.start_finetune()
    run = blocker.args[0]
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    panel = window.draw_tab.panel("mydigits")
    assert panel.title.text().startswith("CNN + you · ")
    assert window.draw_tab.predictor("mydigits") is run.predictor
    assert window.evaluate_tab.model_picker.findData(f"run:{run.record.id}") >= 0
    normal = tab.collect.prompt.font().pointSizeF()
    window.set_projector_mode(True)
    try:
        assert tab.collect.prompt.font().pointSizeF() >= normal * 1.5  # fonts scale for the back row
    finally:
        window.set_projector_mode(False)  # the application font is global: leave it as found
    window.close()


def test_closing_mid_fine_tune_joins_the_thread_without_scoring_or_saving(qtbot, tab):
    from mnist_studio.networks.finetune import FinetuneConfig

    draw_prompted(qtbot, tab, 20)
    view = tab.finetune_view
    assert view.start(tab.digits, store=tab.store, mnist=tab.mnist, config=FinetuneConfig(steps=5000))
    qtbot.waitUntil(lambda: view.chart.point_count() > 0, timeout=60000)
    t0 = time.perf_counter()
    tab.shutdown()
    assert not view.is_running() and time.perf_counter() - t0 < 10
    assert tab.store.list() == []  # a run cut short by closing the app is neither scored nor saved


# -- Korean names, two students of the same name, messages in Korean (issue 19, item 1) -----------------------
@pytest.fixture()
def korean():
    """Switch the application to Korean for a test, and back to English after it."""
    from mnist_studio.ui.look.i18n import Translations

    translations = Translations()

    def switch(language: str = "ko") -> None:
        assert translations.install(language)

    yield switch
    translations.install("en")


def _save_as(qtbot, tab, writer: str, count: int, variant: int):
    tab.new_set()
    tab.collect.writer_edit.setText(writer)
    draw_prompted(qtbot, tab, count, variant=variant)
    with qtbot.waitSignal(tab.message) as blocker:
        qtbot.mouseClick(tab.set_view.save_button, Qt.MouseButton.LeftButton)
    return tab.path, blocker.args[0]


def test_two_students_called_mina_each_keep_their_set(qtbot, tab, home, korean):
    first, said = _save_as(qtbot, tab, "미나", 2, 0)
    assert first == home / "digits" / "미나.npz" and said == f"Saved 2 digits in {first}"
    kept = first.read_bytes()
    second, said = _save_as(qtbot, tab, "미나", 3, 1)  # another 미나, a new set
    assert second == home / "digits" / "미나 (2).npz" and first.read_bytes() == kept
    assert "another set is already called 미나.npz" in said and str(second) in said
    assert len(hw.load(first)) == 2 and len(hw.load(second)) == 3
    draw_prompted(qtbot, tab, 1, variant=2)  # the same set again: saved in place, not as a third file
    qtbot.keyClick(tab.set_view.save_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.path == second and len(hw.load(second)) == 4 and not tab.dirty
    assert [p.name for p in hw.list_sets()] == ["미나 (2).npz", "미나.npz"]
    tab.new_set()
    tab.collect.writer_edit.setText("미나")
    draw_prompted(qtbot, tab, 2, variant=3)
    korean("ko")
    with qtbot.waitSignal(tab.message) as blocker:
        qtbot.mouseClick(tab.set_view.save_button, Qt.MouseButton.LeftButton)
    third = home / "digits" / "미나 (3).npz"
    assert tab.path == third and blocker.args[0] == (
        f"숫자 2개를 {third}에 저장했습니다 (미나.npz 이름의 다른 세트가 이미 있어 그대로 두었습니다)")
    assert first.read_bytes() == kept and len(hw.load(second)) == 4


def test_merging_two_korean_students_in_the_tab_keeps_both(qtbot, tab, home):
    mina, _ = _save_as(qtbot, tab, "미나", 2, 0)
    jiu, _ = _save_as(qtbot, tab, "지우", 2, 1)
    assert tab.merge_files([mina, jiu], name="3반") and tab.digits.writers() == ["미나", "지우"]
    assert "by 미나, 지우" in tab.set_view.summary.text() and tab.path is None and tab.dirty
    with qtbot.waitSignal(tab.message):
        qtbot.mouseClick(tab.set_view.save_button, Qt.MouseButton.LeftButton)
    assert tab.path == home / "digits" / "3반.npz" and hw.load(tab.path).writers() == ["미나", "지우"]
    assert hw.load(mina).writers() == ["미나"] and hw.load(jiu).writers() == ["지우"]


def test_a_bad_set_is_explained_in_korean(qtbot, tab, tmp_path, korean):
    (tmp_path / "junk.npz").write_bytes(b"not a digit set")
    korean("ko")
    assert not tab.open_set(tmp_path / "junk.npz")
    junk = tmp_path / "junk.npz"
    assert tab.error_label.text() == f"{junk}: 읽을 수 없거나 잘린 파일입니다. .npz 숫자 세트가 아닙니다"
    assert not tab.merge_files([])
    assert tab.error_label.text() == "합칠 것이 없습니다. 세트를 하나 이상 고르세요"


def test_fine_tuning_from_a_deleted_run_is_explained_in_korean(qtbot, tab, tmp_path, korean):
    """The worker raises the error; its template crosses the pipe and the view words it in Korean (it used to
    show the core's English text). A set of one digit is refused in Korean too, before any job starts."""
    digit = tab.collect.current_digit()
    draw_prompted(qtbot, tab, 1)
    korean("ko")
    assert not tab.start_finetune()
    assert tab.error_label.text().startswith(f"이 세트에는 숫자 {digit}만 있습니다. 미세 조정에는 ")
    korean("en")
    draw_prompted(qtbot, tab, 19)
    gone = str(tmp_path / "runs" / "20261130-101010-gone")  # picked, then deleted in the Evaluate tab
    view = tab.finetune_view
    view.set_bases([("run 20261130-101010-gone", gone)])
    korean("ko")
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "미세 조정할 수 없습니다" in view.status.text(), timeout=120000)
    assert view.status.text() == (f"미세 조정할 수 없습니다: {gone}: "
                                  "그런 모델 파일이나 실행 폴더가 없습니다 (실행이 삭제되었나요?)")
    qtbot.waitUntil(lambda: not view.is_running(), timeout=5000)
    assert view.start_button.isEnabled() and tab.store.list() == []


def test_every_digit_set_message_is_marked_for_translation():
    import ast
    from pathlib import Path

    from mnist_studio.networks import finetune, finetune_split
    from mnist_studio.prediction import archive, inference
    from mnist_studio.storage import setfiles
    from mnist_studio.storage.paths import resources_dir
    from mnist_studio.ui.look.error_texts import MARKED

    raised = set()
    for module in (hw, setfiles, finetune_split, finetune, inference, archive):
        tree = ast.parse(Path(module.__file__).read_text())
        raised |= {node.args[0].value for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and getattr(node.func, "id", None) in ("DigitSetError", "ModelLoadError") and node.args
                   and isinstance(node.args[0], ast.Constant)}  # a template; an f-string is English-only text
    assert len(raised) > 30 and raised <= set(MARKED), sorted(raised - set(MARKED))
    ts = (resources_dir() / "translations" / "mnist_studio_ko.ts").read_text()
    context = ts[ts.index("<name>DigitSetError</name>"):]
    context = context[:context.index("</context>")]
    assert context.count("<translation>") == len(MARKED) + 2 and 'type="unfinished"' not in context


def test_a_pasted_essay_as_a_name_does_not_widen_the_window(qtbot, tab):
    """Garbage text in the name field (a monkey found it): the field takes a name, the summary stays short."""
    tab.collect.writer_edit.setText("가" * 5000)
    assert len(tab.collect.writer_edit.text()) == 60
    strokes = [[(10.0, 10.0, 1.0), (200.0, 10.0, 1.0), (60.0, 250.0, 1.0)]]
    tab.add_sample(strokes, 7, "x" * 5000)  # a set from elsewhere may carry one
    assert len(tab.set_view.summary.text()) < 300
    assert tab.minimumSizeHint().width() < 1280


def test_a_fine_tune_that_waits_for_a_training_says_so(qtbot, make_window, shipped):
    """Train and fine-tune share the one Keras worker: a fine-tune clicked while the Train tab trains waits, and
    the fine-tune view says for what (its wait was never shown before: the two jobs had two PhaseEvent types)."""
    from mnist_studio.digits import pendigits
    from mnist_studio.ui.background.worker import keras_worker

    pen = pendigits.load()
    rng = np.random.default_rng(3)
    idx = np.flatnonzero(pen.writers == 3)
    pick = np.concatenate([rng.choice(idx[pen.labels[idx] == d], 6, replace=False) for d in range(10)])
    x = np.stack([hw.to_uint8(render(pen.strokes(int(i)))) for i in pick])
    window = make_window()
    tab, train = window.mydigits_tab, window.train_tab
    for key in ("mlp", "cnn"):
        tab.set_predictor(key, shipped[key], key.upper())
    tab.set_digits(hw.DigitSet(x, pen.labels[pick].astype(np.int64), np.full(len(pick), "w3"), name="w3"))
    train.set_preset("mlp-seed-256")
    train.form.subset_combo.setCurrentText("1,000")
    train.form.epochs_spin.setValue(6)
    view = tab.finetune_view
    with qtbot.waitSignal(tab.finetuned, timeout=240000) as blocker:
        assert train.start()
        qtbot.waitUntil(lambda: keras_worker().running() == "train", timeout=60000)
        assert tab.start_finetune(), tab.error_label.text()
        qtbot.waitUntil(lambda: view.status.text() == "Waiting for the training to finish…", timeout=30000)
    assert blocker.args[0].result.status == "completed"
    qtbot.waitUntil(lambda: not train.is_running() and not view.is_running(), timeout=10000)
    assert train.last_run is not None and train.last_run.result.status == "completed"
    window.close()

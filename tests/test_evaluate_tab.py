import numpy as np
import pytest
from PySide6.QtCore import Qt


@pytest.fixture()
def evaluated(qtbot, make_window):
    """A window whose Evaluate tab shows the shipped MLP's results."""
    window = make_window()
    tab = window.evaluate_tab
    window.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(tab.evaluated, timeout=60000) as blocker:
        tab.select_model("shipped:mlp")
        tab.evaluate_current()
    assert blocker.args[0] == "shipped:mlp"
    return window


def test_evaluate_shipped_mlp_and_click_cells(qtbot, evaluated):
    tab = evaluated.evaluate_tab
    result = tab.result()
    assert result.confusion.sum() == 10000 and result.accuracy >= 0.98
    assert len(result.misclassified) == 10000 - result.correct
    assert "Accuracy" in tab.summary.text()
    for row, col in [(3, 5), (1, 1), (4, 9)]:
        qtbot.mouseClick(tab.matrix, Qt.MouseButton.LeftButton, pos=tab.matrix.cell_center(row, col))
        assert tab.matrix.selected == (row, col)
        assert tab.cell_gallery.count() == result.confusion[row, col]
        shown = tab.cell_gallery.samples.indices
        assert (result.labels[shown] == row).all() and (result.predictions[shown] == col).all()
    # lazy thumbnails: a big cell renders only what is on screen, not all ~1,100 items
    qtbot.mouseClick(tab.matrix, Qt.MouseButton.LeftButton, pos=tab.matrix.cell_center(1, 1))
    tab.cell_gallery.viewport().repaint()
    assert 0 < tab.cell_gallery.samples.rendered < tab.cell_gallery.count() / 4


def test_mistakes_gallery_filters_and_detail(qtbot, evaluated):
    tab = evaluated.evaluate_tab
    result = tab.result()
    tab.views.setCurrentIndex(1)
    assert tab.mistakes_gallery.count() == len(result.misclassified)
    conf = result.confidence[tab.mistakes_gallery.samples.indices]
    assert np.all(np.diff(conf) <= 1e-7)  # most confident first
    tab.true_filter.setCurrentIndex(tab.true_filter.findData(9))
    assert tab.mistakes_gallery.count() == result.confusion[9].sum() - result.confusion[9, 9]
    tab.pred_filter.setCurrentIndex(tab.pred_filter.findData(4))
    assert tab.mistakes_gallery.count() == result.confusion[9, 4]
    index = tab.mistakes_gallery.samples.index(0)
    qtbot.mouseClick(tab.mistakes_gallery.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.mistakes_gallery.visualRect(index).center())
    assert "true 9, predicted 4" in tab.mistake_detail.caption.text()
    with qtbot.waitSignal(tab.sendToDraw, timeout=1000):
        tab.mistake_detail.send_button.click()
    draw = evaluated.draw_tab
    assert evaluated.tabs.currentIndex() == 0
    assert draw.panel("mlp").digit() == 4 and draw.panel("cnn").state() == "prediction"
    assert draw.preview.image() is not None


def test_results_are_cached_per_model(qtbot, evaluated):
    tab = evaluated.evaluate_tab
    first = tab.result()
    with qtbot.waitSignal(tab.evaluated, timeout=60000):
        tab.select_model("shipped:cnn")
        tab.evaluate_current()
    assert tab.result().accuracy > first.accuracy
    with qtbot.waitSignal(tab.evaluated, timeout=1000):  # cached: immediate, no thread
        tab.select_model("shipped:mlp")
        tab.evaluate_current()
        assert not tab.is_busy()
    assert tab.result() is first


def _save_run(store, preset, epochs, small_data):
    from mnist_studio.training import TrainConfig, Trainer

    return store.save(Trainer(TrainConfig(preset=preset, epochs=epochs, subset=500), data=small_data).run())


def test_compare_runs_rename_delete_and_persist(qtbot, make_window, small_data, tmp_path):
    from mnist_studio.runs import RunStore

    store = RunStore(tmp_path / "runs")
    a = _save_run(store, "mlp-seed-256", 2, small_data)
    b = _save_run(store, "mlp-seed-1000", 1, small_data)
    window = make_window(store=store)
    tab = window.evaluate_tab
    table = tab.runs_table
    assert table.rowCount() == 2
    table.select_ids([a.id, b.id])
    assert tab.compare_chart.line_count() == 2
    assert tab.compare_matrix.difference and tab.compare_matrix.matrix.sum() == 0  # both over 500 test images
    assert "minus" in tab.compare_title.text()
    # rename by editing the name cell
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == a.id)
    table.item(row, 0).setText("Lesson one")
    assert store.get(a.id).name == "Lesson one"
    assert tab.model_picker.findText("Run: Lesson one", Qt.MatchFlag.MatchStartsWith) >= 0
    # sorting by accuracy works on numbers
    table.sortItems(8, Qt.SortOrder.DescendingOrder)
    # a restart sees the same runs
    again = make_window(store=RunStore(tmp_path / "runs")).evaluate_tab.runs_table
    assert {again.item(r, 0).text() for r in range(again.rowCount())} >= {"Lesson one"}
    # delete (confirmation switched off for the test)
    table.confirm_delete = False
    table.select_ids([b.id])
    assert table.delete_selected() == 1
    assert [r.id for r in store.list()] == [a.id] and table.rowCount() == 1
    out = tmp_path / "exported.keras"
    tab.export_run_model(a.id, str(out))
    assert out.read_bytes() == store.get(a.id).model_path.read_bytes()


def test_evaluate_a_saved_run(qtbot, make_window, small_data, tmp_path):
    from mnist_studio.runs import RunStore

    store = RunStore(tmp_path / "runs")
    run = _save_run(store, "mlp-seed-256", 1, small_data)
    tab = make_window(store=store).evaluate_tab
    with qtbot.waitSignal(tab.evaluated, timeout=60000):
        tab.select_model(f"run:{run.id}")
        tab.evaluate_current()
    assert tab.result().confusion.sum() == 10000


@pytest.mark.parametrize("kind", ["text", "lambda", "shape"])
def test_bad_model_files_give_a_clear_message(qtbot, make_window, tmp_path, kind):
    from mnist_studio.tf import keras

    path = tmp_path / f"{kind}.keras"
    if kind == "text":
        path.write_text("hello")
        expected = "not a Keras model file"
    elif kind == "lambda":
        inputs = keras.Input((28, 28))
        x = keras.layers.Lambda(lambda t: t + 1)(keras.layers.Flatten()(inputs))
        keras.Model(inputs, keras.layers.Dense(10)(x)).save(path)
        expected = "Lambda"
    else:
        keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)]).save(path)
        expected = "expects input"
    tab = make_window().evaluate_tab
    with qtbot.waitSignal(tab.evaluationFailed, timeout=60000):
        tab.open_model_file(str(path))
    assert expected in tab.message.text()
    assert tab.model_picker.findData(f"file:{path.resolve()}") < 0  # not left in the list


def test_good_model_file_from_anywhere(qtbot, make_window, tmp_path, shipped):
    from mnist_studio.runs import save_model_atomic

    path = tmp_path / "elsewhere" / "mine.keras"
    save_model_atomic(shipped["mlp"].model, path)
    tab = make_window().evaluate_tab
    with qtbot.waitSignal(tab.evaluated, timeout=60000):
        tab.open_model_file(str(path))
    assert tab.result().accuracy >= 0.98
    assert "mine.keras" in tab.model_picker.currentText()


def test_object_names(make_window):
    tab = make_window().evaluate_tab
    for name in ("modelPicker", "confusionMatrix", "cellGallery", "mistakesGallery", "runsTable", "compareChart"):
        assert tab.findChild(object, name) is not None, name

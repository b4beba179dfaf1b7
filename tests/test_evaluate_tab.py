from pathlib import Path

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
    assert tab.mistakes.gallery.count() == len(result.misclassified)
    conf = result.confidence[tab.mistakes.gallery.samples.indices]
    assert np.all(np.diff(conf) <= 1e-7)  # most confident first
    tab.mistakes.true_filter.setCurrentIndex(tab.mistakes.true_filter.findData(9))
    assert tab.mistakes.gallery.count() == result.confusion[9].sum() - result.confusion[9, 9]
    tab.mistakes.pred_filter.setCurrentIndex(tab.mistakes.pred_filter.findData(4))
    assert tab.mistakes.gallery.count() == result.confusion[9, 4]
    index = tab.mistakes.gallery.samples.index(0)
    qtbot.mouseClick(tab.mistakes.gallery.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.mistakes.gallery.visualRect(index).center())
    assert "true 9, predicted 4" in tab.mistakes.detail.caption.text()
    with qtbot.waitSignal(tab.sendToDraw, timeout=1000):
        tab.mistakes.detail.send_button.click()
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
    from mnist_studio.networks.training import TrainConfig, Trainer

    return store.save(Trainer(TrainConfig(preset=preset, epochs=epochs, subset=500), data=small_data).run())


def _clone_run(store, record, new_id, **fields):
    """A copy of a saved run under another id (cheaper than training another model)."""
    import json
    import shutil

    folder = store.root / new_id
    shutil.copytree(record.folder, folder)
    data = {**record.to_json(), "id": new_id, "name": new_id, **fields}
    (folder / "run.json").write_text(json.dumps(data))
    return store.get(new_id)


def _row_of(table, run_id):
    return next(r for r in range(table.rowCount()) if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == run_id)


def _column(table, key):
    from mnist_studio.ui.evaluate.runs_table import COLUMNS

    return COLUMNS.index(key)


def test_compare_runs_rename_delete_and_persist(qtbot, make_window, small_data, tmp_path):
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    a = _save_run(store, "mlp-seed-256", 2, small_data)
    b = _save_run(store, "mlp-seed-1000", 1, small_data)
    window = make_window(store=store)
    tab = window.evaluate_tab
    table = tab.compare_page.runs_table
    assert table.rowCount() == 2
    table.select_ids([a.id, b.id])
    assert tab.compare_page.compare_chart.line_count() == 2
    first, second = (a, b) if _row_of(table, a.id) < _row_of(table, b.id) else (b, a)
    expected = np.array(first.confusion_matrix) - np.array(second.confusion_matrix)
    assert tab.compare_page.compare_matrix.difference
    np.testing.assert_array_equal(tab.compare_page.compare_matrix.matrix, expected)
    assert np.abs(expected).sum() > 0  # two different models disagree somewhere
    assert (expected.sum(axis=1) == 0).all()  # same test images: each true digit's row sums to zero
    assert f"“{first.name}” minus “{second.name}”" in tab.compare_page.compare_title.text()
    # rename by editing the name cell
    table.item(_row_of(table, a.id), 0).setText("Lesson one")
    assert store.get(a.id).name == "Lesson one"
    assert tab.model_picker.findText("Run: Lesson one", Qt.MatchFlag.MatchStartsWith) >= 0
    # sorting by test accuracy orders the rows by the numbers, both ways
    col = _column(table, "test_accuracy")
    by_accuracy = sorted([a, b], key=lambda r: r.test_accuracy)
    table.sortItems(col, Qt.SortOrder.DescendingOrder)
    assert [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)] == [r.id for r in by_accuracy[::-1]]
    assert table.item(0, col).text() == f"{by_accuracy[1].test_accuracy:.2%}"
    table.sortItems(col, Qt.SortOrder.AscendingOrder)
    assert [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)] == [r.id for r in by_accuracy]
    # a restart sees the same runs
    again = make_window(store=RunStore(tmp_path / "runs")).evaluate_tab.compare_page.runs_table
    assert {again.item(r, 0).text() for r in range(again.rowCount())} >= {"Lesson one"}
    # delete (confirmation switched off for the test)
    table.confirm_delete = False
    table.select_ids([b.id])
    assert table.delete_selected() == 1
    assert [r.id for r in store.list()] == [a.id] and table.rowCount() == 1
    out = tmp_path / "exported.keras"
    tab.export_run_model(a.id, str(out))
    assert out.read_bytes() == store.get(a.id).model_path.read_bytes()


def test_three_runs_selected_overlay_curves_and_say_the_difference_needs_two(make_window, trained_mlp, tmp_path):
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    a = store.save(trained_mlp)
    b, c = _clone_run(store, a, "b-run"), _clone_run(store, a, "c-run")
    tab = make_window(store=store).evaluate_tab
    tab.compare_page.runs_table.select_ids([a.id, b.id, c.id])
    assert tab.compare_page.compare_chart.line_count() == 3
    assert tab.compare_page.compare_matrix.matrix is None and "exactly two" in tab.compare_page.compare_title.text()


def test_runs_table_shows_accuracies_size_parameters_and_time(make_window, trained_mlp, tmp_path):
    import json

    from mnist_studio.storage.runs import RunRecord, RunStore

    newer = {"train_accuracy": 0.981, "val_accuracy": 0.972, "params": 203530}  # issue 13's record fields

    class Store(RunStore):
        """Until RunRecord carries the newer fields, read them from run.json beside it."""

        def list(self):
            records = super().list()
            for r in records:
                for key, value in json.loads((Path(r.folder) / "run.json").read_text()).items():
                    if key in newer and key not in RunRecord.__dataclass_fields__:
                        setattr(r, key, value)
            return records

    store = Store(tmp_path / "runs")
    old = store.save(trained_mlp)
    new = _clone_run(store, old, "new-run", **newer)
    table = make_window(store=store).evaluate_tab.compare_page.runs_table
    row = _row_of(table, new.id)
    cell = {key: table.item(row, _column(table, key)).text() for key in
            ("train_accuracy", "val_accuracy", "test_accuracy", "train_size", "params", "time")}
    assert cell == {"train_accuracy": "98.10%", "val_accuracy": "97.20%",
                    "test_accuracy": f"{old.test_accuracy:.2%}", "train_size": f"{old.train_size:,}",
                    "params": "203,530", "time": f"{old.duration_s:.1f} s"}
    old_row = _row_of(table, old.id)
    if getattr(old, "val_accuracy", None) is None:  # a record without the field shows a dash, not a guess
        assert table.item(old_row, _column(table, "val_accuracy")).text() == "–"
    header = table.model().headerData(_column(table, "val_accuracy"), Qt.Orientation.Horizontal)
    assert header == "Validation accuracy"


@pytest.fixture()
def file_size_limit():
    """Writes beyond ``n`` bytes fail with EFBIG, even for root (unlike chmod)."""
    resource = pytest.importorskip("resource")
    import contextlib
    import signal

    @contextlib.contextmanager
    def limit(n):
        handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (n, hard))
        try:
            yield
        finally:
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
            signal.signal(signal.SIGXFSZ, handler)

    return limit


def test_rename_failures_are_shown(make_window, trained_mlp, tmp_path, file_size_limit):
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    run = store.save(trained_mlp, name="first")
    tab = make_window(store=store).evaluate_tab
    table = tab.compare_page.runs_table
    table.item(_row_of(table, run.id), 0).setText("   ")
    assert "cannot be empty" in tab.message.text() and "first" in tab.message.text()
    assert table.item(_row_of(table, run.id), 0).text() == "first"
    tab.message.clear()
    with file_size_limit(64):  # the disk refuses the new run.json
        table.item(_row_of(table, run.id), 0).setText("Lesson one")
    assert "Could not rename “first”" in tab.message.text() and "too large" in tab.message.text()
    assert store.get(run.id).name == "first" and table.item(_row_of(table, run.id), 0).text() == "first"
    assert not [p for p in Path(run.folder).iterdir() if p.name.startswith(".")]  # no temp file left behind
    tab.message.clear()
    import shutil

    shutil.rmtree(run.folder)  # deleted outside the app while the table still shows it
    table.item(0, 0).setText("Lesson two")
    assert "no longer in" in tab.message.text() and table.rowCount() == 0


def test_a_disk_error_while_deleting_is_shown_and_the_rest_still_deleted(make_window, trained_mlp, tmp_path):
    import shutil

    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    a = store.save(trained_mlp)
    b, c, d = (_clone_run(store, a, name) for name in ("b-linked", "c-gone", "d-run"))
    elsewhere = tmp_path / "other-disk" / "b-linked"
    elsewhere.parent.mkdir()
    shutil.move(b.folder, elsewhere)
    (store.root / "b-linked").symlink_to(elsewhere, target_is_directory=True)  # rmtree refuses a link
    tab = make_window(store=store).evaluate_tab
    table = tab.compare_page.runs_table
    assert table.rowCount() == 4
    shutil.rmtree(c.folder)  # deleted outside the app after the table was filled
    table.confirm_delete = False
    table.select_ids([a.id, b.id, c.id, d.id])
    assert table.delete_selected() == 2
    assert [r.id for r in store.list()] == ["b-linked"] and table.rowCount() == 1
    text = tab.message.text()
    assert "Could not delete 2 of 4" in text and "“b-linked”" in text and "symbolic link" in text
    assert "“c-gone” is no longer in the runs folder" in text
    assert (elsewhere / "model.keras").is_file()  # nothing outside the runs folder was touched


def test_export_failure_is_shown(make_window, trained_mlp, tmp_path):
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    run = store.save(trained_mlp)
    tab = make_window(store=store).evaluate_tab
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert not tab.compare_page.export_to(run.id, str(blocker / "model.keras"))
    assert "Could not save the model as" in tab.message.text() and "a-file" in tab.message.text()


def test_evaluate_a_saved_run(qtbot, make_window, small_data, tmp_path):
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    run = _save_run(store, "mlp-seed-256", 1, small_data)
    tab = make_window(store=store).evaluate_tab
    with qtbot.waitSignal(tab.evaluated, timeout=60000):
        tab.select_model(f"run:{run.id}")
        tab.evaluate_current()
    assert tab.result().confusion.sum() == 10000


@pytest.mark.parametrize("kind", ["text", "lambda", "shape"])
def test_bad_model_files_give_a_clear_message(qtbot, make_window, tmp_path, kind):
    from mnist_studio.runtime.backend import keras

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
    from mnist_studio.storage.runs import save_model_atomic

    path = tmp_path / "elsewhere" / "mine.keras"
    save_model_atomic(shipped["mlp"].model, path)
    tab = make_window().evaluate_tab
    with qtbot.waitSignal(tab.evaluated, timeout=60000):
        tab.open_model_file(str(path))
    assert tab.result().accuracy >= 0.98
    assert "mine.keras" in tab.model_picker.currentText()


def test_object_names(make_window):
    tab = make_window().evaluate_tab
    for name in ("modelPicker", "confusionMatrix", "cellGallery", "mistakesGallery", "runsTable", "compareChartSlot"):
        assert tab.findChild(object, name) is not None, name
    assert tab.findChild(object, "compareChart") is None  # made when the page is first shown or asked for
    assert tab.compare_page.compare_chart is tab.findChild(object, "compareChart")


def test_a_long_lesson_keeps_only_the_last_runs_evaluations_in_memory(make_window):
    """Every trained run hands its test evaluation and model over; a lesson trains dozens: the window keeps
    the last few evaluations and the newest model (an older run is evaluated again when picked), never the lot."""
    from mnist_studio.networks.evaluation import from_probabilities
    from mnist_studio.ui.evaluate.evaluate_tab import CACHED_RUNS

    tab = make_window().evaluate_tab
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 1000)
    for i in range(CACHED_RUNS + 5):
        probs = rng.dirichlet(np.ones(10), 1000).astype(np.float32)
        tab.add_result(f"run:{i}", from_probabilities(probs, labels), predictor=object())
    runs = [k for k in tab.cache if k.startswith("run:")]
    assert runs == [f"run:{i}" for i in range(5, CACHED_RUNS + 5)]  # the newest, in order
    # models are megabytes: the newest run's (the Draw tab shows it) and the one on screen are kept, no other
    assert {k for k in tab.predictors if k.startswith("run:")} == {runs[-1]}
    assert "shipped:mlp" in tab.predictors  # the shipped models are never dropped

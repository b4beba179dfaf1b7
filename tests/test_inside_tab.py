"""The Inside tab on the shipped models: live layers, empty state, saliency, unit arithmetic, the map, degrading."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from mnist_studio.prediction.explain import explainer_for
from mnist_studio.prediction.inference import Predictor
from mnist_studio.ui.inside.inside_tab import InsideTab
from mnist_studio.ui.look.colors import small_font


@pytest.fixture()
def tab(qtbot, shipped, mnist):
    tab = InsideTab(test_data=mnist[1])
    qtbot.addWidget(tab)
    for key in ("mlp", "cnn"):
        tab.set_predictor(key, shipped[key], key.upper())
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    yield tab
    tab.shutdown()


def _digit(mnist, i=0):
    return mnist[1][0][i].astype(np.float32) / 255.0


def _live(qtbot, tab, image):
    with qtbot.waitSignal(tab.updated, timeout=5000):
        tab.set_input(image)


def test_blank_canvas_shows_the_empty_state_not_noise(qtbot, tab):
    for key in ("mlp", "cnn"):
        tab.select_model(key)
        _live(qtbot, tab, None)
        assert tab.saliency_map is None and not tab.saliency.shows_picture()
        assert all(block.image is None for block in tab.layers.blocks())
        assert tab.layers.logits() is None and tab.embedding.point is None
        assert "Draw one" in tab.why_label.text()
        # the legend says how the map of the model picked is made, before anything is drawn
        assert {"mlp": "in rounds", "cnn": "first filters' window"}[key] in tab.saliency_legend.toolTip()
        image = tab.grab().toImage()
        assert not image.isNull()


@pytest.mark.parametrize("key", ["mlp", "cnn"])
def test_drawing_lights_up_every_layer_with_saliency_for_the_prediction(qtbot, tab, mnist, key):
    tab.select_model(key)
    image = _digit(mnist, 0)  # a 7
    _live(qtbot, tab, image)
    trace = tab.trace()
    assert int(np.argmax(trace.probs)) == 7 and "Why 7?" in tab.why_label.text()
    # the legend says how this model's map is made: the MLP's in rounds, the CNN's over its first filters' window
    assert {"mlp": "in rounds", "cnn": "first filters' window"}[key] in tab.saliency_legend.toolTip()
    shown = [b for b in tab.layers.blocks() if b.kind in ("maps", "strip")]
    assert shown and all(b.image is not None for b in shown)
    assert tab.saliency_map.shape == (28, 28) and np.isfinite(tab.saliency_map).all()
    np.testing.assert_allclose(tab.saliency_map, explainer_for(tab.predictor(key)).saliency(image, 7))
    # "what would make it a 9?": the student picks 9
    QTest.mouseClick(tab.digit_group.button(9), Qt.MouseButton.LeftButton)
    assert "Why 9?" in tab.why_label.text()
    np.testing.assert_allclose(tab.saliency_map, explainer_for(tab.predictor(key)).saliency(image, 9))
    QTest.mouseClick(tab.digit_group.button(9), Qt.MouseButton.LeftButton)  # again: back to the prediction
    assert "Why 7?" in tab.why_label.text()


def test_clicking_a_unit_shows_its_real_numbers(qtbot, tab, mnist):
    tab.select_model("mlp")
    _live(qtbot, tab, _digit(mnist, 1))
    explainer = tab.explainer()
    step = next(info.step for info in explainer.layers if info.kind == "dense")
    unit = int(np.argsort(-tab.trace().outputs[step])[3])
    pos = tab.layers.unit_position(step, unit)
    tab.side.setCurrentIndex(0)
    QTest.mouseClick(tab.layers, Qt.MouseButton.LeftButton, pos=QPoint(int(pos.x()), int(pos.y())))
    assert tab.side.currentIndex() == 2
    calc = explainer.unit(tab.trace(), step, unit)
    text = tab.unit_text.text()
    assert f"unit {unit}" in text and f"{calc.value:.3f}" in text and f"{calc.pre:+.3f}".replace("-", "−") in text
    assert "pixel (" in text  # the first layer's inputs are pixels
    # the numbers follow the drawing
    _live(qtbot, tab, _digit(mnist, 2))
    assert f"{explainer.unit(tab.trace(), step, unit).value:.3f}" in tab.unit_text.text()


def test_weight_pictures_order_units_by_the_drawing_and_open_them(qtbot, tab, mnist):
    tab.select_model("mlp")
    tab.side.setCurrentIndex(0)
    _live(qtbot, tab, _digit(mnist, 3))
    first = tab.trace().outputs[1]
    tab.side.setCurrentIndex(1)  # the page catches up when opened, then follows the pen
    assert tab.weights.kind == "dense" and int(tab.weights.units[0]) == int(np.argmax(first))
    _live(qtbot, tab, _digit(mnist, 5))
    assert int(tab.weights.units[0]) == int(np.argmax(tab.trace().outputs[1]))
    centre = tab.weights.tile_center(0)
    QTest.mouseClick(tab.weights, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y())))
    top = int(np.argmax(tab.trace().outputs[1]))
    assert tab.side.currentIndex() == 2 and f"unit {top}" in tab.unit_text.text()
    tab.select_model("cnn")
    assert tab.weights.kind == "conv" and len(tab.weights.units) == 16


def test_the_map_is_computed_in_the_background_and_follows_the_drawing(qtbot, tab, mnist):
    tab.select_model("cnn")
    if not tab.embedding_ready("cnn"):
        with qtbot.waitSignal(tab.embeddingReady, timeout=60000, check_params_cb=lambda k: k == "cnn"):
            pass
    _live(qtbot, tab, _digit(mnist, 4))
    assert tab.embedding.point is not None and len(tab.thumbnails.indices) == 6
    assert 4 in tab.thumbnails.indices  # the test digit itself is its own nearest neighbour
    with qtbot.waitSignal(tab.testDigitClicked, timeout=2000) as blocker:
        QTest.mouseClick(tab.thumbnails, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert blocker.args == [tab.thumbnails.indices[0]] or blocker.args[0] in tab.thumbnails.indices


def test_an_unusual_model_degrades_with_a_message(qtbot, tab, tmp_path, mnist):
    import keras
    from keras import layers

    inputs = keras.Input((28, 28))
    x = layers.Dense(32, activation="relu")(layers.Flatten()(inputs))
    x = layers.LayerNormalization()(x)
    model = keras.Model(inputs, layers.Dense(10, activation="softmax")(x))
    path = tmp_path / "odd.keras"
    model.save(path)
    tab.set_predictor("odd", Predictor.load(path), "Odd")
    tab.select_model("odd")
    assert tab.message.isVisibleTo(tab) and "LayerNormalization" in tab.message.text()
    _live(qtbot, tab, _digit(mnist, 0))
    assert tab.trace() is None and "Why" in tab.why_label.text()
    qtbot.waitUntil(lambda: tab.saliency_map is not None, timeout=5000)  # occlusion, once the pen pauses
    assert np.isfinite(tab.saliency_map).all() and tab.saliency_map.max() > 0
    assert "occlusion" in tab.saliency_legend.toolTip()  # the legend says how this map is made
    assert tab.weights.kind == "dense"  # the first layer still shows as pictures
    assert "No map" in tab.embedding.text()


def test_a_model_error_is_shown(qtbot, tab):
    tab.set_model_error("broken", "broken.keras is not a Keras model file")
    tab.select_model("broken")
    assert "not a Keras model file" in tab.message.text()
    _live(qtbot, tab, np.zeros((28, 28), np.float32))


def test_projector_text_is_at_least_16_px(qtbot, tab, mnist):
    from PySide6.QtWidgets import QApplication

    from mnist_studio.ui.look import theme

    app = QApplication.instance()
    base = app.font().pointSizeF()
    try:
        theme.apply(app, "light", True, base)
        tab.set_projector(True)
        _live(qtbot, tab, _digit(mnist, 0))
        for widget in (tab.layers, tab.embedding, tab.weights, tab.saliency_legend):
            assert small_font(widget).pixelSize() >= 16
        for label in (tab.why_label, tab.unit_text, tab.model_label):
            assert label.fontInfo().pixelSize() >= 16
    finally:
        theme.apply(app, "light", False, base)
        tab.set_projector(False)


def test_main_window_has_the_inside_tab_on_ctrl_4(qtbot, make_window, shipped, mnist):
    window = make_window()
    inside = window.findChild(InsideTab, "insideTab")
    assert inside is window.inside_tab
    QTest.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is inside
    inside.set_predictor("mlp", shipped["mlp"], "MLP")
    window.draw_tab.show_sample(_digit(mnist, 0))  # the Draw tab's input reaches the Inside tab
    qtbot.waitUntil(lambda: inside.trace() is not None, timeout=5000)
    assert int(np.argmax(inside.trace().probs)) == 7



@pytest.mark.parametrize("page", [0, 1, 2])
def test_every_view_survives_its_model_changing_mid_update(qtbot, shipped, mnist, trained_mlp, page):
    """A trained model's panel swaps its predictor (CNN, MLP 512, MLP 256) while a drawing, a picked unit and an
    update are pending: no view may mix the old model's layers, units or activations with the new one's."""
    models = {"cnn": shipped["cnn"], "mlp": shipped["mlp"], "mlp256": Predictor(trained_mlp.model)}
    tab = InsideTab(test_data=mnist[1])
    qtbot.addWidget(tab)
    tab.set_predictor("trained", models["cnn"], "Yours")
    tab.resize(1280, 760)
    tab.show()
    qtbot.waitExposed(tab)
    image = _digit(mnist, 0)
    for old, new in (("cnn", "mlp"), ("mlp", "mlp256"), ("mlp256", "cnn"), ("mlp", "cnn")):
        tab.set_predictor("trained", models[old], "Yours")
        tab.side.setCurrentIndex(page)
        _live(qtbot, tab, image)
        explainer = tab.explainer()
        last_hidden = [info for info in explainer.layers if info.kind in ("dense", "conv")][-2]
        tab.show_unit(last_hidden.step, last_hidden.shape[-1] - 1)  # the old model's last unit, selected
        tab.side.setCurrentIndex(page)
        _live(qtbot, tab, None)  # a blank canvas: the layers keep their shapes only
        tab.set_input(image)  # an update is pending...
        tab.set_predictor("trained", models[new], "Yours")  # ...when the model changes
        for other in (page + 1) % 3, page:  # the side pages follow whatever trace they have
            tab.side.setCurrentIndex(other)
        tab.layers.set_trace(tab.trace(), 3)
        tab.grab()  # paints every view
        _live(qtbot, tab, image)
        shown = [b for b in tab.layers.blocks() if b.kind in ("maps", "strip")]
        assert shown and all(b.image is not None for b in shown)
        assert tab.explainer().predictor is models[new]
        tab.grab()
    tab.shutdown()


def test_the_tab_opens_on_the_cnn_unless_a_model_was_picked(qtbot, shipped):
    tab = InsideTab()
    qtbot.addWidget(tab)
    tab.set_predictor("mlp", shipped["mlp"], "MLP")
    assert tab.current_key() == "mlp"  # the only one yet
    tab.set_predictor("cnn", shipped["cnn"], "CNN")
    assert tab.current_key() == "cnn"  # the lesson's feature maps, as soon as the CNN is there
    tab.model_box.setCurrentIndex(tab.model_box.findData("mlp"))
    tab.model_box.activated.emit(tab.model_box.currentIndex())  # as a click in the box does
    tab.set_predictor("cnn", shipped["cnn"], "CNN")  # e.g. a reload: the student's choice stays
    assert tab.current_key() == "mlp"


def test_the_map_hint_has_a_band_of_its_own(qtbot, tab, mnist):
    """Projector mode: the map's hint is printed above the dots, not on them."""
    from mnist_studio.ui.look import theme

    tab.select_model("cnn")
    if not tab.embedding_ready("cnn"):
        with qtbot.waitSignal(tab.embeddingReady, timeout=60000, check_params_cb=lambda k: k == "cnn"):
            pass
    theme.set_projector_look(True)
    try:
        tab.set_projector(True)
        view = tab.embedding
        view.set_point(None)
        view.set_text("Draw a digit: a black dot shows where your drawing lands among the 10,000 test digits.")
        view.resize(300, 300)
        view.grab()
        hint = [t for t in view.painted_texts() if t.text.startswith("Draw a digit")]
        assert hint and not hint[0].needed.intersects(view.map_rect), (hint[0].needed, view.map_rect)
    finally:
        theme.set_projector_look(False)
        tab.set_projector(False)


def test_background_maps_wait_while_a_training_runs(qtbot, shipped, mnist):
    """A map of a model nobody is looking at is a job in the one Keras worker: while a training runs it waits,
    a running one gives way at once (a Train click made after a run used to wait ~5 s behind the new model's
    map), and they compute when the training is over."""
    tab = InsideTab(test_data=mnist[1])
    qtbot.addWidget(tab)  # never shown: every map is a background one
    for key in ("mlp", "cnn"):
        tab.set_predictor(key, shipped[key], key.upper())
    maps = tab.maps
    try:
        tab.hold_maps(True)
        tab.prefetch()
        maps.start_next()  # what the prefetch timer does: nothing starts while held
        assert maps.jobs.running() == [] and not tab.embedding_ready("mlp") and not tab.embedding_ready("cnn")
        tab.hold_maps(False)
        qtbot.waitUntil(lambda: maps.jobs.running() != [], timeout=10000)  # they start once the training is over
        job = maps.jobs.running()[0]
        tab.hold_maps(True)  # a new training: the running background map gives way
        assert job.cancelled
        qtbot.waitUntil(lambda: maps.jobs.running() == [], timeout=30000)
        tab.hold_maps(False)
        qtbot.waitUntil(lambda: tab.embedding_ready("mlp") and tab.embedding_ready("cnn"), timeout=120000)
    finally:
        tab.shutdown()


def test_the_window_holds_maps_and_checks_while_the_train_tab_runs(make_window):
    from mnist_studio.ui.draw import nondigit_job

    window = make_window()
    window.train_tab.runningChanged.emit(True)
    try:
        assert window.inside_tab.maps.held() and nondigit_job.held()
    finally:
        window.train_tab.runningChanged.emit(False)
    assert not window.inside_tab.maps.held() and not nondigit_job.held()


def test_a_map_is_drawn_with_numpy_while_the_worker_trains(qtbot, small_data, mnist):
    """A model read with numpy (a finished run's file) has its map's hidden vectors computed by the Keras worker
    when the worker is free; while a training holds the worker, the map on screen is drawn with numpy in the
    window at once, rather than waiting for the whole run."""
    import threading

    from held_worker import held_by_a_training

    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.ui.background.worker import keras_worker
    from mnist_studio.ui.inside.embedding_maps import EmbeddingJob

    worker, mapping = keras_worker(), None
    with held_by_a_training(worker, small_data) as errors:  # released when the block ends, or after two minutes
        assert worker.running() == "train" and worker.info() is not None
        predictor = ArchivePredictor.open("mlp")
        assert predictor.model is None  # read with numpy: the worker's path is the one this job would take
        x, y = mnist[1][0][:2000], mnist[1][1][:2000]
        job = EmbeddingJob("mlp", explainer_for(predictor), x, y)
        got, ended = [], threading.Event()
        job.done.connect(lambda key, embedding, _job: got.append(embedding))
        job.failed.connect(lambda key, message: errors.append(message))
        mapping = threading.Thread(target=lambda: (job.work(), ended.set()))
        mapping.start()
        assert ended.wait(60), "the map waited for the training"
        qtbot.waitUntil(lambda: bool(got or errors), timeout=5000)  # the done signal, queued to this thread
        assert len(got) == 1 and got[0].hidden.shape[0] == 2000 and worker.running() == "train", errors
    if mapping is not None:
        mapping.join(120)
    assert not errors

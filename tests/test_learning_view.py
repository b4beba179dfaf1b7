"""The learning view: the four views from a real time-lapse (a real MLP trained by SGD on real digits, the shipped
CNN's real kernels), the unsupported-layer message, live snapshots drawn at a bounded rate, the Train tab's layout
toggle, and a real training through TrainWorker updating ``learningView`` live."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from learning_data import numpy_mlp_timelapse, shipped_cnn_timelapse
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from mnist_studio.learning import SnapshotEvent


class _Drawing(QObject):
    """The window's shared drawing as the Train tab sees it: ``changed`` and the model input."""

    changed = Signal()
    image = None

    def model_input(self):
        return self.image


@pytest.fixture(scope="module")
def mlp_timelapse(mnist):
    (x, y), test = mnist
    return numpy_mlp_timelapse(((x[:6000], y[:6000]), test))


@pytest.fixture()
def view(qtbot):
    from mnist_studio.ui.learning.learning_view import LearningView

    v = LearningView()
    qtbot.addWidget(v)
    v.resize(1000, 760)
    v.show()
    qtbot.waitExposed(v)
    return v


def _texts(widget) -> list[str]:
    widget.repaint()
    return [t.text for t in widget.painted_texts()]


def test_views_from_a_real_timelapse(view, mlp_timelapse):
    tl = mlp_timelapse
    view.set_timelapse(tl, index=0)
    assert view.index == 0 and view.bar.count() == len(tl.snapshots)
    first_mistakes = view.confusion.off_diagonal()
    first_weights = view.weights.frame_image().copy()
    assert view.weights.kind == "dense" and view.weights.count == 16
    assert view.drawing.showing_bars()
    first_probs = view.drawing.bars.probs.copy()
    assert "1 of 24" in view.header.text()

    view.show_index(len(tl.snapshots) - 1)
    # the network learned: far fewer mistakes off the diagonal, the units' pictures changed, the drawing read
    # with more confidence
    assert view.confusion.off_diagonal() < first_mistakes * 0.4
    assert view.weights.frame_image() != first_weights
    assert view.drawing.bars.probs.max() > first_probs.max() + 0.3
    assert view.map.xy.shape == (len(tl.map_labels), 2) and np.abs(view.map.xy).max() <= 1.0
    assert [str(d) for d in range(10)] == [t for t in _texts(view.map)][-10:]  # the legend
    assert "24 of 24" in view.header.text() and "training loss" in view.header.text()


def test_cnn_kernels_and_feature_maps(view, mnist):
    tl = shipped_cnn_timelapse(mnist)
    view.set_timelapse(tl)
    assert view.weights.kind == "conv" and view.weights.count == 16
    assert view.weights.shows_feature_maps()
    assert "What each kernel sees in this digit:" in _texts(view.weights)
    assert "16 kernels" in view.titles[0].text()
    assert not view.drawing.showing_bars()  # no drawing in this run: the sentence instead
    assert "Draw tab" in view.drawing.message.text()


def test_a_layer_it_cannot_draw_shows_the_message(view, mlp_timelapse):
    from mnist_studio.learning import UNSUPPORTED

    tl = copy.copy(mlp_timelapse)
    tl.unsupported_key = "first_layer"
    tl.unsupported = UNSUPPORTED["first_layer"].format(kind="LSTM")
    view.set_timelapse(tl)
    painted = " ".join(_texts(view.weights))
    assert "first layer (LSTM) cannot be drawn" in painted
    assert view.confusion.matrix is not None and view.map.xy is not None  # the other views still work
    tl.unsupported_key = "dense_input"
    tl.unsupported = UNSUPPORTED["dense_input"]
    view.set_timelapse(tl)
    assert "does not read the 28x28 pixels" in " ".join(_texts(view.weights))


def test_live_snapshots_are_drawn_at_a_bounded_rate(view, qtbot, mlp_timelapse):
    tl = mlp_timelapse
    header = tl.header()
    shown = []
    view.frameShown.connect(shown.append)
    view.start_live()
    assert view.stack.currentWidget() is view.message
    for i, s in enumerate(tl.snapshots):  # a burst: every snapshot of the run at once
        view.add_event(SnapshotEvent(s, header if i == 0 else None, tl.drawings[0] if i == 0 else None))
    with qtbot.waitSignal(view.frameShown, timeout=3000):
        pass
    assert shown == [len(tl.snapshots) - 1]  # one repaint for the whole burst, at the newest snapshot
    assert view.live and "Live" in view.header.text()
    assert not view.bar.play_button.isEnabled() and not view.bar.export_button.isEnabled()
    view.finish_live()
    assert not view.live and view.bar.play_button.isEnabled() and view.bar.count() == len(tl.snapshots)


def test_layout_toggle(qtbot):
    """Large (the default: the learning view takes the form's place from Train until "Back to the design"),
    below the curves (a row of four), beside them (two by two), hidden."""
    from mnist_studio.ui.train.train_tab import TrainTab

    tab = TrainTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    panel, learning = tab.panel, tab.panel.learning
    assert learning.objectName() == "learningView" and panel.learning_layout() == "large"
    assert tab.left.currentWidget() is tab.scroll and not learning.isVisible()  # before a run: the form
    tab.left.run_started()  # what Train does
    assert tab.left.is_large() and learning.isVisible() and learning.arrangement == "grid"
    qtbot.waitUntil(lambda: learning.width() > 0.45 * tab.width(), timeout=3000)  # half the width
    tab.left.back_button.click()
    assert tab.left.currentWidget() is tab.scroll and tab.form.isVisible()
    panel.set_learning_layout("below")
    assert learning.isVisible() and learning.parent() is panel.splitter
    assert panel.splitter.orientation() == Qt.Orientation.Vertical and learning.arrangement == "row"
    panel.set_learning_layout("beside")
    assert panel.splitter.orientation() == Qt.Orientation.Horizontal and learning.arrangement == "grid"
    sizes = panel.splitter.sizes()
    assert min(sizes) > 0.3 * sum(sizes)  # both sides get room
    panel.set_learning_layout("hidden")
    assert not learning.isVisible()
    panel.set_learning_layout("large")
    tab.left.run_started()
    assert learning.isVisible() and tab.left.is_large()


def test_a_real_training_updates_the_learning_view_live(qtbot, small_data, home):
    """A real tiny training in the Keras worker, through TrainWorker: snapshots reach learningView while it
    trains, the drawing is read, and afterwards the same view scrubs the run's time-lapse."""
    from mnist_studio.ui.background.worker import TrainWorker
    from mnist_studio.ui.train.train_tab import TrainTab

    if not hasattr(TrainWorker, "snapshot"):
        pytest.skip("the training side does not stream snapshots yet")
    (x, y), test = small_data
    tab = TrainTab(data=((x[:1500], y[:1500]), test))
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()

    drawing = _Drawing()
    drawing.image = test[0][0].astype(np.float32) / 255.0
    tab.attach_drawing(drawing)
    tab.set_preset("mlp-seed-256")
    tab.form.epochs_spin.setValue(15)  # ~2 s even on a warm worker: the view draws at most ~4.5 frames a second
    view = tab.findChild(type(tab.panel.learning), "learningView")
    shown = []  # (index, live, the frame on screen) at each frame drawn: a warm worker trains this in under a second,
    # so polling for "live" can miss the whole run (it did, after another test had trained the same network)
    view.frameShown.connect(lambda i: shown.append((i, view.live, view.stack.currentWidget() is view.frame)))
    with qtbot.waitSignal(tab.trained, timeout=240000):
        assert tab.start()
    assert any(live and on_screen for _, live, on_screen in shown), f"no snapshot was drawn while training: {shown}"
    assert not view.live and view.count() >= 2 and view.bar.play_button.isEnabled()
    assert view.drawing.showing_bars()  # the drawing was read by the network being trained
    view.bar.slider.setValue(0)
    assert view.index == 0


# Where a picked place is shown in projector mode: "below" needs the height of 1600x900, "beside" that of 1920x1080;
# in a smaller window the view goes to the form's place ("large") and says why.
PROJECTOR_PLACED = {(1280, 800): {"below": "large", "beside": "large"},
                    (1600, 900): {"below": "below", "beside": "large"},
                    (1920, 1080): {"below": "below", "beside": "beside"}}


def _timelapse_problems(window, qtbot, timelapses, size, language, projector, layout) -> list[str]:
    """Legibility problems of the Train tab showing each time-lapse's first and last snapshot, after a run, with
    ``layout`` picked."""
    from legibility import problems

    window.tabs.setCurrentWidget(window.train_tab)
    window.set_language(language)
    window.set_projector_mode(projector)
    if size != (1920, 1080) or not projector:
        window.showNormal()
        window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
    QApplication.sendPostedEvents()  # the new app font reaches every widget (ApplicationFontChange is posted)
    QApplication.processEvents()
    tab = window.train_tab
    redraws = tab.panel.chart.full_redraws
    tab.panel.set_learning_layout(layout)
    tab.left.run_started()  # what Train does: the learning view in the form's place, when it goes there
    qtbot.waitUntil(lambda: tab.panel.chart.full_redraws > redraws, timeout=3000)  # the curves re-fit to their width
    found = []
    for tl in timelapses:
        tab.panel.learning.set_timelapse(tl)
        for index in (0, len(tl.snapshots) - 1):
            tab.panel.learning.show_index(index)
            QApplication.sendPostedEvents()  # the layout settles (a loaded machine may hold a resize back) ...
            QApplication.processEvents()
            tab.panel.chart.flush(force=True)  # ... and the chart re-fits its texts to it, as its timer would
            window.grab()
            found += [f"[{tl.architecture} #{index}] {p}" for p in problems(window, 16 if projector else 0)[0]]
    return found


@pytest.mark.parametrize(("size", "language"), [((1280, 800), "en"), ((1280, 800), "ko"), ((1600, 900), "en"),
                                               ((1920, 1080), "en"), ((1920, 1080), "ko")],
                         ids=["1280x800-en", "1280x800-ko", "1600x900-en", "1920x1080-en", "1920x1080-ko"])
@pytest.mark.parametrize("layout", ["large", "below", "beside"])
def test_the_timelapse_is_legible_on_a_projector(make_window, qtbot, mlp_timelapse, mnist, size, language, layout):
    """After a run, in projector mode, in each place a teacher can pick (in the form's place, below or beside the
    curves): the four views, the header, the bar and the curves, no text under 16 px (probabilities 22 px),
    nothing clipped - for an MLP run with a drawing and for a CNN run without. A window too small for the pick
    shows the views in the form's place, with a line that says so."""
    window = make_window(with_models=False)
    found = _timelapse_problems(window, qtbot, (mlp_timelapse, shipped_cnn_timelapse(mnist)), size, language, True,
                                layout)
    tab = window.train_tab
    placed = PROJECTOR_PLACED[size].get(layout, layout)
    assert tab.panel.learning_layout() == layout and tab.panel.placed_layout() == placed
    assert tab.left.is_large() == (placed == "large")
    assert tab.left.moved_note.isVisible() == (placed != layout)
    if placed != layout:
        assert tab.left.moved_note.text()  # "Too little room below the curves in this window: shown here instead"
    window.set_projector_mode(False)
    assert not found, f"{len(found)} legibility problems at {size} in {language}:\n" + "\n".join(found)


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("layout", ["below", "beside"])
def test_below_and_beside_fit_a_1280x800_window(make_window, qtbot, mlp_timelapse, language, layout):
    """Without projector mode a school laptop's 1280x800 has room for the views below or beside the curves:
    they are shown there, nothing clipped or overlapping; and projector mode moves them to the form's place, then
    back when it is turned off."""
    window = make_window(with_models=False)
    found = _timelapse_problems(window, qtbot, (mlp_timelapse,), (1280, 800), language, False, layout)
    panel = window.train_tab.panel
    assert panel.placed_layout() == layout and panel.learning.parent() is panel.splitter
    assert not window.train_tab.left.moved_note.isVisible()
    assert not found, f"{len(found)} legibility problems in {language}:\n" + "\n".join(found)
    window.set_projector_mode(True)
    window.showNormal()  # the test screen is 1920x1080: a laptop's full screen is 1280x800
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: panel.placed_layout() == "large", timeout=3000)
    assert window.train_tab.left.is_large() and window.train_tab.left.moved_note.isVisible()
    window.set_projector_mode(False)
    window.showNormal()
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: panel.placed_layout() == layout, timeout=3000)
    assert panel.learning.parent() is panel.splitter and not window.train_tab.left.moved_note.isVisible()


def test_the_drawing_reaches_the_running_worker_once_per_pause(qtbot, mnist):
    """The shared drawing (the Draw tab's Drawing) goes to the run at its start, then once after each burst of
    edits (debounced), never per point; a test image sent from Evaluate counts as the drawing too."""
    from mnist_studio.networks.training import TrainConfig
    from mnist_studio.ui.background.worker import TrainWorker
    from mnist_studio.ui.common.drawing import Drawing
    from mnist_studio.ui.learning.live import DrawingFeed

    drawing = Drawing()
    feed = DrawingFeed()
    feed.attach(drawing)
    worker = TrainWorker(TrainConfig(preset="mlp-seed-256", epochs=1), worker=object())  # never started
    sent = []
    original = worker.set_drawing
    worker.set_drawing = lambda image: (sent.append(None if image is None else image.copy()), original(image))
    feed.start(worker)
    assert sent == [None]  # blank at the start
    drawing.begin_stroke(0.3, 0.2)
    for t in np.linspace(0.2, 0.8, 40):  # one stroke of 40 points
        drawing.extend_stroke(0.5, float(t))
    drawing.end_stroke()
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=3000)
    assert sent[1].shape == (28, 28) and sent[1].max() > 0.5  # the stroke, rendered as the models read it
    image = mnist[1][0][5].astype(np.float32) / 255.0
    drawing.set_sample(image, 5, int(mnist[1][1][5]))
    qtbot.waitUntil(lambda: len(sent) == 3, timeout=3000)
    assert np.allclose(sent[2], image)
    feed.stop()
    drawing.clear()
    assert len(sent) == 3  # the run is over: nothing more is sent


def test_the_window_gives_the_train_tab_the_draw_tabs_drawing(qtbot, make_window):
    """Wiring: what is drawn on the Draw tab's canvas is what the network being trained reads."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from strokes import replay

    window = make_window()
    feed = window.train_tab.drawing_feed
    assert feed.current() is None
    window.show()
    qtbot.waitExposed(window)
    replay(window.draw_tab.canvas, [np.array([(0.5, 0.15), (0.5, 0.5), (0.5, 0.85)])])  # a "1"
    qtbot.waitUntil(lambda: feed.current() is not None, timeout=3000)
    assert np.allclose(feed.current(), window.draw_tab.preview.image(), atol=1e-6)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_a_replayed_run_is_legible_on_a_projector(make_window, qtbot, mlp_timelapse, tmp_path, language):
    """Compare runs › Watch it learn, in projector mode on a 1280x800 laptop: the saved run's four views in a row
    under the runs, no text under 16 px (probabilities 22 px), nothing clipped, at its first and last snapshot."""
    size = (1280, 800)
    from legibility import problems
    from test_learning_timelapse import _run_folder

    from mnist_studio.storage.runs import RunStore

    root = tmp_path / "replayed"
    mlp_timelapse.save(_run_folder(root, "with", "watched run"))
    window = make_window(with_models=False, store=RunStore(root))
    window.set_language(language)
    window.set_projector_mode(True)
    window.showNormal()  # the test screen is 1920x1080
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=3000)
    ev = window.evaluate_tab
    window.tabs.setCurrentWidget(ev)
    ev.views.setCurrentWidget(ev.compare_page)
    ev.compare_page.refresh()
    ev.compare_page.runs_table.select_ids(["with"])
    ev.compare_page.replay_button.setChecked(True)
    view = ev.compare_page.learning
    assert ev.compare_page.bottom.currentWidget() is view and view.count() == len(mlp_timelapse.snapshots)
    found = []
    for index in (0, view.count() - 1):
        view.show_index(index)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        window.grab()
        found += [f"[#{index}] {p}" for p in problems(window, 16)[0]]
    window.set_projector_mode(False)
    assert not found, f"{len(found)} legibility problems at {size} in {language}:\n" + "\n".join(found)


def test_beside_is_judged_on_the_width_it_has_beside_the_form(make_window, qtbot, mlp_timelapse):
    """Picked while a run shows the views in the form's place (the curves then have half the tab's width, not
    three fifths), "beside" goes beside the curves where the window has room for it beside the form: where the
    views happen to be does not decide where they may go. Legible there, in projector mode."""
    from legibility import problems
    from PySide6.QtGui import QFontMetricsF

    from mnist_studio.ui.train.run_panel import ROOM_BESIDE_LINES

    window = make_window(with_models=False)
    window.tabs.setCurrentWidget(window.train_tab)
    window.set_projector_mode(True)
    window.showNormal()
    window.resize(1680, 1050)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (1680, 1050), timeout=3000)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    tab, panel = window.train_tab, window.train_tab.panel
    panel.set_learning_layout("large")
    tab.left.run_started()
    panel.learning.set_timelapse(mlp_timelapse)
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    need = ROOM_BESIDE_LINES[0] * QFontMetricsF(panel.font()).height()
    assert tab.left.is_large() and panel.splitter.width() < need  # half the tab: too narrow by itself
    panel.set_learning_layout("beside")
    qtbot.waitUntil(lambda: panel.placed_layout() == "beside" and not tab.left.is_large(), timeout=3000)
    qtbot.waitUntil(lambda: panel.splitter.width() >= need, timeout=3000)  # three fifths, beside the form
    assert panel.learning.parent() is panel.splitter and not tab.left.moved_note.isVisible()
    for index in (0, len(mlp_timelapse.snapshots) - 1):
        panel.learning.show_index(index)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        panel.chart.flush(force=True)
        window.grab()
        assert not problems(window, 16)[0], problems(window, 16)[0]
    assert panel.placed_layout() == "beside"
    window.set_projector_mode(False)

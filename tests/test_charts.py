import math

import numpy as np
import pytest
from PIL import Image

from mnist_studio.ui.common.charts import TrainingChart
from mnist_studio.ui.common.curves import EmaState, debiased_ema
from mnist_studio.ui.look.chart_style import nice_ceiling


def _chart(qtbot, w=800, h=400):
    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.resize(w, h)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def test_debiased_ema_matches_a_hand_computation():
    # w = 0.5: s1 = 0.5*0 + 0.5*1 = 0.5 -> 0.5/(1-0.5) = 1
    #          s2 = 0.5*0.5 + 0.5*2 = 1.25 -> 1.25/(1-0.25) = 1.6667
    #          s3 = 0.5*1.25 + 0.5*3 = 2.125 -> 2.125/(1-0.125) = 2.428571
    assert debiased_ema([1, 2, 3], 0.5) == pytest.approx([1.0, 1.25 / 0.75, 2.125 / 0.875])
    # w = 0.6 (the default): s1 = 0.4*2 = 0.8 -> 2; s2 = 0.6*0.8 + 0.4*1 = 0.88 -> 0.88/0.64 = 1.375
    assert debiased_ema([2.0, 1.0], 0.6) == pytest.approx([2.0, 1.375])
    assert debiased_ema([3, 1, 4, 1, 5], 0.0) == [3, 1, 4, 1, 5]  # no smoothing: the values themselves
    assert debiased_ema([7.0] * 50, 0.99) == pytest.approx([7.0] * 50)  # debiased: no ramp from zero
    out = debiased_ema([1.0, float("nan"), 3.0], 0.5)  # a NaN is passed over, not counted
    assert math.isnan(out[1]) and out[2] == pytest.approx(debiased_ema([1.0, 3.0], 0.5)[1])
    state = EmaState(0.5)
    assert [state.push(v) for v in (1, 2, 3)] == pytest.approx(debiased_ema([1, 2, 3], 0.5))


def test_smoothing_slider_recomputes_the_smoothed_line(qtbot):
    chart = _chart(qtbot)
    chart.reset(epochs=1)
    rng = np.random.default_rng(0)
    values = list(2.0 * np.exp(-np.arange(100) / 30) + rng.normal(0, 0.2, 100))
    chart.add_batches([i / 100 for i in range(100)], values, [0.5] * 100)
    chart.set_smoothing(0.9)
    assert list(chart.l_smooth_loss.get_ydata()) == pytest.approx(debiased_ema(values, 0.9))
    assert list(chart.l_train_loss.get_ydata()) == pytest.approx(values)  # the faint line stays raw
    chart.set_smoothing(0.0)
    assert list(chart.l_smooth_loss.get_ydata()) == pytest.approx(values)
    assert chart.l_train_loss.get_alpha() < 0.5 and chart.l_smooth_loss.get_alpha() in (None, 1.0)


def test_live_updates_blit_lines_and_rarely_redraw_everything(qtbot):
    chart = _chart(qtbot)
    chart.reset(epochs=3)
    full_before = chart.full_redraws
    for i in range(300):  # a run's worth of batch updates, flushed at the timer's rate
        chart.add_batch(i / 100, 2.0 * np.exp(-i / 60) + 0.05, 1 - 0.9 * np.exp(-i / 50))
        if i % 10 == 9:
            chart.flush()
    chart.add_epoch(1, 0.3, 0.93)
    chart.flush()
    assert chart.redraws >= 30
    assert chart.full_redraws - full_before <= 6  # axis limits only widen a few times
    assert len(chart.l_train_loss.get_xdata()) == 300 and len(chart.l_val_acc.get_xdata()) == 1


def test_axes_fit_the_data_and_keep_the_last_point_inside(qtbot):
    chart = _chart(qtbot)
    chart.reset(epochs=3)
    chart.add_batches([0.1, 0.5, 1.0], [2.3, 0.9, 0.5], [0.12, 0.8, 1.0])
    chart.add_epoch(1, 0.35, 1.0)
    chart.flush()
    assert chart.ax_loss.get_ylim() == (0, 2.5)  # not 5 for values below 2.5
    left, right = chart.ax_loss.get_xlim()
    assert left == 0 and right > 3  # the last epoch's marker is not cut in half by the edge
    assert chart.ax_acc.get_ylim()[1] > 1.0  # nor is a point at 100 %
    chart.reset(epochs=2)
    chart.add_batches([0.5, 1.0], [0.31, 0.2], [0.95, 0.97])
    chart.flush()
    assert chart.ax_loss.get_ylim()[1] == pytest.approx(0.4)
    assert chart.ax_acc.get_ylim()[0] == 0.9


def test_titles_and_legends_say_what_is_plotted_and_sit_outside_the_plots(qtbot):
    chart = _chart(qtbot, 1000, 420)
    chart.reset(epochs=1)
    chart.add_batches([0.5, 1.0], [1.0, 0.5], [0.7, 0.8])
    chart.add_epoch(1, 0.6, 0.8)
    chart.flush()
    renderer = chart.figure.canvas.get_renderer()
    for ax, what in ((chart.ax_loss, "loss"), (chart.ax_acc, "accuracy")):
        legend = ax.get_legend()
        texts = [t.get_text().replace("\n", " ") for t in legend.get_texts()]
        assert texts == [f"Training {what} per batch (faint) and smoothed", f"Validation {what} per epoch"]
        plot_box = ax.get_window_extent(renderer)
        legend_box = legend.get_window_extent(renderer)
        assert not plot_box.overlaps(legend_box)
        assert legend_box.y1 <= plot_box.y0  # under the plot
        assert chart.figure.bbox.contains(legend_box.x0, legend_box.y0)  # and not clipped off the figure


def test_projector_mode_scales_the_fonts_and_wraps_long_legends(qtbot):
    chart = _chart(qtbot, 700, 420)
    chart.set_style(1.6, dark=False)
    chart.flush(force=True)
    px = chart.ax_loss.get_legend().get_texts()[0].get_fontsize() * chart.figure.dpi / 72
    tick_px = chart.ax_loss.xaxis.get_major_ticks()[0].label1.get_fontsize() * chart.figure.dpi / 72  # hidden: empty
    assert px >= 16 and tick_px >= 16
    renderer = chart.figure.canvas.get_renderer()
    for ax in (chart.ax_loss, chart.ax_acc):  # each legend fits under its own plot
        legend_box = ax.get_legend().get_window_extent(renderer)
        assert legend_box.x0 >= 0 and legend_box.x1 <= chart.figure.bbox.width + 1


def test_export_png_contains_the_curves(qtbot, tmp_path):
    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.resize(900, 450)
    chart.reset(epochs=1)
    for i in range(50):
        chart.add_batch(i / 50, 1.0 - i / 60, 0.5 + i / 110)
    chart.add_epoch(1, 0.2, 0.95)
    out = tmp_path / "chart.png"
    chart.export_png(str(out))
    pixels = np.asarray(Image.open(out).convert("RGB")).reshape(-1, 3).astype(int)
    blue = ((abs(pixels[:, 0] - 0x2F) < 30) & (abs(pixels[:, 1] - 0x7E) < 30) & (abs(pixels[:, 2] - 0xD8) < 30))
    orange = ((abs(pixels[:, 0] - 0xE4) < 30) & (abs(pixels[:, 1] - 0x57) < 30) & (abs(pixels[:, 2] - 0x2E) < 30))
    assert blue.sum() > 200 and orange.sum() > 20
    assert chart.l_train_loss.get_animated()  # back to blitting after the export
    assert not list(tmp_path.glob(".*tmp"))  # written atomically: no temp file left


def test_export_to_an_unwritable_place_raises_oserror_and_leaves_nothing(qtbot, tmp_path):
    chart = _chart(qtbot, 800, 400)
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(OSError):
        chart.export_png(str(blocker / "chart.png"))  # a file where the folder should be
    assert blocker.read_text() == "x"


def test_nice_ceiling():
    assert nice_ceiling(0.37) == 0.4
    assert nice_ceiling(2.3) == 2.5
    assert nice_ceiling(2.6) == 3
    assert nice_ceiling(7) == 8
    assert nice_ceiling(0) == 1.0 and nice_ceiling(float("nan")) == 1.0


def test_a_real_run_has_no_cliff_at_the_epoch_boundary(small_data):
    """Keras reports running means since the epoch start: those drop in a cliff when an epoch begins.
    The chart draws each batch's own loss: the end of epoch 1 and the start of epoch 2 meet."""
    from mnist_studio.networks.training import BatchEvent, TrainConfig, Trainer

    events = []
    Trainer(TrainConfig(preset="mlp-seed-256", epochs=3, batch_size=32), data=small_data,
            on_event=lambda e: events.append(e) if isinstance(e, BatchEvent) else None).run()
    own = {1: [], 2: [], 3: []}
    for e in events:
        own[e.epoch].extend(e.batch_losses)
    batches = events[0].batches
    assert [len(own[k]) for k in own] == [batches] * 3  # every batch, none lost to the event throttle
    running_end_1 = [e.loss for e in events if e.epoch == 1][-1]
    running_start_2 = [e.loss for e in events if e.epoch == 2][0]
    running_cliff = running_end_1 - running_start_2
    assert running_cliff > 0.25 * running_end_1  # the running means the old chart drew do jump
    for a, b in ((1, 2), (2, 3)):  # each batch's own loss meets across the boundary
        end, start = np.mean(own[a][-5:]), np.mean(own[b][:5])
        assert abs(end - start) < 0.4 * running_cliff, (a, end, start, running_cliff)
    end_2, start_3 = np.mean(own[2][-5:]), np.mean(own[3][:5])
    assert abs(end_2 - start_3) < 0.25 * end_2


def test_empty_chart_says_what_will_appear_and_the_hint_goes_with_the_first_batch(qtbot):
    chart = _chart(qtbot)
    assert chart.hint.get_visible() and "Press Train" in chart.hint.get_text()
    chart.reset(epochs=2)  # Train pressed: no "Press Train" during the first epoch, before any batch
    assert not chart.hint.get_visible()
    chart.add_batch(0.1, 0.5, 0.9)
    chart.flush()
    assert not chart.hint.get_visible()
    chart.reset(epochs=2)  # the next run
    assert not chart.hint.get_visible()


def _record(name, losses):
    from mnist_studio.storage.runs import RunRecord

    history = [{"epoch": i + 1, "val_loss": v, "val_accuracy": 1 - v / 3} for i, v in enumerate(losses)]
    return RunRecord(id=name, name=name, preset="mlp", hyperparameters={}, history=history, test_accuracy=None,
                     test_loss=None, confusion_matrix=None, per_class_accuracy=None, device="CPU", duration_s=1.0,
                     started_at="", finished_at="", status="completed")


def test_compare_overlays_every_selected_run_not_only_two(qtbot):
    from mnist_studio.ui.evaluate.compare_chart import CompareChart

    chart = CompareChart()
    qtbot.addWidget(chart)
    chart.resize(900, 400)
    chart.show()
    runs = [_record(f"run {i}", [1.0 / (i + 1), 0.5 / (i + 1), 0.3 / (i + 1)]) for i in range(4)]
    chart.show_runs(runs)
    assert chart.line_count() == 4 and len(chart.ax_loss.get_lines()) == 4
    markers = {line.get_marker() for line in chart.ax_acc.get_lines()}
    assert len(markers) == 4  # told apart by marker too, not only colour
    legend = chart.figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [r.name for r in runs]
    chart.draw()
    renderer = chart.figure.canvas.get_renderer()
    legend_box = legend.get_window_extent(renderer)
    for ax in (chart.ax_loss, chart.ax_acc):
        assert not ax.get_window_extent(renderer).overlaps(legend_box)  # outside the plots
    assert chart.ax_loss.get_title() == "Validation loss per epoch"
    assert chart.ax_loss.get_xlim()[1] > 3  # the last epoch's markers are not cut


def test_compare_empty_states_are_one_sentence_not_grey_boxes(qtbot):
    from mnist_studio.ui.evaluate.compare_chart import CompareChart

    chart = CompareChart()
    qtbot.addWidget(chart)
    chart.resize(500, 300)
    chart.show()
    chart.show_runs([])
    assert chart.line_count() == 0 and not chart.figure.axes  # no empty axes drawn
    assert chart.empty_text.get_text().replace("\n", " ").startswith("Select two or more runs to compare")
    chart.show_runs([_record("only", [0.4, 0.3])])
    assert "“only” is selected" in chart.empty_text.get_text().replace("\n", " ")
    chart.show_runs([_record("a", []), _record("b", [])])  # runs stopped before an epoch ended
    assert "no finished epoch" in chart.empty_text.get_text().replace("\n", " ")
    chart.draw()
    box = chart.empty_text.get_window_extent(chart.figure.canvas.get_renderer())
    assert box.x0 >= 0 and box.x1 <= chart.figure.bbox.width  # wrapped to fit, not clipped
    chart.set_style(1.6, dark=False)
    assert chart.empty_text.get_fontsize() * chart.figure.dpi / 72 >= 16


def test_the_overfitting_demo_rise_of_validation_loss_is_visible(qtbot):
    """40 epochs of 32 batches: training loss falls from 2.3 towards 0, validation loss bottoms at 0.22 and
    climbs to 0.27. The loss axis fits those curves, not the first epoch's steep start."""
    chart = _chart(qtbot)
    chart.reset(epochs=40)
    val = [0.45, 0.33, 0.27, 0.24, 0.22] + list(np.linspace(0.22, 0.27, 35))
    for epoch in range(40):
        xs = [epoch + (b + 1) / 32 for b in range(32)]
        losses = [2.3 * math.exp(-3 * x) + 0.4 * math.exp(-x / 6) for x in xs]
        chart.add_batches(xs, losses, [min(1.0, 0.5 + x / 20) for x in xs])
        chart.add_epoch(epoch + 1, val[epoch], 0.93)
    chart.flush()
    top = chart.ax_loss.get_ylim()[1]
    assert top <= 0.6, top
    assert (0.27 - 0.22) / top >= 0.08  # the rise takes at least 8 % of the plot's height


def test_after_stop_the_last_validation_point_ends_where_the_training_line_ends(qtbot):
    chart = _chart(qtbot)
    chart.reset(epochs=5)
    chart.add_batches([0.5, 1.0, 1.5, 2.0, 2.4], [1.0, 0.6, 0.4, 0.3, 0.28], [0.7, 0.8, 0.85, 0.9, 0.91])
    chart.add_epoch(1, 0.5, 0.85)
    chart.add_epoch(2, 0.35, 0.9)
    chart.add_epoch(3, 0.33, 0.9)  # stopped by the user after a batch of epoch 3: Keras validates the part
    chart.flush()
    assert list(chart.l_val_loss.get_xdata()) == pytest.approx([1.0, 2.0, 2.4])
    assert list(chart.l_val_acc.get_xdata())[-1] == pytest.approx(chart.l_train_loss.get_xdata()[-1])


@pytest.mark.parametrize("which", ["training", "compare"])
def test_a_chart_squeezed_to_a_few_pixels_draws_without_warnings(qtbot, which):
    """A window made tiny (the monkey soak does it) leaves the charts a few pixels: matplotlib's constrained
    layout cannot fit and warned on every redraw; the chart just draws what fits."""
    import warnings

    from mnist_studio.ui.evaluate.compare_chart import CompareChart

    chart = TrainingChart() if which == "training" else CompareChart()
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    if which == "training":
        chart.reset(2)
        chart.add_batch(0.5, 0.7, 0.8)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for size in ((12, 8), (3, 3), (640, 320)):
            chart.resize(*size)
            chart.draw()
            if which == "training":
                chart.flush(force=True)
    assert not [w for w in caught if "constrained_layout" in str(w.message)]

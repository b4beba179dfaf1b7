"""The training chart stays cheap on the UI thread while a run trains: a change of limits draws only the plot it
changes (one per event-loop turn, no layout), the picture is the one a whole render gives, the axes keep holding
the data, and a long run's curves are cut to the points that can show."""

import math

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PySide6.QtWidgets import QApplication

from mnist_studio.ui.common.charts import TrainingChart
from mnist_studio.ui.common.curves import debiased_ema, pixel_points


def _settled_chart(qtbot, w, h):
    chart = TrainingChart()
    qtbot.addWidget(chart)
    chart.resize(w, h)
    chart.show()
    qtbot.waitExposed(chart)
    QApplication.processEvents()  # matplotlib's own draw of the resized figure, the show's flush
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    return chart


def _epoch(chart, epoch, batches=50, val=None):
    """One epoch of a network that learns: loss from about ln 10 down, accuracy from about 10 % up."""
    xs = [epoch - 1 + (b + 1) / batches for b in range(batches)]
    chart.add_batches(xs, [2.3 * math.exp(-3 * x) + 0.08 for x in xs], [1 - 0.9 * math.exp(-4 * x) for x in xs])
    if val is not None:
        chart.add_epoch(epoch, *val)
    chart.flush()


def test_a_limit_change_redraws_only_its_plot_and_lays_out_only_when_labels_change_width(qtbot):
    chart = _settled_chart(qtbot, 1100, 520)
    layouts, full, plots = chart.layouts, chart.full_redraws, chart.axes_redraws
    chart.reset(epochs=1)  # Train: the hint goes; each plot is drawn with its numbers, one per turn
    assert chart.axes_redraws == plots + 1 and not chart.up_to_date()
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    assert chart.axes_redraws == plots + 2
    chart.add_batches([0.02, 0.04], [2.31, 2.29], [0.09, 0.11])  # an untrained network starts where the axes are
    chart.flush()
    assert chart.axes_redraws == plots + 2 and chart.ax_loss.get_ylim() == (0, 2.5)
    acc_limits = chart.ax_acc.get_ylim()
    chart.add_batches([0.06, 0.08, 0.1, 0.12, 0.14], [2.8] * 5, [0.1] * 5)  # it gets worse first: the loss axis
    chart.flush()  # grows to 3 (its labels keep their width)
    assert chart.ax_loss.get_ylim() == (0, 3.0) and chart.ax_acc.get_ylim() == acc_limits
    assert chart.axes_redraws == plots + 3 and chart.up_to_date()  # that plot alone, in this one turn
    assert (chart.layouts, chart.full_redraws) == (layouts, full)  # no layout, no whole render

    chart.reset(epochs=3)
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    _epoch(chart, 1)
    layouts, plots = chart.layouts, chart.axes_redraws
    _epoch(chart, 2)  # the loss axis leaves epoch 1's steep start out: 0.000 to 0.300, wider labels than 0.0
    assert chart.layouts == layouts + 1 and chart.axes_redraws == plots  # a turn that lays out, draws nothing
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    assert chart.axes_redraws == plots + 2 and chart.layouts == layouts + 1 and chart.full_redraws == full
    assert chart.ax_loss.get_ylim()[1] < 1.0
    renderer = chart.get_renderer()  # the wider labels fit: nothing leaves the figure or reaches the other plot
    loss_box, acc_box = chart.ax_loss.get_tightbbox(renderer), chart.ax_acc.get_tightbbox(renderer)
    assert loss_box.x0 >= 0 and acc_box.x1 <= chart.figure.bbox.width + 1 and loss_box.x1 < acc_box.x0
    label = chart.ax_loss.yaxis.label.get_window_extent(renderer)
    ticks = [t.get_window_extent(renderer) for t in chart.ax_loss.get_yticklabels() if t.get_text()]
    assert label.x1 <= min(t.x0 for t in ticks)  # the axis name beside its numbers, not over them
    widths = [ax.get_position().width for ax in (chart.ax_loss, chart.ax_acc)]
    assert widths[0] == pytest.approx(widths[1], rel=0.01)  # the layout's own result: plots as wide as each other


@pytest.mark.parametrize("dark", [False, True])
def test_plots_drawn_again_one_at_a_time_give_the_picture_a_whole_render_gives(qtbot, dark):
    chart = _settled_chart(qtbot, 1280, 800)
    chart.set_style(1.0, dark)
    chart.reset(epochs=2)
    for epoch in (1, 2):
        _epoch(chart, epoch, val=(0.12, 0.97))
        qtbot.waitUntil(chart.up_to_date, timeout=3000)
    chart.reset(epochs=7)  # both plots change limits (x to 7 epochs, loss back to 2.5), tick labels narrower
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    chart.add_batches([0.5, 1.0], [3.1, 2.9], [0.2, 0.4])  # and the loss plot alone again (top 2.5 -> 4)
    chart.flush()
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    partial = np.array(chart.get_renderer().buffer_rgba())
    FigureCanvasAgg.draw(chart)  # the whole figure, as it is placed now (the figure has no layout engine) ...
    for key, ax in (("loss", chart.ax_loss), ("acc", chart.ax_acc)):
        for line in chart.lines[key]:  # ... and the curves over it, as on screen
            ax.draw_artist(line)
    whole = np.array(chart.get_renderer().buffer_rgba())
    assert partial.shape == whole.shape
    assert not (partial != whole).any(axis=2).any()  # pixel for pixel


def test_the_axes_hold_the_data_through_a_long_overfitting_run(qtbot):
    chart = _settled_chart(qtbot, 1100, 520)
    layouts, full = chart.layouts, chart.full_redraws
    chart.reset(epochs=30)
    val_losses = list(np.linspace(0.5, 0.25, 8)) + list(np.linspace(0.25, 1.4, 22))  # falls, then climbs far
    for epoch in range(1, 31):
        _epoch(chart, epoch, batches=40, val=(val_losses[epoch - 1], 0.9 + epoch / 1000))
        qtbot.waitUntil(chart.up_to_date, timeout=3000)
        for ax in (chart.ax_loss, chart.ax_acc):
            assert max(chart.train_x + chart.val_x) <= ax.get_xlim()[1]
        fitted = [v for x, v in zip(chart.train_x, chart.smooth_loss, strict=True) if x > 1.0 or epoch == 1]
        top = chart.ax_loss.get_ylim()[1]
        assert max(fitted + chart.val_loss) <= top and min(chart.val_loss) >= 0, (epoch, top)
        low, high = chart.ax_acc.get_ylim()
        assert low <= min(chart.train_acc + chart.val_acc) and max(chart.train_acc + chart.val_acc) <= high
    assert chart.ax_loss.get_ylim()[1] >= 1.4 and chart.axes_redraws > 0
    assert chart.full_redraws == full and chart.layouts - layouts <= 4  # a layout only when labels change width


def test_a_long_curve_keeps_each_pixel_column_s_first_last_lowest_highest_and_gaps():
    rng = np.random.default_rng(0)
    x = np.linspace(0, 40, 20000)
    y = np.exp(-x / 5) + rng.normal(0, 0.05, x.size)
    y[5000:5003] = np.nan  # a diverged batch: the line has a gap there
    px, py = pixel_points(x, y, 0, 41.2, 500)
    assert len(px) <= 4 * 500 + 2 and np.all(np.diff(px) >= 0)
    assert (px[0], px[-1]) == (x[0], x[-1])
    col, pcol = (np.minimum((v * 500 / 41.2).astype(int), 499) for v in (x, px))
    for c in np.unique(col):
        full, kept = y[col == c], py[pcol == c]
        assert np.nanmin(kept) == np.nanmin(full) and np.nanmax(kept) == np.nanmax(full)
        assert np.isnan(kept).any() == np.isnan(full).any()
    short = np.arange(100.0)
    assert np.array_equal(pixel_points(short, short, 0, 100, 500)[1], short)  # few points: the line whole


def test_a_long_run_draws_only_the_points_that_show_and_exports_them_all(qtbot):
    chart = _settled_chart(qtbot, 1100, 520)
    chart.reset(epochs=40)
    n = 40 * 469  # 40 epochs of 60,000 images in batches of 128
    xs = list(np.arange(1, n + 1) / 469)
    losses = list(2.3 * np.exp(-np.asarray(xs)) + 0.05)
    chart.add_batches(xs, losses, [0.9] * n)
    chart.flush()
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    columns = chart.ax_loss.bbox.width
    assert len(chart.l_train_loss.get_xdata()) <= 4 * columns + 4 < n
    assert max(chart.l_smooth_loss.get_ydata()) == max(debiased_ema(losses, chart.smoothing))
    assert chart.render_png(dpi=40)  # the export draws every point (whole), then the screen goes back
    assert len(chart.l_train_loss.get_xdata()) <= 4 * columns + 4


def _screen_pixels(chart):
    return np.array(chart.get_renderer().buffer_rgba())


def test_a_resize_renders_the_chart_once_with_its_curves_and_an_idle_empty_chart_renders_nothing(qtbot):
    chart = _settled_chart(qtbot, 1100, 520)
    full = chart.full_redraws
    for _ in range(3):  # the empty chart asked again (a smoothing change, a tab switch): the picture stands
        chart.set_smoothing(chart.smoothing)
        QApplication.processEvents()
    assert chart.full_redraws == full
    chart.reset(epochs=2)
    _epoch(chart, 1, val=(0.2, 0.95))
    qtbot.waitUntil(chart.up_to_date, timeout=3000)
    full = chart.full_redraws
    chart.resize(900, 480)  # matplotlib's own request for a draw and the chart's join: one whole render
    qtbot.waitUntil(lambda: chart._size() == (900, 480) and chart.up_to_date(), timeout=3000)
    for _ in range(3):
        QApplication.processEvents()
    assert chart.full_redraws == full + 1
    shown = _screen_pixels(chart)
    FigureCanvasAgg.draw(chart)  # the figure as placed now, without the curves (animated artists)
    bare = _screen_pixels(chart)
    assert (shown != bare).any(axis=2).sum() > 500  # the curves are on the resized picture, not left blank

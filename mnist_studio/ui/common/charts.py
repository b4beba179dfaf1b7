"""TrainingChart: live loss and accuracy (matplotlib in Qt), updated by line data at a bounded rate.

Cheap on the UI thread while a run trains: the curves (cut to the points that can show) are blitted over a cached
background; a plot whose limits change is drawn again alone, one plot per event-loop turn; the constrained layout
runs in a full render (shown, resized, restyled), else only in a turn of its own when tick labels grow wider."""

from __future__ import annotations

import math

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.transforms import Bbox
from PySide6.QtCore import QCoreApplication, QTimer

from mnist_studio.storage.runs import atomic_write_bytes
from mnist_studio.ui.common.curves import DEFAULT_SMOOTHING, EmaState, debiased_ema, pixel_points
from mnist_studio.ui.look.chart_style import (
    chart_colors,
    decoration_span,
    draw_fitting,
    erase,
    lay_out,
    nice_ceiling,
    style_axes,
    style_legend,
    wrap_to_width,
)

REDRAW_MS = 200  # at most 5 updates a second, whatever the event rate
ACC_FLOORS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98)  # the accuracy axis starts at one of these
TRAIN_COLOR, VAL_COLOR = "#2f7ed8", "#e4572e"
FAINT_ALPHA = 0.3
X_MARGIN = 0.03  # of the x span, so the last point (and its marker) is not cut off
START_LOSS_TOP = nice_ceiling(math.log(10) * 1.04)  # an untrained 10-way classifier's loss is about ln 10


translate = QCoreApplication.translate  # lupdate reads translate("TrainingChart", "...") calls


class TrainingChart(FigureCanvasQTAgg):
    """Loss and accuracy on a shared x axis (epochs): each batch's own training value drawn faint, its
    debiased moving average on top, and the validation value of each epoch as a point."""

    def __init__(self, parent=None):
        self.figure = Figure(figsize=(6, 3.2))  # no layout engine: a draw does no layout (see _lay_out)
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("lossChart")
        self.ax_loss = self.figure.add_subplot(1, 2, 1)
        self.ax_acc = self.figure.add_subplot(1, 2, 2)
        self._font_scale = 1.0
        self._dark = False
        self.smoothing = DEFAULT_SMOOTHING
        self.train_x: list[float] = []
        self.train_loss: list[float] = []  # each batch's own value
        self.train_acc: list[float] = []
        self.smooth_loss: list[float] = []
        self.smooth_acc: list[float] = []
        self.val_x: list[float] = []
        self.val_loss: list[float] = []
        self.val_acc: list[float] = []
        self._ema_loss = EmaState(self.smoothing)
        self._ema_acc = EmaState(self.smoothing)
        # Animated lines are left out of the full render and blitted over a cached background.
        self.lines = {}
        for key, ax in (("loss", self.ax_loss), ("acc", self.ax_acc)):
            (faint,) = ax.plot([], [], color=TRAIN_COLOR, lw=1.0, alpha=FAINT_ALPHA, animated=True)
            (smooth,) = ax.plot([], [], color=TRAIN_COLOR, lw=2.2, animated=True)
            (val,) = ax.plot([], [], "o-", color=VAL_COLOR, lw=1.6, ms=7, animated=True)
            self.lines[key] = (faint, smooth, val)
        # The empty state: one sentence over both plots until a run starts (part of the background).
        self.hint = self.figure.text(0.5, 0.62, "", ha="center", va="center", alpha=0.8, zorder=100)
        self.l_train_loss, self.l_smooth_loss, self.l_val_loss = self.lines["loss"]
        self.l_train_acc, self.l_smooth_acc, self.l_val_acc = self.lines["acc"]
        self._epochs_total = 1
        self._started = False
        self._engine = ConstrainedLayoutEngine()
        self._background = None  # the figure without the curves, as the buffer holds it
        self._drawn: dict = {}  # Axes -> the key (limits, empty) it is drawn with in the background
        self._spans: dict = {}  # Axes -> its labels' left and right edges as the last layout placed them
        self._laid_out: dict = {}  # Axes -> the key it had when the last layout measured it
        self._mid = 0.5  # where the two plots' parts of the figure meet (a fraction of its width), from the layout
        self._limits = None
        self._legend_size = None
        self._drawn_size = None
        self.full_redraws = 0  # whole figure rendered (shown, resized, restyled)
        self.axes_redraws = 0  # one plot rendered again on its own (its limits changed)
        self.layouts = 0
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self.flush)
        self._timer.start()
        self.redraws = 0
        self.retranslate()
        self._show_empty(True)

    # -- data -------------------------------------------------------------------------------------
    def reset(self, epochs: int = 1) -> None:
        """Empty the chart for a new run of ``epochs`` epochs (the x axis spans the whole run); the hint goes."""
        for series in (self.train_x, self.train_loss, self.train_acc, self.smooth_loss, self.smooth_acc,
                       self.val_x, self.val_loss, self.val_acc):
            series.clear()
        self._ema_loss, self._ema_acc = EmaState(self.smoothing), EmaState(self.smoothing)
        self._epochs_total = max(1, int(epochs))
        self._started = True  # a run has begun: "Press Train" would be wrong during its first epoch
        self._dirty = True
        self.flush()  # only the plots whose limits differ from the last run's are drawn again

    def add_batch(self, epoch_progress: float, loss: float, accuracy: float) -> None:
        """One batch's own loss and accuracy; ``epoch_progress`` in epochs (1.5 = halfway through epoch 2)."""
        self.train_x.append(float(epoch_progress))
        self.train_loss.append(float(loss))
        self.train_acc.append(float(accuracy))
        self.smooth_loss.append(self._ema_loss.push(float(loss)))
        self.smooth_acc.append(self._ema_acc.push(float(accuracy)))
        self._dirty = True

    def add_batches(self, xs, losses, accuracies) -> None:
        for x, loss, acc in zip(xs, losses, accuracies, strict=True):
            self.add_batch(x, loss, acc)

    def add_epoch(self, epoch: int, val_loss: float, val_accuracy: float) -> None:
        self.val_x.append(float(epoch))
        self.val_loss.append(float(val_loss))
        self.val_acc.append(float(val_accuracy))
        self._dirty = True

    def set_smoothing(self, weight: float) -> None:
        """0 draws the raw per-batch values, 0.99 a very smooth trend (TensorBoard's slider)."""
        self.smoothing = min(max(float(weight), 0.0), 0.99)
        self.smooth_loss = debiased_ema(self.train_loss, self.smoothing)
        self.smooth_acc = debiased_ema(self.train_acc, self.smoothing)
        self._ema_loss, self._ema_acc = EmaState(self.smoothing), EmaState(self.smoothing)
        for y in self.train_loss:
            self._ema_loss.push(y)
        for y in self.train_acc:
            self._ema_acc.push(y)
        self._dirty = True
        self.flush()

    def point_count(self) -> int:
        return len(self.train_x) + len(self.val_x)

    def limits(self) -> tuple:
        """(x_max, loss_top, acc_bottom). The loss axis fits the curves a class reads - the validation points and
        the smoothed training loss - and, once the first epoch is over, leaves that epoch's steep start out (it
        runs in from the top), so a late rise of validation loss (overfitting) fills a visible part of the axis.
        The faint per-batch values may leave the top. Before the first batch the axes are set for an untrained
        network (loss up to ln 10, accuracy from 0), so a run's first batches rarely change a limit. Limits change
        rarely, so most updates need no plot drawn again."""
        x_max = max([float(self._epochs_total)] + self.train_x + self.val_x)
        smooth = self.smooth_loss
        if self.train_x and self.train_x[-1] > 1.0:
            smooth = [v for x, v in zip(self.train_x, self.smooth_loss, strict=True) if x > 1.0]
        losses = [v for v in smooth + self.val_loss if math.isfinite(v)]
        if not losses:
            losses = [v for v in self.train_loss if math.isfinite(v)]
        loss_top = nice_ceiling(max(losses) * 1.04) if losses else START_LOSS_TOP
        accs = [v for v in self.train_acc + self.val_acc if math.isfinite(v)]
        low = min(accs) if accs else 0.0
        acc_bottom = max([b for b in ACC_FLOORS if b <= low - 0.005] or [0.0])
        return x_max, loss_top, acc_bottom

    def validation_x(self) -> list[float]:
        """Where each validation point is drawn: at its epoch's end, or where the training line ends when the
        run stopped inside that epoch (the stopped epoch's point sits on the end of the line, not past it)."""
        last = self.train_x[-1] if self.train_x else None
        return [last if last is not None and e - 1 < last < e else e for e in self.val_x]

    def _apply_limits(self, limits) -> None:
        if limits == self._limits:
            return
        self._limits = limits
        x_max, loss_top, acc_bottom = limits
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, x_max * (1 + X_MARGIN))
        self.ax_loss.set_ylim(0, loss_top)
        self.ax_acc.set_ylim(acc_bottom, 1.0 + (1.0 - acc_bottom) * X_MARGIN)

    def _set_line_data(self, whole: bool = False) -> None:
        """The lines' points: on screen only those that can show at the plot's pixel columns (a long run draws
        as fast as a short one, and looks the same); ``whole`` for an export at another size."""
        val_x = self.validation_x()
        for ax, (faint, smooth, val), raw, smoothed, val_y in (
                (self.ax_loss, self.lines["loss"], self.train_loss, self.smooth_loss, self.val_loss),
                (self.ax_acc, self.lines["acc"], self.train_acc, self.smooth_acc, self.val_acc)):
            x_min, x_max = ax.get_xlim()
            columns = 10**9 if whole else ax.bbox.width
            faint.set_data(*pixel_points(self.train_x, raw, x_min, x_max, columns))
            smooth.set_data(*pixel_points(self.train_x, smoothed, x_min, x_max, columns))
            val.set_data(val_x, val_y)

    def _show_empty(self, empty: bool) -> None:
        """The empty state: the hint alone, no numbers or axis names for it to cover."""
        self.hint.set_visible(empty)
        for ax in (self.ax_loss, self.ax_acc):
            ax.tick_params(labelbottom=not empty, labelleft=not empty)
            ax.xaxis.label.set_visible(not empty)
            ax.yaxis.label.set_visible(not empty)

    def flush(self, force: bool = False) -> None:
        if not self._dirty and not force:
            return
        if not self.isVisible():  # render when shown (not before the window's first paint)
            self._dirty = True
            self._background = None
            return
        self._dirty = False
        self._apply_limits(self.limits())
        self._set_line_data()
        empty = not (self.train_x or self.val_x or self._started)
        toggled = empty != self.hint.get_visible() or empty == self.ax_loss.xaxis.label.get_visible()
        if toggled:
            self._show_empty(empty)
        if force or (empty and toggled) or self._background is None or self._size() != self._drawn_size:
            self.draw()  # everything, the curves included; Qt shows it on its next paint
            self.redraws += 1
            return
        stale = [ax for ax in (self.ax_loss, self.ax_acc) if self._drawn.get(ax) != self._cell_key(ax)]
        if stale and self._labels_moved(stale[0]):  # its tick labels changed width: a layout, in a turn of its own
            self._lay_out()
            self._drawn.clear()  # both plots moved: each is drawn again in a later turn
            self._later()
            return  # the screen keeps its last (whole, true) picture meanwhile
        if stale:
            self._draw_axes(stale[0])  # one plot per event-loop turn: each turn stays short
            if len(stale) > 1:
                self._later()
        else:
            self.restore_region(self._background)
        self._draw_lines()
        self.blit(self.figure.bbox)  # only the lines are re-rendered on a normal update
        self.redraws += 1

    def up_to_date(self) -> bool:
        """Everything is drawn: nothing waits for the next tick, and each plot shows its current limits (after a
        change of limits the plots are drawn again one per event-loop turn)."""
        return not self._dirty and all(self._drawn.get(ax) == self._cell_key(ax) for ax in (self.ax_loss, self.ax_acc))

    def _size(self) -> tuple[int, int]:
        return int(self.figure.bbox.width), int(self.figure.bbox.height)

    def _cell_key(self, ax) -> tuple:
        return ax.get_xlim(), ax.get_ylim(), self.hint.get_visible()

    def _later(self) -> None:
        self._dirty = True
        QTimer.singleShot(0, self, self.flush)

    def _lay_out(self) -> None:
        """Constrained layout, run only here: in a full draw, or in a turn of its own when tick labels change
        width. The empty chart is laid out with its numbers and axis names shown (the first run needs no layout)."""
        empty = self.hint.get_visible()
        if empty:
            self._show_empty(False)
        column = lay_out(self.figure, self._engine, self.ax_loss)
        self._mid = column or (self.ax_loss.get_position().x1 + self.ax_acc.get_position().x0) / 2
        self._laid_out = {ax: self._cell_key(ax) for ax in (self.ax_loss, self.ax_acc)}
        self._spans.clear()
        if empty:
            self._note_spans()  # as they will be shown
            self._show_empty(True)
        self.layouts += 1

    def _note_spans(self) -> None:
        self._spans = {ax: decoration_span(ax, self.get_renderer()) for ax in (self.ax_loss, self.ax_acc)}

    def _labels_moved(self, ax) -> bool:
        """Do the plot's tick and axis labels now reach out past where the last layout placed them (or fall well
        short of it)?"""
        span = decoration_span(ax, self.get_renderer())
        if ax not in self._spans:
            if self._laid_out.get(ax) != self._cell_key(ax):
                return True  # its limits changed since the layout measured it
            self._spans[ax] = span  # first drawn since the layout: the labels are where it placed them
        ref = self._spans[ax]
        out, inward = max(ref[0] - span[0], span[1] - ref[1]), max(span[0] - ref[0], ref[1] - span[1])
        # wider labels never crowd; narrower ones may leave some room (0.0 after 0.000: the next run's first epoch)
        return out > 0.5 or inward > 1.5 * self.font_size() * 0.9 * self.figure.dpi / 72

    def _cell(self, ax) -> Bbox:
        """The part of the figure (display pixels) that is ``ax``'s: its column in the last layout."""
        width, height, mid = self.figure.bbox.width, self.figure.bbox.height, round(self.figure.bbox.width * self._mid)
        return Bbox.from_extents(0, 0, mid, height) if ax is self.ax_loss else Bbox.from_extents(mid, 0, width, height)

    def _draw_axes(self, ax) -> None:
        """Draw one plot again on its own (its limits changed): its part of the background, no layout."""
        renderer = self.get_renderer()
        self.restore_region(self._background)
        erase(renderer, self._cell(ax), self.figure.get_facecolor())
        ax.draw(renderer)  # its ticks, labels, title and legend; the animated curves are not part of it
        self._background = self.copy_from_bbox(self.figure.bbox)
        self._drawn[ax] = self._cell_key(ax)
        self.axes_redraws += 1

    def _draw_lines(self) -> None:
        """The curves, on each plot drawn with its current limits (a plot still waiting for its turn shows none)."""
        for key, ax in (("loss", self.ax_loss), ("acc", self.ax_acc)):
            if self._drawn.get(ax) == self._cell_key(ax):
                for line in self.lines[key]:
                    ax.draw_artist(line)

    def draw(self) -> None:
        """The whole figure: laid out, rendered, kept as the background, the curves drawn over it."""
        self._draw_pending = False  # matplotlib's paintEvent draws only for a request no draw has met
        self._apply_limits(self.limits())
        if self._size() != self._legend_size:
            self._legend_size = self._size()
            self._update_legends()
        self._lay_out()
        self._set_line_data()  # for the plots' widths as laid out
        draw_fitting(self)
        if not self.hint.get_visible():
            self._note_spans()
        self._background = self.copy_from_bbox(self.figure.bbox)
        self._drawn = {ax: self._cell_key(ax) for ax in (self.ax_loss, self.ax_acc)}
        self._drawn_size = self._size()
        self._draw_lines()
        self.full_redraws += 1

    def draw_idle(self) -> None:
        """matplotlib's requests (its resizeEvent's) join the chart's: one whole render per resize, not three -
        by the next flush, or by the next paint when that comes first (a hidden chart shown, a grab)."""
        self._dirty = self._draw_pending = True
        QTimer.singleShot(0, self, self.flush)

    def showEvent(self, event):
        super().showEvent(event)
        self._dirty = True
        QTimer.singleShot(0, self, self.flush)  # at once, not on the next tick: no stale picture after a switch

    # -- look -------------------------------------------------------------------------------------
    def set_style(self, font_scale: float, dark: bool) -> None:
        self._font_scale, self._dark = font_scale, dark
        self.retranslate()

    def font_size(self) -> float:
        """Base text size in points (titles 1.2x, ticks and legends 0.9x); scales in projector mode."""
        return 10 * self._font_scale

    def legend_texts(self) -> dict[str, list[str]]:
        return {
            "loss": [translate("TrainingChart", "Training loss per batch (faint) and smoothed"),
                     translate("TrainingChart", "Validation loss per epoch")],
            "acc": [translate("TrainingChart", "Training accuracy per batch (faint) and smoothed"),
                    translate("TrainingChart", "Validation accuracy per epoch")],
        }

    def _update_legends(self) -> None:
        size = self.font_size()
        font_px = size * 0.9 * self.figure.dpi / 72
        hint = translate("TrainingChart", "Press Train: the curves appear here as the network learns.")
        self.hint.set_text(wrap_to_width(hint, self.figure.bbox.width * 0.7, font_px * 1.22))
        for key, ax in (("loss", self.ax_loss), ("acc", self.ax_acc)):
            faint, smooth, val = self.lines[key]
            width = self.figure.bbox.width / 2 - 3.6 * font_px  # half the figure, less the legend's handle
            labels = [wrap_to_width(t, width, font_px) for t in self.legend_texts()[key]]
            style_legend(ax, size, self._dark, handles=[(faint, smooth), val], labels=labels)

    def retranslate(self) -> None:
        size = self.font_size()
        fg, _ = chart_colors(self._dark)
        style_axes(self.figure, (self.ax_loss, self.ax_acc), size, self._dark)
        for ax, title, ylabel in (
                (self.ax_loss, translate("TrainingChart", "Loss"), translate("TrainingChart", "loss")),
                (self.ax_acc, translate("TrainingChart", "Accuracy"), translate("TrainingChart", "accuracy"))):
            ax.set_title(title, fontsize=size * 1.2, color=fg)
            ax.set_xlabel(translate("TrainingChart", "epoch"), fontsize=size, color=fg)
            ax.set_ylabel(ylabel, fontsize=size, color=fg)
        self.hint.set_fontsize(size * 1.1)
        self.hint.set_color(fg)
        self.hint.set_bbox(dict(boxstyle="round,pad=0.7", facecolor=chart_colors(self._dark)[1], edgecolor=fg,
                                alpha=0.95))
        self._update_legends()
        self.flush(force=True)

    def render_png(self, dpi: int = 150) -> bytes:
        """The chart with its lines as PNG bytes (animated artists are skipped by savefig: include them)."""
        import io

        lines = [line for group in self.lines.values() for line in group]
        for line in lines:
            line.set_animated(False)
        try:
            self._apply_limits(self.limits())
            self._set_line_data(whole=True)
            self._lay_out()  # for the figure's size now (a chart never shown was never laid out)
            buffer = io.BytesIO()
            self.figure.savefig(buffer, format="png", dpi=dpi, facecolor=self.figure.get_facecolor())
            return buffer.getvalue()
        finally:
            for line in lines:
                line.set_animated(True)
            self.flush(force=True)

    def export_png(self, path: str) -> None:
        """Write the chart to ``path`` atomically; raises ``OSError`` when the file cannot be written."""
        from pathlib import Path

        atomic_write_bytes(Path(path), self.render_png())

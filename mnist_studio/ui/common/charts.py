"""TrainingChart: live loss and accuracy (matplotlib in Qt), updated by line data at a bounded rate."""

from __future__ import annotations

import math

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication, QTimer

from mnist_studio.storage.runs import atomic_write_bytes
from mnist_studio.ui.look.chart_style import (
    chart_colors,
    draw_fitting,
    nice_ceiling,
    style_axes,
    style_legend,
    wrap_to_width,
)

REDRAW_MS = 200  # at most 5 updates a second, whatever the event rate
DEFAULT_SMOOTHING = 0.6
ACC_FLOORS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98)  # the accuracy axis starts at one of these
TRAIN_COLOR, VAL_COLOR = "#2f7ed8", "#e4572e"
FAINT_ALPHA = 0.3
X_MARGIN = 0.03  # of the x span, so the last point (and its marker) is not cut off


def debiased_ema(values, weight: float) -> list[float]:
    """TensorBoard's smoothing: ``s_t = w*s_{t-1} + (1-w)*y_t`` from ``s_0 = 0``, reported as ``s_t/(1-w^t)``.

    Non-finite values are passed over (they neither count in ``t`` nor move ``s``) and come out as NaN.
    """
    out, state = [], EmaState(weight)
    for y in values:
        out.append(state.push(y))
    return out


class EmaState:
    """The running state of ``debiased_ema`` (lets the chart smooth each new batch in O(1))."""

    def __init__(self, weight: float):
        self.weight = min(max(float(weight), 0.0), 0.999)
        self.s, self.t = 0.0, 0

    def push(self, y: float) -> float:
        if not math.isfinite(y):
            return float("nan")
        self.t += 1
        self.s = self.weight * self.s + (1 - self.weight) * y
        return self.s / (1 - self.weight**self.t)


translate = QCoreApplication.translate  # lupdate reads translate("TrainingChart", "...") calls


class TrainingChart(FigureCanvasQTAgg):
    """Loss and accuracy on a shared x axis (epochs): each batch's own training value drawn faint, its
    debiased moving average on top, and the validation value of each epoch as a point."""

    def __init__(self, parent=None):
        self.figure = Figure(figsize=(6, 3.2), layout="constrained")
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
        self._background = None
        self._drawn_limits = None
        self._drawn_size = None
        self.full_redraws = 0
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
        self.flush(force=True)

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
        The faint per-batch values may leave the top. Limits change rarely, so most updates need no full redraw."""
        x_max = max([float(self._epochs_total)] + self.train_x + self.val_x)
        smooth = self.smooth_loss
        if self.train_x and self.train_x[-1] > 1.0:
            smooth = [v for x, v in zip(self.train_x, self.smooth_loss, strict=True) if x > 1.0]
        losses = [v for v in smooth + self.val_loss if math.isfinite(v)]
        if not losses:
            losses = [v for v in self.train_loss if math.isfinite(v)]
        loss_top = nice_ceiling(max(losses) * 1.04) if losses else 1.0
        accs = [v for v in self.train_acc + self.val_acc if math.isfinite(v)]
        low = min(accs) if accs else 0.9
        acc_bottom = max([b for b in ACC_FLOORS if b <= low - 0.005] or [0.0])
        return x_max, loss_top, acc_bottom

    def validation_x(self) -> list[float]:
        """Where each validation point is drawn: at its epoch's end, or where the training line ends when the
        run stopped inside that epoch (the stopped epoch's point sits on the end of the line, not past it)."""
        last = self.train_x[-1] if self.train_x else None
        return [last if last is not None and e - 1 < last < e else e for e in self.val_x]

    def _apply_limits(self, limits) -> None:
        x_max, loss_top, acc_bottom = limits
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, x_max * (1 + X_MARGIN))
        self.ax_loss.set_ylim(0, loss_top)
        self.ax_acc.set_ylim(acc_bottom, 1.0 + (1.0 - acc_bottom) * X_MARGIN)

    def _set_line_data(self) -> None:
        self.l_train_loss.set_data(self.train_x, self.train_loss)
        self.l_smooth_loss.set_data(self.train_x, self.smooth_loss)
        val_x = self.validation_x()
        self.l_val_loss.set_data(val_x, self.val_loss)
        self.l_train_acc.set_data(self.train_x, self.train_acc)
        self.l_smooth_acc.set_data(self.train_x, self.smooth_acc)
        self.l_val_acc.set_data(val_x, self.val_acc)

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
        self._set_line_data()
        limits = self.limits()
        size = (int(self.figure.bbox.width), int(self.figure.bbox.height))
        empty = not (self.train_x or self.val_x or self._started)
        if empty != self.hint.get_visible() or empty == self.ax_loss.xaxis.label.get_visible():
            self._show_empty(empty)
            force = True
        if force or limits != self._drawn_limits or size != self._drawn_size or self._background is None:
            self._apply_limits(limits)
            if size != self._drawn_size:
                self._update_legends()
            self.draw()  # full render: axes, ticks, labels, legends (the lines are animated: not part of it)
            self._background = self.copy_from_bbox(self.figure.bbox)
            self._drawn_limits, self._drawn_size = limits, size
            self.full_redraws += 1
        else:
            self.restore_region(self._background)
        for key, ax in (("loss", self.ax_loss), ("acc", self.ax_acc)):
            for line in self.lines[key]:
                ax.draw_artist(line)
        self.blit(self.figure.bbox)  # only the lines are re-rendered on a normal update
        self.redraws += 1

    def draw(self) -> None:
        draw_fitting(self)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._background = None
        self._dirty = True
        # matplotlib redraws the resized figure on its next idle tick, without the blitted curves: draw them
        # again whole after that (a layout switch otherwise leaves the chart blank until the next epoch).
        QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, lambda: self.flush(force=True)))

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
            self._set_line_data()
            self._apply_limits(self.limits())
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

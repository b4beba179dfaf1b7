"""TrainingChart: live loss and accuracy (matplotlib in Qt), updated by line data at a bounded rate."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("QtAgg")
CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans KR", "NanumGothic", "Malgun Gothic",
                "AppleGothic", "Apple SD Gothic Neo", "Arial Unicode MS")


def _use_cjk_fallback() -> None:
    """Hangul falls back to a CJK font where one is installed (Debian: fonts-noto-cjk).

    Matplotlib caches its font list once, so a font installed later is registered here; and glyph
    fallback only happens across an explicit ``font.family`` list.
    """
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    if not any(name in known for name in CJK_FAMILIES):
        for path in font_manager.findSystemFonts():
            if "CJK" in path or "Nanum" in path:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    pass
        known = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [name for name in CJK_FAMILIES if name in known][:1]
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", *cjk]


_use_cjk_fallback()

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

REDRAW_MS = 200  # at most 5 updates a second, whatever the event rate
ACC_FLOORS = (0.0, 0.5, 0.8, 0.9, 0.95, 0.98)  # the accuracy axis starts at one of these


def _nice_ceiling(value: float) -> float:
    """The next 1, 2 or 5 times a power of ten (keeps the loss axis steady as values change a little)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    exp = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * 10**exp:
            return step * 10**exp
    return 10 ** (exp + 1)


def chart_colors(dark: bool) -> tuple[str, str]:
    """(foreground, background) for a chart in the light or dark theme."""
    return ("#e8eaed", "#202124") if dark else ("#1f2328", "#ffffff")


def style_axes(figure, axes, size: float, dark: bool) -> None:
    """Theme colours, grid and readable tick labels (size scales up in projector mode)."""
    fg, bg = chart_colors(dark)
    figure.set_facecolor(bg)
    for ax in axes:
        ax.set_facecolor(bg)
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=size * 0.9, colors=fg)
        for spine in ax.spines.values():
            spine.set_color(fg)


def style_legend(ax, size: float, dark: bool) -> None:
    fg, bg = chart_colors(dark)
    legend = ax.legend(fontsize=size * 0.9, loc="best", facecolor=bg, edgecolor=fg)
    for text in legend.get_texts():
        text.set_color(fg)


class TrainingChart(FigureCanvasQTAgg):
    """Training loss/accuracy per batch (smoothed) and validation per epoch, on a shared x axis (epochs)."""

    def __init__(self, parent=None):
        self.figure = Figure(figsize=(6, 3.2), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("lossChart")
        self.ax_loss = self.figure.add_subplot(1, 2, 1)
        self.ax_acc = self.figure.add_subplot(1, 2, 2)
        self._font_scale = 1.0
        self._dark = False
        self.train_x: list[float] = []
        self.train_loss: list[float] = []
        self.train_acc: list[float] = []
        self.val_x: list[float] = []
        self.val_loss: list[float] = []
        self.val_acc: list[float] = []
        # Animated lines are left out of the full render and blitted over a cached background.
        (self.l_train_loss,) = self.ax_loss.plot([], [], color="#2f7ed8", lw=1.6, animated=True)
        (self.l_val_loss,) = self.ax_loss.plot([], [], "o-", color="#e4572e", lw=2, ms=6, animated=True)
        (self.l_train_acc,) = self.ax_acc.plot([], [], color="#2f7ed8", lw=1.6, animated=True)
        (self.l_val_acc,) = self.ax_acc.plot([], [], "o-", color="#e4572e", lw=2, ms=6, animated=True)
        self._epochs_total = 1
        self._background = None
        self._drawn_limits = None
        self._drawn_size = None
        self.full_redraws = 0
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._flush)
        self._timer.start()
        self.redraws = 0
        self.retranslate()

    # -- data -------------------------------------------------------------------------------------
    def reset(self, epochs: int = 1) -> None:
        """Empty the chart for a new run of ``epochs`` epochs (the x axis spans the whole run)."""
        for series in (self.train_x, self.train_loss, self.train_acc, self.val_x, self.val_loss, self.val_acc):
            series.clear()
        self._epochs_total = max(1, int(epochs))
        self._dirty = True
        self._flush(force=True)

    def add_batch(self, epoch_progress: float, loss: float, accuracy: float) -> None:
        """``epoch_progress`` in epochs (e.g. 1.5 = halfway through epoch 2); loss/acc are running means."""
        self.train_x.append(epoch_progress)
        self.train_loss.append(loss)
        self.train_acc.append(accuracy)
        self._dirty = True

    def add_epoch(self, epoch: int, val_loss: float, val_accuracy: float) -> None:
        self.val_x.append(float(epoch))
        self.val_loss.append(val_loss)
        self.val_acc.append(val_accuracy)
        self._dirty = True

    def point_count(self) -> int:
        return len(self.train_x) + len(self.val_x)

    def _limits(self) -> tuple:
        """Axis limits that only ever widen during a run, so most updates need no full redraw."""
        x_max = max([float(self._epochs_total)] + self.train_x + self.val_x)
        losses = [v for v in self.train_loss + self.val_loss if math.isfinite(v)]
        loss_top = _nice_ceiling(max(losses) * 1.1) if losses else 1.0
        accs = [v for v in self.train_acc + self.val_acc if math.isfinite(v)]
        low = min(accs) if accs else 0.9
        acc_bottom = max([b for b in ACC_FLOORS if b <= low - 0.005] or [0.0])
        return x_max, loss_top, acc_bottom

    def _flush(self, force: bool = False) -> None:
        if not self._dirty and not force:
            return
        if not self.isVisible():  # render when shown (not before the window's first paint)
            self._dirty = True
            self._background = None
            return
        self._dirty = False
        self.l_train_loss.set_data(self.train_x, self.train_loss)
        self.l_val_loss.set_data(self.val_x, self.val_loss)
        self.l_train_acc.set_data(self.train_x, self.train_acc)
        self.l_val_acc.set_data(self.val_x, self.val_acc)
        limits = self._limits()
        size = (int(self.figure.bbox.width), int(self.figure.bbox.height))
        if force or limits != self._drawn_limits or size != self._drawn_size or self._background is None:
            x_max, loss_top, acc_bottom = limits
            for ax in (self.ax_loss, self.ax_acc):
                ax.set_xlim(0, x_max)
            self.ax_loss.set_ylim(0, loss_top)
            self.ax_acc.set_ylim(acc_bottom, 1.0)
            self.draw()  # full render: axes, ticks, labels, legends (the lines are animated: not part of it)
            self._background = self.copy_from_bbox(self.figure.bbox)
            self._drawn_limits, self._drawn_size = limits, size
            self.full_redraws += 1
        else:
            self.restore_region(self._background)
        for ax, lines in ((self.ax_loss, (self.l_train_loss, self.l_val_loss)),
                          (self.ax_acc, (self.l_train_acc, self.l_val_acc))):
            for line in lines:
                ax.draw_artist(line)
        self.blit(self.figure.bbox)  # only the lines are re-rendered on a normal update
        self.redraws += 1

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._background = None
        self._dirty = True

    def showEvent(self, event):
        super().showEvent(event)
        self._dirty = True

    # -- look -------------------------------------------------------------------------------------
    def set_style(self, font_scale: float, dark: bool) -> None:
        self._font_scale, self._dark = font_scale, dark
        self.retranslate()

    def retranslate(self) -> None:
        size = 10 * self._font_scale
        fg, _ = chart_colors(self._dark)
        style_axes(self.figure, (self.ax_loss, self.ax_acc), size, self._dark)
        axes = [
            (self.ax_loss, QCoreApplication.translate("TrainingChart", "Loss"),
             QCoreApplication.translate("TrainingChart", "loss")),
            (self.ax_acc, QCoreApplication.translate("TrainingChart", "Accuracy"),
             QCoreApplication.translate("TrainingChart", "accuracy")),
        ]
        for ax, title, ylabel in axes:
            ax.set_title(title, fontsize=size * 1.2, color=fg)
            ax.set_xlabel(QCoreApplication.translate("TrainingChart", "epoch"), fontsize=size, color=fg)
            ax.set_ylabel(ylabel, fontsize=size, color=fg)
        self.l_train_loss.set_label(QCoreApplication.translate("TrainingChart", "training (per batch)"))
        self.l_val_loss.set_label(QCoreApplication.translate("TrainingChart", "validation (per epoch)"))
        self.l_train_acc.set_label(QCoreApplication.translate("TrainingChart", "training (per batch)"))
        self.l_val_acc.set_label(QCoreApplication.translate("TrainingChart", "validation (per epoch)"))
        for ax in (self.ax_loss, self.ax_acc):
            style_legend(ax, size, self._dark)
        self._flush(force=True)

    def export_png(self, path: str) -> None:
        lines = (self.l_train_loss, self.l_val_loss, self.l_train_acc, self.l_val_acc)
        for line in lines:  # animated artists are skipped by savefig: include them for the picture
            line.set_animated(False)
        try:
            self.figure.savefig(path, dpi=150, facecolor=self.figure.get_facecolor())
        finally:
            for line in lines:
                line.set_animated(True)
            self._flush(force=True)

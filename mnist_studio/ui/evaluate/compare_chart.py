"""CompareChart: the per-epoch validation curves of any number of selected runs, overlaid (matplotlib)."""

from __future__ import annotations

import math

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from PySide6.QtCore import QCoreApplication, QEvent

from mnist_studio.ui.common.charts import ACC_FLOORS, X_MARGIN
from mnist_studio.ui.look.chart_style import chart_colors, draw_fitting, nice_ceiling, style_axes, wrap_to_width

# Distinguishable in colour *and* marker, so ten overlaid runs can still be told apart on a projector.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">", "*")


translate = QCoreApplication.translate  # lupdate reads translate("CompareChart", "...") calls


def _elide(name: str, limit: int = 32) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _values(record, key: str) -> list[float]:
    out = []
    for entry in record.history or []:
        try:
            out.append(float(entry.get(key, float("nan"))))
        except (TypeError, ValueError, AttributeError):
            out.append(float("nan"))
    return out


class CompareChart(FigureCanvasQTAgg):
    def __init__(self, parent=None):
        self.figure = Figure(figsize=(6, 3), layout="constrained")
        super().__init__(self.figure)
        self.setParent(parent)
        self.setObjectName("compareChart")
        self.ax_loss = self.figure.add_subplot(1, 2, 1)
        self.ax_acc = self.figure.add_subplot(1, 2, 2)
        self.font_scale = 1.0
        self.dark = False
        self.records = []
        self.empty_text = None
        self.show_runs([])

    def draw(self) -> None:
        draw_fitting(self)

    def plotted(self) -> list:
        """The selected runs that have at least one epoch to draw."""
        return [r for r in self.records if any(math.isfinite(v) for v in _values(r, "val_loss"))]

    def show_runs(self, records) -> None:
        """Overlay every selected run's validation loss and accuracy per epoch (not only the first two)."""
        self.records = list(records)
        size = 10 * self.font_scale
        fg, _ = chart_colors(self.dark)
        self.figure.clear()
        self.empty_text = None
        runs = self.plotted()
        if len(runs) < 2:
            self._empty_state(runs, size, fg)
            self.draw_idle()
            return
        self.ax_loss = self.figure.add_subplot(1, 2, 1)
        self.ax_acc = self.figure.add_subplot(1, 2, 2)
        style_axes(self.figure, (self.ax_loss, self.ax_acc), size, self.dark)
        palette = [f"C{i}" for i in range(10)]
        x_max, loss_max, acc_min = 1.0, 0.0, 1.0
        for i, r in enumerate(runs):
            epochs = [h.get("epoch", n + 1) for n, h in enumerate(r.history)]
            style = dict(marker=MARKERS[i % len(MARKERS)], color=palette[i % len(palette)], lw=1.8, ms=6,
                         label=r.name)
            loss, acc = _values(r, "val_loss"), _values(r, "val_accuracy")
            self.ax_loss.plot(epochs, loss, **style)
            self.ax_acc.plot(epochs, acc, **style)
            x_max = max([x_max] + [float(e) for e in epochs])
            loss_max = max([loss_max] + [v for v in loss if math.isfinite(v)])
            acc_min = min([acc_min] + [v for v in acc if math.isfinite(v)])
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0.5, x_max + max(0.5, x_max * X_MARGIN))  # epochs are whole: no tick in the corner
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
            ax.set_xlabel(translate("CompareChart", "epoch"), fontsize=size, color=fg)
        self.ax_loss.set_ylim(0, nice_ceiling(loss_max * 1.04))
        bottom = max([b for b in ACC_FLOORS if b <= acc_min - 0.005] or [0.0])
        self.ax_acc.set_ylim(bottom, 1.0 + (1.0 - bottom) * X_MARGIN)
        font_px = size * self.figure.dpi / 72
        half = self.figure.bbox.width / 2
        loss_title = translate("CompareChart", "Validation loss per epoch")
        acc_title = translate("CompareChart", "Validation accuracy per epoch")
        self.ax_loss.set_title(wrap_to_width(loss_title, half, font_px * 1.2),
                               fontsize=size * 1.2, color=fg)
        self.ax_acc.set_title(wrap_to_width(acc_title, half, font_px * 1.2),
                              fontsize=size * 1.2, color=fg)
        # One legend for both plots, outside them, under the figure, in as many columns as fit.
        handles, _ = self.ax_acc.get_legend_handles_labels()
        labels = [_elide(r.name) for r in runs]
        label_px = max(len(t) for t in labels) * 0.58 * font_px * 0.9 + 3.5 * font_px
        columns = max(1, min(len(runs), int(self.figure.bbox.width // max(label_px, 1))))
        legend = self.figure.legend(handles, labels, loc="outside lower center", ncols=columns,
                                    fontsize=size * 0.9, frameon=False)
        for text in legend.get_texts():
            text.set_color(fg)
        self.draw_idle()

    def _empty_state(self, runs, size: float, fg: str) -> None:
        """Designed, not a grey box: one centred sentence saying what to do."""
        _, bg = chart_colors(self.dark)
        self.figure.set_facecolor(bg)
        if runs:
            text = translate("CompareChart", "“%1” is selected. Select one or more other runs to compare "
                                             "their validation curves.") \
                .replace("%1", runs[0].name)
        elif self.records:
            text = translate("CompareChart", "The selected run has no finished epoch to draw. Select two or "
                                             "more runs with epochs.")
        else:
            text = translate("CompareChart", "Select two or more runs to compare their validation curves "
                                             "(Ctrl+click or Shift+click).")
        # Wrapped to the figure's width as the font measures it (Korean glyphs are about twice as wide as
        # Latin ones), with a margin each side: a centred line wider than the figure is cut on both sides.
        font_px = size * 1.2 * self.figure.dpi / 72
        self.empty_text = self.figure.text(0.5, 0.5, wrap_to_width(text, self.figure.bbox.width * 0.9, font_px),
                                           ha="center", va="center", fontsize=size * 1.2, color=fg, wrap=False)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # titles, legend columns, sentence: to the new width
            self.show_runs(self.records)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:  # titles, legend and the empty-state sentence
            self.show_runs(self.records)
        super().changeEvent(event)

    def set_style(self, font_scale: float, dark: bool) -> None:
        self.font_scale, self.dark = font_scale, dark
        self.show_runs(self.records)

    def line_count(self) -> int:
        return len(self.ax_acc.get_lines()) if self.empty_text is None else 0

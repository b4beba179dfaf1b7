"""CompareChart: the validation curves of several runs overlaid (matplotlib)."""

from __future__ import annotations

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QCoreApplication

from mnist_studio.ui.common.charts import chart_colors, style_axes, style_legend


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
        self.show_runs([])

    def show_runs(self, records) -> None:
        self.records = list(records)
        size = 10 * self.font_scale
        fg, _ = chart_colors(self.dark)
        self.ax_loss.clear()
        self.ax_acc.clear()
        style_axes(self.figure, (self.ax_loss, self.ax_acc), size, self.dark)
        for r in self.records:
            epochs = [h["epoch"] for h in r.history]
            self.ax_loss.plot(epochs, [h["val_loss"] for h in r.history], "o-", label=r.name)
            self.ax_acc.plot(epochs, [h["val_accuracy"] for h in r.history], "o-", label=r.name)
        self.ax_loss.set_title(QCoreApplication.translate("CompareChart", "Validation loss"),
                               fontsize=size * 1.2, color=fg)
        self.ax_acc.set_title(QCoreApplication.translate("CompareChart", "Validation accuracy"),
                              fontsize=size * 1.2, color=fg)
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlabel(QCoreApplication.translate("CompareChart", "epoch"), fontsize=size, color=fg)
            if self.records:
                style_legend(ax, size, self.dark)
        if not self.records:
            self.ax_acc.text(0.5, 0.5, QCoreApplication.translate("CompareChart", "Select two or more runs"),
                             ha="center", va="center", transform=self.ax_acc.transAxes, fontsize=size, color=fg)
        self.draw_idle()

    def set_style(self, font_scale: float, dark: bool) -> None:
        self.font_scale, self.dark = font_scale, dark
        self.show_runs(self.records)

    def line_count(self) -> int:
        return len(self.ax_acc.get_lines())

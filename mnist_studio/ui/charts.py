"""TrainingChart: live loss and accuracy (matplotlib in Qt), updated by line data at a bounded rate."""

from __future__ import annotations

import matplotlib

matplotlib.use("QtAgg")
# Hangul falls back to a CJK font where one is installed (Debian: fonts-noto-cjk).
matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans", "Noto Sans CJK KR", "Noto Sans KR", "NanumGothic",
                                          "Malgun Gothic", "AppleGothic", "Arial Unicode MS"]

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PySide6.QtCore import QCoreApplication, QTimer  # noqa: E402

REDRAW_MS = 200  # at most 5 redraws a second, whatever the event rate


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
        (self.l_train_loss,) = self.ax_loss.plot([], [], color="#2f7ed8", lw=1.6)
        (self.l_val_loss,) = self.ax_loss.plot([], [], "o-", color="#e4572e", lw=2, ms=6)
        (self.l_train_acc,) = self.ax_acc.plot([], [], color="#2f7ed8", lw=1.6)
        (self.l_val_acc,) = self.ax_acc.plot([], [], "o-", color="#e4572e", lw=2, ms=6)
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._flush)
        self._timer.start()
        self.redraws = 0
        self.retranslate()

    # -- data -------------------------------------------------------------------------------------
    def reset(self) -> None:
        for series in (self.train_x, self.train_loss, self.train_acc, self.val_x, self.val_loss, self.val_acc):
            series.clear()
        self._dirty = True
        self._flush()

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

    def _flush(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        self.l_train_loss.set_data(self.train_x, self.train_loss)
        self.l_val_loss.set_data(self.val_x, self.val_loss)
        self.l_train_acc.set_data(self.train_x, self.train_acc)
        self.l_val_acc.set_data(self.val_x, self.val_acc)
        for ax in (self.ax_loss, self.ax_acc):
            ax.relim()
            ax.autoscale_view()
        xmax = max(self.train_x + self.val_x + [1.0])
        for ax in (self.ax_loss, self.ax_acc):
            ax.set_xlim(0, xmax * 1.02)
        accs = self.train_acc + self.val_acc
        if accs:
            low = min(accs)
            self.ax_acc.set_ylim(max(0.0, min(low, 0.9) - 0.02), 1.0)
        self.draw_idle()
        self.redraws += 1

    # -- look -------------------------------------------------------------------------------------
    def set_style(self, font_scale: float, dark: bool) -> None:
        self._font_scale, self._dark = font_scale, dark
        self.retranslate()

    def retranslate(self) -> None:
        size = 10 * self._font_scale
        fg = "#e8eaed" if self._dark else "#1f2328"
        bg = "#202124" if self._dark else "#ffffff"
        self.figure.set_facecolor(bg)
        axes = [
            (self.ax_loss, QCoreApplication.translate("TrainingChart", "Loss"),
             QCoreApplication.translate("TrainingChart", "loss")),
            (self.ax_acc, QCoreApplication.translate("TrainingChart", "Accuracy"),
             QCoreApplication.translate("TrainingChart", "accuracy")),
        ]
        for ax, title, ylabel in axes:
            ax.set_facecolor(bg)
            ax.set_title(title, fontsize=size * 1.2, color=fg)
            ax.set_xlabel(QCoreApplication.translate("TrainingChart", "epoch"), fontsize=size, color=fg)
            ax.set_ylabel(ylabel, fontsize=size, color=fg)
            ax.tick_params(labelsize=size * 0.9, colors=fg)
            ax.grid(True, alpha=0.3)
            for spine in ax.spines.values():
                spine.set_color(fg)
        self.l_train_loss.set_label(QCoreApplication.translate("TrainingChart", "training (per batch)"))
        self.l_val_loss.set_label(QCoreApplication.translate("TrainingChart", "validation (per epoch)"))
        self.l_train_acc.set_label(QCoreApplication.translate("TrainingChart", "training (per batch)"))
        self.l_val_acc.set_label(QCoreApplication.translate("TrainingChart", "validation (per epoch)"))
        for ax in (self.ax_loss, self.ax_acc):
            legend = ax.legend(fontsize=size * 0.9, loc="best", facecolor=bg, edgecolor=fg)
            for text in legend.get_texts():
                text.set_color(fg)
        self._dirty = True
        self._flush()

    def export_png(self, path: str) -> None:
        self._dirty = True
        self._flush()
        self.figure.savefig(path, dpi=150, facecolor=self.figure.get_facecolor())

"""StepChart: the fine-tune's loss and accuracy per step, painted with QPainter.

A fine-tune lasts a few seconds; a matplotlib redraw costs 200-500 ms of the UI thread on a busy
2-core machine (measured: the stalls while fine-tuning were all in the shared chart's full redraws),
so this chart only paints two polylines and a few labels, from the widget's own (scalable) font.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.look.painted import TextLog

LOSS_COLOR = QColor("#e4572e")
ACC_COLOR = QColor("#2f7ed8")
HELD_COLOR = QColor("#2e9e44")


class StepChart(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("finetuneChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self.steps = 1
        self.xs: list[float] = []
        self.loss: list[float] = []
        self.acc: list[float] = []
        self.heldout: tuple[float | None, float | None] = (None, None)
        self.labels = {"loss": "loss", "accuracy": "accuracy (training batches)", "step": "step",
                       "heldout": "held-out digits"}
        self.text_log = TextLog()

    def painted_texts(self):
        return list(self.text_log.items)

    def sizeHint(self) -> QSize:
        return QSize(600, 280)

    def reset(self, steps: int) -> None:
        self.steps = max(1, int(steps))
        self.xs, self.loss, self.acc = [], [], []
        self.heldout = (None, None)
        self.update()

    def add(self, step: int, loss: float, accuracy: float) -> None:
        self.xs.append(float(step))
        self.loss.append(loss)
        self.acc.append(accuracy)
        self.update()

    def set_heldout(self, before: float | None, after: float | None) -> None:
        self.heldout = (before, after)
        self.update()

    def point_count(self) -> int:
        return len(self.xs)

    def set_labels(self, **labels: str) -> None:
        self.labels.update(labels)
        self.update()

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        fg = pal.windowText().color()
        p.fillRect(self.rect(), pal.base())
        fm = self.fontMetrics()
        h = fm.height()
        left, right = fm.horizontalAdvance("0.00") + h, fm.horizontalAdvance("100%") + h
        legend = [(LOSS_COLOR, self.labels["loss"]), (ACC_COLOR, self.labels["accuracy"])]
        if self.heldout[1] is not None:
            legend.append((HELD_COLOR, self.labels["heldout"]))
        rows, x = [[]], left  # legend entries wrap onto a second row when the widget is narrow
        for color, text in legend:
            width = fm.horizontalAdvance(text) + h * 2.5
            if x + width > self.width() and rows[-1]:
                rows.append([])
                x = left
            rows[-1].append((x, color, text))
            x += width
        top_margin = h * (1.3 * len(rows) + 0.9)
        plot = QRectF(left, top_margin, max(10.0, self.width() - left - right),
                      max(10.0, self.height() - top_margin - h * 2.2))
        losses = [v for v in self.loss if math.isfinite(v)]
        top = next((t for t in (0.5, 1.0, 2.0, 5.0) if losses and max(losses) <= t), 10.0) if losses else 0.5
        p.setPen(QPen(QColor(128, 128, 128, 110), 1))
        for i in range(6):
            y = plot.top() + plot.height() * i / 5
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(LOSS_COLOR)
            log.draw(p, QRectF(0, y - h / 2, left - h * 0.3, h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{top * (1 - i / 5):.1f}")
            p.setPen(ACC_COLOR)
            log.draw(p, QRectF(plot.right() + h * 0.3, y - h / 2, right, h), Qt.AlignmentFlag.AlignLeft
                       | Qt.AlignmentFlag.AlignVCenter, f"{100 * (1 - i / 5):.0f}%")
            p.setPen(QPen(QColor(128, 128, 128, 110), 1))
        p.setPen(fg)
        p.drawRect(plot)
        log.draw(p, QRectF(plot.left(), plot.bottom() + h * 0.2, plot.width(), h), Qt.AlignmentFlag.AlignLeft, "0")
        log.draw(p, QRectF(plot.left(), plot.bottom() + h * 0.2, plot.width(), h), Qt.AlignmentFlag.AlignRight,
                   str(self.steps))
        log.draw(p, QRectF(plot.left(), plot.bottom() + h * 0.2, plot.width(), h), Qt.AlignmentFlag.AlignHCenter,
                   self.labels["step"])

        def point(x: float, v: float, scale: float) -> QPointF:
            return QPointF(plot.left() + plot.width() * x / self.steps,
                           plot.bottom() - plot.height() * min(v / scale, 1))

        for values, color, scale in ((self.loss, LOSS_COLOR, top), (self.acc, ACC_COLOR, 1.0)):
            pts = [point(x, v, scale) for x, v in zip(self.xs, values, strict=True) if math.isfinite(v)]
            if pts:
                p.setPen(QPen(color, max(2.0, h / 8)))
                p.drawPolyline(QPolygonF(pts))
        before, after = self.heldout
        if after is not None:
            p.setPen(QPen(HELD_COLOR, max(2.0, h / 8), Qt.PenStyle.DashLine))
            if before is not None:
                p.drawLine(point(0, before, 1.0), point(self.steps, after, 1.0))
            p.setBrush(HELD_COLOR)
            for x, v in ((0, before), (self.steps, after)):
                if v is not None:
                    p.drawEllipse(point(x, v, 1.0), h / 4, h / 4)
        p.setBrush(Qt.BrushStyle.NoBrush)
        for r, row in enumerate(rows):
            y = h * (0.3 + 1.3 * r)
            for x, color, text in row:
                p.fillRect(QRectF(x, y + h * 0.3, h, h * 0.5), color)
                p.setPen(fg)
                log.draw(p, QRectF(x + h * 1.3, y, fm.horizontalAdvance(text) + 4, h * 1.1),
                           Qt.AlignmentFlag.AlignVCenter, text)
        p.end()

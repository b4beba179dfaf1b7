"""DrawingCanvas: mouse and pen-tablet drawing on a fixed square raster."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPainterPath, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

RASTER = 280  # 10x MNIST: pen widths and strokes keep their look at any window size


class DrawingCanvas(QWidget):
    """Draw with the mouse or a tablet pen. ``image()`` is the raster: uint8, ink 255 on 0.

    Signals: ``changed`` while a stroke grows and after clear/undo; ``strokeFinished`` on pen-up.
    """

    changed = Signal()
    strokeFinished = Signal()

    def __init__(self, parent=None, pen_width: float = 22.0):
        super().__init__(parent)
        self.setObjectName("drawingCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pen_width = float(pen_width)
        self._strokes: list[list[tuple[QPointF, float]]] = []  # raster points with their widths
        self._current: list[tuple[QPointF, float]] | None = None
        self._raster = QImage(RASTER, RASTER, QImage.Format.Format_Grayscale8)
        self._raster.fill(0)
        self._ink = QColor(255, 255, 255)
        self._background = QColor(0, 0, 0)

    # -- public API ---------------------------------------------------------------------------
    def image(self) -> np.ndarray:
        """The raster as a (280, 280) uint8 array, ink 255 on 0 (a copy)."""
        ptr = self._raster.constBits()
        arr = np.frombuffer(ptr, np.uint8, count=self._raster.sizeInBytes())
        return arr.reshape(RASTER, self._raster.bytesPerLine())[:, :RASTER].copy()

    def is_blank(self) -> bool:
        return not self._strokes and self._current is None

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self._raster.fill(0)
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self._current is not None:
            self._current = None
        elif self._strokes:
            self._strokes.pop()
        else:
            return
        self._redraw()
        self.changed.emit()

    def stroke_count(self) -> int:
        return len(self._strokes)

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        self._pen_width = max(1.0, float(width))

    def set_colors(self, ink: QColor, background: QColor) -> None:
        """Display colours only; the raster stays white ink on black (what the models read)."""
        self._ink, self._background = QColor(ink), QColor(background)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    # -- geometry -----------------------------------------------------------------------------
    def _square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_raster(self, pos: QPointF) -> QPointF:
        sq = self._square()
        scale = RASTER / sq.width() if sq.width() else 1.0
        return QPointF((pos.x() - sq.x()) * scale, (pos.y() - sq.y()) * scale)

    # -- drawing ------------------------------------------------------------------------------
    def _begin(self, pos: QPointF, pressure: float = 1.0) -> None:
        self._current = [(self._to_raster(pos), self._width_for(pressure))]
        self._paint_segment(self._current, 0)
        self.changed.emit()

    def _extend(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._current is None:
            return
        self._current.append((self._to_raster(pos), self._width_for(pressure)))
        self._paint_segment(self._current, len(self._current) - 1)
        self.changed.emit()

    def _end(self) -> None:
        if self._current is None:
            return
        self._strokes.append(self._current)
        self._current = None
        self.strokeFinished.emit()

    def _width_for(self, pressure: float) -> float:
        return self._pen_width * (0.5 + 0.75 * min(max(pressure, 0.0), 1.0)) if pressure != 1.0 else self._pen_width

    def _paint_segment(self, stroke, index: int) -> None:
        painter = QPainter(self._raster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._stroke_path(painter, stroke, index)
        painter.end()
        self.update()

    @staticmethod
    def _stroke_path(painter: QPainter, stroke, index: int) -> None:
        point, width = stroke[index]
        pen = QPen(QColor(255, 255, 255), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        if index == 0:
            painter.drawPoint(point)
            return
        previous = stroke[index - 1][0]
        if index >= 2:  # a short quadratic through the midpoints keeps fast strokes smooth
            before = stroke[index - 2][0]
            path = QPainterPath((before + previous) / 2)
            path.quadTo(previous, (previous + point) / 2)
            path.lineTo(point)
            painter.drawPath(path)
        else:
            painter.drawLine(previous, point)

    def _redraw(self) -> None:
        self._raster.fill(0)
        painter = QPainter(self._raster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            for i in range(len(stroke)):
                self._stroke_path(painter, stroke, i)
        painter.end()
        self.update()

    # -- events -------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())
        event.accept()

    def mouseMoveEvent(self, event):
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())
        event.accept()

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()
        event.accept()

    def tabletEvent(self, event: QTabletEvent):
        kind = event.type()
        pressure = event.pressure() or 1.0
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self._extend(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()  # no synthesised mouse events: the pen draws once

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        else:
            super().keyPressEvent(event)

    def resizeEvent(self, event):
        if self._current is not None:  # a resize mid-stroke ends that stroke cleanly
            self._end()
        super().resizeEvent(event)

    def paintEvent(self, event):
        painter = QPainter(self)
        sq = self._square()
        painter.fillRect(self.rect(), self.palette().window())
        painter.fillRect(sq, self._background)
        if self._ink != QColor(255, 255, 255) or self._background != QColor(0, 0, 0):
            # Recolour the grayscale raster for display (ink colour over background colour).
            tinted = QImage(self._raster.size(), QImage.Format.Format_ARGB32_Premultiplied)
            tinted.fill(self._ink)
            tinted.setAlphaChannel(self._raster)
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(sq, tinted)
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(sq, self._raster)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(sq.adjusted(0, 0, -1, -1))
        if self.is_blank():
            painter.setPen(self.palette().placeholderText().color())
            font = painter.font()
            font.setPointSizeF(max(10.0, sq.width() / 22))
            painter.setFont(font)
            painter.drawText(sq, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()

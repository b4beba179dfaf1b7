"""DrawingCanvas: mouse and pen-tablet drawing; a view on a shared ``Drawing`` with its own raster."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPainterPath, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.common.drawing import Drawing
from mnist_studio.ui.look.painted import RecordsPaintedText, fit_wrapped_font

RASTER = 280  # 10x MNIST: pen widths and strokes keep their look at any window size
MIN_PRESSURE_WIDTH = 0.3  # a feather-light pen touch draws at 30 % of the pen width, a full press at 100 %


def pressure_factor(pressure: float) -> float:
    """Pen width multiplier for a tablet pressure in [0, 1]: strictly increasing, 0 -> 0.3, 1 -> 1.0.

    A mouse stores pressure 1.0, so a full pen press draws exactly as wide as the mouse.
    """
    p = min(max(float(pressure), 0.0), 1.0)
    return MIN_PRESSURE_WIDTH + (1.0 - MIN_PRESSURE_WIDTH) * p


class DrawingCanvas(RecordsPaintedText, QWidget):
    """Draw with the mouse or a tablet pen: a view and controller on a ``Drawing``.

    The strokes live in the ``Drawing`` (its own unless one is shared in); ``model_input()`` is what
    the models read. ``image()`` is this canvas's own raster at its pen width (for display, and for
    the raster path): uint8, ink 255 on 0. Signals: ``changed`` while a stroke grows and after
    clear/undo; ``strokeFinished`` on pen-up (relayed from the drawing, whichever canvas drew).
    """

    changed = Signal()
    strokeFinished = Signal()

    def __init__(self, parent=None, pen_width: float = 22.0, drawing: Drawing | None = None):
        super().__init__(parent)
        self.setObjectName("drawingCanvas")
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pen_width = float(pen_width)
        self._drawing = drawing if drawing is not None else Drawing(self)
        self._drawing_here = False  # this canvas started the stroke being drawn
        self._painted: list[int] = []  # points of each stroke already on the raster
        self._epoch = self._drawing.epoch()
        self._raster = QImage(RASTER, RASTER, QImage.Format.Format_Grayscale8)
        self._raster.fill(0)
        self._drawing.changed.connect(self._sync)
        self._drawing.changed.connect(self.changed)
        self._drawing.strokeFinished.connect(self.strokeFinished)
        self._redraw()

    # -- public API ---------------------------------------------------------------------------
    def drawing(self) -> Drawing:
        return self._drawing

    def model_input(self) -> np.ndarray | None:
        """The exact (28, 28) float32 array the models read (``strokes.render``), or None when blank."""
        return self._drawing.model_input()

    def image(self) -> np.ndarray:
        """The raster as a (280, 280) uint8 array, ink 255 on 0 (a copy)."""
        ptr = self._raster.constBits()
        arr = np.frombuffer(ptr, np.uint8, count=self._raster.sizeInBytes())
        return arr.reshape(RASTER, self._raster.bytesPerLine())[:, :RASTER].copy()

    def is_blank(self) -> bool:
        return self._drawing.is_blank()

    def clear(self) -> None:
        self._drawing_here = False
        self._drawing.clear()

    def undo(self) -> None:
        self._drawing_here = False
        self._drawing.undo()

    def stroke_count(self) -> int:
        return self._drawing.stroke_count()

    def pen_width(self) -> float:
        return self._pen_width

    def set_pen_width(self, width: float) -> None:
        """The look on screen only: the models read ``model_input()``, drawn at MNIST's width."""
        width = max(1.0, float(width))
        if width != self._pen_width:
            self._pen_width = width
            self._redraw()

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

    def _to_unit(self, pos: QPointF) -> tuple[float, float]:
        sq = self._square()
        side = sq.width() or 1.0
        return (pos.x() - sq.x()) / side, (pos.y() - sq.y()) / side

    # -- drawing ------------------------------------------------------------------------------
    def _inside(self, pos: QPointF) -> bool:
        """Whether ``pos`` is on the drawing square (a press beside or above it draws nothing)."""
        return self._square().contains(pos)

    def _begin(self, pos: QPointF, pressure: float = 1.0) -> None:
        if not self._inside(pos):
            return
        self._drawing_here = True
        self._drawing.begin_stroke(*self._to_unit(pos), pressure)

    def _extend(self, pos: QPointF, pressure: float = 1.0) -> None:
        if self._drawing_here and self._drawing.is_drawing():
            self._drawing.extend_stroke(*self._to_unit(pos), pressure)

    def _end(self) -> None:
        if self._drawing_here:
            self._drawing_here = False
            self._drawing.end_stroke()

    def _sync(self) -> None:
        """Bring the raster up to the drawing: new points only, or everything after an erase."""
        d = self._drawing
        if d.epoch() != self._epoch or d.count() < len(self._painted):
            self._redraw()
            return
        painter = None
        dirty = QRectF()
        for i in range(d.count()):
            points = d.points(i)
            done = self._painted[i] if i < len(self._painted) else 0
            if done >= len(points):
                continue
            if painter is None:
                painter = QPainter(self._raster)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            for k in range(done, len(points)):
                self._stroke_path(painter, points, k, self._pen_width)
                dirty = dirty.united(self._segment_box(points, k))
            if i < len(self._painted):
                self._painted[i] = len(points)
            else:
                self._painted.append(len(points))
        if painter is not None:
            painter.end()
            self._update_raster_box(dirty)

    def _segment_box(self, points, index: int) -> QRectF:
        """The raster pixels that ``_stroke_path`` of point ``index`` may have inked (its points back to the
        curve's start, widened by the pen and the antialiasing)."""
        part = points[max(0, index - 2): index + 1]
        xs, ys = [p[0] * RASTER for p in part], [p[1] * RASTER for p in part]
        pad = self._pen_width * pressure_factor(points[index][2]) / 2 + 2
        return QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)

    def _update_raster_box(self, box: QRectF) -> None:
        """Repaint only where the raster changed (``box``, raster pixels): a new segment repaints a few hundred
        screen pixels, not the whole smoothly scaled square (1.2 ms a mouse move on a 2-core laptop)."""
        sq = self._square()
        scale = sq.width() / RASTER
        margin = scale + 2  # the smooth scaling blends each raster pixel into its neighbours' screen pixels
        area = QRectF(sq.x() + box.x() * scale - margin, sq.y() + box.y() * scale - margin,
                      box.width() * scale + 2 * margin, box.height() * scale + 2 * margin)
        self.update(area.toAlignedRect().intersected(sq.toAlignedRect()))

    @staticmethod
    def _stroke_path(painter: QPainter, points, index: int, pen_width: float) -> None:
        def at(k):
            return QPointF(points[k][0] * RASTER, points[k][1] * RASTER)

        width = pen_width * pressure_factor(points[index][2])
        pen = QPen(QColor(255, 255, 255), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        point = at(index)
        if index == 0:
            painter.drawPoint(point)
            return
        previous = at(index - 1)
        if index >= 2:  # a short quadratic through the midpoints keeps fast strokes smooth
            before = at(index - 2)
            path = QPainterPath((before + previous) / 2)
            path.quadTo(previous, (previous + point) / 2)
            path.lineTo(point)
            painter.drawPath(path)
        else:
            painter.drawLine(previous, point)

    def _redraw(self) -> None:
        d = self._drawing
        self._raster.fill(0)
        painter = QPainter(self._raster)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._painted = []
        for i in range(d.count()):
            points = d.points(i)
            for k in range(len(points)):
                self._stroke_path(painter, points, k, self._pen_width)
            self._painted.append(len(points))
        painter.end()
        self._epoch = d.epoch()
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
        pressure = event.pressure()  # 0.0 is a real reading (the lightest touch), not "no pressure"
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position(), pressure)
        elif kind == QTabletEvent.Type.TabletMove:
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
        if self._drawing_here:  # a resize mid-stroke ends that stroke cleanly
            self._end()
        super().resizeEvent(event)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        sq = self._square()
        painter.fillRect(self.rect(), self.palette().window())
        painter.fillRect(sq, Qt.GlobalColor.black)  # white ink on black, as MNIST
        sample = self._drawing.sample() if self.is_blank() else None
        if sample is not None:  # a test image sent in: its 28x28 pixels, large (nearest, as the preview)
            pixels = np.ascontiguousarray((np.clip(sample[0], 0, 1) * 255).astype(np.uint8))
            image = QImage(pixels.data, 28, 28, 28, QImage.Format.Format_Grayscale8)
            smooth = False
        else:
            image, smooth = self._raster, True
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(sq, image)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(sq.adjusted(0, 0, -1, -1))
        if self.is_blank() and sample is None:
            painter.setPen(self.palette().placeholderText().color())
            font = painter.font()  # the window's text size at least (projector mode): larger on a large canvas
            font.setPointSizeF(max(font.pointSizeF(), sq.width() / 22))
            painter.setFont(font)
            margin = max(4, sq.width() // 20)
            area, flags = QRectF(sq.adjusted(margin, margin, -margin, -margin)), (
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
            hint = self.tr("Draw a digit here")
            fit_wrapped_font(painter, area, flags, hint, 8)  # a very small canvas: smaller
            log.draw(painter, area, flags, hint)
        painter.end()

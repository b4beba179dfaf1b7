"""MnistPreview: the 28x28 image the models see, enlarged with visible pixels."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class MnistPreview(QWidget):
    def painted_texts(self) -> list:
        """Pixels only, no text (the legibility test asks every widget that paints itself)."""
        return []

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("previewImage")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(84, 84)
        self._image: np.ndarray | None = None  # uint8 copy for display
        self._array: np.ndarray | None = None  # the exact float32 array the models read
        self._qimage: QImage | None = None
        self._grid: QPixmap | None = None  # the pixel grid, drawn once per size (54 lines per paint cost ~1 ms)
        self.setToolTip(self.tr("What the models see: your drawing as a 28x28 MNIST image"))

    def set_image(self, image: np.ndarray | None) -> None:
        """A (28, 28) float image in [0, 1], or None for blank."""
        if image is None:
            self._image, self._qimage, self._array = None, None, None
        else:
            self._array = np.array(image, np.float32)
            self._image = np.ascontiguousarray((np.clip(image, 0, 1) * 255).astype(np.uint8))
            self._qimage = QImage(self._image.data, 28, 28, 28, QImage.Format.Format_Grayscale8)
        self.update()

    def image(self) -> np.ndarray | None:
        """The exact (28, 28) float32 array shown (what the models read), or None when blank."""
        return None if self._array is None else self._array.copy()

    def sizeHint(self) -> QSize:
        return QSize(168, 168)

    def paintEvent(self, event):
        painter = QPainter(self)
        side = min(self.width(), self.height())
        rect = QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)
        painter.fillRect(rect, Qt.GlobalColor.black)
        if self._qimage is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(rect, self._qimage)
        if side >= 112:  # a faint pixel grid shows that this is 28x28
            painter.drawPixmap(rect.topLeft(), self._grid_pixmap(side))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        painter.end()

    def _grid_pixmap(self, side: int) -> QPixmap:
        if self._grid is None or self._grid.width() != side:
            self._grid = QPixmap(side, side)
            self._grid.fill(Qt.GlobalColor.transparent)
            p = QPainter(self._grid)
            p.setPen(QPen(Qt.GlobalColor.darkGray, 0))
            p.setOpacity(0.25)
            step = side / 28
            for i in range(1, 28):
                p.drawLine(QPointF(i * step, 0), QPointF(i * step, side))
                p.drawLine(QPointF(0, i * step), QPointF(side, i * step))
            p.end()
        return self._grid

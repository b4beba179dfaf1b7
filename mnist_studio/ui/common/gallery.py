"""SampleGallery: thousands of MNIST thumbnails in a model/view list, rendered lazily."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QAbstractListModel, QCoreApplication, QEvent, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QListView

THUMB = 56


def image_to_pixmap(image: np.ndarray, size: int, width: int = 0) -> QPixmap:
    """The image scaled to ``size``; centred on a transparent strip ``width`` wide when that is wider (so the
    item is as wide as its caption, which Qt lays out no wider than the decoration)."""
    arr = np.ascontiguousarray(image if image.dtype == np.uint8 else (np.clip(image, 0, 1) * 255).astype(np.uint8))
    qimg = QImage(arr.data, arr.shape[1], arr.shape[0], arr.strides[0], QImage.Format.Format_Grayscale8)
    pix = QPixmap.fromImage(qimg.copy()).scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                                                Qt.TransformationMode.FastTransformation)
    if width <= pix.width():
        return pix
    strip = QPixmap(width, pix.height())
    strip.fill(Qt.GlobalColor.transparent)
    painter = QPainter(strip)
    painter.drawPixmap((width - pix.width()) // 2, 0, pix)
    painter.end()
    return strip


class SampleListModel(QAbstractListModel):
    """Rows are sample indices into a test set; thumbnails are made when a row is first shown."""

    IndexRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None):
        super().__init__(parent)
        self.images: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.predictions: np.ndarray | None = None
        self.confidence: np.ndarray | None = None
        self.indices = np.zeros(0, np.int64)
        self._thumbs: dict[int, QPixmap] = {}
        self.thumb = THUMB
        self.item_width = 0  # the caption's width: thumbnails are centred on a strip this wide
        self.rendered = 0  # thumbnails actually made (the lazy-rendering proof)

    def set_samples(self, images, labels, predictions, confidence, indices) -> None:
        self.beginResetModel()
        self.images, self.labels = images, labels
        self.predictions, self.confidence = predictions, confidence
        self.indices = np.asarray(indices, dtype=np.int64)
        self._thumbs.clear()
        self.endResetModel()

    def set_thumb_size(self, size: int, item_width: int = 0) -> None:
        self.beginResetModel()
        self.thumb, self.item_width = size, item_width
        self._thumbs.clear()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.indices)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.indices):
            return None
        i = int(self.indices[index.row()])
        if role == Qt.ItemDataRole.DecorationRole:
            pix = self._thumbs.get(i)
            if pix is None:
                pix = image_to_pixmap(self.images[i], self.thumb, self.item_width)
                self._thumbs[i] = pix
                self.rendered += 1
            return pix
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{self.labels[i]}→{self.predictions[i]} {self.confidence[i]:.0%}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (QCoreApplication.translate("SampleGallery", "#%1: true %2, predicted %3 (%4)")
                    .replace("%1", str(i)).replace("%2", str(self.labels[i]))
                    .replace("%3", str(self.predictions[i])).replace("%4", f"{self.confidence[i]:.1%}"))
        if role == self.IndexRole:
            return i
        return None


class SampleGallery(QListView):
    """A grid of thumbnails; ``sampleActivated(index)`` when one is clicked or chosen by keyboard."""

    sampleActivated = Signal(int)

    def __init__(self, object_name: str, parent=None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setSpacing(4)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)  # the grid is sized to fit "8→8 100%"
        self.samples = SampleListModel(self)
        self.setModel(self.samples)
        self.set_thumb_size(THUMB)
        self.clicked.connect(self._activated)
        self.activated.connect(self._activated)

    def set_thumb_size(self, size: int) -> None:
        # The app font may have just changed (projector mode) without this view having been told yet.
        fm = self.fontMetrics() if self.font().resolveMask() else QFontMetrics(QApplication.font())
        text_w = fm.horizontalAdvance("8→8 100%") + 12
        # The icon box is at least as wide as the caption, so Qt never lays the caption out narrower than it.
        self.samples.set_thumb_size(size, text_w)
        self.setIconSize(QSize(max(size, text_w), size))
        self.setGridSize(QSize(max(int(size * 1.3), text_w + 12), int(size + fm.height() * 1.8)))

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # projector mode: the captions grew, so does the grid
            self.set_thumb_size(self.samples.thumb)

    def set_samples(self, images, labels, predictions, confidence, indices) -> None:
        self.samples.set_samples(images, labels, predictions, confidence, indices)
        if len(self.samples.indices):
            self.setCurrentIndex(self.samples.index(0))

    def count(self) -> int:
        return self.samples.rowCount()

    def _activated(self, index: QModelIndex) -> None:
        self.sampleActivated.emit(int(self.samples.data(index, SampleListModel.IndexRole)))

    def currentChanged(self, current, previous):
        super().currentChanged(current, previous)
        if current.isValid():
            self.sampleActivated.emit(int(self.samples.data(current, SampleListModel.IndexRole)))

    def step(self, delta: int) -> None:
        """Next/previous item (keyboard shortcuts)."""
        n = self.count()
        if n:
            row = (self.currentIndex().row() + delta) % n if self.currentIndex().isValid() else 0
            self.setCurrentIndex(self.samples.index(row))

"""Small painted views of the Inside tab: the saliency overlay and the first-layer weights as pictures."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.colors import SALIENCY, diverging, rgb_image, small_font, tile_grid
from mnist_studio.ui.look.painted import RecordsPaintedText, fit_wrapped_font


def saliency_rgb(image: np.ndarray, sal: np.ndarray) -> np.ndarray:
    """The drawing in grey with evidence for the digit in orange and against it in blue (28, 28, 3)."""
    s = np.asarray(sal, np.float32)
    mag = np.abs(s)
    scale = float(np.percentile(mag[mag > 0], 98)) if np.any(mag > 0) else 1.0
    t = np.clip(s / (scale if scale > 0 else 1.0), -1, 1)
    colour = SALIENCY[((t + 1) * 127.5).astype(np.uint8)].astype(np.float32)
    alpha = np.abs(t)[..., None]
    ink = (24 + np.asarray(image, np.float32) * 120)[..., None].repeat(3, axis=2)
    return (colour * alpha + ink * (1 - alpha)).astype(np.uint8)


class SaliencyView(RecordsPaintedText, QWidget):
    """The 28x28 input, or the input with the saliency map over it; a designed empty state when blank."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("saliencyView")
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(140, 140)
        self._image: QImage | None = None
        self._empty_text = ""
        self.saliency: np.ndarray | None = None

    def shows_picture(self) -> bool:
        """A drawing (with its saliency, when there is one) is painted; False: the empty text instead."""
        return self._image is not None

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, w: int) -> int:
        return w

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def set_data(self, image, sal) -> None:
        self.saliency = None if sal is None else np.asarray(sal, np.float32)
        if image is None:
            self._image = None
        elif sal is None:
            self._image = rgb_image((np.asarray(image, np.float32) * 255).astype(np.uint8)[..., None].repeat(3, 2))
        else:
            self._image = rgb_image(saliency_rgb(image, sal))
        self.update()

    def target_rect(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, 0, side, side)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        rect = self.target_rect()
        if self._image is None:
            painter.fillRect(rect, self.palette().alternateBase())
            painter.setPen(QPen(self.palette().placeholderText().color(), 1, Qt.PenStyle.DashLine))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            painter.setFont(small_font(self, 1.0))
            painter.setPen(self.palette().windowText().color())
            box, flags = rect.adjusted(12, 12, -12, -12), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            fit_wrapped_font(painter, box, flags, self._empty_text, theme.min_text_px())
            log.draw(painter, box, flags, self._empty_text)
        else:
            painter.drawImage(rect, self._image)
        painter.end()


class WeightPictures(RecordsPaintedText, QWidget):
    """First-layer weights as tiles: MLP units (strongest for the drawing first, drawing multiplied in),
    the ten class templates of a softmax-only model, or the CNN's first kernels."""

    tileClicked = Signal(int)  # the unit (or kernel) index

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("weightPictures")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.kind = ""
        self.weights: np.ndarray | None = None
        self.units: np.ndarray = np.zeros(0, int)  # which unit each shown tile is
        self.labels: list[str] = []
        self._image: QImage | None = None
        self._rect = QRectF()
        self._cols = 1
        self._tile = 28
        self._max_tiles = 24
        self._image_in: np.ndarray | None = None
        self._first_hidden: np.ndarray | None = None

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def set_weights(self, kind: str, weights: np.ndarray | None) -> None:
        self.kind, self.weights = kind, weights
        self._refresh()

    def set_drawing(self, image: np.ndarray | None, first_hidden: np.ndarray | None) -> None:
        """Order MLP tiles by how strongly each unit fires for the drawing, and multiply the drawing in."""
        self._image_in, self._first_hidden = image, first_hidden
        self._refresh()

    def _refresh(self) -> None:
        w = self.weights
        if w is None:
            self._image, self.units, self.labels = None, np.zeros(0, int), []
            self.update()
            return
        n = w.shape[0]
        hidden = self._first_hidden
        if hidden is not None and np.shape(hidden) != (n,):
            hidden = None  # the drawing's pass through another model (it changed mid-update): order by weight
        if self.kind == "dense" and n > 10:
            if hidden is not None:
                order = np.argsort(-np.asarray(hidden), kind="stable")
            else:
                order = np.argsort(-np.abs(w).reshape(n, -1).sum(axis=1), kind="stable")
            self.units = order[: self._max_tiles]
            self.labels = [str(int(u)) for u in self.units]
        else:
            self.units = np.arange(n)
            self.labels = [str(i) for i in range(n)]
        tiles = w[self.units]
        if self.kind == "dense" and self._image_in is not None and np.shape(self._image_in) == tiles.shape[1:]:
            tiles = tiles * (0.15 + 0.85 * self._image_in[None])  # the drawing multiplied in, the template faint
        scale = np.abs(tiles).reshape(len(tiles), -1).max(axis=1)[:, None, None]
        rgb = diverging(tiles / np.maximum(scale, 1e-9), 1.0)
        self._tile = tiles.shape[1]
        self._layout_and_render(rgb)

    def _layout_and_render(self, rgb: np.ndarray | None = None) -> None:
        if rgb is not None:
            self._rgb = rgb
        rgb = getattr(self, "_rgb", None)
        if rgb is None:
            return
        n, h = rgb.shape[:2]
        label_h = QFontMetrics(small_font(self)).height()
        best = (1, 1.0)
        for cols in range(1, n + 1):  # the largest tiles that fit the widget
            rows = -(-n // cols)
            cell = min(self.width() / (cols * (h + 1)), (self.height() - rows * label_h) / (rows * (h + 1)))
            if cell > best[1] or cols == 1:
                best = (cols, cell)
        self._cols, cell = best[0], max(best[1], 0.5)
        self._cell = cell
        self._label_h = label_h
        self._image = rgb_image(tile_grid(rgb, self._cols, gap=1, fill=90))
        self.update()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._layout_and_render()

    def _tile_rect(self, i: int) -> QRectF:
        row, col = divmod(i, self._cols)
        step = (self._tile + 1) * self._cell
        return QRectF(col * step, row * (step + self._label_h), self._tile * self._cell, self._tile * self._cell)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        if self._image is None:
            painter.end()
            return
        painter.setFont(small_font(self, 0.8))
        painter.setPen(self.palette().windowText().color())
        h = self._tile
        for i in range(len(self.units)):  # tile by tile, so each has room for its label below
            r = self._tile_rect(i)
            row, col = divmod(i, self._cols)
            painter.drawImage(r, self._image, QRectF(col * (h + 1), row * (h + 1), h, h))
            log.draw(painter, QRectF(r.x(), r.bottom(), r.width(), self._label_h), Qt.AlignmentFlag.AlignCenter,
                             self.labels[i])
        painter.end()

    def tile_center(self, i: int) -> QPointF:
        return self._tile_rect(i).center()

    def mousePressEvent(self, event):
        for i in range(len(self.units)):
            if self._tile_rect(i).contains(event.position()):
                self.tileClicked.emit(int(self.units[i]))
                return

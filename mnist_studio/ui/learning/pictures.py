"""The first layer as pictures (MLP units as 28x28 tiles; CNN kernels and their feature maps on one fixed
validation digit) and the drawing as the network reads it. Painted from QImages cached per snapshot."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedLayout, QWidget

from mnist_studio.ui.common.prediction import ProbabilityBars
from mnist_studio.ui.look import theme
from mnist_studio.ui.look.colors import diverging, rgb_image, sequential, small_font, tile_grid
from mnist_studio.ui.look.painted import RecordsPaintedText, fit_wrapped_font


def grey_image(image) -> QImage:
    """A (28, 28) digit (0..1 or 0..255) as a QImage, white ink on black as the models see it."""
    a = np.asarray(image, np.float32)
    if a.size and float(a.max()) > 1.5:
        a = a / 255.0
    g = (np.clip(a, 0, 1) * 255).astype(np.uint8)
    return rgb_image(np.repeat(g[..., None], 3, axis=2))


def weight_tiles(weights: np.ndarray) -> np.ndarray:
    """(n, h, w) signed weights -> (n, h, w, 3) RGB: blue below zero, orange above, each tile scaled to its own
    largest magnitude (a random start looks like noise, a trained unit like strokes)."""
    w = np.nan_to_num(np.asarray(weights, np.float32), nan=0.0, posinf=0.0, neginf=0.0)  # a diverged run
    scale = np.abs(w).reshape(len(w), -1).max(axis=1)[:, None, None] if len(w) else 1.0
    return diverging(w / np.maximum(scale, 1e-9), 1.0)


def map_tiles(maps: np.ndarray) -> np.ndarray:
    """(k, H, W) activations -> (k, H, W, 3): black (0) to pale yellow (the strongest of all k maps)."""
    m = np.maximum(np.nan_to_num(np.asarray(maps, np.float32), nan=0.0, posinf=0.0, neginf=0.0), 0)
    return sequential(m, float(m.max()) if m.size else 1.0)


def best_grid(n: int, width: float, height: float, aspect: float = 1.0) -> tuple[int, float]:
    """(columns, tile side) giving the largest square tiles for ``n`` of them in width x height."""
    best = (1, 0.0)
    for cols in range(1, max(1, n) + 1):
        rows = -(-n // cols)
        side = min(width / cols, height / (rows * aspect))
        if side > best[1]:
            best = (cols, side)
    return best


class FirstLayerView(RecordsPaintedText, QWidget):
    """First-layer weights as tiles; for a CNN the kernels above and, below, the fixed validation digit and
    what each kernel makes of it. ``set_message`` shows a sentence instead (a layer it cannot draw)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("learningWeights")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 100)
        self.kind = ""  # "dense" (28x28 tiles) or "conv" (kernels + feature maps)
        self.count = 0
        self._weights: QImage | None = None
        self._maps: QImage | None = None
        self._digit: QImage | None = None
        self._shape = (0, 0, 0)  # tiles, tile height, tile width
        self._map_shape = (0, 0, 0)
        self._message = ""
        self.maps_caption = ""

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_message(self, text: str) -> None:
        self._message = text
        self._weights = self._maps = None
        self.update()

    def set_frame(self, first_layer, feature_maps=None, digit=None) -> None:
        self._message = ""
        if first_layer is None or np.size(first_layer) == 0:
            self._weights = None
            self.count = 0
        else:
            w = np.asarray(first_layer, np.float32)
            self.kind = "conv" if feature_maps is not None or w.shape[1] < 20 else "dense"
            self.count = len(w)
            self._shape = w.shape
            self._weights = self._mosaic(weight_tiles(w))
        if feature_maps is None or np.size(feature_maps) == 0:
            self._maps = None
        else:
            m = np.asarray(feature_maps, np.float32)
            self._map_shape = m.shape
            self._maps = self._mosaic(map_tiles(m))
        if digit is not None and self._digit is None:
            self._digit = grey_image(digit)
        self.update()

    @staticmethod
    def _mosaic(rgb: np.ndarray) -> QImage:
        """All tiles in one row (gap 1): painted tile by tile from this one image."""
        return rgb_image(tile_grid(rgb, len(rgb), gap=1, fill=128))

    def _paint_tiles(self, painter: QPainter, image: QImage, shape, area: QRectF, lead: QImage | None = None):
        n, h, w = shape[0], shape[1], shape[2]
        total = n + (1 if lead is not None else 0)
        gap = 3.0
        cols, side = best_grid(total, area.width() + gap, area.height() + gap, h / max(w, 1))
        side = max(1.0, side - gap)
        tile_h = side * h / max(w, 1)
        for i in range(total):
            row, col = divmod(i, cols)
            r = QRectF(area.x() + col * (side + gap), area.y() + row * (tile_h + gap), side, tile_h)
            if lead is not None and i == 0:
                painter.drawImage(r, lead)
                painter.setPen(self.palette().highlight().color())
                painter.drawRect(r.adjusted(-1, -1, 0, 0))
                continue
            k = i - (1 if lead is not None else 0)
            painter.drawImage(r, image, QRectF(k * (w + 1), 0, w, h))

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        rect = QRectF(0, 0, self.width(), self.height())
        if self._weights is None:
            painter.setFont(small_font(self, 1.0))
            painter.setPen(self.palette().windowText().color())
            flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
            box = rect.adjusted(6, 6, -6, -6)
            fit_wrapped_font(painter, box, flags, self._message, theme.min_text_px())
            log.draw(painter, box, flags, self._message)
            painter.end()
            return
        if self._maps is None:
            self._paint_tiles(painter, self._weights, self._shape, rect)
        else:
            painter.setFont(small_font(self, 0.85))
            line = QFontMetricsF(painter.font()).height()
            top = QRectF(0, 0, rect.width(), rect.height() * 0.4)
            self._paint_tiles(painter, self._weights, self._shape, top)
            caption = QRectF(0, top.bottom() + 2, rect.width(), line)
            painter.setPen(self.palette().windowText().color())
            text = QFontMetricsF(painter.font()).elidedText(self.maps_caption, Qt.TextElideMode.ElideRight,
                                                            rect.width())
            log.draw(painter, caption, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
            below = QRectF(0, caption.bottom() + 2, rect.width(), max(4.0, rect.bottom() - caption.bottom() - 2))
            self._paint_tiles(painter, self._maps, self._map_shape, below, lead=self._digit)
        painter.end()

    def shows_feature_maps(self) -> bool:
        """A CNN frame: what each kernel sees in the run's digit is drawn beside the kernels."""
        return self._maps is not None

    def frame_image(self) -> QImage | None:
        """The weights' mosaic (tests compare snapshots with it)."""
        return self._weights


class DrawingRead(QWidget):
    """The drawing at the start of the run beside the ten probabilities the network gives it at a snapshot;
    a sentence when no drawing was there to read."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("learningDrawing")
        self.picture = _Picture()
        self.bars = ProbabilityBars()
        self.bars.setObjectName("learningBars")
        self.message = QLabel(objectName="learningDrawingMessage", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        shown = QWidget()
        row = QHBoxLayout(shown)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picture, 2)
        row.addWidget(self.bars, 3)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(shown)
        self.setMinimumSize(120, 100)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        # short of room for ten rows of legible bars beside the picture: the bars take the whole width
        # (two columns of five where they fit), the picture steps aside
        font = QFont(self.font())
        font.setPixelSize(ProbabilityBars.label_px())
        ten_rows = QFontMetricsF(font).height() * 10 * 1.05
        self.picture.setVisible(self.height() >= ten_rows or self.width() > 2.2 * self.height())

    def set_drawing(self, image) -> None:
        self.picture.set_image(None if image is None else grey_image(image))
        self.stack.setCurrentIndex(0 if image is None else 1)

    def set_probabilities(self, probs) -> None:
        self.bars.set_probabilities(probs)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def showing_bars(self) -> bool:
        return self.stack.currentIndex() == 1


class _Picture(RecordsPaintedText, QWidget):
    """A square picture as large as the widget allows, centred."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("learningDrawingPicture")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(40, 40)
        self.image: QImage | None = None

    def set_image(self, image: QImage | None) -> None:
        self.image = image
        self.update()

    def paintEvent(self, event):
        if self.image is None:
            return
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.drawImage(QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side), self.image)
        painter.end()

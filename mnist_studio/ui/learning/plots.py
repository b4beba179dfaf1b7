"""The validation confusion matrix at a snapshot (mistakes in red, fading as it learns) and the map of the
validation digits (fixed axes [-1, 1], one colour per true digit, a legend below). Both paint a QImage that
numpy filled: no matplotlib per frame."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.common.dots import DIGIT_RGB, filled_rgb, stamp_dots
from mnist_studio.ui.look import theme
from mnist_studio.ui.look.colors import DIGIT_COLORS, rgb_image, small_font
from mnist_studio.ui.look.painted import RecordsPaintedText, fitting_pixel_size

CORRECT = np.array([31, 111, 235], np.float32)  # the diagonal: blue, as strong as the row's share
MISTAKE = np.array([214, 39, 40], np.float32)  # off the diagonal: red, sqrt of the share (a few stay visible)


def _rgb(color: QColor) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()], np.float32)


def confusion_rgb(matrix: np.ndarray, background: QColor) -> np.ndarray:
    """(10, 10) counts -> (10, 10, 3): each cell coloured by its share of its row (its true digit)."""
    m = np.asarray(matrix, np.float32)
    share = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
    eye = np.eye(len(m), dtype=bool)
    t = np.where(eye, share, np.sqrt(share))[..., None]
    colour = np.where(eye[..., None], CORRECT, MISTAKE)
    bg = _rgb(background)
    return (bg * (1 - t) + colour * t).astype(np.uint8)


class ConfusionView(RecordsPaintedText, QWidget):
    """Rows: true digit, columns: the network's answer, on the fixed validation slice; counts when they fit."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("learningConfusion")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 100)
        self.matrix: np.ndarray | None = None
        self._image: QImage | None = None
        self.row_label = "true"
        self.col_label = "predicted"

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_axis_labels(self, rows: str, cols: str) -> None:
        self.row_label, self.col_label = rows, cols
        self.update()

    def set_matrix(self, matrix) -> None:
        self.matrix = None if matrix is None else np.asarray(matrix, np.int64)
        base = self.palette().base().color()
        self._image = None if self.matrix is None else rgb_image(confusion_rgb(self.matrix, base))
        self.update()

    def off_diagonal(self) -> int:
        m = self.matrix
        return 0 if m is None else int(m.sum() - np.trace(m))

    def _font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(theme.min_text_px() if theme.is_projector() else theme.app_text_px())
        return font

    def grid_rect(self) -> QRectF:
        line = QFontMetricsF(self._font()).height()
        margin = line * 2 + 3
        side = max(10.0, min(self.width() - margin, self.height() - margin))
        return QRectF(margin + (self.width() - margin - side) / 2, margin, side, side)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        pal = self.palette()
        font = self._font()
        painter.setFont(font)
        line = QFontMetricsF(font).height()
        grid = self.grid_rect()
        cell = grid.width() / 10
        painter.setPen(pal.windowText().color())
        fm = QFontMetricsF(font)
        col_text = fm.elidedText(self.col_label + " →", Qt.TextElideMode.ElideRight, grid.width())
        log.draw(painter, QRectF(grid.x(), 0, grid.width(), line), Qt.AlignmentFlag.AlignCenter, col_text)
        painter.save()
        painter.translate(0, grid.bottom())
        painter.rotate(-90)
        row_text = fm.elidedText("← " + self.row_label, Qt.TextElideMode.ElideRight, grid.height())
        log.draw(painter, QRectF(0, 0, grid.height(), line), Qt.AlignmentFlag.AlignCenter, row_text)
        painter.restore()
        for d in range(10):  # the digits along both edges
            log.draw(painter, QRectF(grid.x() + d * cell, line + 1, cell, line), Qt.AlignmentFlag.AlignCenter,
                     str(d))
            log.draw(painter, QRectF(line + 1, grid.y() + d * cell, line, cell), Qt.AlignmentFlag.AlignCenter,
                     str(d))
        if self._image is None:
            painter.fillRect(grid, pal.alternateBase())
            painter.end()
            return
        painter.drawImage(grid, self._image)
        texts = [str(int(v)) for v in self.matrix.ravel()]
        smallest = theme.min_text_px() if theme.is_projector() else max(9, int(theme.app_text_px() * 0.75))
        px = fitting_pixel_size(font, texts, cell * 0.92, cell, max(smallest, int(cell * 0.5)), 1)
        if px >= smallest:  # counts only where they are legible; the colours tell the rest
            count_font = QFont(font)
            count_font.setPixelSize(px)
            painter.setFont(count_font)
            shares = confusion_rgb(self.matrix, pal.base().color()).reshape(-1, 3)
            for i, text in enumerate(texts):
                if text == "0":
                    continue
                r, c = divmod(i, 10)
                light = shares[i].astype(np.float32) @ np.array([0.299, 0.587, 0.114]) > 140
                painter.setPen(QColor("black") if light else QColor("white"))
                log.draw(painter, QRectF(grid.x() + c * cell, grid.y() + r * cell, cell, cell),
                         Qt.AlignmentFlag.AlignCenter, text)
        painter.setPen(QPen(pal.mid().color(), 1))
        painter.drawRect(grid.adjusted(0, 0, -1, -1))
        painter.end()


class MapView(RecordsPaintedText, QWidget):
    """The validation digits as dots placed by the last hidden layer, on fixed axes [-1, 1] (a projection kept
    aligned between snapshots by the training side), one colour per true digit, a legend of the ten below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("learningMap")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 100)
        self.xy: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self._cache: QImage | None = None
        self._order: np.ndarray | None = None
        self._message = ""

    def sizeHint(self) -> QSize:
        return QSize(300, 300)

    def set_message(self, text: str) -> None:
        self._message = text
        self.update()

    def set_points(self, xy, labels) -> None:
        self.xy = None if xy is None else np.nan_to_num(np.asarray(xy, np.float32), nan=0.0, posinf=1.0,
                                                        neginf=-1.0)
        if labels is not None and (self.labels is None or len(labels) != len(self.labels)):
            self._order = np.random.default_rng(0).permutation(len(labels))  # no digit always on top
        self.labels = None if labels is None else np.asarray(labels, np.int64)
        self._cache = None
        self.update()

    def _legend_rows(self) -> int:
        """One row of ten swatches, or two of five when ten do not fit the width."""
        fm = QFontMetricsF(small_font(self))
        item = fm.height() * 0.6 + 2 + fm.horizontalAdvance("0") + fm.height() * 0.5
        return 1 if 10 * item <= self.width() else 2

    def _legend_height(self) -> float:
        return (QFontMetricsF(small_font(self)).height() + 2) * self._legend_rows() + 4

    def map_rect(self) -> QRectF:
        """The square [-1, 1] x [-1, 1], as large as fits above the legend."""
        h = max(10.0, self.height() - self._legend_height())
        side = min(self.width(), h)
        return QRectF((self.width() - side) / 2, 0, side, side)  # the legend right below it

    def to_screen(self, xy: np.ndarray, rect: QRectF) -> np.ndarray:
        t = (np.clip(np.asarray(xy, np.float32), -1.05, 1.05) + 1.08) / 2.16  # a small margin round the square
        return np.stack([rect.x() + t[..., 0] * rect.width(), rect.y() + (1 - t[..., 1]) * rect.height()], -1)

    def _render(self, w: int, h: int) -> QImage:
        bg = self.palette().base().color()
        rgb = filled_rgb(w, h, bg)
        rgb[h // 2, :] = rgb[:, w // 2] = (200, 200, 200) if bg.lightness() > 128 else (80, 80, 80)  # the axes
        n = len(self.xy)
        if n and self.labels is not None and len(self.labels) == n:
            order = self._order if self._order is not None and len(self._order) == n else np.arange(n)
            pts = self.to_screen(self.xy[order], QRectF(0, 0, w, h)).astype(int)
            dot = max(3, int(round(min(w, h) / 60)))
            stamp_dots(rgb, np.clip(pts - dot // 2, 0, [w - dot, h - dot]), DIGIT_RGB[self.labels[order] % 10], dot)
        return rgb_image(rgb)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        pal = self.palette()
        rect = self.map_rect()
        painter.setFont(small_font(self))
        if self.xy is None:
            painter.fillRect(rect, pal.alternateBase())
            painter.setPen(pal.windowText().color())
            log.draw(painter, rect.adjusted(6, 6, -6, -6), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                     self._message)
        else:
            size = rect.size().toSize()
            if self._cache is None or self._cache.size() != size:
                self._cache = self._render(max(1, size.width()), max(1, size.height()))
            painter.drawImage(rect.topLeft(), self._cache)
            painter.setPen(QPen(pal.mid().color(), 1))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
        fm = QFontMetricsF(painter.font())
        rows = self._legend_rows()
        per_row = 10 // rows
        cell = self.width() / per_row
        for d in range(10):
            y = rect.bottom() + 3 + (d // per_row) * (fm.height() + 2)
            x = (d % per_row) * cell
            swatch = QRectF(x + 1, y + fm.height() * 0.2, fm.height() * 0.6, fm.height() * 0.6)
            painter.fillRect(swatch, DIGIT_COLORS[d])
            painter.setPen(pal.windowText().color())
            log.draw(painter, QRectF(swatch.right() + 2, y, max(1.0, cell - swatch.width() - 3), fm.height()),
                     Qt.AlignmentFlag.AlignVCenter, str(d))
        painter.end()

"""ConfusionMatrixView: a 10x10 heatmap with counts; click a cell to see its samples."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.painted import TextLog, fit_wrapped_font, fitting_pixel_size


class ConfusionMatrixView(QWidget):
    """Rows: true digit, columns: predicted digit. ``difference`` mode shows A - B in red/blue."""

    cellClicked = Signal(int, int)  # true digit, predicted digit

    def __init__(self, parent=None, object_name: str = "confusionMatrix"):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 240)
        self.setMouseTracking(True)
        self.matrix: np.ndarray | None = None
        self.difference = False
        self.selected: tuple[int, int] | None = None
        self._hover: tuple[int, int] | None = None
        self.row_label = "true digit"
        self.col_label = "predicted digit"
        self.text_log = TextLog()

    def painted_texts(self):
        return list(self.text_log.items)

    def _font(self) -> QFont:
        """The axes' font: the app's size, on a projector the smallest legible one - the room goes to the
        cells and their counts, which are what the class reads."""
        font = QFont(self.font())
        font.setPixelSize(theme.min_text_px() if theme.is_projector() else theme.app_text_px())
        return font

    def refresh_minimum(self) -> None:
        """Cells at least one line of text high and wide enough for a count of up to three digits ("+34",
        "996") at the smallest legible size, so no cell of a difference or a small set loses its number."""
        line = QFontMetricsF(self._font()).height()
        count = QFont(self._font())
        count.setPixelSize(theme.min_text_px())
        count_fm = QFontMetricsF(count)
        widest = max([count_fm.horizontalAdvance(t) for t in self._texts() if len(t) <= 3]
                     + [count_fm.horizontalAdvance("888")])
        cell = max(line, widest / 0.96 + 1, count_fm.height() + 2)
        side = int(line * 2.2 + 10 * cell) + 1
        self.setMinimumSize(side, side)

    def _texts(self) -> list[str]:
        if self.matrix is None:
            return []
        return [f"{int(v):+d}" if self.difference and v else str(int(v)) for v in self.matrix.ravel()]

    def _count_sizes(self, font: QFont, texts: list[str], cell: float) -> dict[int, int]:
        """Pixel size per count length: each length as large as its counts fit (projector mode: up to half
        the cell), a longer count never larger than a shorter one - so the 4-digit diagonal of the 10,000
        test images does not shrink every mistake's count with it."""
        smallest = theme.min_text_px()
        largest = max(smallest, int(cell * (0.5 if theme.is_projector() else 0.4)))
        sizes = {}
        for length in sorted({len(t) for t in texts}):
            px = fitting_pixel_size(font, [t for t in texts if len(t) == length], cell * 0.96, cell, largest,
                                    smallest)
            sizes[length] = largest = px
        return sizes

    def set_matrix(self, matrix, difference: bool = False) -> None:
        self.matrix = None if matrix is None else np.asarray(matrix, dtype=np.int64)
        self.difference = difference
        self.selected = None
        self.refresh_minimum()
        self.update()

    def set_axis_labels(self, rows: str, cols: str) -> None:
        self.row_label, self.col_label = rows, cols
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(460, 460)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    # -- geometry ---------------------------------------------------------------------------------
    def cell_geometry(self) -> tuple[float, float, float]:
        """Where the matrix is painted: (left, top, cell size) in pixels, for today's size and font."""
        fm_h = QFontMetricsF(self._font()).height()
        margin = fm_h * 2.2
        side = max(10.0, min(self.width() - margin, self.height() - margin))
        cell = side / 10
        left = margin + (self.width() - margin - side) / 2
        top = margin
        return left, top, cell

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell = self.cell_geometry()
        col, row = int((x - left) // cell), int((y - top) // cell)
        if 0 <= row < 10 and 0 <= col < 10 and x >= left and y >= top:
            return row, col
        return None

    def cell_center(self, row: int, col: int):
        from PySide6.QtCore import QPoint

        left, top, cell = self.cell_geometry()
        return QPoint(int(left + (col + 0.5) * cell), int(top + (row + 0.5) * cell))

    # -- events -----------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit is not None and self.matrix is not None:
            self.selected = hit
            self.update()
            self.cellClicked.emit(*hit)

    def mouseMoveEvent(self, event):
        hit = self.cell_at(event.position().x(), event.position().y())
        if hit != self._hover:
            self._hover = hit
            if hit is not None and self.matrix is not None:
                r, c = hit
                self.setToolTip(f"{self.row_label} {r} → {self.col_label} {c}: {int(self.matrix[r, c])}")
            self.update()

    def leaveEvent(self, event):
        self._hover = None
        self.update()

    # -- painting ---------------------------------------------------------------------------------
    def _color(self, value: int, row: int, col: int) -> QColor:
        m = self.matrix
        if self.difference:
            peak = max(1, int(np.abs(m).max()))
            t = min(1.0, abs(value) / peak)
            base = QColor("#2166ac") if value > 0 else QColor("#b2182b")
            return QColor.fromRgbF(1 - t * (1 - base.redF()), 1 - t * (1 - base.greenF()), 1 - t * (1 - base.blueF()))
        if row == col:
            peak = max(1, int(np.diag(m).max()))
            t = value / peak
            return QColor.fromRgbF(1 - 0.75 * t, 1 - 0.45 * t, 1 - 0.75 * t)  # greens: right answers
        off = m.copy()
        np.fill_diagonal(off, 0)
        peak = max(1, int(off.max()))
        t = (value / peak) ** 0.6 if value else 0.0
        return QColor.fromRgbF(1.0, 1 - 0.7 * t, 1 - 0.75 * t)  # oranges/reds: mistakes

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, cell = self.cell_geometry()
        pal = self.palette()
        text_color = pal.windowText().color()
        font = self._font()
        painter.setFont(font)
        fm_h = QFontMetricsF(font).height()
        center = Qt.AlignmentFlag.AlignCenter
        painter.setPen(text_color)
        log.draw(painter, QRectF(left, 0, cell * 10, fm_h * 1.1), center, self.col_label)
        painter.save()
        x0 = max(0.0, left - fm_h * 2.3)
        painter.translate(x0, top + cell * 5)
        painter.rotate(-90)
        log.draw(painter, QRectF(-cell * 5, 0, cell * 10, fm_h * 1.1), center, self.row_label)
        painter.restore()
        digits_w = left - x0 - fm_h * 1.1
        for i in range(10):
            log.draw(painter, QRectF(left + i * cell, top - fm_h * 1.15, cell, fm_h * 1.1), center, str(i))
            log.draw(painter, QRectF(x0 + fm_h * 1.1, top + i * cell, digits_w - fm_h * 0.1, cell), center, str(i))
        if self.matrix is None:  # the window's text size (the axes' may be smaller on a projector), fitted
            painter.setPen(pal.placeholderText().color())
            placeholder = QFont(font)
            placeholder.setPixelSize(theme.app_text_px())
            painter.setFont(placeholder)
            area, flags = QRectF(left, top, cell * 10, cell * 10), center | Qt.TextFlag.TextWordWrap
            text = self.tr("Evaluate a model to see its confusion matrix")
            fit_wrapped_font(painter, area, flags, text, theme.min_text_px())
            log.draw(painter, area, flags, text)
            painter.end()
            return
        texts = self._texts()
        sizes = self._count_sizes(font, texts, cell)
        count_font = QFont(font)
        for r in range(10):
            for c in range(10):
                value = int(self.matrix[r, c])
                rect = QRectF(left + c * cell, top + r * cell, cell, cell)
                painter.fillRect(rect, self._color(value, r, c))
                painter.setPen(QColor("#111111"))
                text = texts[r * 10 + c]
                count_font.setPixelSize(sizes[len(text)])
                painter.setFont(count_font)
                # A count too wide for its cell even at the smallest legible size (in a small matrix, the
                # 4-digit diagonal) is shortened to thousands ("1.1k"; the tooltip has it whole): never a
                # clipped number, never a blank cell.
                if value or r == c:
                    fm = QFontMetricsF(count_font)
                    if fm.horizontalAdvance(text) > cell:
                        count_font.setPixelSize(theme.min_text_px())
                        painter.setFont(count_font)
                        fm = QFontMetricsF(count_font)
                        text = short_count(value, self.difference)
                        if fm.horizontalAdvance(text) > cell:
                            text = short_count(value, self.difference, decimals=False)
                    if fm.horizontalAdvance(text) <= cell:
                        log.draw(painter, rect, center, text)
        painter.setPen(QColor(128, 128, 128, 90))
        for i in range(11):
            painter.drawLine(left, top + i * cell, left + 10 * cell, top + i * cell)
            painter.drawLine(left + i * cell, top, left + i * cell, top + 10 * cell)
        for spot, color, width in ((self._hover, pal.highlight().color(), 2), (self.selected, QColor("#000000"), 3)):
            if spot is not None:
                pen = painter.pen()
                pen.setColor(color)
                pen.setWidth(width)
                painter.setPen(pen)
                painter.drawRect(QRectF(left + spot[1] * cell, top + spot[0] * cell, cell, cell))
        painter.end()


def short_count(value: int, difference: bool = False, decimals: bool = True) -> str:
    """A count in thousands, as short as it reads: 1,134 -> "1.1k" ("1k" without decimals), 12,000 -> "12k"
    (a difference keeps its sign)."""
    sign = ("+" if value > 0 else "-") if difference and value else ("-" if value < 0 else "")
    thousands = abs(value) / 1000
    if abs(value) < 1000:
        return f"{sign}{abs(value)}"
    if thousands < 10 and decimals:
        return f"{sign}{thousands:.1f}k".replace(".0k", "k")
    return f"{sign}{thousands:.0f}k"

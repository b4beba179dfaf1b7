"""DigitStrip: a flow of digit thumbnails with short captions, painted in one widget (hundreds stay cheap).

Used for each student's row on the wall, the digits of a confusion cell and *Fooled the network*. Items
are identified by a key (the server's digit id); a click selects one, a right click asks for its menu.
Thumbnails are cached per key by the caller's ``ThumbCache`` so a refresh four times a second repaints,
never re-renders, the digits that did not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mnist_studio.ui.common.gallery import image_to_pixmap
from mnist_studio.ui.common.refit import Refits
from mnist_studio.ui.look import theme
from mnist_studio.ui.look.painted import TextLog

RIGHT = QColor("#1b7f3b")
WRONG = QColor("#c62828")
HALF = QColor("#e08a00")


@dataclass
class StripItem:
    key: int
    image: np.ndarray  # 28x28, float [0, 1] or uint8
    lines: list[tuple[str, QColor | None]] = field(default_factory=list)  # caption lines under the thumbnail
    frame: QColor | None = None
    tooltip: str = ""


class ThumbCache:
    """Pixmaps by (key, size): made once per digit and size."""

    def __init__(self):
        self._pixmaps: dict[tuple[int, int], QPixmap] = {}

    def get(self, key: int, image: np.ndarray, size: int) -> QPixmap:
        pix = self._pixmaps.get((key, size))
        if pix is None:
            pix = self._pixmaps[(key, size)] = image_to_pixmap(np.asarray(image), size)
        return pix

    def forget(self, keep: set[int]) -> None:
        """Drop the pixmaps of digits no longer shown anywhere (removed digits, another class)."""
        for k in [k for k in self._pixmaps if k[0] not in keep]:
            del self._pixmaps[k]


class DigitStrip(Refits, QWidget):
    """Thumbnails left to right, wrapping; as tall as its rows need for its width."""

    clicked = Signal(int)  # key
    menuRequested = Signal(int, QPoint)  # key, global position

    def __init__(self, cache: ThumbCache | None = None, parent=None, object_name: str = "digitStrip",
                 max_lines: int = 2):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.cache = cache or ThumbCache()
        self.items: list[StripItem] = []
        self.selected: int | None = None
        self.thumb = 56
        self.max_lines = max_lines
        self.empty_text = ""
        self._geometry: tuple[float, float, float] | None = None  # (cell width, cell height, line height)
        self._elided: dict[str, str] = {}  # caption -> as it fits the cell (captions repeat: "CNN 7")
        self.text_log = TextLog()
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def painted_texts(self):
        return list(self.text_log.items)

    # -- content ----------------------------------------------------------------------------------
    def set_items(self, items: list[StripItem]) -> None:
        self.items = list(items)
        self._geometry = None
        if self.selected is not None and all(i.key != self.selected for i in self.items):
            self.selected = None
        self.refit()
        self.update()

    def set_thumb_size(self, size: int) -> None:
        self.thumb = int(size)
        self._geometry = None
        self.refit()
        self.update()

    def set_empty_text(self, text: str) -> None:
        self.empty_text = text
        self.refit()
        self.update()

    def keys(self) -> list[int]:
        return [i.key for i in self.items]

    # -- geometry ---------------------------------------------------------------------------------
    def caption_font(self) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(theme.min_text_px())
        return font

    def _cell(self) -> tuple[float, float, float]:
        """(cell width, cell height, line height); measured once per content, size and font."""
        if self._geometry is None:
            self._geometry = self._measure()
            self._elided = {}
        return self._geometry

    def _measure(self) -> tuple[float, float, float]:
        fm = QFontMetricsF(self.caption_font())
        widest = max([fm.horizontalAdvance(t) for item in self.items for t, _ in item.lines] + [0.0])
        width = max(self.thumb + 8.0, min(widest + 10.0, self.thumb * 2.6))
        lines = max([len(i.lines) for i in self.items] + [0])
        return width, self.thumb + 8.0 + lines * fm.height(), fm.height()

    def _columns(self, width: int) -> int:
        return max(1, int(width // self._cell()[0]))

    def heightForWidth(self, width: int) -> int:
        if not self.items:
            return int(QFontMetricsF(self.font()).height() * 1.6) if self.empty_text else 0
        cell_w, cell_h, _ = self._cell()
        rows = -(-len(self.items) // self._columns(width))
        return int(rows * cell_h) + 2

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(400, self.heightForWidth(400))

    def minimumSizeHint(self) -> QSize:
        return QSize(int(self._cell()[0]), self.heightForWidth(int(self._cell()[0])))

    def refit(self) -> None:
        self.setMinimumHeight(self.heightForWidth(max(1, self.width())))
        self.updateGeometry()

    def font_changed(self) -> None:
        self._geometry = None

    def item_rect(self, index: int) -> QRectF:
        cell_w, cell_h, _ = self._cell()
        cols = self._columns(self.width())
        return QRectF((index % cols) * cell_w, (index // cols) * cell_h, cell_w, cell_h)

    def index_at(self, pos) -> int | None:
        for i in range(len(self.items)):
            if self.item_rect(i).contains(pos):
                return i
        return None

    def item_center(self, key: int) -> QPoint:
        i = self.keys().index(key)
        return self.item_rect(i).center().toPoint()

    # -- events -----------------------------------------------------------------------------------
    def mousePressEvent(self, event):
        i = self.index_at(event.position())
        if i is None:
            return super().mousePressEvent(event)
        self.selected = self.items[i].key
        self.update()
        if event.button() == Qt.MouseButton.RightButton:
            self.menuRequested.emit(self.selected, event.globalPosition().toPoint())
        else:
            self.clicked.emit(self.selected)

    def contextMenuEvent(self, event):
        event.accept()  # the press already asked for the item's menu

    def mouseMoveEvent(self, event):
        i = self.index_at(event.position())
        tip = self.items[i].tooltip if i is not None else ""
        if tip:
            QToolTip.showText(event.globalPosition().toPoint(), tip, self)
        else:
            QToolTip.hideText()

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        pal = self.palette()
        font = self.caption_font()
        painter.setFont(font)
        fm = QFontMetricsF(font)
        if not self.items:
            if self.empty_text:
                painter.setPen(pal.placeholderText().color())
                painter.setFont(self.font())
                log.draw(painter, QRectF(self.rect()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(self.empty_text, Qt.TextElideMode.ElideRight, self.width())
                         if QFontMetricsF(self.font()).horizontalAdvance(self.empty_text) > self.width()
                         else self.empty_text)
            painter.end()
            return
        cell_w, cell_h, line_h = self._cell()
        exposed = QRectF(event.rect())
        text_color = pal.windowText().color()
        for i, item in enumerate(self.items):
            cell = self.item_rect(i)
            if not cell.intersects(exposed):
                continue
            x = cell.x() + (cell_w - self.thumb) / 2
            y = cell.y() + 3
            painter.drawPixmap(int(x), int(y), self.cache.get(item.key, item.image, self.thumb))
            if item.frame is not None or item.key == self.selected:
                pen = QPen(pal.highlight().color() if item.key == self.selected else item.frame)
                pen.setWidth(4 if item.key == self.selected else 3)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(QRectF(x - 1.5, y - 1.5, self.thumb + 3, self.thumb + 3))
            for n, (text, color) in enumerate(item.lines):
                painter.setPen(color if color is not None else text_color)
                shown = self._elided.get(text)
                if shown is None:
                    shown = self._elided[text] = fm.elidedText(text, Qt.TextElideMode.ElideRight, cell_w - 4)
                log.draw(painter, QRectF(cell.x() + 2, y + self.thumb + 3 + n * line_h, cell_w - 4, line_h),
                         Qt.AlignmentFlag.AlignCenter, shown)
        painter.end()

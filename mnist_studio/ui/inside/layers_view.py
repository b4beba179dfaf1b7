"""LayersView: every layer of one model on the current drawing, top to bottom, painted in one pass.

Conv and pooling layers are grids of feature maps drawn at a fixed size per map pixel, so pooling
visibly shrinks them; dense layers are strips of units sorted by activation; the output is the ten
scores before softmax next to the ten probabilities after it. Each layer is one QImage mosaic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication, QSizePolicy, QWidget

from mnist_studio.ui.common.refit import Refits
from mnist_studio.ui.look.colors import POSITIVE, rgb_image, sequential, small_font, tile_grid
from mnist_studio.ui.look.painted import RecordsPaintedText

MARGIN = 8
STRIP_H = 44


@dataclass
class Block:
    step: int
    kind: str  # maps, strip, text, scores
    title: str
    data: np.ndarray | None = None
    image: QImage | None = None
    rect: QRectF = field(default_factory=QRectF)
    cols: int = 1
    cell: float = 1.0  # screen px per map (or unit) pixel
    order: np.ndarray | None = None  # strip: unit index per column
    title_h: float = 0.0
    shape: tuple = ()  # the layer's output shape (batch axis dropped), from its LayerInfo


class LayersView(Refits, RecordsPaintedText, QWidget):
    unitClicked = Signal(int, int)  # step, unit (dense) or feature map (conv)
    digitClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("layersView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self._blocks: list[Block] = []
        self._empty_text = ""
        self._message = ""
        self._shapes: dict = {}
        self._logits = self._probs = None
        self._digit = -1
        self._selected: tuple[int, int] | None = None
        self._scale = 2.0

    def blocks(self) -> list[Block]:
        """The network's steps as drawn, top to bottom (each with the activations it shows, or None)."""
        return list(self._blocks)

    def logits(self):
        """The ten scores shown for the last drawing (None: nothing drawn)."""
        return self._logits

    def sizeHint(self) -> QSize:
        return QSize(560, self.minimumHeight())

    def set_scale(self, scale: float) -> None:
        self._scale = scale
        self._layout()

    # -- content ----------------------------------------------------------------------------------
    def set_layers(self, layers, titles: dict, scores_step: int | None = None) -> None:
        """The model's layers (explain.LayerInfo); ``titles``: step -> text; ``scores_step``: the layer that
        gives the ten scores (default: the last). Shown empty until a trace.

        Each block keeps its layer's shape, so the view never mixes one model's blocks with another's
        shapes (the model can change between any two updates)."""
        self._blocks = []
        self._shapes = {info.step: tuple(info.shape) for info in layers}
        self._selected = None
        scores_step = layers[-1].step if scores_step is None and layers else scores_step
        for info in layers:
            if scores_step is not None and info.step > scores_step:
                continue  # a separate softmax after the scores: the scores block shows it
            if info.kind in ("conv", "pool"):
                kind = "maps" if len(info.shape) == 3 else "text"
            elif info.kind == "dense":
                kind = "scores" if info.step == scores_step else "strip"
            elif info.kind in ("flatten", "gap", "act", "affine") or (info.kind == "reshape" and info.step > 0):
                kind = "text"
            else:
                continue
            self._blocks.append(Block(info.step, kind, titles.get(info.step, info.name), shape=tuple(info.shape)))
        self._logits = self._probs = None
        self._layout()

    def set_message(self, text: str) -> None:
        self._message = text
        self._layout()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    def set_trace(self, trace, digit: int) -> None:
        """One live update: new activations for every block (None: the empty state). A trace of another
        model (its layers changed since ``set_layers``) shows as the empty state too."""
        self._digit = digit
        if trace is not None and not self.matches(trace):
            trace = None
        if trace is None:
            for block in self._blocks:
                block.data = block.image = None
            self._logits = self._probs = None
        else:
            for block in self._blocks:
                block.data = trace.outputs[block.step]
            self._logits, self._probs = trace.logits, trace.probs
        self._render()
        self.update()

    def matches(self, trace) -> bool:
        """Whether ``trace`` comes from the model whose layers are shown (same steps, same shapes)."""
        outputs = trace.outputs
        return all(block.step < len(outputs) and tuple(np.shape(outputs[block.step])) == block.shape
                   for block in self._blocks)

    def select(self, step: int | None, unit: int = 0) -> None:
        self._selected = None if step is None else (step, unit)
        self.update()

    # -- layout and rendering --------------------------------------------------------------------------
    def _line(self) -> int:
        return QFontMetrics(small_font(self)).height() + 4

    def _layout(self) -> None:
        width = max(200, self.width() - 2 * MARGIN)
        y = MARGIN + (self._line() * 3 if self._message else 0)
        line = self._line()
        fm = QFontMetrics(small_font(self))
        for block in self._blocks:
            block.title_h = fm.boundingRect(0, 0, int(width), 1000, Qt.TextFlag.TextWordWrap,
                                            block.title.replace("%4", "000")).height() + 4
            y += block.title_h
            if block.kind == "maps":
                shape = self._shape(block)
                if len(shape) != 3:  # never for a block made by set_layers; kept safe for any caller
                    block.rect = QRectF(MARGIN, y, width, 0)
                    y += line * 0.6
                    continue
                h, w, n = shape
                block.cell = self._scale * (28.0 / max(h, 28)) if h > 28 else self._scale
                fit = max(1, min(n, int((width + block.cell) // ((w + 1) * block.cell))))
                rows = -(-n // fit)
                block.cols = -(-n // rows)  # balanced rows: no half-empty last row
                block.rect = QRectF(MARGIN, y, (block.cols * (w + 1) - 1) * block.cell,
                                    (rows * (h + 1) - 1) * block.cell)
            elif block.kind == "strip":
                block.rect = QRectF(MARGIN, y, width, STRIP_H * self._scale / 2)
            elif block.kind == "scores":
                block.rect = QRectF(MARGIN, y, width, line * 6)
            elif block.kind == "text" and len(self._shape(block)) == 1:
                block.rect = QRectF(MARGIN, y, width, 6 * self._scale)  # the flattened vector as a thin strip
            else:
                block.rect = QRectF(MARGIN, y, width, 0)
            y += block.rect.height() + line * 0.6
        self.setMinimumHeight(int(y + MARGIN))
        self._render()
        self.update()

    def _shape(self, block: Block) -> tuple[int, int, int]:
        if block.data is not None:
            return block.data.shape
        return block.shape or self._shapes.get(block.step, (28, 28, 1))

    def set_shapes(self, layers) -> None:
        """Shapes for blocks made without them (``set_layers`` already takes each layer's shape)."""
        self._shapes = {info.step: tuple(info.shape) for info in layers}
        self._layout()

    def _render(self) -> None:
        for block in self._blocks:
            if block.data is None:
                block.image = None
            elif block.kind == "maps" and block.data.ndim == 3:
                maps = np.moveaxis(block.data, -1, 0)
                top = float(maps.max())
                window = self.palette().window().color()
                block.image = rgb_image(tile_grid(sequential(maps, top), block.cols,
                                                  fill=(window.red(), window.green(), window.blue())))
            elif block.kind == "strip":
                values = block.data.reshape(-1)
                block.order = np.argsort(-values, kind="stable")
                ranked = values[block.order]
                top = float(ranked[0]) if ranked.size and ranked[0] > 0 else 1.0
                height = 24
                level = np.clip(ranked / top, 0, 1) * height
                rows = np.arange(height, 0, -1)[:, None]
                colours = sequential(ranked, top)[None].repeat(height, axis=0)
                colours[rows > np.ceil(level)[None, :]] = 40
                block.image = rgb_image(colours)
            elif block.kind == "text" and block.data.ndim == 1:
                top = float(block.data.max())
                block.image = rgb_image(sequential(block.data[None], top))

    def refit(self) -> None:
        self._layout()

    # -- painting ---------------------------------------------------------------------------------
    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.setFont(small_font(self))
        line = self._line()
        pal = self.palette()
        text = pal.windowText().color()
        muted = pal.placeholderText().color()
        if self._message:
            painter.setPen(text)
            log.draw(painter, QRectF(MARGIN, MARGIN, self.width() - 2 * MARGIN, line * 3),
                             Qt.TextFlag.TextWordWrap, self._message)
        empty = all(block.data is None for block in self._blocks)
        for block in self._blocks:
            r = block.rect
            painter.setPen(text if not empty else muted)
            title = block.title
            if "%4" in title:
                title = title.replace("%4", str(int((block.data > 0).sum())) if block.data is not None else "–")
            log.draw(painter, QRectF(MARGIN, r.y() - block.title_h, self.width() - 2 * MARGIN, block.title_h),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                             title)
            if block.kind == "scores":
                self._paint_scores(painter, block, text, muted)
            elif block.image is not None:
                painter.drawImage(r, block.image)
                self._paint_selection(painter, block)
            elif r.height() > 0:
                painter.setPen(QPen(muted, 1, Qt.PenStyle.DashLine))
                painter.drawRect(r.adjusted(0, 0, -1, -1))
        if empty and self._empty_text:
            # inside the first outline big enough for it (the layer it will light up first)
            box = next((b.rect for b in self._blocks if b.kind != "scores" and b.rect.height() >= line * 1.5), None)
            if box is not None:
                painter.setPen(text)
                log.draw(painter, box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_text)
        painter.end()

    def _paint_selection(self, painter: QPainter, block: Block) -> None:
        if self._selected is None or self._selected[0] != block.step:
            return
        unit = self._selected[1]
        painter.setPen(QPen(POSITIVE, 2))
        if block.kind == "maps" and block.data is not None and block.data.ndim == 3 \
                and 0 <= unit < block.data.shape[-1]:
            h, w = block.data.shape[:2]
            row, col = divmod(unit, block.cols)
            painter.drawRect(QRectF(block.rect.x() + col * (w + 1) * block.cell - 1,
                                    block.rect.y() + row * (h + 1) * block.cell - 1,
                                    w * block.cell + 2, h * block.cell + 2))
        elif block.kind == "strip" and block.order is not None and np.any(block.order == unit):
            j = int(np.flatnonzero(block.order == unit)[0])
            x = block.rect.x() + (j + 0.5) * block.rect.width() / block.order.size
            painter.drawLine(QPointF(x, block.rect.top() - 3), QPointF(x, block.rect.bottom() + 3))

    def _paint_scores(self, painter: QPainter, block: Block, text: QColor, muted: QColor) -> None:
        log = self.text_log
        r = block.rect
        fm = painter.fontMetrics()
        half = (r.width() - fm.horizontalAdvance("softmax →") - 24) / 2
        arrow_x = r.x() + half
        painter.setPen(text)
        log.draw(painter, QRectF(arrow_x, r.y(), r.width() - 2 * half, r.height()), Qt.AlignmentFlag.AlignCenter,
                         "softmax →")
        for i, (values, signed) in enumerate(((self._logits, True), (self._probs, False))):
            area = QRectF(r.x() + i * (r.width() - half), r.y(), half, r.height() - fm.height())
            self._bars(painter, area, values, signed, text, muted)

    def _bars(self, painter, area: QRectF, values, signed: bool, text: QColor, muted: QColor) -> None:
        log = self.text_log
        fm = painter.fontMetrics()
        col = area.width() / 10
        accent = self.palette().highlight().color()
        top = float(np.abs(values).max()) if values is not None else 1.0
        zero = area.y() + (area.height() * 0.5 if signed else area.height())
        span = area.height() * (0.5 if signed else 1.0) - fm.height()
        painter.fillRect(QRectF(area.x(), zero, area.width(), 1), muted)
        for d in range(10):
            x = area.x() + d * col
            if values is not None and d < len(values):
                v = float(values[d]) / (top if top > 0 else 1.0) if signed else float(values[d])
                bar = QRectF(x + col * 0.15, zero - max(v, 0) * span, col * 0.7, abs(v) * span)
                color = accent if d == int(np.argmax(values)) else muted
                painter.fillRect(bar, POSITIVE if d == self._digit else color)
                label = f"{values[d]:.1f}" if signed else f"{values[d]:.0%}"
                # A score above the tallest bar or below the deepest one: never on a bar (its own or a
                # neighbour's, which a label wider than its column reaches on a projector).
                y = (area.y() if v >= 0 else zero + span) if signed else bar.top() - fm.height()
                key = d == self._digit or d == int(np.argmax(values))
                fits = col >= fm.horizontalAdvance(label) + 4 and (signed or values[d] >= 0.005)
                if key or fits:
                    painter.setPen(text)
                    log.draw(painter, QRectF(x - col, y, 3 * col, fm.height()), Qt.AlignmentFlag.AlignCenter, label)
            painter.setPen(text)
            log.draw(painter, QRectF(x, area.bottom(), col, fm.height()), Qt.AlignmentFlag.AlignCenter, str(d))

    # -- clicks -----------------------------------------------------------------------------------
    def hit(self, pos: QPointF):
        """("unit", step, unit) or ("digit", d) under ``pos``, or None."""
        for block in self._blocks:
            r = block.rect
            if not r.adjusted(-2, -2, 2, 2).contains(pos):
                continue
            if block.kind == "scores":
                fm = QFontMetrics(small_font(self))
                half = (r.width() - fm.horizontalAdvance("softmax →") - 24) / 2
                for i in range(2):
                    x0 = r.x() + i * (r.width() - half)
                    if x0 <= pos.x() < x0 + half:
                        return ("digit", min(9, int((pos.x() - x0) / (half / 10))))
                return None
            if block.data is None:
                return None
            if block.kind == "strip" and block.order is not None:
                j = min(block.order.size - 1, int((pos.x() - r.x()) / r.width() * block.order.size))
                return ("unit", block.step, int(block.order[max(j, 0)]))
            if block.kind == "maps" and block.data.ndim == 3 and block.data.shape[-1] > 0:
                h, w, n = block.data.shape
                col = int((pos.x() - r.x()) / ((w + 1) * block.cell))
                row = int((pos.y() - r.y()) / ((h + 1) * block.cell))
                index = row * block.cols + col
                return ("unit", block.step, index) if 0 <= index < n and col < block.cols else None
        return None

    def unit_position(self, step: int, unit: int) -> QPointF | None:
        """Where to click for ``unit`` of layer ``step`` (tests)."""
        for block in self._blocks:
            if block.step != step or block.data is None:
                continue
            if block.kind == "strip" and block.order is not None and np.any(block.order == unit):
                j = int(np.flatnonzero(block.order == unit)[0])
                return QPointF(block.rect.x() + (j + 0.5) * block.rect.width() / block.order.size,
                               block.rect.center().y())
            if block.kind == "maps" and block.data.ndim == 3:
                h, w = block.data.shape[:2]
                row, col = divmod(unit, block.cols)
                return QPointF(block.rect.x() + (col * (w + 1) + w / 2) * block.cell,
                               block.rect.y() + (row * (h + 1) + h / 2) * block.cell)
        return None

    def mousePressEvent(self, event):
        hit = self.hit(event.position())
        if hit is None:
            return
        if hit[0] == "digit":
            self.digitClicked.emit(hit[1])
        else:
            self.unitClicked.emit(hit[1], hit[2])

    def font_px(self) -> int:
        return QFontMetrics(small_font(self)).height() if QApplication.instance() else 0

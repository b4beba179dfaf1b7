"""PredictionPanel: one model's reading of the drawing - a big digit, its confidence, ten bars."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPixmap, QStaticText, QTransform
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.painted import TextLog

UNSURE = 0.5  # below this top probability the panel says "unsure" instead of a confident answer
NOT_A_DIGIT_GLYPH = "?!"  # distinct from unsure's "?"
RIGHT_MIDDLE = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight
NOT_A_DIGIT_COLOR = QColor("#d35400")  # orange: readable on the light, dark and projector palettes


class ProbabilityBars(QWidget):
    """Ten horizontal probability bars, 0 to 9; the winner highlighted. When ten rows of legible text do not
    fit the height, the bars go into two columns of five (0-4 and 5-9)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("probabilityBars")
        self.probs: np.ndarray | None = None
        self.text_log = TextLog()
        self._geometry_key = self._static_key = None
        self._geometry: dict = {}
        self._static: QPixmap | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:
        return QSize(220, 220)

    def painted_texts(self):
        return list(self.text_log.items)

    def set_probabilities(self, probs) -> None:
        self.probs = None if probs is None else np.asarray(probs, dtype=np.float32)
        self.update()

    @staticmethod
    def label_px() -> int:
        """The smallest label size: the app font's, and 22 px in projector mode."""
        px = theme.app_text_px()
        return max(px, theme.PROBABILITY_PROJECTOR_PX) if theme.is_projector() else px

    def _metrics(self) -> QFontMetricsF:
        f = QFont(self.font())
        f.setPixelSize(self.label_px())
        return QFontMetricsF(f)

    def one_column_width(self) -> int:
        """The narrowest width at which the label, a short bar and "100%" fit in one column."""
        fm = self._metrics()
        gap = fm.height() * 0.4
        return int(np.ceil(fm.horizontalAdvance("9") + gap + fm.height() * 1.2
                           + fm.horizontalAdvance("100%") + gap * 0.5)) + 2

    def two_columns_fit(self, width: float) -> bool:
        """Whether two columns of label, a short bar and "100%" fit ``width`` at the label size."""
        fm = self._metrics()
        column = fm.horizontalAdvance("9") + fm.horizontalAdvance("100%") + fm.height() * 1.6
        return width >= 2 * column + fm.height() * 0.4

    def minimum_height_for_text(self) -> int:
        """Five rows (the two-column layout) at the label size, or ten when two columns are too wide."""
        rows = 5 if self.two_columns_fit(self.width()) else 10
        return int(np.ceil(self._metrics().height() * rows * 1.05))

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.refresh_minimum()  # narrow panels (three models side by side) take ten rows

    def refresh_minimum(self) -> None:
        self.setMinimumHeight(max(120, self.minimum_height_for_text()))
        self.setMinimumWidth(self.one_column_width())  # every percentage stays whole, however many panels

    def _layout(self) -> dict:
        """Where everything goes (fonts, rows, columns, widths), measured once per size, font and mode."""
        key = (self.width(), self.height(), self.font().key(), self.label_px())
        if self._geometry_key == key:
            return self._geometry
        font = QFont(self.font())
        smallest = self.label_px()
        font.setPixelSize(smallest)
        line = QFontMetricsF(font).height()
        columns = 1 if self.height() >= 10 * line * 1.05 or not self.two_columns_fit(self.width()) else 2
        per_column = 10 // columns
        row = self.height() / per_column
        # Rows grow with the panel; the text grows with them (up to 1.6x the smallest size in one column).
        size = max(smallest, min(int(row * 0.62), int(smallest * (1.6 if columns == 1 else 1.15))))
        col_w = self.width() / columns
        while size > smallest:  # a narrow panel keeps its text at a size whose "100%" still fits
            probe = QFont(font)
            probe.setPixelSize(size)
            pm = QFontMetricsF(probe)
            if pm.horizontalAdvance("9") + pm.horizontalAdvance("100%") + pm.height() * 2.0 <= col_w:
                break
            size -= 1
        font.setPixelSize(size)
        fm = QFontMetricsF(font)
        gap = fm.height() * 0.4
        col_w = (self.width() - gap * (columns - 1)) / columns
        label_w = fm.horizontalAdvance("9") + gap
        pct_w = fm.horizontalAdvance("100%") + gap * 0.5
        track_w = max(10.0, col_w - label_w - pct_w)
        cells = []
        for d in range(10):
            x0, y = (d // per_column) * (col_w + gap), (d % per_column) * row
            cells.append((QRectF(x0, y, label_w, row), QRectF(x0 + label_w, y + row * 0.18, track_w, row * 0.64),
                          QRectF(x0 + label_w + track_w, y, pct_w, row)))
        labels = [(label, Qt.AlignmentFlag.AlignVCenter, str(d)) for d, (label, _, _) in enumerate(cells)]
        self._geometry_key, self._geometry = key, {"font": font, "cells": cells, "labels": labels, "percent": {}}
        return self._geometry

    def _static_layer(self, geometry: dict, pal: QPalette) -> QPixmap:
        """The digits 0-9 and the empty tracks: the same at every update, drawn once into a pixmap."""
        ratio = self.devicePixelRatioF()
        key = (self._geometry_key, ratio, pal.windowText().color().rgba(), pal.alternateBase().color().rgba())
        if self._static_key != key:
            pixmap = QPixmap(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setFont(geometry["font"])
            painter.setPen(pal.windowText().color())
            for d, (label, track, _) in enumerate(geometry["cells"]):
                painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, str(d))  # the records: geometry["labels"]
                painter.fillRect(track, pal.alternateBase())
            painter.end()
            self._static_key, self._static = key, pixmap
        return self._static

    def _percent_text(self, geometry: dict, percent: str) -> QStaticText:
        """A percentage laid out once per size ("0%" to "100%": at most 101 of them)."""
        text = geometry["percent"].get(percent)
        if text is None:
            text = geometry["percent"][percent] = QStaticText(percent)
            text.prepare(QTransform(), geometry["font"])
        return text

    def paintEvent(self, event):
        self.text_log.begin()
        geometry = self._layout()
        painter = QPainter(self)
        pal = self.palette()
        painter.drawPixmap(0, 0, self._static_layer(geometry, pal))
        painter.setFont(geometry["font"])
        painter.setPen(pal.windowText().color())
        accent = pal.highlight().color()
        winner = int(np.argmax(self.probs)) if self.probs is not None else -1
        self.text_log.note_many(painter, geometry["labels"])  # drawn in the layer
        percents = []
        for d, (_, track, cell) in enumerate(geometry["cells"] if self.probs is not None else ()):
            p = float(self.probs[d])
            if p > 0:
                painter.fillRect(QRectF(track.x(), track.y(), track.width() * p, track.height()),
                                 accent if d == winner else pal.mid().color())
            percent = f"{p:.0%}"
            text = self._percent_text(geometry, percent)
            size = text.size()
            painter.drawStaticText(QPointF(cell.right() - size.width(), cell.center().y() - size.height() / 2), text)
            percents.append((cell, RIGHT_MIDDLE, percent))
        self.text_log.note_many(painter, percents)
        painter.end()


class PredictionPanel(QFrame):
    """Shows one model's prediction. States: loading, error, blank, prediction (sure, unsure, or "not a digit?"
    when the model's rejection check says the drawing is unlike any digit: ``nondigit``)."""

    def __init__(self, key: str, title: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"predictionPanel_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._title_text = title
        self._state = "loading"
        self._message = ""
        self.probabilities: np.ndarray | None = None
        self._not_a_digit = False
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A long title ("Your cnn_tuned · 98.9%") wraps instead of taking the other panels' width.
        self.title.setWordWrap(True)
        self.title.setMinimumWidth(1)
        tf = self.title.font()
        tf.setBold(True)
        tf.setPointSizeF(tf.pointSizeF() * 1.25)
        self.title.setFont(tf)
        self.glyph = QLabel()
        self.glyph.setObjectName("predictedDigit")
        self.glyph.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.glyph.setMinimumSize(40, 60)
        # Ignored: the glyph's font follows the label's height, so its text must not push the layout.
        self.glyph.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        self.bars = ProbabilityBars()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.glyph, 3)
        layout.addWidget(self.caption)
        layout.addWidget(self.bars, 4)
        self._muted: bool | str | None = None
        self._refresh()

    # -- states ---------------------------------------------------------------------------------
    def set_title(self, title: str) -> None:
        self._title_text = title
        self._refresh()

    def set_error(self, message: str) -> None:
        self._state, self._message, self.probabilities = "error", message, None
        self._refresh()

    def set_blank(self) -> None:
        self._state, self.probabilities = "blank", None
        self._refresh()

    def set_probabilities(self, probs: np.ndarray, not_a_digit: bool = False) -> None:
        """A reading; ``not_a_digit``: the model's check says the drawing is unlike every digit."""
        self._state, self.probabilities = "prediction", np.asarray(probs, dtype=np.float32)
        self._not_a_digit = bool(not_a_digit)
        self._refresh()

    def state(self) -> str:
        return self._state

    def digit(self) -> int | None:
        return int(np.argmax(self.probabilities)) if self.probabilities is not None else None

    def is_unsure(self) -> bool:
        return self.probabilities is not None and float(self.probabilities.max()) < UNSURE

    def is_not_a_digit(self) -> bool:
        return self._state == "prediction" and self._not_a_digit

    def set_projector(self, on: bool) -> None:
        """Projector mode: the predicted digit takes most of the panel's height."""
        title_font = QFont(QApplication.font())  # the app font already carries the projector scale
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.25)
        self.title.setFont(title_font)
        self._fit_title()
        caption_font = QFont(QApplication.font())
        self.caption.setFont(caption_font)
        layout = self.layout()
        layout.setStretchFactor(self.glyph, 4 if on else 3)
        layout.setStretchFactor(self.bars, 5 if on else 4)
        self.bars.refresh_minimum()
        self._fit_glyph()

    # -- drawing ----------------------------------------------------------------------------------
    def _fit_title(self) -> None:
        """The title, wrapped at spaces; a single word wider than the panel ("mlp-seed-256" in four projector
        panels at 1280x800) is shortened in the middle, and the whole title is the tooltip."""
        width = self.title.contentsRect().width()
        fm = self.title.fontMetrics()
        words = self._title_text.split(" ")
        if width > 1 and any(fm.horizontalAdvance(w) > width for w in words):
            words = [w if fm.horizontalAdvance(w) <= width else fm.elidedText(w, Qt.TextElideMode.ElideMiddle, width)
                     for w in words]
            tip = self._title_text
        else:
            tip = ""
        _set_text(self.title, " ".join(words))
        if self.title.toolTip() != tip:
            self.title.setToolTip(tip)

    def _refresh(self) -> None:
        self._fit_title()
        self.bars.probs = self.probabilities
        self.bars.update()
        glyph, caption, muted = "", "", True
        colour = None
        if self._state == "loading":
            caption = self.tr("loading models…")
            glyph = "…"
        elif self._state == "error":
            caption = self.tr("Could not load this model: %1").replace("%1", self._message)
            glyph = "✕"
        elif self._state == "blank":
            caption = self.tr("draw a digit")
            glyph = "–"
        else:
            d = self.digit()
            p = float(self.probabilities[d])
            if self._not_a_digit:
                glyph, colour = NOT_A_DIGIT_GLYPH, NOT_A_DIGIT_COLOR
                caption = self.tr("not a digit? (closest: %1)").replace("%1", str(d))
            elif self.is_unsure():
                second = int(np.argsort(self.probabilities)[-2])
                glyph = "?"
                caption = self.tr("unsure: maybe %1 (%2) or %3").replace("%1", str(d)).replace(
                    "%2", f"{p:.0%}").replace("%3", str(second))
            else:
                glyph, muted = str(d), False
                caption = self.tr("%1 confident").replace("%1", f"{p:.0%}")
        _set_text(self.glyph, glyph)
        look = "warn" if colour is not None else muted
        if look != self._muted:  # a palette, not a style sheet: no style recomputation per stroke
            palette = self.glyph.palette()
            role = QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.WindowText
            palette.setColor(QPalette.ColorRole.WindowText,
                             colour if colour is not None else self.palette().color(role))
            self.glyph.setPalette(palette)
            self._muted = look
        _set_text(self.caption, caption)
        tooltip = self._message if self._state == "error" else ""
        if self.toolTip() != tooltip:
            self.setToolTip(tooltip)
        self._fit_glyph()

    def _fit_glyph(self) -> None:
        size = max(24, int(min(self.glyph.height() * 0.95, self.glyph.width() * 1.3)))
        if self.glyph.font().pixelSize() == size and self.glyph.font().bold():
            return  # setting an equal font still re-lays out the label: skip it on the stroke path
        font = QFont(self.glyph.font())
        font.setBold(True)
        font.setPixelSize(size)
        self.glyph.setFont(font)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_title()
        self._fit_glyph()

    def changeEvent(self, event):
        if event.type() in (QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self._muted = None  # recolour the glyph from the new palette
            self._refresh()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(240, 420)


def _set_text(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)


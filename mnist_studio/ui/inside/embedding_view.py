"""Where the drawing lands: the PCA map of the test digits, a live dot, and the nearest test digits.

The map also shows why a panel says "not a digit?": drawings that are not digits (the shipped tuning
shapes, scribbles and letters) as grey points, the model's check on the drawing in a line above the map
(its score against the threshold), and a flagged drawing as an orange ring instead of the black dot.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from mnist_studio.ui.common.dots import DIGIT_RGB, filled_rgb, stamp_dots
from mnist_studio.ui.common.prediction import NOT_A_DIGIT_COLOR
from mnist_studio.ui.look.colors import DIGIT_COLORS, rgb_image, small_font
from mnist_studio.ui.look.painted import RecordsPaintedText

NONDIGIT_POINTS = 600  # tuning non-digits shown on the map
NONDIGIT_GREY = (110, 110, 110)


def watch_checks(embedding, explainer, cancelled=None) -> None:
    """Give the map what it needs to show the check: the non-digits' places (``others``) and, each time the
    tab projects the drawing's hidden vector, the model's verdict on it (``reading``)."""
    from mnist_studio.prediction import nondigit

    embedding.reading, embedding.others = None, None
    predictor, forward = explainer.predictor, explainer.fast
    if forward is None or explainer.hidden_step is None:
        return
    try:  # (the Draw tab usually attached them already; on this thread it costs the UI nothing)
        nondigit.ensure(predictor, cancelled=cancelled)  # may fit for seconds: stops when the map is dropped
    except InterruptedError:  # (an OSError) dropped, not failed: the Draw tab's fit may still attach the check
        raise
    except (OSError, ValueError):  # the map without the check
        nondigit.attach(predictor, None)
    try:
        with np.load(nondigit.resources()[1]) as f:
            x = f["tuning_x"][~f["tuning_lookalike"]]
        x = x[np.linspace(0, len(x) - 1, min(NONDIGIT_POINTS, len(x))).astype(int)]
        hidden = nondigit.features(forward, x, explainer.in_shape)[0]
        embedding.others = ((hidden - embedding.mean) @ embedding.components.T).astype(np.float32)
    except (OSError, KeyError, ValueError):
        embedding.others = None  # the map without the grey points
    plain = embedding.project

    def project(h):
        embedding.reading = nondigit.check_hidden(predictor, h)
        return plain(h)

    embedding.project = project


class EmbeddingView(RecordsPaintedText, QWidget):
    """10,000 test digits as coloured points (one colour per label, legend below), the drawing as a dot."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("embeddingView")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)
        self.embedding = None
        self.point: np.ndarray | None = None
        self._text = ""
        self._cache: QImage | None = None
        self._bounds = None
        self.map_rect = QRectF()

    def sizeHint(self) -> QSize:
        return QSize(340, 300)

    def set_text(self, text: str) -> None:
        self._text = text
        self.update()

    def text(self) -> str:
        """The hint or message painted with the map (or in its place)."""
        return self._text

    def set_embedding(self, embedding) -> None:
        self.embedding = embedding
        self._cache = None
        if embedding is not None:
            lo, hi = np.percentile(embedding.coords, [0.5, 99.5], axis=0)
            pad = (hi - lo) * 0.06
            self._bounds = (lo - pad, hi + pad)
        self.update()

    def set_point(self, xy) -> None:
        self.point = None if xy is None else np.asarray(xy, np.float32)
        self.update()

    def reading(self):
        """The model's check on the drawing shown (``nondigit.Reading``), or None."""
        return getattr(self.embedding, "reading", None) if self.point is not None else None

    def check_text(self) -> str:
        """The line above the map while a drawing is shown: the check's score against the threshold."""
        reading = self.reading()
        if reading is None or reading.score is None:
            return ""
        score, threshold = f"{reading.score:.2f}", f"{reading.threshold:.2f}"
        if reading.not_a_digit:
            return self.tr("Not a digit? The check on this layer finds your drawing (orange ring) unlike every "
                           "digit: score %1, above %2. Grey: drawings that are not digits.").replace(
                "%1", score).replace("%2", threshold)
        return self.tr("Like a digit: score %1 (\"not a digit?\" above %2). Grey: drawings that are not digits."
                       ).replace("%1", score).replace("%2", threshold)

    def _plot_rect(self) -> QRectF:
        legend = QFontMetrics(small_font(self)).height() + 8
        return QRectF(0, 0, self.width(), max(20, self.height() - legend))

    def _to_screen(self, xy: np.ndarray, rect: QRectF) -> np.ndarray:
        lo, hi = self._bounds
        t = (np.asarray(xy, np.float32) - lo) / np.maximum(hi - lo, 1e-9)
        return np.stack([rect.x() + t[..., 0] * rect.width(), rect.y() + (1 - t[..., 1]) * rect.height()], -1)

    def _render(self, rect: QRectF) -> QImage:
        w, h = int(rect.width()), int(rect.height())
        rgb = filled_rgb(w, h, self.palette().base().color())
        pts = self._to_screen(self.embedding.coords, QRectF(0, 0, w - 2, h - 2)).astype(int)
        order = np.random.default_rng(0).permutation(len(pts))  # no label always painted on top
        pts, labels = pts[order], self.embedding.labels[order]
        colours = DIGIT_RGB[labels]
        others = getattr(self.embedding, "others", None)
        if others is not None:  # the non-digits last, in grey: PCA puts most of them among the digits
            extra = self._to_screen(others, QRectF(0, 0, w - 2, h - 2)).astype(int)
            pts = np.concatenate([pts, extra])
            colours = np.concatenate([colours, np.tile(np.array(NONDIGIT_GREY, np.uint8), (len(extra), 1))])
        stamp_dots(rgb, pts, colours, 2)  # points beyond the bounds (the outer 0.5 %) are left out
        return rgb_image(rgb)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(small_font(self))
        fm = painter.fontMetrics()
        rect = self._plot_rect()
        pal = self.palette()
        reading = self.reading()
        band_text = self._text if self.point is None else self.check_text()
        if self.embedding is not None and band_text:
            # The hint (or the check) gets a band of its own above the map: never printed over the dots.
            band = QRectF(6, 4, max(1.0, rect.width() - 12), rect.height())
            flags = Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            band.setHeight(min(rect.height() / 2, painter.boundingRect(band, flags, band_text).height()))
            flagged = reading is not None and reading.not_a_digit
            painter.setPen(NOT_A_DIGIT_COLOR if flagged else pal.windowText().color())
            log.draw(painter, band, flags, band_text)
            rect = QRectF(rect.x(), band.bottom() + 6, rect.width(), max(20.0, rect.bottom() - band.bottom() - 6))
        self.map_rect = rect  # where the dots go (tests check no text is printed on them)
        painter.fillRect(rect, pal.base())
        if self.embedding is None:
            painter.setPen(pal.windowText().color())
            log.draw(painter, rect.adjusted(10, 10, -10, -10), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._text)
        else:
            if self._cache is None or self._cache.size() != rect.size().toSize():
                self._cache = self._render(rect)
            painter.drawImage(rect.topLeft(), self._cache)
            if self.point is not None:
                x, y = self._to_screen(self.point, QRectF(0, 0, rect.width() - 2, rect.height() - 2))
                x, y = min(max(x, 8), rect.width() - 8), min(max(y, 8), rect.height() - 8)
                radius = fm.height() * 0.45
                if reading is not None and reading.not_a_digit:  # a ring, not a dot: it belongs to no cluster
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(QColor("white"), 7))
                    painter.drawEllipse(QPointF(x, y), radius * 1.3, radius * 1.3)
                    painter.setPen(QPen(NOT_A_DIGIT_COLOR, 4))
                    painter.drawEllipse(QPointF(x, y), radius * 1.3, radius * 1.3)
                else:
                    painter.setPen(QPen(QColor("white"), 3))
                    painter.setBrush(QColor("black"))
                    painter.drawEllipse(QPointF(x, y), radius, radius)
        # the legend: one swatch per digit
        y = self._plot_rect().bottom() + 4
        cell = self.width() / 10
        for d in range(10):
            swatch = QRectF(d * cell + 2, y + fm.height() * 0.2, fm.height() * 0.6, fm.height() * 0.6)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DIGIT_COLORS[d])
            painter.drawRect(swatch)
            painter.setPen(pal.windowText().color())
            log.draw(painter, QRectF(swatch.right() + 3, y, cell, fm.height()), Qt.AlignmentFlag.AlignVCenter, str(d))
        painter.end()


class Thumbnails(RecordsPaintedText, QWidget):
    """The nearest test digits; clicking one emits its test-set index."""

    indexClicked = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("nearestDigits")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.indices: list[int] = []
        self._images: list[QImage] = []
        self._labels: list[int] = []

    def sizeHint(self) -> QSize:
        return QSize(320, 64)

    def set_items(self, indices, images, labels) -> None:
        self.indices = [int(i) for i in indices]
        self._images = [rgb_image(np.repeat(np.asarray(im, np.uint8)[..., None], 3, 2)) for im in images]
        self._labels = [int(v) for v in labels]
        self.update()

    def heightForWidth(self, w: int) -> int:
        return int(w / 6)

    def _rect(self, i: int) -> QRectF:
        side = min(self.height() - 2, self.width() / 6 - 4)
        return QRectF(i * (side + 4), 1, side, side)

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.setFont(small_font(self, 0.75))
        for i, image in enumerate(self._images):
            r = self._rect(i)
            painter.drawImage(r, image)
            painter.setPen(DIGIT_COLORS[self._labels[i]])
            log.draw(painter, r.adjusted(3, 1, -3, -1), Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight,
                             str(self._labels[i]))
        painter.end()

    def mousePressEvent(self, event):
        for i in range(len(self.indices)):
            if self._rect(i).contains(event.position()):
                self.indexClicked.emit(self.indices[i])
                return

"""QrCodeView: the class's address as a QR code, black squares on white with a quiet zone, as large as fits."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET = 4  # modules of white around the code (the QR standard's quiet zone)


class QrCodeView(QWidget):
    """Paints a boolean module matrix (``classroom.qr_matrix``); phones scan it off the projector."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classQr")
        self.matrix: np.ndarray | None = None
        self.text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)

    def painted_texts(self):
        return []  # squares only: the address is shown in words beside it

    def set_text(self, text: str) -> None:
        from mnist_studio.classroom import qr_matrix

        self.text = text
        self.matrix = np.asarray(qr_matrix(text), dtype=bool) if text else None
        self.setToolTip(text)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def module_size(self) -> int:
        """Whole pixels per module: crisp squares a phone camera reads from a distance."""
        if self.matrix is None:
            return 0
        n = self.matrix.shape[0] + 2 * QUIET
        return max(1, min(self.width(), self.height()) // n)

    def paintEvent(self, event):
        if self.matrix is None:
            return
        painter = QPainter(self)
        m = self.matrix
        unit = self.module_size()
        side = unit * (m.shape[0] + 2 * QUIET)
        left = (self.width() - side) // 2
        top = (self.height() - side) // 2
        painter.fillRect(QRectF(left, top, side, side), QColor("white"))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("black"))
        for r, c in zip(*np.nonzero(m), strict=True):
            painter.drawRect(left + (QUIET + int(c)) * unit, top + (QUIET + int(r)) * unit, unit, unit)
        painter.end()

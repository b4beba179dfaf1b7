"""HelpOverlay: the keyboard shortcuts, over the window (F1 or ?); any key or click closes it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter
from PySide6.QtWidgets import QWidget

from mnist_studio.ui.look.painted import TextLog


class HelpOverlay(QWidget):
    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.rows: list[tuple[str, str]] = []
        self.title = ""
        self.footer = ""
        self.text_log = TextLog()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()

    def set_rows(self, title: str, rows: list[tuple[str, str]], footer: str) -> None:
        self.title, self.rows, self.footer = title, rows, footer
        self.update()

    def show_over_parent(self) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.setFocus()

    def event(self, event):
        # Any key closes the overlay, Escape and the Draw tab's shortcut keys too: claim them before they
        # become shortcuts of the tab behind it (which cleared the drawing under the open overlay).
        if event.type() == QEvent.Type.ShortcutOverride and self.isVisible():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        self.hide()
        parent = self.parentWidget()
        if parent is not None:
            parent.setFocus()

    def mousePressEvent(self, event):
        self.hide()

    def painted_texts(self):
        return list(self.text_log.items)

    def _width(self, base: QFont) -> float:
        bold = QFont(base)
        bold.setBold(True)
        line = QFontMetricsF(base).height() * 1.35
        keys_w = max([QFontMetricsF(bold).horizontalAdvance(k) for k, _ in self.rows] + [0]) + line
        text_w = max([QFontMetricsF(base).horizontalAdvance(a) for _, a in self.rows] + [0])
        return keys_w + text_w + 3 * line

    def paintEvent(self, event):
        log = self.text_log
        log.begin()
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, 190))
        base = QFont(self.font())
        size = max(11.0, self.height() / 42)
        base.setPointSizeF(size)
        # Shrink (never below 12 pt = 16 px) until the longest row fits the window's width.
        while size > 12.0 and (QFontMetricsF(base).height() * 1.35 * (len(self.rows) + 4) > self.height() * 0.96
                               or self._width(base) > self.width() * 0.95):
            size -= 0.5
            base.setPointSizeF(size)
        painter.setFont(base)
        line = painter.fontMetrics().height() * 1.35
        bold = QFont(base)
        bold.setBold(True)
        keys_w = max([QFontMetricsF(bold).horizontalAdvance(k) for k, _ in self.rows] + [0]) + line
        text_w = max([painter.fontMetrics().horizontalAdvance(a) for _, a in self.rows] + [0])
        width = min(self.width() * 0.95, keys_w + text_w + 3 * line)
        height = line * (len(self.rows) + 4)
        box = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
        painter.setBrush(QColor(255, 255, 255))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawRoundedRect(box, 12, 12)
        painter.setPen(QColor(0, 0, 0))
        title = QFont(base)
        title.setBold(True)
        title.setPointSizeF(size * 1.3)
        painter.setFont(title)
        log.draw(painter, QRectF(box.x(), box.y() + line * 0.3, box.width(), line * 1.3),
                         Qt.AlignmentFlag.AlignCenter, self.title)
        for i, (keys, action) in enumerate(self.rows):
            y = box.y() + line * (1.8 + i)
            painter.setFont(bold)
            log.draw(painter, QRectF(box.x() + line, y, keys_w, line), Qt.AlignmentFlag.AlignVCenter, keys)
            painter.setFont(base)
            log.draw(painter, QRectF(box.x() + line + keys_w, y, box.width() - keys_w - 2 * line, line),
                             Qt.AlignmentFlag.AlignVCenter, action)
        painter.setPen(QColor(90, 90, 90))
        log.draw(painter, QRectF(box.x(), box.bottom() - line * 1.3, box.width(), line),
                         Qt.AlignmentFlag.AlignCenter, self.footer)
        painter.end()


def shortcut_rows() -> list[tuple[str, str]]:
    """The overlay's rows: keys and what they do, in today's language."""
    translate = QCoreApplication.translate  # one context with the window's other texts (lupdate reads the literals)
    return [
        ("Ctrl+1 / 2 / 3 / 4", translate("MainWindow", "Draw, Train, Evaluate, Inside tab")),
        ("Ctrl+5", translate("MainWindow", "My digits tab")),
        ("Esc, Delete", translate("MainWindow", "Clear the drawing")),
        ("Ctrl+Z", translate("MainWindow", "Undo the last stroke")),
        ("[  ]", translate("MainWindow", "Thinner / thicker pen")),
        ("Ctrl+T", translate("MainWindow", "Train")),
        ("Ctrl+.", translate("MainWindow", "Stop training")),
        ("Ctrl+E", translate("MainWindow", "Evaluate the chosen model")),
        ("Ctrl+O", translate("MainWindow", "Open a .keras model")),
        ("N / P", translate("MainWindow", "Next / previous gallery image")),
        ("Ctrl+D", translate("MainWindow", "Show the chosen image in the Draw tab")),
        ("F11", translate("MainWindow", "Projector mode")),
        ("F1, ?", translate("MainWindow", "This help")),
        ("Ctrl+Q", translate("MainWindow", "Quit")),
    ]

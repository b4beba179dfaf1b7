"""TextLog: a paint notes what it drew; reading the records measures them as the painter would have."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QWidget

from mnist_studio.ui.look.painted import RecordsPaintedText


class Painted(RecordsPaintedText, QWidget):
    TEXTS = [("9", 12, Qt.AlignmentFlag.AlignVCenter), ("100%", 12, Qt.AlignmentFlag.AlignRight),
             ("a long line that wraps inside its box", 30, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
             ("", 30, Qt.AlignmentFlag.AlignLeft)]

    def __init__(self):
        super().__init__()
        self.expected = []

    def paintEvent(self, event):
        self.text_log.begin()
        self.expected = []
        painter = QPainter(self)
        painter.translate(7, 3)
        for i, (text, px, flags) in enumerate(self.TEXTS):
            font = QFont(self.font())
            font.setPixelSize(px)
            painter.setFont(font)
            rect = QRectF(5, 5 + 40 * i, 90, 36)
            self.text_log.draw(painter, rect, flags, text)
            if text:
                needed = painter.boundingRect(rect, flags, text)
                self.expected.append((text, painter.transform().mapRect(rect), painter.transform().mapRect(needed), px))
        painter.end()


def test_the_records_measure_what_the_painter_drew(qtbot):
    widget = Painted()
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    widget.show()
    qtbot.waitExposed(widget)
    widget.grab()  # one paint, now
    got = [(t.text, t.rect, t.needed, t.pixel_size) for t in widget.painted_texts()]
    assert got == widget.expected and len(got) == 3  # the empty text is not a record
    wrapped = got[2]
    assert wrapped[2].height() > wrapped[1].height()  # 30 px text wrapped in a 36 px box: clipped, and it says so
    widget.grab()  # a new paint replaces the records
    assert len(widget.painted_texts()) == 3

"""ClassWall: the class's digits as they arrive, one row per student (nickname, count, their digits).

Nicknames come from phones: they are shown by QLabels in plain-text format only, never as rich text.
A right click on a digit or a name asks to remove it; the selection also drives the buttons under the wall.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from mnist_studio.ui.classroom.digit_strip import HALF, RIGHT, WRONG, DigitStrip, StripItem, ThumbCache


def plain_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(objectName=object_name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a student's "<b>x</b>" stays those characters
    label.setText(text)
    return label


def answers(digit, models: list[str]) -> list[tuple[str, object]]:
    """Caption lines: each model's answer, green when it read the digit it was asked for, red when not."""
    out = []
    for name in models:
        probs = digit.probs.get(name)
        if probs is None:
            continue
        guess = int(probs.argmax())
        out.append((f"{name} {guess}", RIGHT if guess == digit.label else WRONG))
    return out


def frame_color(digit, models: list[str]):
    wrong = sum(int(digit.probs[m].argmax()) != digit.label for m in models if m in digit.probs)
    return None if not any(m in digit.probs for m in models) else RIGHT if not wrong else (
        WRONG if wrong == len([m for m in models if m in digit.probs]) else HALF)


class StudentRow(QFrame):
    pressed = Signal(str)  # student id: a click on the row's name or its free space

    def __init__(self, student_id: str, cache: ThumbCache, parent=None):
        super().__init__(parent)
        self.setObjectName(f"student_{student_id}")
        self.student_id = student_id
        self.signature: tuple = ()
        self.name = plain_label(object_name="studentName")
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        self.name.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.count = plain_label(object_name="studentCount")
        self.strip = DigitStrip(cache, object_name="studentDigits")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(12)  # the name and its count read as two things
        head.addWidget(self.name)
        head.addWidget(self.count)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(head)
        layout.addWidget(self.strip)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def mousePressEvent(self, event):
        self.pressed.emit(self.student_id)


class ClassWall(QScrollArea):
    """``show_class(students, digits, models)`` rebuilds what changed; signals ask the tab to remove."""

    removeDigit = Signal(int)
    removeStudent = Signal(str)
    selectionChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classWall")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cache = ThumbCache()
        self.rows: dict[str, StudentRow] = {}
        self.nicknames: dict[str, str] = {}
        self.selected_digit: int | None = None
        self.selected_student: str | None = None
        self.thumb = 56
        self._generation = 0
        self.texts = {"digits": "%1 digits", "one": "1 digit", "left": "(left)", "digit_tip": "%1",
                      "remove_digit": "Remove this digit", "remove_student": "Remove %1…", "empty": ""}
        inner = QWidget(objectName="classWallInner")
        self.column = QVBoxLayout(inner)
        self.column.setContentsMargins(2, 2, 2, 2)
        self.empty = QLabel(objectName="classWallEmpty", wordWrap=True)
        self.empty.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.column.addWidget(self.empty)
        self.column.addStretch(1)
        self.setWidget(inner)

    # -- content ----------------------------------------------------------------------------------
    def show_class(self, students, digits, models: list[str], tooltip) -> None:
        """``students``: classroom.Student list (join order); ``digits``: ClassDigit list; ``tooltip(d)``: text."""
        by_student: dict[str, list] = {s.id: [] for s in students}
        for d in digits:
            by_student.setdefault(d.student_id, []).append(d)
        for sid in [sid for sid in self.rows if sid not in by_student]:
            row = self.rows.pop(sid)
            self.column.removeWidget(row)
            row.deleteLater()
        names = {s.id: s for s in students}
        for n, sid in enumerate(by_student):
            row = self.rows.get(sid)
            if row is None:
                row = self.rows[sid] = StudentRow(sid, self.cache)
                row.strip.set_thumb_size(self.thumb)
                row.strip.clicked.connect(lambda key, s=sid: self._select(key, s))
                row.pressed.connect(self.select_student)
                row.strip.menuRequested.connect(lambda key, pos, s=sid: self._digit_menu(key, s, pos))
                row.name.customContextMenuRequested.connect(
                    lambda p, r=row: self._student_menu(r.student_id, r.name.mapToGlobal(p)))
                self.column.insertWidget(n + 1, row)
            student = names.get(sid)
            nickname = student.nickname if student is not None else digits_nickname(by_student[sid])
            self.nicknames[sid] = nickname
            if row.name.text() != nickname:
                row.name.setText(nickname)
            count = len(by_student[sid])
            text = self.texts["one"] if count == 1 else self.texts["digits"].replace("%1", str(count))
            if student is not None and not student.connected:
                text += " " + self.texts["left"]
            if row.count.text() != text:
                row.count.setText(text)
            signature = (tuple(d.id for d in by_student[sid]), tuple(models), self._generation)
            if row.signature != signature:  # only a row whose digits changed is rebuilt and laid out again
                row.signature = signature
                row.strip.set_items([StripItem(d.id, d.image, answers(d, models), frame_color(d, models),
                                               tooltip(d)) for d in by_student[sid]])
        self.cache.forget({d.id for d in digits})
        if self.selected_digit is not None and self.selected_digit not in {d.id for d in digits}:
            self.selected_digit = None
        if self.selected_student is not None and self.selected_student not in self.rows:
            self.selected_student = None
        self.empty.setVisible(not self.rows)
        self.selectionChanged.emit()

    def set_empty_text(self, text: str) -> None:
        self.empty.setText(text)

    def set_texts(self, **texts) -> None:
        self.texts.update(texts)
        self._generation += 1  # the tooltips are in another language: every row is rebuilt

    def set_thumb_size(self, size: int) -> None:
        self.thumb = size
        for row in self.rows.values():
            row.strip.set_thumb_size(size)

    def row(self, student_id: str) -> StudentRow | None:
        return self.rows.get(student_id)

    def nickname_labels(self) -> list[QLabel]:
        return [r.name for r in self.rows.values()]

    # -- selection and menus --------------------------------------------------------------------------
    def _select(self, key: int | None, student_id: str | None) -> None:
        self.selected_digit, self.selected_student = key, student_id
        for sid, row in self.rows.items():
            if sid != student_id and row.strip.selected is not None:
                row.strip.selected = None
                row.strip.update()
        self.selectionChanged.emit()

    def select_student(self, student_id: str) -> None:
        self._select(None, student_id)

    def _remove_text(self, student_id: str) -> str:
        return self.texts["remove_student"].replace("%1", self.nicknames.get(student_id, "").replace("&", "&&"))

    def digit_menu(self, key: int, student_id: str) -> QMenu:
        """The menu a right click on a digit opens (built apart so tests can trigger its actions)."""
        self._select(key, student_id)
        menu = QMenu(self)
        menu.addAction(self.texts["remove_digit"], lambda: self.removeDigit.emit(key))
        menu.addAction(self._remove_text(student_id),
                       lambda: self.removeStudent.emit(student_id))
        return menu

    def student_menu(self, student_id: str) -> QMenu:
        self._select(None, student_id)
        menu = QMenu(self)
        menu.addAction(self._remove_text(student_id),
                       lambda: self.removeStudent.emit(student_id))
        return menu

    def _digit_menu(self, key: int, student_id: str, pos: QPoint) -> None:
        self.digit_menu(key, student_id).exec(pos)

    def _student_menu(self, student_id: str, pos: QPoint) -> None:
        self.student_menu(student_id).exec(pos)


def digits_nickname(digits) -> str:
    return digits[0].nickname if digits else ""

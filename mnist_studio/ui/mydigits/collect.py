"""CollectPanel: a prompt ("Draw a 7", digits in shuffled order, N rounds) over a DrawingCanvas."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.canvas import DrawingCanvas


def canvas_strokes(canvas) -> list[np.ndarray]:
    """The canvas's strokes as (N, 3) float32 arrays: x, y in canvas units (0..1, y down), pressure."""
    return [np.asarray(s, np.float32) for s in canvas.drawing().strokes()]


def prompt_order(rounds: int, seed: int | None = None) -> list[int]:
    """``rounds`` shuffled passes over 0-9 (every digit once per round, no digit twice in a row)."""
    rng = np.random.default_rng(seed)
    order: list[int] = []
    for _ in range(rounds):
        digits = rng.permutation(10).tolist()
        if order and digits[0] == order[-1]:
            digits[0], digits[-1] = digits[-1], digits[0]
        order += digits
    return order


class CollectPanel(QWidget):
    """Asks for one digit at a time. ``sampleDrawn(strokes, label, writer)`` on Enter / Next."""

    sampleDrawn = Signal(object, int, str)
    finished = Signal()

    def __init__(self, parent=None, seed: int | None = None):
        super().__init__(parent)
        self._seed = seed
        self.order: list[int] = []
        self.position = 0
        self.prompt = QLabel(objectName="promptLabel", alignment=Qt.AlignmentFlag.AlignCenter)
        self.progress_label = QLabel(objectName="promptProgress", alignment=Qt.AlignmentFlag.AlignCenter)
        self.canvas = DrawingCanvas()
        self.canvas.setMinimumSize(200, 200)
        self.writer_edit = QLineEdit(objectName="writerName")
        self.writer_edit.setMaxLength(60)  # a name, not an essay (a pasted one widened the whole window)
        self.rounds_spin = QSpinBox(objectName="roundsSpin")
        self.rounds_spin.setRange(1, 20)
        self.rounds_spin.setValue(2)
        self.next_button = QPushButton(objectName="nextButton")
        self.skip_button = QPushButton(objectName="skipButton")
        self.clear_button = QPushButton(objectName="clearDrawingButton")
        self.restart_button = QPushButton(objectName="restartButton")
        self.form = QFormLayout()
        self.writer_label, self.rounds_label = QLabel(), QLabel()
        self.form.addRow(self.writer_label, self.writer_edit)
        self.form.addRow(self.rounds_label, self.rounds_spin)
        buttons = QHBoxLayout()
        for b in (self.clear_button, self.skip_button, self.next_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.prompt)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.restart_button)
        self.next_button.clicked.connect(self.accept)
        self.skip_button.clicked.connect(self.skip)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.restart_button.clicked.connect(self.restart)
        self.rounds_spin.valueChanged.connect(lambda _v: self.restart())
        self.canvas.changed.connect(self._update_buttons)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self.canvas, self.accept, context=Qt.ShortcutContext.WidgetShortcut)
        self.restart()
        self.retranslate()

    # -- flow ---------------------------------------------------------------------------------------
    def restart(self) -> None:
        self.order = prompt_order(self.rounds_spin.value(), self._seed)
        self.position = 0
        self.canvas.clear()
        self._show_prompt()

    def current_digit(self) -> int | None:
        return self.order[self.position] if self.position < len(self.order) else None

    def accept(self) -> bool:
        """Keep the drawing as the prompted digit and ask for the next one."""
        digit = self.current_digit()
        strokes = canvas_strokes(self.canvas)
        if digit is None or not strokes:
            return False
        self.sampleDrawn.emit(strokes, digit, self.writer_edit.text().strip())
        self._advance()
        return True

    def skip(self) -> None:
        if self.current_digit() is not None:
            self._advance()

    def _advance(self) -> None:
        self.position += 1
        self.canvas.clear()
        self._show_prompt()
        if self.current_digit() is None:
            self.finished.emit()

    def _update_buttons(self) -> None:
        self.next_button.setEnabled(self.current_digit() is not None and not self.canvas.is_blank())

    def _show_prompt(self) -> None:
        digit = self.current_digit()
        if digit is None:
            self.prompt.setText(self.tr("All done: thank you!"))
        else:
            self.prompt.setText(self.tr("Draw a %1").replace("%1", str(digit)))
        self.progress_label.setText(self.tr("%1 of %2").replace("%1", str(min(self.position + 1, len(self.order))))
                                    .replace("%2", str(len(self.order))))
        self._update_buttons()
        self.skip_button.setEnabled(digit is not None)

    # -- look -------------------------------------------------------------------------------------
    def set_scale(self, scale: float) -> None:
        font = QFont(QApplication.font())
        font.setPointSizeF(font.pointSizeF() * 2.0)
        font.setBold(True)
        self.prompt.setFont(font)

    def retranslate(self) -> None:
        self.writer_label.setText(self.tr("Your name"))
        self.rounds_label.setText(self.tr("Rounds (10 digits each)"))
        self.writer_edit.setPlaceholderText(self.tr("e.g. Mina"))
        self.next_button.setText(self.tr("Keep (Enter)"))
        self.next_button.setToolTip(self.tr("Keep this drawing as the asked digit and ask for the next"))
        self.skip_button.setText(self.tr("Skip"))
        self.clear_button.setText(self.tr("Clear (Esc)"))
        self.restart_button.setText(self.tr("Start over"))
        self._show_prompt()
        self.set_scale(1.0)

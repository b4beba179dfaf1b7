"""A word-wrapped QLabel that claims the height its lines need."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    """A word-wrapped label that keeps the height its lines need (nested layouts do not ask a label for its
    height at its width: they would squeeze a long sentence into one line's room, or push what is below it
    out of sight)."""

    def _fit(self) -> None:
        self.setMinimumHeight(self.heightForWidth(max(1, self.width())) if self.text() else 0)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit()

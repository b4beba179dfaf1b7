"""A word-wrapped QLabel that claims the height its lines need."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from mnist_studio.ui.common.refit import Refits


class WrappedLabel(Refits, QLabel):
    """A word-wrapped label that keeps the height its lines need (nested layouts do not ask a label for its
    height at its width: they would squeeze a long sentence into one line's room, or push what is below it
    out of sight)."""

    def refit(self) -> None:
        self.setMinimumHeight(self.heightForWidth(max(1, self.width())) if self.text() else 0)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.refit()

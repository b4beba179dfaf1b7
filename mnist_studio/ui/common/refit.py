"""Refits: a widget whose layout depends on its width and font redoes it after every resize and font change."""

from __future__ import annotations

from PySide6.QtCore import QEvent


class Refits:
    """Mixin, listed before the Qt widget class: ``font_changed()`` (nothing by default) after a font change,
    then ``refit()`` after it and after every resize."""

    def refit(self) -> None:
        raise NotImplementedError

    def font_changed(self) -> None:
        pass

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.refit()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.font_changed()
            self.refit()

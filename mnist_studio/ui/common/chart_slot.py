"""ChartSlot: the place of a matplotlib chart that is made the first time it is shown or asked for.

Importing matplotlib and its Qt backend is about a third of a second of the window's start-up on a 2-core
laptop, spent before the first drawn digit is read. A chart on a tab the user has not opened is not needed
then: its slot stands in for it (an empty widget in the layout) and makes it when the tab is first shown, or when
code asks for it (a run started from elsewhere, a test). Style set before that is applied when it is made."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class ChartSlot(QWidget):
    def __init__(self, module: str, class_name: str, parent=None, objectName: str = ""):  # noqa: N803 (Qt's)
        super().__init__(parent, objectName=objectName)
        self._module, self._class_name = module, class_name
        self._chart = None
        self._style: tuple[float, bool] | None = None
        self._when_made: list[Callable] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def chart(self):
        """The chart, made now if it was not yet (matplotlib is imported then)."""
        if self._chart is None:
            from mnist_studio.ui.look import theme

            cls = getattr(importlib.import_module(self._module), self._class_name)
            theme.register_matplotlib_fonts()  # before the chart makes its Text artists (they keep their fonts)
            self._chart = cls()
            self.layout().addWidget(self._chart)
            self._chart.show()  # now, not on the layout's queued show: the slot's first paint has the chart
            self.layout().activate()  # and at the slot's size, not at a new widget's default one
            if self._style is not None:
                self._chart.set_style(*self._style)
            for call in self._when_made:
                call(self._chart)
        return self._chart

    def made(self) -> bool:
        return self._chart is not None

    def when_made(self, call: Callable) -> None:
        """``call(chart)`` once the chart exists (at once if it does): settings the owner keeps for it."""
        self._when_made.append(call)
        if self._chart is not None:
            call(self._chart)

    def set_style(self, font_scale: float, dark: bool) -> None:
        self._style = (font_scale, dark)
        if self._chart is not None:
            self._chart.set_style(font_scale, dark)

    def showEvent(self, event):
        self.chart()  # shown: made before this paint, so the first picture has the chart in it
        super().showEvent(event)

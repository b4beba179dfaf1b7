"""The trained and fine-tuned models' panels in the Draw and Inside tabs: titles that follow the language, and
remembered across a restart (their model files, read again with numpy)."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication

KEYS = ("trained", "mydigits")  # "Your cnn · 98.1%", "CNN + you · 97%"
SETTING = "extraPanels"


translate = QCoreApplication.translate  # the window's context: lupdate reads the literal calls below


class ExtraPanels:
    """``add`` puts a model on the Draw and Inside tabs; ``restore`` brings the last session's back."""

    def __init__(self, settings, draw_tab, inside_tab):
        self.settings, self.draw_tab, self.inside_tab = settings, draw_tab, inside_tab
        self.titles: dict[str, tuple[str, str, str]] = {}  # key -> (pattern, name, suffix)
        self.sources: dict[str, str] = {}  # key -> model file

    def add(self, key: str, predictor, title_parts: tuple) -> None:
        self.titles[key] = tuple(title_parts)
        title = self.title(key)
        self.draw_tab.set_predictor(key, predictor, title)
        self.inside_tab.set_predictor(key, predictor, title)
        source = getattr(predictor, "source", None)
        if source:
            self.sources[key] = str(source)
            self.settings.setValue(SETTING, json.dumps([{"key": k, "source": v, "title": list(self.titles[k])}
                                                        for k, v in self.sources.items()]))

    def title(self, key: str) -> str:
        """A panel's title in today's language."""
        pattern, name, suffix = self.titles[key]
        text = translate("MainWindow", "Your %1") if pattern == "Your %1" else translate("MainWindow", "%1 + you")
        return text.replace("%1", name) + suffix

    def retranslate(self) -> None:
        for key in self.titles:
            if key in self.draw_tab.panels():
                self.draw_tab.add_panel(key, self.title(key))  # an existing panel: its title only

    def restore(self) -> None:
        """The last session's panels, from their model files; a damaged setting or a missing file is skipped."""
        from mnist_studio.ui.background.worker import numpy_predictor

        try:
            panels = json.loads(str(self.settings.value(SETTING, "[]")))
        except ValueError:
            return
        for panel in panels if isinstance(panels, list) else []:
            try:
                key, source, title = str(panel["key"]), str(panel["source"]), tuple(str(t) for t in panel["title"])
                if key not in KEYS or len(title) != 3 or not Path(source).is_file():
                    continue
                predictor = numpy_predictor(source, title[1])
            except (KeyError, TypeError, ValueError, OSError):
                continue
            if predictor is not None:
                self.add(key, predictor, title)

"""What the window remembers between two starts (Qt's QSettings): look, language, pen, last tab, geometry,
projector mode, the open digit set, and the training chart's smoothing and learning view. A damaged value is
ignored, never fatal."""

from __future__ import annotations

import math
from pathlib import Path

from mnist_studio.ui.look import theme
from mnist_studio.ui.look.i18n import system_language


def restore(window, language: str | None) -> None:
    """Theme, pen width, language (``language`` wins over the saved one) and the last tab."""
    settings = window.settings
    window.theme_name = str(settings.value("theme", "system"))
    if window.theme_name not in theme.THEMES:
        window.theme_name = "system"
    window.theme_actions[window.theme_name].setChecked(True)
    pen = _number(settings.value("penWidth", None))
    if pen is not None:  # else a damaged value (or none): the default pen
        window.draw_tab.set_pen_width(int(pen))
    panel = window.train_tab.panel
    smoothing = _number(settings.value("chartSmoothing", None))
    if smoothing is not None and 0 <= smoothing <= 99:
        panel.set_smoothing(round(smoothing))
    view = str(settings.value("learningView", "") or "")
    if view in panel.LAYOUTS:
        panel.set_learning_layout(view)
    window.set_language(str(language or settings.value("language", None) or system_language()))
    try:
        tab = int(settings.value("lastTab", 0))
    except (TypeError, ValueError):
        tab = 0
    window.tabs.setCurrentIndex(tab if 0 <= tab < window.tabs.count() else 0)


def _number(value) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def restore_digit_set(window) -> None:
    """The digit set that was open (and its writer's name), if its file is still there."""
    path = str(window.settings.value("digitSet", "") or "")
    if path and Path(path).is_file():
        window.mydigits_tab.open_set(path)


def saved_projector_mode(settings) -> bool:
    return str(settings.value("projector", "false")).lower() == "true"


def restore_geometry(window) -> None:
    geometry = window.settings.value("geometry")
    if geometry is not None:
        window.restoreGeometry(geometry)


def remember(window) -> None:
    """On close: projector mode, the open set, and the window's geometry (not the full-screen projector one)."""
    window.settings.setValue("projector", window.projector)
    window.settings.setValue("digitSet", str(window.mydigits_tab.path or ""))
    if not window.projector:
        window.settings.setValue("geometry", window.saveGeometry())

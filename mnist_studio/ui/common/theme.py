"""Palettes and scaling: light, dark, and a high-contrast projector look."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
PROJECTOR_SCALE = 1.6


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt < 6.5
        return QGuiApplication.palette().window().color().lightness() < 128


def _palette(window, base, alt, text, mid, highlight, placeholder) -> QPalette:
    p = QPalette()
    for role, color in [
        (QPalette.ColorRole.Window, window), (QPalette.ColorRole.Base, base),
        (QPalette.ColorRole.AlternateBase, alt), (QPalette.ColorRole.WindowText, text),
        (QPalette.ColorRole.Text, text), (QPalette.ColorRole.ButtonText, text),
        (QPalette.ColorRole.Button, alt), (QPalette.ColorRole.Mid, mid),
        (QPalette.ColorRole.Highlight, highlight), (QPalette.ColorRole.HighlightedText, QColor("white")),
        (QPalette.ColorRole.ToolTipBase, base), (QPalette.ColorRole.ToolTipText, text),
        (QPalette.ColorRole.PlaceholderText, placeholder),
    ]:
        p.setColor(role, QColor(color))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(placeholder))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(placeholder))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(placeholder))
    return p


def palette_for(theme: str, projector: bool = False) -> QPalette:
    dark = theme == "dark" or (theme == "system" and system_is_dark())
    if projector:  # high contrast: pure black on white, a strong blue accent
        return _palette("#ffffff", "#ffffff", "#e6e6e6", "#000000", "#7a7a7a", "#0047cc", "#555555")
    if dark:
        return _palette("#202124", "#17181a", "#2d2f33", "#e8eaed", "#6b6f76", "#4c8dff", "#9aa0a6")
    return _palette("#f4f5f7", "#ffffff", "#e4e7eb", "#1f2328", "#9aa3ad", "#1f6feb", "#6e7781")


def is_dark(palette: QPalette) -> bool:
    return palette.window().color().lightness() < 128


def apply(app: QApplication, theme: str, projector: bool, base_point_size: float) -> None:
    app.setStyle("Fusion")
    app.setPalette(palette_for(theme, projector))
    font = app.font()
    font.setPointSizeF(base_point_size * (PROJECTOR_SCALE if projector else 1.0))
    app.setFont(font)

"""Palettes and scaling: light, dark, and a high-contrast projector look."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontDatabase, QFontInfo, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle

from mnist_studio.storage.paths import resources_dir

THEMES = ("system", "light", "dark")
PROJECTOR_SCALE = 1.6
HANGUL_FAMILY = "MNIST Studio Hangul"  # resources/fonts: a Nanum Gothic subset (OFL), see build_font_subset.py
MIN_PROJECTOR_PX = 16  # the smallest text in projector mode (legible from the back row at 1280x800)
PROBABILITY_PROJECTOR_PX = 22  # probability digits and percentages in projector mode
_fonts_registered: list[str] = []
_look = {"projector": False}


def set_projector_look(on: bool) -> None:
    """Painted widgets size their text for the projector from now on (``apply`` does this with the rest)."""
    _look["projector"] = bool(on)


def is_projector() -> bool:
    """Whether the projector look is on (set by ``apply``); painted widgets size their text from it."""
    return _look["projector"]


def min_text_px() -> int:
    """The smallest pixel size painted text may shrink to: 16 px in projector mode, else the app font's size."""
    return MIN_PROJECTOR_PX if is_projector() else app_text_px()


def app_text_px() -> int:
    """The app font's pixel size (projector mode scales it up): the size painted text prefers."""
    from PySide6.QtGui import QFontInfo

    return QFontInfo(QApplication.font()).pixelSize()


def font_files() -> list:
    return sorted((resources_dir() / "fonts").glob("*.ttf"))


def register_fonts(app: QApplication | None = None) -> list[str]:
    """Make Korean render with no CJK font installed: the shipped Hangul subset joins Qt's font database,
    the app font's family list (explicit per-glyph fallback) and matplotlib. Returns Qt's family names."""
    app = app or QApplication.instance()
    if not _fonts_registered:
        for path in font_files():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                _fonts_registered.extend(f for f in QFontDatabase.applicationFontFamilies(font_id)
                                         if f not in _fonts_registered)
        _register_matplotlib()
    if app is not None and _fonts_registered:
        font = app.font()
        families = list(font.families()) or [font.family()]
        if HANGUL_FAMILY not in families:
            font.setFamilies([*families, HANGUL_FAMILY])
            app.setFont(font)
    return list(_fonts_registered)


def register_matplotlib_fonts() -> None:
    """Public entry: the Hangul font joins matplotlib's family list if matplotlib is already imported."""
    _register_matplotlib()


def _register_matplotlib() -> None:
    """Once ``chart_style`` has imported matplotlib and chosen its fallback list: add our font to matplotlib and
    to the end of that list. Called again by ``apply`` (idempotent): matplotlib is never imported here."""
    import sys

    if "mnist_studio.ui.look.chart_style" not in sys.modules:
        return
    import matplotlib
    from matplotlib import font_manager

    known = {f.fname for f in font_manager.fontManager.ttflist}
    for path in font_files():
        if str(path) in known:
            continue
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue
    families = list(matplotlib.rcParams["font.family"])
    if HANGUL_FAMILY not in families:
        matplotlib.rcParams["font.family"] = [*families, HANGUL_FAMILY]


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


class _ScaledIndicators(QProxyStyle):
    """Fusion, with check boxes and radio buttons as large as the text beside them (Fusion keeps them at
    14 px whatever the font: a speck next to projector-size text)."""

    _INDICATORS = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
                   QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)

    def pixelMetric(self, metric, option=None, widget=None):
        size = super().pixelMetric(metric, option, widget)
        if metric in self._INDICATORS:
            font = widget.font() if widget is not None else QApplication.font()
            px = QFontInfo(font).pixelSize()
            size = max(size, min_text_px() if is_projector() else 0, round(px * 0.95))
        return size


def apply(app: QApplication, theme: str, projector: bool, base_point_size: float) -> None:
    set_projector_look(projector)
    register_fonts(app)
    _register_matplotlib()
    if not isinstance(app.style(), _ScaledIndicators):
        app.setStyle(_ScaledIndicators("Fusion"))
    app.setPalette(palette_for(theme, projector))
    font = app.font()
    font.setPointSizeF(base_point_size * (PROJECTOR_SCALE if projector else 1.0))
    app.setFont(font)
    # A widget with a style sheet of its own (the red error lines) keeps the font it was polished with: in projector
    # mode the Evaluate tab's error read at 12 px. Polishing it again gives it the new application font.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)

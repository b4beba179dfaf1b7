"""The legibility walker: every visible text in a window, its pixel size and whether it fits.

``problems(window, min_px)`` returns one line per text that is smaller than ``min_px`` (22 px for probability
labels in projector mode), clipped, elided, outside its window, or overlapping another painted text. It reads
Qt's widgets directly (labels, buttons, tabs, fields, combo boxes, headers, item views, group boxes, the status
bar), the ``painted_texts()`` records of the widgets that paint their own text, and every drawn Text artist of
matplotlib figures.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QFontInfo, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStatusBar,
    QTabBar,
    QWidget,
)

PROBABILITY_PX = 22
TOL = 1.0  # px of rounding slack


def _name(w: QWidget) -> str:
    parts, node = [], w
    while node is not None and len(parts) < 3:
        parts.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(parts))


def _px(font) -> int:
    return QFontInfo(font).pixelSize()


def visible_in_window(w: QWidget, window: QWidget) -> QRect:
    """The part of ``w`` that its ancestors (scroll areas, splitters, the window) leave visible."""
    rect = QRect(w.mapTo(window, w.rect().topLeft()), w.size())
    node = w.parentWidget()
    while node is not None and node is not window:
        rect = rect.intersected(QRect(node.mapTo(window, node.rect().topLeft()), node.size()))
        node = node.parentWidget()
    return rect.intersected(window.rect())


def _in_scroll_area(w: QWidget) -> bool:
    node = w.parentWidget()
    while node is not None:
        if node.objectName() == "qt_scrollarea_viewport":
            return True
        node = node.parentWidget()
    return False


def _strip_mnemonic(text: str) -> str:
    return re.sub(r"&(?!&)", "", text).replace("&&", "&")


class Walker:
    def __init__(self, window: QWidget, min_px: int = 16):
        self.window, self.min_px = window, min_px
        self.found: list[str] = []
        self.texts: list[str] = []  # every visible text (for the language checks)

    def bad(self, w, text, why) -> None:
        self.found.append(f"{_name(w)} {text!r}: {why}")

    def size(self, w, text, font, least=None) -> None:
        least = self.min_px if least is None else least
        if _px(font) < least:
            self.bad(w, text, f"{_px(font)} px < {least} px")

    def fits(self, w, text, font, width, height=None) -> None:
        fm = QFontMetricsF(font)
        for line in text.split("\n"):
            if fm.horizontalAdvance(line) > width + TOL:
                self.bad(w, text, f"needs {fm.horizontalAdvance(line):.0f} px wide, has {width:.0f}")
                return
        if height is not None and fm.tightBoundingRect(text.split("\n")[0]).height() > height + TOL:
            self.bad(w, text, f"needs {fm.tightBoundingRect(text).height():.0f} px high, has {height:.0f}")

    def not_cut_by_parents(self, w, text) -> None:
        """Cut off by a parent or the window (a scroll area's viewport is allowed to: the user scrolls)."""
        if _in_scroll_area(w):
            return
        shown = visible_in_window(w, self.window)
        fm = QFontMetricsF(w.font())
        need_w = min(w.width(), max(fm.horizontalAdvance(line) for line in text.split("\n")) + 8)
        if shown.height() < min(w.height(), fm.height()) - TOL or shown.width() < need_w - 2:
            self.bad(w, text, f"cut by its parent or the window: {shown.width()}x{shown.height()} of "
                              f"{w.width()}x{w.height()} visible")

    # -- widget kinds ---------------------------------------------------------------------------------
    def label(self, w: QLabel) -> None:
        text = w.text()
        if not text or w.pixmap() is not None and not w.pixmap().isNull():
            return
        if w.textFormat() == Qt.TextFormat.RichText or "<" in text and re.search(r"<\w+[^>]*>", text):
            text = re.sub(r"<[^>]+>", "", text)
        self.texts.append(text)
        self.size(w, text, w.font())
        cr = w.contentsRect()
        m = w.margin() * 2 + max(0, w.indent())
        if w.wordWrap():
            need = w.heightForWidth(w.width())
            if need > w.height() + TOL:
                self.bad(w, text, f"wrapped it needs {need} px high, has {w.height()}")
            fm = QFontMetricsF(w.font())
            longest = max((fm.horizontalAdvance(word) for word in text.split()), default=0)
            if longest > cr.width() - m + TOL:
                self.bad(w, text, f"a word needs {longest:.0f} px, has {cr.width()}")
        else:
            self.fits(w, text, w.font(), cr.width() - m, cr.height())
        self.not_cut_by_parents(w, text)

    def button(self, w: QAbstractButton) -> None:
        text = _strip_mnemonic(w.text())
        if not text:
            return
        self.texts.append(text)
        self.size(w, text, w.font())
        extra = 8 + (w.iconSize().width() + 4 if not w.icon().isNull() else 0)
        if isinstance(w, (QCheckBox, QRadioButton)):
            from PySide6.QtWidgets import QStyle

            metric = QStyle.PixelMetric.PM_IndicatorWidth if isinstance(w, QCheckBox) \
                else QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
            box = w.style().pixelMetric(metric, None, w)
            extra += box + 5
            if self.min_px >= 16 and box < self.min_px:  # projector mode: a box to tick from the back row
                self.bad(w, text, f"its box is {box} px < {self.min_px} px")
        self.fits(w, text, w.font(), w.width() - extra, w.height())
        self.not_cut_by_parents(w, text)

    def tabbar(self, w: QTabBar) -> None:
        for i in range(w.count()):
            text = _strip_mnemonic(w.tabText(i))
            self.texts.append(text)
            self.size(w, text, w.font())
            rect = w.tabRect(i)
            if not w.rect().contains(rect):
                self.bad(w, text, "tab scrolled or cut off the bar")
            self.fits(w, text, w.font(), rect.width() - 8, rect.height())

    def line_edit(self, w: QLineEdit) -> None:
        text = w.text() or w.placeholderText()
        if not text:
            return
        self.texts.append(text)
        self.size(w, text, w.font())
        self.fits(w, text, w.font(), w.contentsRect().width() - 6)

    def combo(self, w: QComboBox) -> None:
        text = w.currentText()
        if not text:
            return
        self.texts.append(text)
        self.size(w, text, w.font())
        if not w.isEditable():
            from PySide6.QtWidgets import QStyle, QStyleOptionComboBox

            option = QStyleOptionComboBox()
            w.initStyleOption(option)
            field = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, w)
            self.fits(w, text, w.font(), field.width() - 2)
        self.not_cut_by_parents(w, text)

    def header(self, w: QHeaderView) -> None:
        model = w.model()
        if model is None:
            return
        orientation = w.orientation()
        for section in range(w.count()):
            if w.isSectionHidden(section):
                continue
            text = str(model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            pos, size = w.sectionViewportPosition(section), w.sectionSize(section)
            extent = w.viewport().width() if orientation == Qt.Orientation.Horizontal else w.viewport().height()
            if pos < 0 or pos + size > extent:  # scrolled (partly) out of view: the user scrolls to it
                continue
            self.texts.append(text)
            self.size(w, text, w.font())
            if orientation == Qt.Orientation.Horizontal:
                sort = 18 if w.isSortIndicatorShown() and w.sortIndicatorSection() == section else 0
                self.fits(w, text, w.font(), size - 8 - sort, w.height())

    def item_view(self, w: QAbstractItemView) -> None:
        model = w.model()
        if model is None or isinstance(w, QHeaderView):
            return
        vp = w.viewport().rect()
        self.size(w, "(items)", w.font())
        for row in range(min(model.rowCount(QModelIndex()), 60)):
            for col in range(20):
                index = model.index(row, col)
                if not index.isValid():
                    break
                rect = w.visualRect(index)
                if not rect.isValid() or not vp.contains(rect):
                    continue  # scrolled (partly) out of view
                text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
                if not text:
                    continue
                self.texts.append(text)
                self.fits(w, text, w.font(), rect.width() - 4)

    def group_box(self, w: QGroupBox) -> None:
        if w.title():
            text = _strip_mnemonic(w.title())
            self.texts.append(text)
            self.size(w, text, w.font())
            self.fits(w, text, w.font(), w.width() - 16)

    def status_bar(self, w: QStatusBar) -> None:
        """The temporary message must fit left of the permanent widgets (unless the bar paints it elided
        itself and reports it: then ``painted`` checked it)."""
        text = w.currentMessage()
        if text and not hasattr(w, "painted_texts"):
            self.texts.append(text)
            self.size(w, text, w.font())
            widgets = [c for c in w.findChildren(QWidget) if c.parentWidget() is w and c.isVisible()]
            room = min([c.x() for c in widgets if c.x() > 0] + [w.width()]) - 8
            self.fits(w, text, w.font(), room, w.height())

    def status_bar_room(self, w: QStatusBar) -> None:
        """A status bar painting its own message: the message stays left of the permanent widgets."""
        widgets = [c for c in w.findChildren(QWidget) if c.parentWidget() is w and c.isVisible()]
        room = min([c.x() for c in widgets if c.x() > 0] + [w.width()])
        for item in w.painted_texts():
            if item.needed.right() > room + TOL:
                self.bad(w, item.text, f"runs into the permanent widgets (ends at {item.needed.right():.0f}, "
                                       f"they start at {room})")

    def painted(self, w: QWidget) -> None:
        items = w.painted_texts()
        least = PROBABILITY_PX if w.objectName() == "probabilityBars" and self.min_px >= 16 else self.min_px
        box = QRectF(w.rect()).adjusted(-TOL, -TOL, TOL, TOL)
        shown = box  # the part its parents leave visible (a scroll area's viewport may cut: the user scrolls)
        if not _in_scroll_area(w):
            visible = visible_in_window(w, self.window)
            shown = QRectF(QRect(w.mapFrom(self.window, visible.topLeft()), visible.size())).adjusted(-TOL, -TOL,
                                                                                                       TOL, TOL)
        for item in items:
            self.texts.append(item.text)
            if item.pixel_size < least:
                self.bad(w, item.text, f"painted at {item.pixel_size} px < {least} px")
            if item.needed.width() > item.rect.width() + TOL or item.needed.height() > item.rect.height() + TOL:
                self.bad(w, item.text, f"painted text needs {item.needed.width():.0f}x{item.needed.height():.0f}, "
                                       f"its box is {item.rect.width():.0f}x{item.rect.height():.0f}")
            if not box.contains(item.needed):
                self.bad(w, item.text, "painted outside its widget")
            elif not shown.contains(item.needed):
                self.bad(w, item.text, "painted where a parent or the window cuts it off")
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                overlap = a.needed.intersected(b.needed)
                if overlap.width() > 1 and overlap.height() > 1:
                    self.bad(w, f"{a.text} / {b.text}", "painted texts overlap")
                    break

    def figure(self, w) -> None:
        from matplotlib.text import Text

        fig = w.figure
        renderer = fig.canvas.get_renderer()
        fig_box = fig.bbox
        shown = []
        drawn_ticks, all_ticks = _drawn_tick_labels(fig), _all_tick_labels(fig)
        for t in fig.findobj(Text):
            if not t.get_visible() or not t.get_text().strip() or t in all_ticks and t not in drawn_ticks:
                continue
            text = t.get_text()
            self.texts.append(text)
            px = t.get_fontsize() * fig.dpi / 72
            if px < self.min_px - 0.5:
                self.bad(w, text, f"chart text {px:.1f} px < {self.min_px} px")
            ext = t.get_window_extent(renderer)
            if ext.x0 < fig_box.x0 - TOL or ext.y0 < fig_box.y0 - TOL or ext.x1 > fig_box.x1 + TOL \
                    or ext.y1 > fig_box.y1 + TOL:
                self.bad(w, text, "chart text outside the figure")
            shown.append((text, ext))
        for legend in [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]:
            if legend.get_visible():
                shown.append(("<legend>", legend.get_window_extent(renderer)))
        for i, (ta, a) in enumerate(shown):
            for tb, b in shown[i + 1:]:
                if ta == "<legend>" or tb == "<legend>":
                    inside = _contains(a, b) or _contains(b, a)
                    if inside:
                        continue  # a legend's own entries
                if _overlap(a, b):
                    self.bad(w, f"{ta} / {tb}", "chart texts overlap")

    # -- the walk ---------------------------------------------------------------------------------
    def walk(self) -> list[str]:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        for w in [self.window, *self.window.findChildren(QWidget)]:
            if not w.isVisible() or w.width() <= 0 or w.height() <= 0 or w.isWindow() and w is not self.window:
                continue
            if visible_in_window(w, self.window).isEmpty():
                continue
            if hasattr(w, "painted_texts"):
                self.painted(w)
                if isinstance(w, QStatusBar):
                    self.status_bar_room(w)
            elif _paints_itself(w):
                self.bad(w, type(w).__name__, "paints itself but does not report its texts (painted_texts)")
            if isinstance(w, FigureCanvasQTAgg):
                self.figure(w)
            elif isinstance(w, QLabel):
                self.label(w)
            elif isinstance(w, QAbstractButton):
                self.button(w)
            elif isinstance(w, QTabBar):
                self.tabbar(w)
            elif isinstance(w, QLineEdit):
                self.line_edit(w)
            elif isinstance(w, QComboBox):
                self.combo(w)
            elif isinstance(w, QHeaderView):
                self.header(w)
            elif isinstance(w, QGroupBox):
                self.group_box(w)
            elif isinstance(w, QStatusBar):
                self.status_bar(w)
            if isinstance(w, QAbstractItemView):
                self.item_view(w)
        return self.found


def _paints_itself(w) -> bool:
    """An app widget with its own paintEvent (its text is invisible to Qt unless it reports it)."""
    return any(k.__module__.startswith("mnist_studio.") and "paintEvent" in vars(k) for k in type(w).__mro__)


def _drawn_tick_labels(fig) -> set:
    """The tick labels matplotlib draws (ticks inside the view limits, labels switched on)."""
    drawn = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis._update_ticks():  # what Axis.draw draws
                drawn.update(label for label in (tick.label1, tick.label2) if label.get_visible())
    return drawn


def _all_tick_labels(fig) -> set:
    """Every tick label artist, drawn or not (their ``axes`` is not always set, so collect them per axis)."""
    labels = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.majorTicks + axis.minorTicks:
                labels.update((tick.label1, tick.label2))
    return labels


def _overlap(a, b) -> bool:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w > 1 and h > 1


def _contains(outer, inner) -> bool:
    return outer.x0 - 1 <= inner.x0 and outer.y0 - 1 <= inner.y0 and inner.x1 <= outer.x1 + 1 \
        and inner.y1 <= outer.y1 + 1


def problems(window, min_px: int = 16) -> tuple[list[str], list[str]]:
    """(problems, every visible text) of the window as it is now."""
    walker = Walker(window, min_px)
    found = walker.walk()
    return found, walker.texts

"""ArchitectureView: the layer table and the parameter count of the network in the form, updated as you type.

The table is filled at once, in the same turn as the change to the form (describing a design takes a few
microseconds, without Keras): the form below it never moves under the mouse a moment after a preset is picked.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.networks import models

PREVIEW_MAX_PARAMS = 5_000_000  # bigger designs show their count, not a table (building them takes memory)

translate = QCoreApplication.translate  # context "TrainTab": one context for the tab's texts


def _arch_key(cfg) -> tuple:
    return (cfg.preset, *(getattr(cfg, k, None) for k in ("hidden", "activation", "dropout", "conv", "kernel",
                                                            "pool", "dense", "dataset")))


class ArchitectureView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 4, objectName="modelSummary")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized by _fit_width: never elided
        header.setStretchLastSection(True)
        self.total = QLabel(objectName="modelTotal")  # two short lines, no word wrap (no height-for-width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        self.tf_ready = True  # the table is described from the layer specs: no Keras, nothing to wait for
        self._cache: dict[tuple, list] = {}
        self._pending = None
        self._shown_key = None
        self._last_size = None
        self.builds = 0
        self.retranslate()

    def show_config(self, cfg, size: tuple[int, int] | None) -> None:
        """Show ``cfg``'s network: its count and its table, now."""
        if cfg is None:  # no stale table of another network
            self._pending = None
            self._shown_key = None
            self.table.setRowCount(0)
            self._fit_height(0)
            self.total.setText(translate("TrainTab", "Architecture: fix the field in red first."))
            return
        self._last_size = size
        if size is not None:
            self._say_total(size[0], size[1])
        key = _arch_key(cfg)
        if key in self._cache:
            self._fill(key)
            return
        if size is None and not self.tf_ready:
            self.table.setRowCount(0)
            self.total.setText(translate("TrainTab", "Architecture: loading…"))
        if size is not None and size[0] > PREVIEW_MAX_PARAMS:
            self.table.setRowCount(0)
            self._pending = None
            return
        self._pending = cfg
        if self.tf_ready and self.isEnabled():  # disabled while a run trains: built at the next edit
            self._build_pending()

    def set_tf_ready(self) -> None:
        self.tf_ready = True
        if self._pending is not None:
            self._build_pending()

    def flush(self) -> None:
        """Build now (tests; the tab's first show)."""
        if self._pending is not None and self.tf_ready:
            self._build_pending()

    def _build_pending(self) -> None:
        cfg, self._pending = self._pending, None
        if cfg is None or not self.tf_ready:
            self._pending = cfg
            return
        key = _arch_key(cfg)
        if key not in self._cache:
            try:
                self._cache[key] = models.describe(cfg)
            except (ValueError, TypeError) as exc:  # the core refused the design: the form says why
                self.total.setText(str(exc))
                return
            self.builds += 1
        self._fill(key)

    def _fill(self, key) -> None:
        rows = self._cache[key]
        self._shown_key = key
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate([row.name, row.kind, row.output_shape, f"{row.params:,}"]):
                item = QTableWidgetItem(value)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._fit_height(len(rows))
        self._fit_width()
        total = sum(r.params for r in rows)
        size = self._last_size
        self._say_total(total, size[1] if size is not None and size[0] == total else None)

    def _fit_width(self) -> None:
        """When all four columns do not fit (projector mode), drop the layer names (the type says as much)."""
        t = self.table
        t.setColumnHidden(0, False)
        t.resizeColumnsToContents()
        header = t.horizontalHeader()  # its font may not have followed a projector switch yet: use the app's
        fm = QFontMetrics(header.font().resolve(QApplication.font()))
        margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 8
        for c in range(4):
            item = t.horizontalHeaderItem(c)
            if item is not None:
                t.setColumnWidth(c, max(t.columnWidth(c), fm.horizontalAdvance(item.text()) + margin))
        needed = sum(t.columnWidth(c) for c in range(4)) + 2 * t.frameWidth() + t.verticalScrollBar().sizeHint().width()
        t.setColumnHidden(0, needed > t.width())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_width()

    def _fit_height(self, n_rows: int) -> None:
        """As tall as its rows (up to 8; a deeper design scrolls): no grey box under a short table."""
        t = self.table
        t.resizeRowsToContents()
        rows = sum(t.rowHeight(r) for r in range(min(n_rows, 8))) or t.verticalHeader().defaultSectionSize()
        header = max(t.horizontalHeader().height(), t.horizontalHeader().sizeHint().height())
        t.setFixedHeight(header + rows + 2 * t.frameWidth() + 4 + t.horizontalScrollBar().sizeHint().height())
        # An explicit minimum: the form sizes by height-for-width (its wrapped labels), which squeezed this box
        # below its table in projector mode and laid the total (two lines at most) over the table's last rows.
        total = max(self.total.sizeHint().height(), 2 * self.total.fontMetrics().lineSpacing())
        self.setMinimumHeight(t.height() + self.layout().spacing() + total)
        self.updateGeometry()

    def _say_total(self, params: int, nbytes: int | None) -> None:
        text = translate("TrainTab", "Total parameters: %1").replace("%1", f"{params:,}")
        if nbytes is not None:
            from mnist_studio.ui.train.design_form import byte_size

            text += "\n" + translate("TrainTab", "about %1 of memory to train").replace("%1", byte_size(nbytes))
        self.total.setText(text)

    def rows(self) -> list:
        return self._cache.get(self._shown_key, [])

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            translate("TrainTab", "Layer"), translate("TrainTab", "Type"), translate("TrainTab", "Output shape"),
            translate("TrainTab", "Parameters")])

    def changeEvent(self, event):
        if event.type() == QEvent.Type.FontChange:  # projector mode: taller rows
            QTimer.singleShot(0, self, lambda: (self._fit_height(self.table.rowCount()), self._fit_width()))
        super().changeEvent(event)

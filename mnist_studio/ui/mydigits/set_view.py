"""SetView: the collected digits in a gallery, with label fixes, deletion and the file buttons."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.gallery import SampleGallery, SampleListModel


class SetListModel(SampleListModel):
    """Captions: the label and the writer; with a prediction, "label→predicted" like elsewhere."""

    writers: np.ndarray | None = None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and index.isValid() \
                and 0 <= index.row() < len(self.indices):
            i = int(self.indices[index.row()])
            writer = str(self.writers[i]) if self.writers is not None else ""
            if self.predictions is None:
                if role == Qt.ItemDataRole.DisplayRole:
                    return f"{self.labels[i]}"
                return (QCoreApplication.translate("SetView", "#%1: labelled %2, by %3")
                        .replace("%1", str(i)).replace("%2", str(self.labels[i])).replace("%3", writer or "?"))
        return super().data(index, role)


class SetGallery(SampleGallery):
    def __init__(self, object_name: str, parent=None):
        super().__init__(object_name, parent)
        self.samples = SetListModel(self)
        self.setModel(self.samples)
        self.set_thumb_size(self.samples.thumb)

    def show_set(self, images, labels, writers, predictions=None, confidence=None) -> None:
        self.samples.writers = writers
        self.set_samples(images, labels, predictions, confidence, np.arange(len(labels)))


class SetView(QWidget):
    """Emits requests; the tab owns the set. ``relabel(index, digit)``, ``delete(index)``."""

    relabel = Signal(int, int)
    delete = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel(objectName="setSummary", wordWrap=True)
        self.gallery = SetGallery("setGallery")
        self.selected: int | None = None
        self.gallery.sampleActivated.connect(self._select)
        self.fix_label = QLabel()
        self.digit_buttons = []
        fix = QGridLayout()
        self.fix_label.setWordWrap(True)
        fix.addWidget(self.fix_label, 0, 0, 1, 5)
        for d in range(10):
            b = QToolButton(objectName=f"relabel{d}")  # compact: a push button is ~80 px wide at least
            b.setText(str(d))
            b.setMinimumSize(30, 30)
            b.clicked.connect(lambda _c=False, digit=d: self._relabel(digit))
            fix.addWidget(b, 1 + d // 5, d % 5)
            self.digit_buttons.append(b)
        self.delete_button = QPushButton(objectName="deleteSample")
        self.delete_button.clicked.connect(self._delete)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.gallery, self._delete,
                  context=Qt.ShortcutContext.WidgetShortcut)
        fix.addWidget(self.delete_button, 3, 0, 1, 5)

        self.new_button = QPushButton(objectName="newSet")
        self.save_button = QPushButton(objectName="saveSet")
        self.open_button = QPushButton(objectName="openSet")
        self.export_button = QPushButton(objectName="exportSet")
        self.merge_button = QPushButton(objectName="mergeSets")
        files = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.save_button, self.export_button, self.merge_button):
            files.addWidget(b)
        side_widget = QWidget()
        side_widget.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        side = QVBoxLayout(side_widget)
        side.setContentsMargins(0, 0, 0, 0)
        side.addLayout(fix)
        side.addStretch(1)
        self.delete_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        body = QHBoxLayout()
        body.addWidget(self.gallery, 1)
        body.addWidget(side_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(body, 1)
        layout.addLayout(files)
        self._enable()
        self.retranslate()

    def show_set(self, ds, predictions=None, confidence=None) -> None:
        keep = self.gallery.currentIndex().row() if self.gallery.currentIndex().isValid() else None
        self.gallery.show_set(ds.x, ds.y, ds.writer, predictions, confidence)
        if keep is not None and len(ds):
            self.gallery.setCurrentIndex(self.gallery.samples.index(min(keep, len(ds) - 1)))
        elif not len(ds):
            self.selected = None
        counts = ds.counts()
        per_digit = "  ".join(f"{d}:{c}" for d, c in enumerate(counts))
        writers = ", ".join(_short(w) or "?" for w in ds.writers()) or "—"
        if len(writers) > 200:  # a class of many students: the summary stays one short paragraph
            writers = writers[:199] + "…"
        text = self.tr("1 digit (%2) by %3") if len(ds) == 1 else self.tr("%1 digits (%2) by %3")
        self.summary.setText(text.replace("%1", str(len(ds))).replace("%2", per_digit).replace("%3", writers))
        self._enable()

    def _select(self, index: int) -> None:
        self.selected = index
        self._enable()

    def _enable(self) -> None:
        on = self.selected is not None and self.gallery.count() > 0
        for b in (*self.digit_buttons, self.delete_button):
            b.setEnabled(on)

    def _relabel(self, digit: int) -> None:
        if self.selected is not None:
            self.relabel.emit(self.selected, digit)

    def _delete(self) -> None:
        if self.selected is not None and self.gallery.count():
            self.delete.emit(self.selected)

    def retranslate(self) -> None:
        self.fix_label.setText(self.tr("Fix its label:"))
        self.delete_button.setText(self.tr("Delete it (Del)"))
        self.new_button.setText(self.tr("New set"))
        self.open_button.setText(self.tr("Open / import…"))
        self.save_button.setText(self.tr("Save"))
        self.export_button.setText(self.tr("Export…"))
        self.merge_button.setText(self.tr("Merge sets…"))
        self.new_button.setToolTip(self.tr("Start an empty set"))
        self.open_button.setToolTip(self.tr("Open a saved set, or import one from a USB stick or shared folder"))
        self.save_button.setToolTip(self.tr("Save in your data folder (Ctrl+S)"))
        self.export_button.setToolTip(self.tr("Write the set as a .npz file anywhere"))
        self.merge_button.setToolTip(self.tr("Combine several students' sets into one class set"))


def _short(name: str, limit: int = 40) -> str:
    """A writer's name as the summary shows it: a pasted essay must not widen the window."""
    return name if len(name) <= limit else name[:limit - 1] + "…"

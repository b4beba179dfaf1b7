"""ScoreView: every loaded model scored on the set, side by side, with clickable confusion matrices."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mnist_studio.ui.common.confusion import ConfusionMatrixView
from mnist_studio.ui.common.gallery import SampleGallery


class ScoreView(QWidget):
    """One column per model: accuracy and the confusion matrix; a click on a cell fills the gallery."""

    scored = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: dict[str, object] = {}
        self.titles: dict[str, str] = {}
        self.columns: dict[str, tuple[QLabel, ConfusionMatrixView]] = {}
        self.images: np.ndarray | None = None
        self.score_button = QPushButton(objectName="scoreButton")
        self.note = QLabel(objectName="scoreNote", wordWrap=True)
        self.grid = QGridLayout()
        self.cell_label = QLabel(objectName="cellLabel", wordWrap=True)
        self.gallery = SampleGallery("scoreGallery")
        self.gallery.setMaximumHeight(170)
        layout = QVBoxLayout(self)
        top = QGridLayout()
        top.addWidget(self.score_button, 0, 0)
        top.addWidget(self.note, 0, 1)
        top.setColumnStretch(1, 1)
        layout.addLayout(top)
        layout.addLayout(self.grid, 1)
        layout.addWidget(self.cell_label)
        layout.addWidget(self.gallery)
        self.retranslate()

    def column(self, key: str, title: str):
        if key not in self.columns:
            label = QLabel(objectName=f"score_{key}", wordWrap=True)
            matrix = ConfusionMatrixView(object_name=f"confusion_{key}")
            matrix.setMinimumSize(200, 200)
            matrix.set_axis_labels(self.tr("your label"), self.tr("model's answer"))
            matrix.cellClicked.connect(lambda r, c, k=key: self.open_cell(k, r, c))
            n = len(self.columns)
            self.grid.addWidget(label, 0, n)
            self.grid.addWidget(matrix, 1, n)
            self.grid.setColumnStretch(n, 1)
            self.columns[key] = (label, matrix)
        self.titles[key] = title
        return self.columns[key]

    def show_results(self, images: np.ndarray, results: dict[str, object], titles: dict[str, str]) -> None:
        """``results``: key -> evaluation.EvalResult on ``images`` (uint8 (N, 28, 28))."""
        self.images = images
        self.results = dict(results)
        for key, result in results.items():
            label, matrix = self.column(key, titles.get(key, key))
            self._show_score(key)
            matrix.set_matrix(result.confusion)
        self.gallery.set_samples(images, np.zeros(0), np.zeros(0), np.zeros(0), [])
        self.cell_label.setText(self.tr("Click a cell to see those digits."))
        self.scored.emit()

    def _show_score(self, key: str) -> None:
        result = self.results[key]
        wrong = len(result.labels) - result.correct
        self.columns[key][0].setText(self.tr("<b>%1</b>: %2 right (%3 of %4), %5 wrong")
                                     .replace("%1", self.titles[key]).replace("%2", f"{result.accuracy:.0%}")
                                     .replace("%3", str(result.correct)).replace("%4", str(len(result.labels)))
                                     .replace("%5", str(wrong)))

    def clear(self) -> None:
        for label, matrix in self.columns.values():
            label.setText("")
            matrix.set_matrix(None)
        self.results = {}
        self.gallery.set_samples(None, None, None, None, [])
        self.cell_label.setText("")

    def open_cell(self, key: str, true_digit: int, predicted: int) -> None:
        result = self.results.get(key)
        if result is None:
            return
        idx = result.cell(true_digit, predicted)
        self.gallery.set_samples(self.images, result.labels, result.predictions, result.confidence, idx)
        self.cell_label.setText(self.tr("%1: %2 digit(s) labelled %3, read as %4")
                                .replace("%1", self.titles.get(key, key)).replace("%2", str(len(idx)))
                                .replace("%3", str(true_digit)).replace("%4", str(predicted)))

    def retranslate(self) -> None:
        self.score_button.setText(self.tr("Score the models on this set"))
        self.note.setText(self.tr("Every loaded model reads every digit of the set; nothing is trained."))
        for _label, matrix in self.columns.values():
            matrix.set_axis_labels(self.tr("your label"), self.tr("model's answer"))
        for key in self.results:
            self._show_score(key)
        if self.results and self.cell_label.text():
            self.cell_label.setText(self.tr("Click a cell to see those digits."))

    def set_thumb_size(self, size: int) -> None:
        self.gallery.set_thumb_size(size)
        self.gallery.setMaximumHeight(int(size * 1.9 + self.fontMetrics().height() * 3))

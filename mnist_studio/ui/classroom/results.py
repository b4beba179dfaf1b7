"""What the models made of the class's digits: accuracy, the class confusion matrix (a click shows a cell's
digits) and *Fooled the network* (digits a model misread, most confident mistake first)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_studio.ui.classroom.digit_strip import WRONG, DigitStrip, StripItem, ThumbCache
from mnist_studio.ui.classroom.wall import answers, plain_label
from mnist_studio.ui.common.confusion import ConfusionMatrixView
from mnist_studio.ui.common.wrapped_label import WrappedLabel


def accuracy(digits, model: str) -> float | None:
    scored = [d for d in digits if model in d.probs]
    if not scored:
        return None
    return float(np.mean([int(d.probs[model].argmax()) == d.label for d in scored]))


def confusion(digits, model: str) -> np.ndarray:
    m = np.zeros((10, 10), np.int64)
    for d in digits:
        if model in d.probs:
            m[d.label, int(d.probs[model].argmax())] += 1
    return m


def fooled(digits, models: list[str]) -> list[tuple[object, str, int, float]]:
    """(digit, model, its wrong answer, its confidence in it), the most confident mistakes first."""
    out = []
    for d in digits:
        for model in models:
            probs = d.probs.get(model)
            if probs is not None and int(probs.argmax()) != d.label:
                out.append((d, model, int(probs.argmax()), float(probs.max())))
    out.sort(key=lambda t: (-t[3], t[0].id, t[1]))
    return out


def scrolled(widget: QWidget, name: str) -> QScrollArea:
    area = QScrollArea(objectName=name)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(widget)
    return area


class ConfusionPage(QWidget):
    """The class confusion matrix of one model (a choice), and under it the digits of the clicked cell."""

    def __init__(self, cache: ThumbCache, parent=None):
        super().__init__(parent)
        self.setObjectName("classConfusionPage")
        self.digits: list = []
        self.models: list[str] = []
        self.cell: tuple[int, int] | None = None
        self.model_label = QLabel(objectName="classModelLabel")
        self.model_choice = QComboBox(objectName="classModelChoice")
        self.matrix = ConfusionMatrixView(object_name="classConfusion")
        self.matrix.set_matrix(np.zeros((10, 10), np.int64))
        self.cell_label = WrappedLabel(objectName="classCellLabel")
        self.cell_label.setWordWrap(True)
        self.cell_strip = DigitStrip(cache, object_name="classCellDigits")
        self.cell_area = scrolled(self.cell_strip, "classCellArea")
        top = QHBoxLayout()
        top.addWidget(self.model_label)
        top.addWidget(self.model_choice)
        top.addStretch(1)
        cell = QVBoxLayout()
        cell.addWidget(self.cell_label)
        cell.addWidget(self.cell_area, 1)
        body = QHBoxLayout()
        body.addWidget(self.matrix, 3)
        body.addLayout(cell, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        self.model_choice.currentIndexChanged.connect(lambda _i: self._refresh())
        self.matrix.cellClicked.connect(self.open_cell)
        self.texts = {"cell": "%1 asked for %2, read as %3: %4", "pick": "", "axis_rows": "", "axis_cols": ""}

    def model(self) -> str:
        return self.model_choice.currentText()

    def show_class(self, digits, models: list[str], tooltip) -> None:
        self.digits, self.tooltip = list(digits), tooltip
        if models != self.models:
            self.models = list(models)
            current = self.model_choice.currentText()
            self.model_choice.blockSignals(True)
            self.model_choice.clear()
            self.model_choice.addItems(list(reversed(models)))  # the CNN first: it reads best
            if current in models:
                self.model_choice.setCurrentText(current)
            self.model_choice.blockSignals(False)
        self._refresh()

    def _refresh(self) -> None:
        cell = self.cell
        self.matrix.set_matrix(confusion(self.digits, self.model()))  # clears the matrix's selection
        if cell is not None:
            self.matrix.selected = cell
            self.open_cell(*cell)
        else:
            self.cell_label.setText(self.texts["pick"])
            self.cell_strip.set_items([])

    def open_cell(self, true: int, predicted: int) -> None:
        self.cell = (true, predicted)
        model = self.model()
        chosen = [d for d in self.digits if model in d.probs and d.label == true
                  and int(d.probs[model].argmax()) == predicted]
        self.cell_label.setText(self.texts["cell"].replace("%1", model).replace("%2", str(true))
                                .replace("%3", str(predicted)).replace("%4", str(len(chosen))))
        self.cell_strip.set_items([StripItem(d.id, d.image, [(d.nickname, None), *answers(d, [model])], None,
                                             self.tooltip(d)) for d in chosen])

    def set_texts(self, model_label: str, rows: str, cols: str, cell: str, pick: str) -> None:
        self.model_label.setText(model_label)
        self.matrix.set_axis_labels(rows, cols)
        self.texts.update(cell=cell, pick=pick)
        if self.cell is not None:
            self.open_cell(*self.cell)
        else:
            self.cell_label.setText(pick)


class FooledPage(QWidget):
    """The (digit, model) pairs a model misread, biggest confidence first (the first ``SHOWN``)."""

    SHOWN = 120

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("classFooledPage")
        self.cache = ThumbCache()  # its own: its keys are (digit, model) pairs, not digit ids
        self.note = WrappedLabel(objectName="classFooledNote")
        self.note.setWordWrap(True)
        self.strip = DigitStrip(self.cache, object_name="classFooledDigits", max_lines=3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(scrolled(self.strip, "classFooledArea"), 1)
        self.more = plain_label(object_name="classFooledMore")
        self.more.hide()
        layout.addWidget(self.more)
        self.more_text = "and %1 more"
        self.entries: list = []

    def show_class(self, digits, models: list[str], tooltip) -> None:
        self.entries = fooled(digits, models)
        self.more.setText(self.more_text.replace("%1", str(len(self.entries) - self.SHOWN)))
        self.more.setVisible(len(self.entries) > self.SHOWN)
        self.strip.set_items([
            StripItem(d.id * 16 + n, d.image, [(d.nickname, None), (f"{d.label} → {guess}", WRONG),
                                               (f"{model} {conf:.0%}", WRONG)], WRONG, tooltip(d))
            for n, (d, model, guess, conf) in ((models.index(m), (d, m, g, c))
                                               for d, m, g, c in self.entries[:self.SHOWN])])
        self.cache.forget(set(self.strip.keys()))

    def digit_of(self, key: int) -> int:
        return key // 16

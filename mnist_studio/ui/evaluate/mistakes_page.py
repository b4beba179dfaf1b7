"""The Evaluate tab's Mistakes page: every misclassified test image, most confident first, filtered by the true
and the predicted digit; one of them large with its probabilities (and a button to send it to the Draw tab)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from mnist_studio.ui.common.gallery import SampleGallery
from mnist_studio.ui.evaluate.sample_detail import SampleDetail

translate = QCoreApplication.translate  # the Evaluate tab's words ("EvaluateTab" context; lupdate reads them)


class MistakesPage(QWidget):
    sendToDraw = Signal(object, int, int)  # a 28x28 float image, its test index, its label

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result, self._images, self._shown = None, None, None
        self.true_filter = QComboBox(objectName="trueFilter")
        self.pred_filter = QComboBox(objectName="predictedFilter")
        for combo in (self.true_filter, self.pred_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # follows font and language
            combo.addItem("", None)
            for d in range(10):
                combo.addItem(str(d), d)
        self.true_label, self.pred_label = QLabel(), QLabel()
        self.title = QLabel()
        self.gallery = SampleGallery("mistakesGallery")
        self.detail = SampleDetail()
        filters = QHBoxLayout()
        filters.addWidget(self.true_label)
        filters.addWidget(self.true_filter)
        filters.addWidget(self.pred_label)
        filters.addWidget(self.pred_filter)
        filters.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        split = QSplitter()
        split.addWidget(self.gallery)
        split.addWidget(self.detail)
        split.setSizes([760, 440])
        layout.addWidget(split, 1)
        self.gallery.sampleActivated.connect(self._show_detail)
        self.true_filter.currentIndexChanged.connect(self.refresh)
        self.pred_filter.currentIndexChanged.connect(self.refresh)
        self.detail.sendToDraw.connect(self.sendToDraw)
        self.retranslate()

    def show_result(self, result, images) -> None:
        """An evaluation (evaluation.EvalResult) and the test images it was made on."""
        self._result, self._images = result, images
        self.refresh()

    def refresh(self) -> None:
        """The gallery for today's filters."""
        result = self._result
        if result is None:
            return
        idx = result.misclassified
        t, p = self.true_filter.currentData(), self.pred_filter.currentData()
        if t is not None:
            idx = idx[result.labels[idx] == t]
        if p is not None:
            idx = idx[result.predictions[idx] == p]
        self.gallery.set_samples(self._images, result.labels, result.predictions, result.confidence, idx)
        self._shown = len(idx)
        self._show_title()
        if not len(idx):
            self.detail.clear()

    def _show_detail(self, index: int) -> None:
        result = self._result
        self.detail.show_sample(index, self._images[index], int(result.labels[index]), result.probabilities[index])

    def retranslate(self) -> None:
        self.true_label.setText(translate("EvaluateTab", "True digit:"))
        self.pred_label.setText(translate("EvaluateTab", "Predicted:"))
        self.true_filter.setItemText(0, translate("EvaluateTab", "any"))
        self.pred_filter.setItemText(0, translate("EvaluateTab", "any"))
        self._show_title()

    def _show_title(self) -> None:
        n = self._shown
        self.title.setText("" if self._result is None or n is None else
                           translate("EvaluateTab", "%1 mistakes, most confident first").replace("%1", f"{n:,}"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

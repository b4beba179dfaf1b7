"""SampleDetail: one test image large, with the model's ten probabilities."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mnist_studio.ui.common.prediction import ProbabilityBars
from mnist_studio.ui.common.preview import MnistPreview


class SampleDetail(QWidget):
    sendToDraw = Signal(object, int, int)  # the 28x28 float image, its test index, its label

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("sampleDetail")
        self.image = MnistPreview()
        self.image.setObjectName("sampleImage")
        self.caption = QLabel(wordWrap=True)
        self.probs = ProbabilityBars()
        self.send_button = QPushButton(objectName="sendToDrawButton")
        self.send_button.setEnabled(False)
        self.send_button.clicked.connect(self.send)
        self._sample: np.ndarray | None = None
        self._shown: tuple | None = None  # (index, label, predicted, confidence): the caption, rebuilt per language
        info = QVBoxLayout()
        info.addWidget(self.probs, 1)
        info.addWidget(self.send_button)
        row = QHBoxLayout()
        row.addWidget(self.image, 2)
        row.addLayout(info, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)  # across the whole width: one line, not three beside the image
        layout.addLayout(row, 1)
        self.retranslate()

    def refresh_minimum(self) -> None:
        self.probs.refresh_minimum()

    def show_sample(self, index: int, image_uint8: np.ndarray, label: int, probabilities: np.ndarray) -> None:
        self._sample = image_uint8.astype(np.float32) / 255
        self.image.set_image(self._sample)
        pred = int(np.argmax(probabilities))
        self._shown = (index, label, pred, float(probabilities[pred]))
        self._show_caption()
        self.probs.set_probabilities(probabilities)
        self.send_button.setEnabled(True)

    def clear(self) -> None:
        self._sample, self._shown = None, None
        self.image.set_image(None)
        self._show_caption()
        self.probs.set_probabilities(None)
        self.send_button.setEnabled(False)

    def send(self) -> None:
        """Send the shown image to the Draw tab (nothing when none is shown)."""
        if self._sample is not None and self._shown is not None:
            index, label = self._shown[:2]
            self.sendToDraw.emit(self._sample, int(index), int(label))

    def retranslate(self) -> None:
        self.send_button.setText(self.tr("Show in the Draw tab"))
        self.send_button.setToolTip(self.tr("See how every model reads this image (Ctrl+D)"))
        self._show_caption()

    def _show_caption(self) -> None:
        if self._shown is None:
            self.caption.setText(self.tr("Click a thumbnail to see it large."))
            return
        index, label, pred, confidence = self._shown
        self.caption.setText(self.tr("Test image #%1: true %2, predicted %3 (%4)")
                             .replace("%1", str(index)).replace("%2", str(label)).replace("%3", str(pred))
                             .replace("%4", f"{confidence:.1%}"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

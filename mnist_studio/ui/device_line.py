"""The status bar's device line: which backend and device train the models, or why Keras cannot start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from mnist_studio.backend import label as backend_label
from mnist_studio.ui.common.texts import device_text

translate = QCoreApplication.translate  # the window's context: lupdate reads the literal calls below


class DeviceLine(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("deviceLine")
        self.device = None
        self.problem: str | None = None
        self.retranslate()

    def set_device(self, device) -> None:
        """The worker is up: its backend's first device (GPU if any)."""
        self.device, self.problem = device, None
        self.retranslate()

    def set_problem(self, message: str) -> None:
        """Keras cannot start in the worker: say why (the window keeps drawing)."""
        self.device, self.problem = None, message
        self.retranslate()

    def reset(self) -> None:
        """A new worker is starting (another backend was picked)."""
        self.device, self.problem = None, None
        self.retranslate()

    def retranslate(self) -> None:
        dev = self.device
        if dev is None:
            self.setText(self.problem or translate("MainWindow", "Starting TensorFlow…"))
            return
        who = backend_label(getattr(dev, "backend", "") or None) + " · "  # "JAX · ", "TensorFlow · "
        if dev.kind == "GPU":
            self.setText(who + translate("MainWindow", "Training on GPU — %1").replace("%1", dev.name))
        else:
            text = translate("MainWindow", "Training on CPU — no GPU found (%1)")
            self.setText(who + text.replace("%1", device_text(dev.reason)))

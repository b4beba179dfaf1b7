"""The status bar's device line: which backend and device train the models, or why Keras cannot start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from mnist_studio.runtime.backend import label as backend_label
from mnist_studio.ui.look.painted import TextLog
from mnist_studio.ui.look.texts import device_text

translate = QCoreApplication.translate  # the window's context: lupdate reads the literal calls below


class ElidedMessages(QObject):
    """Paints a status bar's temporary message shortened in the middle ("Saved 20 digits in /home/…/mina.npz")
    so a long one never runs into the permanent widgets on the right; the full text is its tooltip. The bar
    reports what it painted (``painted_texts``), like the app's other painted widgets."""

    def __init__(self, bar: QStatusBar):
        super().__init__(bar)
        self.bar, self.log = bar, TextLog()
        bar.painted_texts = lambda: list(self.log.items)
        bar.messageChanged.connect(self._changed)
        bar.installEventFilter(self)

    def _changed(self, text: str) -> None:
        self.bar.setToolTip(text)
        self.bar.update()

    def room(self) -> int:
        """Where the permanent widgets start."""
        bar = self.bar
        widgets = [c for c in bar.findChildren(QWidget) if c.parentWidget() is bar and c.isVisible() and c.x() > 0]
        return min([c.x() for c in widgets] + [bar.width()])

    def eventFilter(self, watched, event) -> bool:
        if watched is not self.bar or event.type() != QEvent.Type.Paint:
            return False
        self.log.begin()
        text = self.bar.currentMessage()
        if not text:
            return False
        painter = QPainter(self.bar)
        painter.setFont(self.bar.font())
        painter.setPen(self.bar.palette().windowText().color())
        width = max(0, self.room() - 12)
        shown = QFontMetricsF(self.bar.font()).elidedText(text, Qt.TextElideMode.ElideMiddle, width)
        self.log.draw(painter, QRectF(4, 0, width, self.bar.height()),
                      Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        painter.end()
        return True


class DeviceLine(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("deviceLine")
        self.device = None
        self.problem: str | None = None
        self.retranslate()

    def changeEvent(self, event):
        super().changeEvent(event)
        bar = self.parentWidget()
        if event.type() == QEvent.Type.ParentChange and isinstance(bar, QStatusBar) \
                and bar.findChild(ElidedMessages) is None:
            ElidedMessages(bar)  # in the status bar: its messages give this line room

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

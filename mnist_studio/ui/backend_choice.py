"""The Keras backend setting: which installed backend (TensorFlow, JAX, PyTorch) trains the models.

Keras picks its backend once per process; it runs in the worker process, which the window replaces when
another backend is picked, so the choice applies at once. It is kept in QSettings under ``backend`` and
applied at the next start by ``app.open_window``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from mnist_studio.runtime import backend

SETTING = "backend"


def apply_saved(settings) -> str | None:
    """Select the saved backend before Keras is imported; a message when it cannot be used, else None.

    ``$KERAS_BACKEND`` and the command line's ``--backend`` win over the setting.
    """
    import os

    name = settings.value(SETTING)
    if not name or os.environ.get("KERAS_BACKEND"):
        return None
    try:
        backend.select(str(name))
    except backend.BackendError as exc:
        return str(exc)
    return None


class BackendChoice(QWidget):
    """A label and a combo box of the installed backends; ``chosen(name)`` when the user picks one."""

    chosen = Signal(str)

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.setObjectName("backendChoice")
        self.settings = settings
        self.label = QLabel()
        self.box = QComboBox(objectName="backendBox")
        for name in backend.installed() or [backend.DEFAULT]:
            self.box.addItem(backend.label(name), name)
        saved = str(settings.value(SETTING) or backend.current())
        self.box.setCurrentIndex(max(0, self.box.findData(saved)))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.box)
        self.box.activated.connect(self._picked)
        self.retranslate()

    def _picked(self, index: int) -> None:
        name = self.box.itemData(index)
        self.settings.setValue(SETTING, name)
        self.chosen.emit(name)

    def message_for(self, name: str) -> str:
        return self.tr("Keras backend: %1 (from the next training on; no restart needed)").replace(
            "%1", backend.label(name))

    def retranslate(self) -> None:
        self.label.setText(self.tr("Backend:"))
        self.box.setToolTip(self.tr("Which Keras backend trains and evaluates the models"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

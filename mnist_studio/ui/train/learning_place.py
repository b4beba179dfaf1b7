"""LearningPlace: the Train tab's left column - the design form, or (layout "large", the default) the learning
view in its place from the moment Train is pressed until "Back to the design" (or another layout) brings the
form back. On a projector the four views then get half the window, and the curves keep theirs. A picked "below"
or "beside" comes here too when the window is too small for it, and a line above the views says so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from mnist_studio.ui.common.wrapped_label import WrappedLabel

translate = QCoreApplication.translate  # context "TrainTab"


class LearningPlace(QStackedWidget):
    def __init__(self, form: QWidget, learning: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("trainLeftStack")
        self.form, self.learning = form, learning
        self.layout_name = "large"
        self.picked = "large"  # the place picked in the Train tab's combo (``layout_name`` is where it is shown)
        self.showing = False  # a run started and the user has not gone back to the form since
        self.back_button = QPushButton(objectName="showFormButton")
        self.large = QWidget(objectName="learningLarge")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.moved_note = WrappedLabel(objectName="learningMovedNote", wordWrap=True)  # a picked place had no room
        self.moved_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.moved_note.hide()
        row.addWidget(self.back_button)
        row.addWidget(self.moved_note, 1)
        row.addStretch(0)  # the room the note leaves when hidden
        self.column = QVBoxLayout(self.large)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addLayout(row)
        self.addWidget(form)
        self.addWidget(self.large)
        self.back_button.clicked.connect(self.show_form)
        self.retranslate()

    def set_layout(self, name: str, picked: str | None = None) -> None:
        """Show the learning view in the form's place ("large") or not; ``picked`` is the combo's choice when it
        differs (no room for it in this window)."""
        self.layout_name, self.picked = name, picked or name
        self.moved_note.setVisible(self.picked != name)
        self.retranslate()
        if name == "large":
            self.column.addWidget(self.learning, 1)  # taken from the curves' splitter (the panel gets it back)
            self.learning.show()
        self._show()

    def run_started(self) -> None:
        self.showing = True
        self._show()

    def show_form(self) -> None:
        self.showing = False
        self._show()

    def is_large(self) -> bool:
        return self.currentWidget() is self.large

    def _show(self) -> None:
        self.setCurrentWidget(self.large if self.layout_name == "large" and self.showing else self.form)

    def retranslate(self) -> None:
        self.back_button.setText(translate("TrainTab", "← Back to the design"))
        self.back_button.setToolTip(translate("TrainTab", "Show the model and hyper-parameters again (the "
                                                          "learning view comes back with the next run)"))
        if self.picked == "below":
            self.moved_note.setText(translate("TrainTab", "Too little room below the curves in this window: "
                                                          "shown here instead"))
        elif self.picked == "beside":
            self.moved_note.setText(translate("TrainTab", "Too little room beside the curves in this window: "
                                                          "shown here instead"))

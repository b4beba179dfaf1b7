"""LearningPlace: the Train tab's left column - the design form, or (layout "large", the default) the learning
view in its place from the moment Train is pressed until "Back to the design" (or another layout) brings the
form back. On a projector the four views then get half the window, and the curves keep theirs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

translate = QCoreApplication.translate  # context "TrainTab"


class LearningPlace(QStackedWidget):
    def __init__(self, form: QWidget, learning: QWidget, parent=None):
        super().__init__(parent)
        self.setObjectName("trainLeftStack")
        self.form, self.learning = form, learning
        self.layout_name = "large"
        self.showing = False  # a run started and the user has not gone back to the form since
        self.back_button = QPushButton(objectName="showFormButton")
        self.large = QWidget(objectName="learningLarge")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.back_button)
        row.addStretch(1)
        self.column = QVBoxLayout(self.large)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.addLayout(row)
        self.addWidget(form)
        self.addWidget(self.large)
        self.back_button.clicked.connect(self.show_form)
        self.retranslate()

    def set_layout(self, name: str) -> None:
        self.layout_name = name
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

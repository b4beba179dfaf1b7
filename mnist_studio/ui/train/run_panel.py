"""RunPanel: Train/Stop, progress, status and messages, the live chart with its smoothing slider, and the
learning view (the network's insides while it trains, then the run's time-lapse) below or beside the chart.

Also the question asked when the window closes during training (keep the partial model / discard / cancel).
"""

from __future__ import annotations

import math
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.chart_slot import ChartSlot
from mnist_studio.ui.common.curves import DEFAULT_SMOOTHING
from mnist_studio.ui.learning.learning_view import LearningView

ERROR_STYLE = "color: #d93025; font-weight: bold;"
WARNING_STYLE = "color: #b06000; font-weight: bold;"

translate = QCoreApplication.translate  # context "TrainTab": one context for the tab's texts


BATCH_LINE_INTERVAL_S = 0.25  # four a second: still live, and readable (numbers that change 20 times a second are not)
# The room (in lines of the window's text) that the curves and the four views need together to stay legible below
# or beside each other: less, and the views go to the form's place. Set by tests/test_learning_view.py's legibility
# test in projector mode (1920x1080 has room for both, 1600x900 for "below" only, 1366x768 and 1280x800 for neither;
# normal mode has room for both at 1280x800).
ROOM_BELOW_LINES = 28  # the curves' and the views' height together
ROOM_BESIDE_LINES = (42, 33)  # their width together, and the height of the views two by two


class RunPanel(QWidget):
    learningLayoutChanged = Signal(str)  # the place picked in the combo (what the window remembers)
    learningPlaced = Signal(str)  # where the view is now: "large" (the tab shows it in the form's place) is also
    # where a picked "below" or "beside" goes when the window is too small for it (``lacks_room``)
    smoothingChanged = Signal(int)  # the slider moved (percent): the window remembers it

    def __init__(self, parent=None):
        super().__init__(parent)
        self.train_button = QPushButton(objectName="trainButton")
        self.stop_button = QPushButton(objectName="stopButton")
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar(objectName="trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status_label = QLabel(objectName="trainStatus", wordWrap=True)
        self._line_at = -math.inf  # when show_batch last changed the progress and the status line
        self.message_label = QLabel(objectName="trainMessage", wordWrap=True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_as_button = QPushButton(objectName="saveModelAsButton", visible=False)
        self.cpu_button = QPushButton(objectName="retryOnCpuButton", visible=False)
        self.export_button = QPushButton(objectName="exportChartButton")
        self.chart_slot = ChartSlot("mnist_studio.ui.common.charts", "TrainingChart", objectName="lossChartSlot")
        self.chart_slot.when_made(lambda chart: chart.set_smoothing(self.smoothing_slider.value() / 100))
        self.smoothing_label = QLabel()
        self.smoothing_slider = QSlider(Qt.Orientation.Horizontal, objectName="smoothingSlider")
        self.smoothing_slider.setRange(0, 99)
        self.smoothing_slider.setValue(round(DEFAULT_SMOOTHING * 100))
        self.smoothing_value = QLabel(objectName="smoothingValue")
        self.smoothing_label.setBuddy(self.smoothing_slider)
        self.learning = LearningView()
        self.learning_label = QLabel()
        self.learning_combo = QComboBox(objectName="learningLayoutCombo")  # see LAYOUTS
        self.learning_combo.addItems(["", "", "", ""])
        self.learning_label.setBuddy(self.learning_combo)

        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 2)
        buttons.addWidget(self.stop_button, 1)
        row = QHBoxLayout()
        row.addWidget(self.save_as_button)
        row.addWidget(self.cpu_button)
        row.addStretch(1)
        row.addWidget(self.learning_label)
        row.addWidget(self.learning_combo)
        row.addWidget(self.export_button)
        curves = QWidget(objectName="curvesBox")
        smoothing = QHBoxLayout()
        smoothing.addWidget(self.smoothing_label)
        smoothing.addWidget(self.smoothing_slider, 1)
        smoothing.addWidget(self.smoothing_value)
        cv = QVBoxLayout(curves)
        cv.setContentsMargins(0, 0, 0, 0)
        cv.addWidget(self.chart_slot, 1)
        cv.addLayout(smoothing)
        self.splitter = QSplitter(Qt.Orientation.Vertical, objectName="learningSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(curves)
        self.splitter.addWidget(self.learning)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.message_label)
        layout.addLayout(row)
        layout.addWidget(self.splitter, 1)
        self.smoothing_slider.valueChanged.connect(self._smoothing_changed)
        self.smoothing_slider.valueChanged.connect(self.smoothingChanged)
        self.learning_combo.currentIndexChanged.connect(self._learning_layout)
        self.export_button.clicked.connect(self._export_chart)
        self._placed_for = ("", "")  # (where the view is, the place picked) when it was last placed
        self._width_beside_form = 1.0  # the splitter's width beside the form over its width now (set_width_shares)
        self.splitter.installEventFilter(self)  # a new size may give or take the room a picked place needs
        self._learning_layout(0)
        self.retranslate()

    def _smoothing_changed(self, value: int) -> None:
        self.smoothing_value.setText(f"{value / 100:.2f}")
        if self.chart_slot.made():
            self.chart.set_smoothing(value / 100)

    def smoothing(self) -> int:
        """The chart's smoothing in percent (0: none, 99: the most)."""
        return self.smoothing_slider.value()

    def set_smoothing(self, percent: int) -> None:
        self.smoothing_slider.setValue(max(0, min(99, int(percent))))

    @property
    def chart(self):
        """The live chart (a TrainingChart), made when the tab is first shown or when asked for."""
        return self.chart_slot.chart()

    LAYOUTS = ("large", "below", "beside", "hidden")

    def learning_layout(self) -> str:
        return self.LAYOUTS[max(0, self.learning_combo.currentIndex())]

    def set_learning_layout(self, name: str) -> None:
        """"large" (two by two in the form's place while training: the tab moves it there; the default, made
        for a projector), "below" (the four in a row under the curves), "beside" (two by two) or "hidden"."""
        self.learning_combo.setCurrentIndex(self.LAYOUTS.index(name))

    def placed_layout(self) -> str:
        """Where the view is now: the picked layout, or "large" when the window lacks room for it."""
        return self._placed_for[0]

    def set_width_shares(self, now: float, beside_the_form: float) -> None:
        """The panel's share of the tab's width now, and while the form is beside it (the Train tab gives the
        view in the form's place half the width, the form two fifths): "beside" is judged on the width the
        panel has beside the form, so where the view happens to be does not decide where it may go."""
        self._width_beside_form = beside_the_form / now

    def lacks_room(self) -> bool:
        """Whether the picked "below" or "beside" is too cramped here (projector text in a small window): the
        curves and the four views would not all be legible, so the view goes to the form's place instead."""
        name = self.learning_layout()
        line = QFontMetricsF(self.font()).height()
        if name == "below":
            return self.splitter.height() < ROOM_BELOW_LINES * line
        if name == "beside":
            return self.splitter.width() * self._width_beside_form < ROOM_BESIDE_LINES[0] * line or (
                self.splitter.height() < ROOM_BESIDE_LINES[1] * line)
        return False

    def eventFilter(self, watched, event):
        if watched is self.splitter and event.type() == QEvent.Type.Resize and self.learning_layout() in (
                "below", "beside"):
            QTimer.singleShot(0, self, self._place_learning)  # after the layout pass that resized it
        return super().eventFilter(watched, event)

    def _learning_layout(self, index: int) -> None:
        self.learningLayoutChanged.emit(self.LAYOUTS[max(0, index)])
        self._place_learning()

    def _place_learning(self) -> None:
        name = "large" if self.lacks_room() else self.learning_layout()
        if (name, self.learning_layout()) == self._placed_for:
            return
        self._placed_for = (name, self.learning_layout())
        self.learning.setVisible(name != "hidden")
        if name == "large":
            self.learning.set_arrangement("grid")
            self.learningPlaced.emit(name)
            return
        if self.learning.parent() is not self.splitter:
            self.splitter.insertWidget(1, self.learning)  # back from the form's place
            self.learning.setVisible(name != "hidden")
        self.learningPlaced.emit(name)
        self.splitter.setOrientation(Qt.Orientation.Horizontal if name == "beside" else Qt.Orientation.Vertical)
        self.learning.set_arrangement("grid" if name == "beside" else "row")
        total = sum(self.splitter.sizes()) or 1000
        self.splitter.setSizes([total // 2, total - total // 2] if name == "beside" else [total * 4 // 10,
                                                                                          total * 6 // 10])

    def export_chart(self, path: str) -> bool:
        """Write the chart as a PNG; a file that cannot be written is a message, not a traceback."""
        try:
            self.chart.export_png(path)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self.set_message(translate("TrainTab", "Could not export the chart to %1: %2").replace("%1", path)
                             .replace("%2", reason), "error")
            return False
        self.set_message(translate("TrainTab", "Chart saved to %1").replace("%1", path))
        return True

    def _export_chart(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("TrainTab", "Export chart"),
                                              str(Path.home() / "training.png"),
                                              "PNG (*.png)")
        if path:
            self.export_chart(path)

    def show_batch(self, progress: int, text: str | None, now: bool = False) -> None:
        """The run's progress (0-1000) and running line (epoch, batch, speed, ETA; None: left as it is), at most
        every ``BATCH_LINE_INTERVAL_S`` (``now``: at once). A progress bar repaints at once on each new value,
        and a new line lays the tab out again, repainting the learning views beside it: at the batch events' rate
        (up to 20 a second) that was most of the window's work while a network trains."""
        t = time.monotonic()
        if now or t - self._line_at >= BATCH_LINE_INTERVAL_S:
            self._line_at = t
            self.progress.setValue(progress)
            if text is not None:
                self.status_label.setText(text)

    def set_message(self, text: str, kind: str = "info") -> None:
        """kind: "invalid" (a form error, cleared once the form is valid), "warning", "error" or "info"."""
        self.message_label.setText(text)
        self.message_label.setProperty("kind", kind)
        style = {"invalid": ERROR_STYLE, "error": ERROR_STYLE, "warning": WARNING_STYLE}.get(kind, "")
        self.message_label.setStyleSheet(style)

    def retranslate(self) -> None:
        self.train_button.setText(translate("TrainTab", "Train"))
        self.train_button.setToolTip(translate("TrainTab", "Start training (Ctrl+T)"))
        self.stop_button.setText(translate("TrainTab", "Stop"))
        self.stop_button.setToolTip(translate("TrainTab", "Stop after the current batch, keep the model (Ctrl+.)"))
        self.save_as_button.setText(translate("TrainTab", "Save model as…"))
        self.cpu_button.setText(translate("TrainTab", "Train on the CPU instead"))
        self.export_button.setText(translate("TrainTab", "Export chart…"))
        self.export_button.setToolTip(translate("TrainTab", "Save the chart as a PNG picture"))
        self.smoothing_label.setText(translate("TrainTab", "Smoothing"))
        self.smoothing_slider.setToolTip(translate("TrainTab", "How much the training curve is smoothed "
                                                               "(a moving average "
                                                 "of the batches, as in TensorBoard). 0 = none."))
        self._smoothing_changed(self.smoothing_slider.value())
        if self.chart_slot.made():
            self.chart.retranslate()
        self.learning_label.setText(translate("TrainTab", "Learning view:"))
        for i, text in enumerate((translate("TrainTab", "large, in the form's place"),
                                  translate("TrainTab", "below the curves"), translate("TrainTab", "beside the curves"),
                                  translate("TrainTab", "hidden"))):
            self.learning_combo.setItemText(i, text)
        self.learning_combo.setToolTip(translate("TrainTab", "Where the network's insides are shown while it trains"))
        self.learning.retranslate()


class _Follower(QObject):
    """Keeps the close question in step with the run, in the UI thread (the run's signals come from its own)."""

    def __init__(self, box: QMessageBox, show, current):
        super().__init__(box)
        self.box, self.show, self.current, self.ended = box, show, current, False

    def refresh(self, *_args) -> None:
        text = self.current() if self.current is not None and not self.ended else ""
        if text:
            self.show(text)

    def end(self, *_args) -> None:
        if not self.ended:
            self.ended = True
            self.box.done(0)


def ask_close_choice(parent, detail: str, current=None, updated=(), finished=()) -> str:
    """Ask what to do with a training in progress: "keep", "discard", "cancel" or "finished".

    The question follows the run while it is open: each signal in ``updated`` rewrites its progress text from
    ``current()``; a signal in ``finished`` (the run ended and was saved) closes it with "finished" - there is
    nothing left to keep or discard.
    """
    box = QMessageBox(parent)
    box.setObjectName("closeDuringTraining")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(translate("TrainTab", "Training in progress"))

    def show(text: str) -> None:
        box.setText(translate("TrainTab", "A network is still training (%1). Close MNIST Studio?")
                    .replace("%1", text))

    show(detail)
    box.setInformativeText(translate("TrainTab", "Keep: stop now and save the partly trained model as a run.\n"
                                          "Discard: stop now and save nothing.\n"
                                          "Cancel: go on training."))
    keep = box.addButton(translate("TrainTab", "Keep the partial model"), QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("closeKeepButton")
    discard = box.addButton(translate("TrainTab", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
    discard.setObjectName("closeDiscardButton")
    cancel = box.addButton(translate("TrainTab", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    cancel.setObjectName("closeCancelButton")
    box.setDefaultButton(keep)
    box.setEscapeButton(cancel)
    follower = _Follower(box, show, current)
    links = [(signal, follower.refresh) for signal in updated] + [(signal, follower.end) for signal in finished]
    for signal, slot in links:
        signal.connect(slot)  # queued to the UI thread: the follower lives there
    try:
        box.exec()
    finally:
        for signal, slot in links:
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):  # the worker has gone already
                pass
    clicked = box.clickedButton()
    box.deleteLater()
    if follower.ended:
        return "finished"
    return "keep" if clicked is keep else "discard" if clicked is discard else "cancel"

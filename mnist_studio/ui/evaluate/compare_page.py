"""ComparePage: the runs table with its buttons, the selected runs' curves and their confusion difference."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.chart_slot import ChartSlot
from mnist_studio.ui.common.confusion import ConfusionMatrixView
from mnist_studio.ui.common.wrapped_label import WrappedLabel
from mnist_studio.ui.evaluate.runs_table import RunsTable
from mnist_studio.ui.learning.learning_view import LearningView

# The strings below were the Evaluate tab's before this page was split out; they keep its translation
# context ("EvaluateTab") so the existing translations still apply. New strings use self.tr.


class ComparePage(QWidget):
    message = Signal(str)  # an error for the tab's message line

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.runs_table = RunsTable(store)
        self.delete_button = QPushButton(objectName="deleteRunButton")
        self.folder_button = QPushButton(objectName="openFolderButton")
        self.export_button = QPushButton(objectName="exportModelButton")
        self.replay_button = QPushButton(objectName="replayButton", checkable=True)
        self.learning = LearningView()  # the first selected run's time-lapse, instead of the comparison
        self.learning.set_arrangement("row")  # the page's lower part is wide and short
        self.replayed: str | None = None  # the run whose time-lapse is shown
        self.chart_slot = ChartSlot("mnist_studio.ui.evaluate.compare_chart", "CompareChart",
                                    objectName="compareChartSlot")
        self._compared: list = []  # the records the chart shows (kept until it is made)
        self.chart_slot.when_made(lambda chart: chart.show_runs(self._compared))
        self.compare_matrix = ConfusionMatrixView(object_name="compareMatrix")
        self.compare_title = WrappedLabel(wordWrap=True)
        self.skipped_label = QLabel(objectName="skippedRuns", wordWrap=True)
        self.skipped_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped_label.hide()
        run_buttons = QHBoxLayout()
        run_buttons.addWidget(self.delete_button)
        run_buttons.addWidget(self.folder_button)
        run_buttons.addWidget(self.export_button)
        run_buttons.addStretch(1)
        run_buttons.addWidget(self.replay_button)
        cv = QVBoxLayout(self)
        cv.setContentsMargins(4, 4, 4, 4)  # inside the Evaluate tab's frame: on a projector every pixel counts
        cv.setSpacing(4)
        cv.addWidget(self.skipped_label)
        cv.addWidget(self.runs_table, 1)
        cv.addLayout(run_buttons)
        bottom = QSplitter()
        bottom.addWidget(self.chart_slot)
        diff = QWidget()
        dv = QVBoxLayout(diff)
        dv.setContentsMargins(0, 0, 0, 0)  # the page has its margins: on a projector every pixel counts
        dv.addWidget(self.compare_title)
        dv.addWidget(self.compare_matrix, 1)
        bottom.addWidget(diff)
        bottom.setSizes([700, 420])
        self.bottom = QStackedWidget()
        self.bottom.addWidget(bottom)
        self.bottom.addWidget(self.learning)
        cv.addWidget(self.bottom, 3)
        self.runs_table.selectionChangedRuns.connect(self.compare)
        self.replay_button.toggled.connect(self._replay_toggled)
        self.runs_table.failed.connect(self.message)
        self.delete_button.clicked.connect(self.runs_table.delete_selected)
        self.folder_button.clicked.connect(self.runs_table.open_folder)
        self.export_button.clicked.connect(self._export_model)

    @property
    def compare_chart(self):
        """The selected runs' curves (a CompareChart), made when the page is first shown or when asked for."""
        return self.chart_slot.chart()

    def refresh(self) -> None:
        self.runs_table.refresh()
        skipped = getattr(self.store, "skipped", [])
        if skipped:
            names = ", ".join(Path(p).parent.name if Path(p).name == "run.json" else Path(p).name
                              for p, _ in skipped[:5]) + (" …" if len(skipped) > 5 else "")
            self.skipped_label.setText(
                self.tr("%1 run record(s) could not be read and are not listed: %2 (in %3; details in the log).")
                .replace("%1", str(len(skipped))).replace("%2", names).replace("%3", str(self.store.root)))
            self.skipped_label.setToolTip("\n".join(f"{path}: {why}" for path, why in skipped))
        self.skipped_label.setVisible(bool(skipped))

    # -- the time-lapse of a run -----------------------------------------------------------------------------
    def _replay_toggled(self, on: bool) -> None:
        self.bottom.setCurrentWidget(self.learning if on else self.bottom.widget(0))
        self.replayed = None
        if on:
            self.replay(self.runs_table.selected_ids())

    def replay(self, ids: list[str]) -> None:
        """Show the first selected run's time-lapse (its learning.npz); a sentence when it has none or it is
        damaged. Read once per run: scrubbing then works from memory."""
        from mnist_studio.learning import Timelapse

        record = next((r for r in (self.runs_table.record(i) for i in ids) if r is not None), None)
        if record is None:
            self.replayed = None
            self.learning.clear(text=self.tr("Select a run to replay how it learned."))
            return
        if record.id == self.replayed:
            return
        self.replayed = record.id
        try:
            timelapse = Timelapse.load(Path(record.folder)) if record.folder else None
        except ValueError as exc:
            self.learning.clear(text=self.tr("The time-lapse of “%1” could not be read: %2")
                                .replace("%1", record.name).replace("%2", str(exc)), error=True)
            return
        if timelapse is None or not timelapse.snapshots:
            self.learning.clear(text=self.tr("“%1” has no time-lapse: it was trained before snapshots were kept "
                                             "with runs, or stopped before the first one.").replace("%1", record.name))
            return
        self.learning.set_timelapse(timelapse)

    def compare(self, ids: list[str]) -> None:
        """Curves of every selected run; the confusion difference of exactly two (the title says which)."""
        if self.replay_button.isChecked():
            self.replay(ids)
        records = [r for r in (self.runs_table.record(i) for i in ids) if r is not None]
        self._compared = records
        if self.chart_slot.made():
            self.compare_chart.show_runs(records)
        with_matrix = [r for r in records if r.confusion_matrix is not None]
        if len(with_matrix) == 2:
            a, b = with_matrix
            self.compare_matrix.set_matrix(np.array(a.confusion_matrix) - np.array(b.confusion_matrix),
                                           difference=True)
            self.compare_title.setText(QCoreApplication.translate(
                "EvaluateTab", "Confusion difference: “%1” minus “%2” (blue: more, red: fewer)")
                .replace("%1", a.name).replace("%2", b.name))
        elif len(with_matrix) > 2:
            self.compare_matrix.set_matrix(None)
            self.compare_title.setText(self.tr("%1 runs selected: their curves are overlaid. Select exactly two "
                                               "runs to see the difference of their confusion matrices.")
                                       .replace("%1", str(len(with_matrix))))
        elif len(with_matrix) == 1:
            self.compare_matrix.set_matrix(with_matrix[0].confusion_matrix)
            self.compare_title.setText(QCoreApplication.translate(
                "EvaluateTab", "Confusion matrix of “%1”. Select a second run to compare.")
                .replace("%1", with_matrix[0].name))
        else:
            self.compare_matrix.set_matrix(None)
            self.compare_title.setText(QCoreApplication.translate(
                "EvaluateTab", "Select two or more runs to compare them."))

    def export_run_model(self, run_id: str, dest: str) -> None:
        self.store.export_model(run_id, dest)

    def _export_model(self) -> None:
        ids = self.runs_table.selected_ids()
        if not ids:
            self.message.emit(QCoreApplication.translate("EvaluateTab", "Select a run first."))
            return
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate("EvaluateTab", "Save model as"),
                                              str(Path.home() / "model.keras"),
                                              QCoreApplication.translate("EvaluateTab", "Keras model (*.keras)"))
        if path:
            self.export_to(ids[0], path)

    def export_to(self, run_id: str, path: str) -> bool:
        """Save a run's model at ``path``; a refusal is shown as a message. True when saved."""
        try:
            self.export_run_model(run_id, path)
        except KeyError:
            self.message.emit(self.tr("Could not save the model: the run is no longer in %1.")
                              .replace("%1", str(self.store.root)))
        except OSError as exc:
            self.message.emit(self.tr("Could not save the model as %1: %2")
                              .replace("%1", path).replace("%2", RunsTable.reason(exc)))
        else:
            return True
        return False

    def retranslate(self) -> None:
        self.delete_button.setText(QCoreApplication.translate("EvaluateTab", "Delete…"))
        self.folder_button.setText(QCoreApplication.translate("EvaluateTab", "Open folder"))
        self.export_button.setText(QCoreApplication.translate("EvaluateTab", "Save model as…"))
        self.replay_button.setText(self.tr("Watch it learn"))
        self.replay_button.setToolTip(self.tr("Replay the selected run's time-lapse: its first layer, mistakes, "
                                              "map and drawing, snapshot by snapshot"))
        self.replayed = None  # the messages in the new language
        self.runs_table.setToolTip(QCoreApplication.translate(
            "EvaluateTab", "Double-click a name to rename a run; select several to compare"))
        self.compare_matrix.set_axis_labels(QCoreApplication.translate("EvaluateTab", "true digit"),
                                            QCoreApplication.translate("EvaluateTab", "predicted digit"))
        self.runs_table.retranslate()
        self.compare(self.runs_table.selected_ids())  # the title and the curves' texts in the new language

    def refresh_fonts(self) -> None:
        """Projector mode changed the app font: the table's rows and headers follow it."""
        self.runs_table.resizeColumnsToContents()
        self.runs_table.fit_rows()
        self.compare_matrix.refresh_minimum()

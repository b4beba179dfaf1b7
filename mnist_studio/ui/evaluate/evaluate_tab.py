"""EvaluateTab: confusion matrix you can click, galleries of samples and mistakes, runs compared."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.ui.common.confusion import ConfusionMatrixView
from mnist_studio.ui.common.gallery import SampleGallery
from mnist_studio.ui.evaluate.class_accuracy import ClassAccuracyBars
from mnist_studio.ui.evaluate.compare_page import ComparePage
from mnist_studio.ui.evaluate.mistakes_page import MistakesPage
from mnist_studio.ui.evaluate.runner import EvaluationRunner
from mnist_studio.ui.evaluate.sample_detail import SampleDetail


class _MessageLabel(QLabel):
    """The error line: takes no room while there is nothing to say."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))


CACHED_RUNS = 4  # runs whose evaluation stays in memory (their models: see ``_trim_cache``)

class EvaluateTab(QWidget):
    evaluated = Signal(str)  # model key, once its results are shown
    evaluationFailed = Signal(str, str)  # key, message
    sendToDraw = Signal(object, int, int)  # a 28x28 float image, its test index, its label

    def __init__(self, store=None, data=None, parent=None):
        super().__init__(parent)
        self.store = store
        self._data = data  # (x_test, y_test) or None for the full MNIST test set
        self.cache: dict[str, object] = {}  # key -> EvalResult
        self.predictors: dict[str, object] = {}
        self._newest_run: str | None = None  # the last run trained (``add_result``): the Draw tab shows its model
        self.current_key: str | None = None
        self.runner = EvaluationRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self._waiting_for: str | None = None  # the key whose evaluation the tab is waiting for

        self.model_label = QLabel()
        self.model_picker = QComboBox(objectName="modelPicker")
        self.model_picker.setMinimumContentsLength(14)
        self.model_picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.open_button = QPushButton(objectName="openModelButton")
        self.evaluate_button = QPushButton(objectName="evaluateButton")
        self.progress = QProgressBar(objectName="evalProgress")
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)
        self.progress.setMaximumWidth(160)
        self.summary = QLabel(objectName="evalSummary")
        self.refresh_fonts()
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(200)
        self.message = _MessageLabel(objectName="evalMessage", wordWrap=True)
        self.message.setStyleSheet("color: #d93025; font-weight: bold;")

        # confusion page
        self.matrix = ConfusionMatrixView()
        self.class_bars = ClassAccuracyBars()
        self.class_title = QLabel()
        self.cell_title = QLabel(wordWrap=True)
        self.cell_gallery = SampleGallery("cellGallery")
        self.cell_detail = SampleDetail()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.matrix, 4)
        lv.addWidget(self.class_title)
        lv.addWidget(self.class_bars, 1)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.cell_title)
        rv.addWidget(self.cell_gallery, 2)
        rv.addWidget(self.cell_detail, 3)
        confusion_page = QSplitter()
        confusion_page.addWidget(left)
        confusion_page.addWidget(right)
        confusion_page.setSizes([560, 640])

        self.mistakes = MistakesPage()

        # compare page
        self.compare_page = ComparePage(store)

        self.views = QTabWidget(objectName="evaluateViews")
        self.views.addTab(confusion_page, "")
        self.views.addTab(self.mistakes, "")
        self.views.addTab(self.compare_page, "")

        top = QHBoxLayout()
        top.addWidget(self.model_label)
        top.addWidget(self.model_picker, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.evaluate_button)
        top.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)  # the headline gets the whole width: it never wraps beside the buttons
        layout.addWidget(self.message)
        self.message.setVisible(False)
        layout.addWidget(self.views, 1)

        self.model_picker.activated.connect(lambda _i: self.evaluate_current())
        self.evaluate_button.clicked.connect(lambda: self.evaluate_current(force=True))
        self.open_button.clicked.connect(self.open_model_dialog)
        self.matrix.cellClicked.connect(self.show_cell)
        self.cell_gallery.sampleActivated.connect(lambda i: self._show_detail(self.cell_detail, i))
        self.cell_detail.sendToDraw.connect(self.sendToDraw)
        self.mistakes.sendToDraw.connect(self.sendToDraw)
        self.compare_page.runs_table.runsChanged.connect(self.refresh_models)
        self.compare_page.message.connect(self.message.setText)
        self.retranslate()
        self.refresh_models()

    # -- data ---------------------------------------------------------------------------------------
    def test_set(self):
        if self._data is None:
            from mnist_studio.digits.data import load_mnist_test

            self._data = load_mnist_test()
        return self._data

    # -- model list ---------------------------------------------------------------------------------
    def refresh_models(self) -> None:
        current = self.model_picker.currentData()
        self.model_picker.blockSignals(True)
        self.model_picker.clear()
        self.model_picker.addItem(self.tr("Shipped MLP"), "shipped:mlp")
        self.model_picker.addItem(self.tr("Shipped CNN"), "shipped:cnn")
        if self.store is not None:
            self.compare_page.refresh()
            for r in self.compare_page.runs_table.records:
                acc = f" · {r.test_accuracy:.2%}" if r.test_accuracy is not None else ""
                self.model_picker.addItem(self.tr("Run: %1").replace("%1", r.name) + acc, f"run:{r.id}")
        for key in self.cache:
            if key.startswith("file:") and self.model_picker.findData(key) < 0:
                self.model_picker.addItem(self.tr("File: %1").replace("%1", Path(key[5:]).name), key)
        index = self.model_picker.findData(current)
        self.model_picker.setCurrentIndex(max(0, index))
        self.model_picker.blockSignals(False)

    def select_model(self, key: str) -> None:
        index = self.model_picker.findData(key)
        if index < 0:
            raise KeyError(key)
        self.model_picker.setCurrentIndex(index)

    def set_predictor(self, key: str, predictor) -> None:
        """Reuse a model the app already loaded (e.g. shipped:mlp) instead of loading it again."""
        self.predictors[key] = predictor

    def add_result(self, key: str, result, predictor=None) -> None:
        """A run's evaluation made at the end of training: cache it, no second pass needed."""
        if result is not None:
            self.cache[key] = result
        if predictor is not None:
            self.predictors[key] = predictor
        if key.startswith("run:"):
            self._newest_run = key
        self._trim_cache()

    def _trim_cache(self) -> None:
        """Keep the evaluations of the last ``CACHED_RUNS`` runs only (a lesson trains dozens; each is 10,000
        probabilities), and the models of the newest run (the Draw tab shows it too) and of the run on screen: an
        older run's model is megabytes, and is read again from its file, in the worker, if it is evaluated again."""
        runs = [k for k in self.cache if k.startswith("run:") and k != self.current_key]
        for key in runs[:-CACHED_RUNS]:
            self.cache.pop(key, None)
        keep = (self.current_key, self._newest_run)
        for key in [k for k in self.predictors if k.startswith("run:") and k not in keep]:
            self.predictors.pop(key, None)

    def _source(self, key: str):
        if self.predictors.get(key) is not None:
            return self.predictors[key]
        kind, _, rest = key.partition(":")
        if kind == "shipped":
            return rest
        if kind == "run":
            record = self.compare_page.runs_table.record(rest) or self.store.get(rest)
            return str(record.model_path)
        return rest

    # -- evaluation -----------------------------------------------------------------------------------
    def evaluate_current(self, force: bool = False) -> None:
        key = self.model_picker.currentData()
        if key is not None:
            self.evaluate(key, force=force)

    def evaluate(self, key: str, force: bool = False) -> None:
        """Show cached results at once, or evaluate off the UI thread (cancelling an older request)."""
        self.message.setText("")
        if key in self.cache and not force:
            self._waiting_for = None
            self._show_result(key)
            return
        x, y = self.test_set()
        self._waiting_for = key
        self.progress.setValue(0)
        self._show_summary()
        self.runner.start(key, self._source(key), x, y)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(int(100 * done / max(1, total)))

    def is_busy(self) -> bool:
        return self._waiting_for is not None

    def _on_finished(self, key: str, result, predictor) -> None:
        self.cache.pop(key, None)
        self.cache[key] = result  # the newest last: the trim drops the oldest runs first
        if predictor is not None:
            self.predictors.setdefault(key, predictor)
        self._trim_cache()
        if key == self._waiting_for:
            self._waiting_for = None
            self.runner.forget_current()
            self.progress.setValue(100)
            self._show_result(key)

    def _on_failed(self, key: str, message: str) -> None:
        if message == "cancelled" or key != self._waiting_for:
            return
        self._waiting_for = None
        self.runner.forget_current()
        self.progress.setValue(0)
        if key.startswith("file:"):
            index = self.model_picker.findData(key)
            if index >= 0:
                self.model_picker.removeItem(index)
        self.message.setText(message)
        # The picker names the model whose results are still shown (or the one picked before, if none).
        if self.current_key is not None and self.model_picker.findData(self.current_key) >= 0:
            self.model_picker.setCurrentIndex(self.model_picker.findData(self.current_key))
        self._show_summary()
        self.evaluationFailed.emit(key, message)

    def shutdown(self) -> None:
        self.runner.shutdown()

    # -- showing results -------------------------------------------------------------------------------
    def result(self):
        return self.cache.get(self.current_key)

    def _show_result(self, key: str) -> None:
        self.current_key = key
        result = self.cache[key]
        index = self.model_picker.findData(key)
        if index >= 0 and self.model_picker.currentIndex() != index:
            self.model_picker.setCurrentIndex(index)
        self._show_summary()
        self.matrix.set_matrix(result.confusion)
        self.class_bars.set_values(result.per_class_accuracy)
        worst = int(np.argmax(np.where(np.eye(10, dtype=bool), -1, result.confusion)))
        self.show_cell(worst // 10, worst % 10)
        self.mistakes.show_result(result, self.test_set()[0])
        self.evaluated.emit(key)

    def show_cell(self, true_digit: int, predicted_digit: int) -> None:
        result = self.result()
        if result is None:
            return
        self.matrix.selected = (true_digit, predicted_digit)
        self.matrix.update()
        indices = result.cell(true_digit, predicted_digit)
        x, _ = self.test_set()
        self.cell_gallery.set_samples(x, result.labels, result.predictions, result.confidence, indices)
        self._cell_shown = (true_digit, predicted_digit, len(indices))
        self._show_cell_title()
        if not len(indices):
            self.cell_detail.clear()

    def _show_detail(self, detail: SampleDetail, index: int) -> None:
        result = self.result()
        x, _ = self.test_set()
        detail.show_sample(index, x[index], int(result.labels[index]), result.probabilities[index])

    # -- compare ----------------------------------------------------------------------------------------
    def compare(self, ids: list[str]) -> None:
        self.compare_page.compare(ids)

    # -- files ------------------------------------------------------------------------------------------
    def open_model_file(self, path: str) -> None:
        key = f"file:{Path(path).resolve()}"
        if self.model_picker.findData(key) < 0:
            self.model_picker.addItem(self.tr("File: %1").replace("%1", Path(path).name), key)
        self.select_model(key)
        self.evaluate(key, force=True)

    def open_model_dialog(self) -> None:
        """Ask for a .keras file and evaluate it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a Keras model"), str(Path.home()),
                                              self.tr("Keras model (*.keras)"))
        if path:
            self.open_model_file(path)

    def export_run_model(self, run_id: str, dest: str) -> None:
        self.compare_page.export_run_model(run_id, dest)

    # -- look -------------------------------------------------------------------------------------------
    def set_style(self, scale: float, dark: bool) -> None:
        """Projector scale and dark theme: charts, thumbnails and fonts."""
        self.compare_page.chart_slot.set_style(scale, dark)
        self.set_thumb_size(int(56 * scale))
        self.refresh_fonts()

    def send_current_sample(self) -> None:
        """The image shown large on the matrix page (else the mistakes page's) goes to the Draw tab."""
        detail = self.cell_detail if self.views.currentIndex() == 0 else self.mistakes.detail
        detail.send()

    def set_thumb_size(self, size: int) -> None:
        self.cell_gallery.set_thumb_size(size)
        self.mistakes.gallery.set_thumb_size(size)

    def refresh_fonts(self) -> None:
        """Fonts derived from the app font (which projector mode scales up)."""
        font = QFont(QApplication.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        for name in ("matrix", "class_bars", "cell_detail"):
            widget = getattr(self, name, None)
            if widget is not None:
                widget.refresh_minimum()
        if hasattr(self, "mistakes"):
            self.mistakes.detail.refresh_minimum()
        if hasattr(self, "compare_page"):
            self.compare_page.refresh_fonts()

    def step_gallery(self, delta: int) -> None:
        gallery = self.cell_gallery if self.views.currentIndex() == 0 else self.mistakes.gallery
        gallery.step(delta)

    def retranslate(self) -> None:
        self.model_label.setText(self.tr("Model:"))
        self.model_picker.setToolTip(self.tr("A shipped model or any saved run"))
        self.open_button.setText(self.tr("Open .keras…"))
        self.open_button.setToolTip(self.tr("Load a Keras model file from anywhere (Ctrl+O)"))
        self.evaluate_button.setText(self.tr("Evaluate"))
        self.evaluate_button.setToolTip(self.tr("Evaluate on the 10,000 test images (Ctrl+E)"))
        self.views.setTabText(0, self.tr("Confusion matrix"))
        self.views.setTabText(1, self.tr("Mistakes"))
        self.views.setTabText(2, self.tr("Compare runs"))
        self.class_title.setText(self.tr("Accuracy per digit (%)"))
        self.matrix.set_axis_labels(self.tr("true digit"), self.tr("predicted digit"))
        self.compare_page.retranslate()
        self._show_summary()
        self._show_cell_title()

    # -- dynamic texts (rebuilt from state, so a language switch never leaves the old language) -----------
    def _show_summary(self) -> None:
        result = self.result()
        if self.is_busy():
            y = self.test_set()[1]
            text = self.tr("Evaluating on %1 test images…").replace("%1", f"{len(y):,}")
        elif result is not None:
            text = (self.tr("Accuracy %1 · loss %2 · %3 mistakes of %4")
                    .replace("%1", f"{result.accuracy:.2%}").replace("%2", f"{result.loss:.4f}")
                    .replace("%3", f"{len(result.misclassified):,}").replace("%4", f"{len(result.labels):,}"))
        else:
            text = self.tr("Pick a model to evaluate it on the 10,000 test images.")
        self.summary.setText(text)

    def _show_cell_title(self) -> None:
        shown = getattr(self, "_cell_shown", None)
        if self.result() is None or shown is None:
            self.cell_title.setText(self.tr("Click a cell of the matrix to see its images."))
            return
        t, p, n = shown
        self.cell_title.setText(self.tr("True %1, predicted %2: %3 images (most confident first)")
                                .replace("%1", str(t)).replace("%2", str(p)).replace("%3", f"{n:,}"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.refresh_models()
        super().changeEvent(event)

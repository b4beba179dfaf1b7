"""TrainTab: pick a preset, set hyper-parameters, train on a QThread, watch the live chart."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.models import PRESETS, get_preset
from mnist_studio.training import OPTIMIZERS, ConfigError, TrainConfig
from mnist_studio.ui.common.charts import TrainingChart
from mnist_studio.ui.common.texts import device_text, preset_text
from mnist_studio.ui.common.worker import TrainingThread, TrainWorker

SUBSETS = [(1000, "1,000"), (10000, "10,000"), (60000, "60,000")]
INVALID_STYLE = "border: 2px solid #d93025;"


def _clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


class TrainTab(QWidget):
    trained = Signal(object)  # training.TrainResult (with .extra["predictor"], maybe ["record"])
    runningChanged = Signal(bool)

    def __init__(self, store=None, data=None, parent=None):
        super().__init__(parent)
        self.store = store
        self.data = data  # None: the full MNIST set; tests pass a small slice
        self.thread: TrainingThread | None = None
        self.last_result = None
        self._summaries: dict[str, list] = {}
        self._tf_ready = False
        self._running = False
        self._devices = []

        self.preset_combo = QComboBox(objectName="presetCombo")
        for name, preset in PRESETS.items():
            self.preset_combo.addItem(preset_text(preset.title), name)
        self.description = QLabel(wordWrap=True)
        self.summary = QTableWidget(0, 4, objectName="modelSummary")
        self.summary.verticalHeader().setVisible(False)
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.summary_total = QLabel()

        self.epochs_spin = QSpinBox(objectName="epochsSpin")
        self.epochs_spin.setRange(1, 200)
        self.batch_spin = QSpinBox(objectName="batchSizeSpin")
        self.batch_spin.setRange(1, 8192)
        self.lr_edit = QLineEdit(objectName="learningRate")
        self.optimizer_combo = QComboBox(objectName="optimizerCombo")
        self.optimizer_combo.addItems(OPTIMIZERS)
        self.subset_combo = QComboBox(objectName="subsetCombo")
        self.subset_combo.setEditable(True)
        for value, label in SUBSETS:
            self.subset_combo.addItem(label, value)
        self.augment_check = QCheckBox(objectName="augmentCheck")
        self.device_label = QLabel(objectName="deviceLabel", wordWrap=True)
        self.device_combo = QComboBox(objectName="deviceCombo")
        self.device_combo.setVisible(False)

        self.train_button = QPushButton(objectName="trainButton")
        self.stop_button = QPushButton(objectName="stopButton")
        self.stop_button.setEnabled(False)
        self.progress = QProgressBar(objectName="trainProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.status_label = QLabel(objectName="trainStatus", wordWrap=True)
        self.message_label = QLabel(objectName="trainMessage", wordWrap=True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_as_button = QPushButton(objectName="saveModelAsButton")
        self.save_as_button.setVisible(False)
        self.cpu_button = QPushButton(objectName="retryOnCpuButton")
        self.cpu_button.setVisible(False)
        self.chart = TrainingChart()
        self.export_button = QPushButton(objectName="exportChartButton")

        self.form = QFormLayout()
        self.form_labels = []
        for widget in (self.epochs_spin, self.batch_spin, self.lr_edit, self.optimizer_combo, self.subset_combo,
                       self.augment_check):
            label = QLabel()
            label.setBuddy(widget)
            self.form_labels.append(label)
            self.form.addRow(label, widget)
        self.params_box = QGroupBox()
        self.params_box.setLayout(self.form)

        self.model_box = QGroupBox()
        model_layout = QVBoxLayout(self.model_box)
        model_layout.addWidget(self.preset_combo)
        model_layout.addWidget(self.description)
        model_layout.addWidget(self.summary, 1)
        model_layout.addWidget(self.summary_total)

        buttons = QHBoxLayout()
        buttons.addWidget(self.train_button, 2)
        buttons.addWidget(self.stop_button, 1)

        left = QVBoxLayout()
        left.addWidget(self.model_box, 3)
        left.addWidget(self.params_box)
        left.addWidget(self.device_label)
        left.addWidget(self.device_combo)
        left.addLayout(buttons)

        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addWidget(self.status_label)
        right.addWidget(self.message_label)
        row = QHBoxLayout()
        row.addWidget(self.save_as_button)
        row.addWidget(self.cpu_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        right.addLayout(row)
        right.addWidget(self.chart, 1)

        top = QHBoxLayout(self)
        top.addLayout(left, 2)
        top.addLayout(right, 3)

        self.preset_combo.currentIndexChanged.connect(self._preset_changed)
        for widget in (self.epochs_spin, self.batch_spin):
            widget.valueChanged.connect(self.validate)
        self.lr_edit.textChanged.connect(self.validate)
        self.subset_combo.currentTextChanged.connect(self.validate)
        self.optimizer_combo.currentIndexChanged.connect(self.validate)
        self.train_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.export_button.clicked.connect(self._export_chart)
        self.save_as_button.clicked.connect(self._save_model_as)
        self.cpu_button.clicked.connect(self._retry_on_cpu)
        self.retranslate()
        self._preset_changed()

    # -- configuration ------------------------------------------------------------------------
    def preset_name(self) -> str:
        return self.preset_combo.currentData()

    def set_preset(self, name: str) -> None:
        """Select a preset and load its default hyper-parameters (also when it was already selected)."""
        index = self.preset_combo.findData(name)
        if index == self.preset_combo.currentIndex():
            self._preset_changed()
        else:
            self.preset_combo.setCurrentIndex(index)

    def _preset_changed(self) -> None:
        preset = get_preset(self.preset_name())
        self.epochs_spin.setValue(preset.epochs)
        self.batch_spin.setValue(preset.batch_size)
        self.lr_edit.setText(f"{preset.learning_rate:g}")
        self.optimizer_combo.setCurrentText(preset.optimizer)
        self.augment_check.setChecked(preset.augment)
        self.description.setText(preset_text(preset.description))
        self._show_summary()
        self.validate()

    def subset_value(self) -> int | None:
        text = self.subset_combo.currentText().replace(",", "").replace(" ", "").replace("_", "")
        try:
            value = int(text)
        except ValueError:
            return -1
        return value

    def config(self) -> TrainConfig:
        """The form as a TrainConfig (may be invalid: see ``validate``)."""
        try:
            lr = float(self.lr_edit.text())
        except ValueError:
            lr = float("nan")
        subset = self.subset_value()
        full = len(self.data[0][0]) if self.data is not None else 60000
        return TrainConfig(
            preset=self.preset_name(), epochs=self.epochs_spin.value(), batch_size=self.batch_spin.value(),
            learning_rate=lr, optimizer=self.optimizer_combo.currentText(),
            augment=self.augment_check.isChecked(), subset=None if subset == full else subset,
            device=self.device_combo.currentData() if self.device_combo.count() > 1 else None,
        )

    def _field_widgets(self) -> dict:
        return {"epochs": self.epochs_spin, "batch_size": self.batch_spin, "learning_rate": self.lr_edit,
                "optimizer": self.optimizer_combo, "subset": self.subset_combo}

    def validate(self) -> str | None:
        """Highlight a bad field, say why, and keep Train disabled; returns the message or None."""
        for widget in self._field_widgets().values():
            widget.setStyleSheet("")
        error = None
        cfg = self.config()
        try:
            full = len(self.data[0][0]) if self.data is not None else 60000
            cfg.resolved().validate(train_size=full)
            if cfg.subset is not None and cfg.subset < 0:
                raise ConfigError("subset", self.tr("training-set size must be a whole number"))
        except ConfigError as exc:
            error = str(exc)
            widget = self._field_widgets().get(exc.field)
            if widget is not None:
                widget.setStyleSheet(INVALID_STYLE)
        if error:
            self._set_message(error, error=True, kind="invalid")
        elif self.message_label.property("kind") == "invalid":
            self._set_message("")
        self.train_button.setEnabled(error is None and not self.is_running())
        return error

    # -- model summary --------------------------------------------------------------------------
    def set_tf_ready(self, devices) -> None:
        """Called once TensorFlow is up (after the first paint): devices known, summaries buildable."""
        self._tf_ready = True
        self._devices = list(devices)
        self.device_combo.clear()
        for dev in self._devices:
            self.device_combo.addItem(dev.label, dev.tf_name)
        self.device_combo.setVisible(len(self._devices) > 1)
        self._show_device()
        self._show_summary()

    def _show_device(self) -> None:
        if not self._devices:
            self.device_label.setText(self.tr("Device: starting TensorFlow…"))
            return
        dev = self._devices[0]
        if dev.kind == "GPU":
            self.device_label.setText(self.tr("Device: GPU — %1").replace("%1", dev.name))
        else:
            self.device_label.setText(self.tr("Device: CPU — no GPU found (%1)").replace("%1", device_text(dev.reason)))

    def _show_summary(self) -> None:
        name = self.preset_name()
        if not self._tf_ready:
            self.summary.setRowCount(0)
            self.summary_total.setText(self.tr("Architecture: loading…"))
            return
        if name not in self._summaries:
            from mnist_studio.models import summarize

            self._summaries[name] = summarize(get_preset(name).build())
        rows = self._summaries[name]
        self.summary.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate([row.name, row.kind, row.output_shape, f"{row.params:,}"]):
                item = QTableWidgetItem(value)
                if c == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.summary.setItem(r, c, item)
        total = sum(r.params for r in rows)
        self.summary_total.setText(self.tr("Total parameters: %1").replace("%1", f"{total:,}"))

    # -- running ---------------------------------------------------------------------------------
    def is_running(self) -> bool:
        """From Train until the worker thread has finished and the UI has been told."""
        return self._running

    def start(self) -> bool:
        if self.is_running() or self.validate() is not None:
            return False
        cfg = self.config()
        self.chart.reset(cfg.epochs)
        self.progress.setValue(0)
        self.save_as_button.setVisible(False)
        self.cpu_button.setVisible(False)
        self._set_message("")
        worker = TrainWorker(cfg, store=self.store, data=self.data)
        self.thread = TrainingThread(worker, self)
        worker.batch.connect(self._on_batch)
        worker.epoch.connect(self._on_epoch)
        worker.phase.connect(self._on_phase)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.thread.finished.connect(self._on_thread_done)
        self._set_running(True)
        self.status_label.setText(self.tr("Preparing data…"))
        self.thread.start()
        return True

    def stop(self) -> None:
        if self.is_running():
            self.thread.worker.stop()
            self.stop_button.setEnabled(False)
            self.status_label.setText(self.tr("Stopping after this batch…"))

    def shutdown(self) -> bool:
        """Stop and join the training thread (window closing). True when it ended in time."""
        if self.thread is None:
            return True
        ok = self.thread.shutdown(2000)
        return ok

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.stop_button.setEnabled(running)
        for w in (self.preset_combo, self.params_box, self.device_combo):
            w.setEnabled(not running)
        self.train_button.setEnabled(not running and self.validate() is None)
        self.runningChanged.emit(running)

    def _on_batch(self, e) -> None:
        done = ((e.epoch - 1) * e.batches + e.batch) / (e.epochs * e.batches)
        self.progress.setValue(int(done * 1000))
        self.chart.add_batch(e.epoch - 1 + e.batch / e.batches, e.loss, e.accuracy)
        self.status_label.setText(
            self.tr("Epoch %1/%2 · batch %3/%4 · %5 images/s · ETA %6")
            .replace("%1", str(e.epoch)).replace("%2", str(e.epochs)).replace("%3", str(e.batch))
            .replace("%4", str(e.batches)).replace("%5", f"{e.samples_per_s:,.0f}").replace("%6", _clock(e.eta_s))
        )

    def _on_epoch(self, e) -> None:
        if math.isfinite(e.val_loss):
            self.chart.add_epoch(e.epoch, e.val_loss, e.val_accuracy)

    def _on_phase(self, phase: str) -> None:
        text = {"preparing": self.tr("Preparing data…"), "training": self.tr("Training…"),
                "evaluating": self.tr("Evaluating on the 10,000 test images…"),
                "saving": self.tr("Saving the run…")}.get(phase, phase)
        self.status_label.setText(text)

    def _on_finished(self, result) -> None:
        self.last_result = result
        ev = result.evaluation
        if result.status == "failed":
            self._set_message(result.message, error=True)
            self.status_label.setText(self.tr("Training failed."))
            if "memory" in result.message.lower() and any(d.kind == "CPU" for d in self._devices):
                self.cpu_button.setVisible(True)
        else:
            self.progress.setValue(1000 if result.status == "completed" else self.progress.value())
            acc = f"{ev.accuracy:.2%}" if ev is not None else "–"
            status = self.tr("Completed") if result.status == "completed" else self.tr("Stopped")
            self.status_label.setText(
                self.tr("%1 in %2 s · test accuracy %3").replace("%1", status)
                .replace("%2", f"{result.seconds:.1f}").replace("%3", acc)
            )
            record = result.extra.get("record")
            if "save_error" in result.extra:
                self._set_message(result.extra["save_error"] + " " +
                                  self.tr("The trained model is still in memory: save it elsewhere."), error=True)
                self.save_as_button.setVisible(True)
            elif record is not None:
                self._set_message(self.tr("Saved as run “%1”. Try it in the Draw tab.").replace("%1", record.name))
        self.trained.emit(result)

    def _on_failed(self, message: str) -> None:
        self._set_message(self.tr("Training could not run: %1").replace("%1", message), error=True)
        self.status_label.setText(self.tr("Training failed."))

    def _on_thread_done(self) -> None:
        self._set_running(False)

    def _set_message(self, text: str, error: bool = False, kind: str | None = None) -> None:
        """kind "invalid" (a form error, cleared once the form is valid again), "error" or "info"."""
        self.message_label.setText(text)
        self.message_label.setProperty("kind", kind or ("error" if error else "info"))
        self.message_label.setStyleSheet("color: #d93025; font-weight: bold;" if error else "")

    # -- files ----------------------------------------------------------------------------------------
    def save_model_to(self, path: str) -> None:
        from mnist_studio.runs import save_model_atomic

        save_model_atomic(self.last_result.model, path)
        self._set_message(self.tr("Model saved to %1").replace("%1", path))

    def _save_model_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model as"), "model.keras",
                                              self.tr("Keras model (*.keras)"))
        if path:
            try:
                self.save_model_to(path)
            except OSError as exc:
                self._set_message(str(exc), error=True)

    def _retry_on_cpu(self) -> None:
        index = self.device_combo.findData("/CPU:0")
        if index >= 0:
            self.device_combo.setCurrentIndex(index)
        self.start()

    def _export_chart(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export chart"), "training.png", "PNG (*.png)")
        if path:
            self.chart.export_png(path)

    # -- text -------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.model_box.setTitle(self.tr("Model"))
        self.params_box.setTitle(self.tr("Hyper-parameters"))
        labels = [self.tr("Epochs"), self.tr("Batch size"), self.tr("Learning rate"), self.tr("Optimizer"),
                  self.tr("Training images"), self.tr("Augmentation")]
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.summary.setHorizontalHeaderLabels([self.tr("Layer"), self.tr("Type"), self.tr("Output shape"),
                                                self.tr("Parameters")])
        self.augment_check.setText(self.tr("small shifts, rotations and zooms"))
        self.epochs_spin.setSuffix(self.tr(" epochs"))
        self.batch_spin.setSuffix(self.tr(" images"))
        self.epochs_spin.setToolTip(self.tr("How many passes over the training images"))
        self.batch_spin.setToolTip(self.tr("Images per gradient step"))
        self.lr_edit.setToolTip(self.tr("Step size of the optimizer, e.g. 0.001 or 1e-3"))
        self.subset_combo.setToolTip(self.tr("Train on fewer images for a quick class demo"))
        self.preset_combo.setToolTip(self.tr("Which network to train"))
        self.train_button.setText(self.tr("Train"))
        self.train_button.setToolTip(self.tr("Start training (Ctrl+T)"))
        self.stop_button.setText(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop after the current batch, keep the model (Ctrl+.)"))
        self.save_as_button.setText(self.tr("Save model as…"))
        self.cpu_button.setText(self.tr("Train on the CPU instead"))
        for i in range(self.preset_combo.count()):
            self.preset_combo.setItemText(i, preset_text(get_preset(self.preset_combo.itemData(i)).title))
        self.description.setText(preset_text(get_preset(self.preset_name()).description))
        self.export_button.setText(self.tr("Export chart…"))
        self.export_button.setToolTip(self.tr("Save the chart as a PNG picture"))
        if not self.is_running() and not self.status_label.text():
            self.status_label.setText(self.tr("Ready. Pick a model and press Train."))
        self._show_device()
        self._show_summary()
        self.chart.retranslate()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

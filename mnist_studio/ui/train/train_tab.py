"""TrainTab: design or pick a network, set hyper-parameters, train on a QThread, watch honest live curves.

The form (design_form.py), the architecture table (arch_view.py) and the run controls with the chart
(run_panel.py) are separate widgets; this file wires them to a TrainWorker and handles closing mid-run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from mnist_studio.networks.training import ConfigError, TrainConfig
from mnist_studio.ui.background.jobs import JobThread
from mnist_studio.ui.background.worker import FinishedRun, TrainWorker, waiting_message
from mnist_studio.ui.learning.live import DrawingFeed
from mnist_studio.ui.look.texts import device_text
from mnist_studio.ui.train.arch_view import ArchitectureView
from mnist_studio.ui.train.checks import clock
from mnist_studio.ui.train.design_form import WARN_PARAMS, DesignForm, byte_size
from mnist_studio.ui.train.learning_place import LearningPlace
from mnist_studio.ui.train.run_panel import RunPanel, ask_close_choice
from mnist_studio.ui.train.warm_up import NetworkWarmUp


class TrainTab(QWidget):
    trained = Signal(object)  # FinishedRun: .result a training.TrainResult, .predictor, .record, .save_error
    runningChanged = Signal(bool)

    def __init__(self, store=None, data=None, parent=None):
        super().__init__(parent)
        self.store = store
        self.data = data  # None: the full dataset; tests pass a small MNIST slice
        self.thread: JobThread | None = None
        self.last_run = None  # the last run's end (a FinishedRun)
        self.closing: str | None = None  # "keep"/"discard" once the window is closing mid-run
        self._running = False
        self._tf_ready = False
        self._delivered = True  # the last run's result (or failure) has reached the tab
        self._devices = []
        n_train = len(data[0][0]) if data is not None else 60000
        n_test = len(data[1][0]) if data is not None else 10000

        self.arch = ArchitectureView()
        self.form = DesignForm(n_train, n_test, layer_rows=lambda: (self.arch.flush(), self.arch.rows())[1])
        self.panel = RunPanel()
        self.device_label = QLabel(objectName="deviceLabel", wordWrap=True)
        self.device_combo = QComboBox(objectName="deviceCombo", visible=False)
        left_inner = QWidget(objectName="trainLeft")
        left = QVBoxLayout(left_inner)
        left.addWidget(self.form)
        self.form.model_layout.addWidget(self.arch, 1)
        left.addWidget(self.device_label)
        left.addWidget(self.device_combo)
        left.addStretch(1)
        self.scroll = QScrollArea(objectName="trainFormScroll", widgetResizable=True)
        self.scroll.setWidget(left_inner)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.left = LearningPlace(self.scroll, self.panel.learning)  # the form, or the learning view in its place
        self.top = QHBoxLayout(self)
        self.top.addWidget(self.left, 2)
        self.top.addWidget(self.panel, 3)

        self.form.changed.connect(self.validate)
        self.warm_up = NetworkWarmUp(self._warm_config, n_train if data is not None else None, self)
        self.form.changed.connect(self.warm_up.later)
        self.panel.train_button.clicked.connect(self.start)
        self.panel.stop_button.clicked.connect(self.stop)
        self.panel.save_as_button.clicked.connect(self._save_model_as)
        self.panel.cpu_button.clicked.connect(self._retry_on_cpu)
        self.drawing_feed = DrawingFeed(self)  # the Draw tab's drawing, read by the network while it trains
        self.panel.learningPlaced.connect(lambda name: self.left.set_layout(name, self.panel.learning_layout()))
        self.left.set_layout(self.panel.placed_layout(), self.panel.learning_layout())
        self.left.currentChanged.connect(lambda _i: self._share_width())
        self.retranslate()
        self.validate()

    def set_style(self, scale: float, dark: bool) -> None:
        """Projector scale and dark theme for the live chart."""
        self.panel.chart_slot.set_style(scale, dark)

    def attach_drawing(self, drawing) -> None:
        """Follow the shared drawing (ui.common.drawing.Drawing): each run's snapshots read it as it is then."""
        self.drawing_feed.attach(drawing)

    def _share_width(self) -> None:
        large = self.left.is_large()  # the learning view in the form's place: half the width each
        self.top.setStretch(0, 1 if large else 2)
        self.top.setStretch(1, 1 if large else 3)
        self.panel.set_width_shares(1 / 2 if large else 3 / 5, 3 / 5)

    # -- configuration ------------------------------------------------------------------------
    def preset_name(self) -> str:
        return self.form.preset_name()

    def set_preset(self, name: str) -> None:
        self.form.set_preset(name)

    def _device(self) -> str | None:
        return self.device_combo.currentData() if self.device_combo.count() > 1 else None

    def config(self) -> TrainConfig:
        """The form as a TrainConfig (valid: ``validate()`` returned None)."""
        return self.form.config(self._device())

    def validate(self) -> str | None:
        """Highlight a bad field, say why, and keep Train disabled; returns the message or None."""
        error, cfg, size = None, None, None
        try:
            cfg, size = self.form.check(self._device())
        except ConfigError as exc:
            error = self.form.named(exc.field, str(exc))
            self.form.highlight(exc.field)
        else:
            self.form.highlight(None)
        self.form.show_split(cfg)
        self.arch.show_config(cfg, size)
        kind = self.panel.message_label.property("kind")
        if error:
            self.panel.set_message(error, "invalid")
        elif size is not None and size[0] > WARN_PARAMS:
            self.panel.set_message(self.tr("A large network: %1 parameters, about %2 of memory. Training will be "
                                           "slow on a laptop.").replace("%1", f"{size[0]:,}")
                                   .replace("%2", byte_size(size[1])), "warning")
        elif kind in ("invalid", "warning"):
            self.panel.set_message("")
        self.panel.train_button.setEnabled(error is None and not self.is_running() and self.closing is None)
        return error

    # -- devices ------------------------------------------------------------------------------
    def is_tf_ready(self) -> bool:
        """Is the Keras worker up (its devices known)?"""
        return self._tf_ready

    def set_tf_ready(self, devices) -> None:
        """Called once TensorFlow is up (after the first paint): devices known, summaries buildable."""
        self._tf_ready = True
        self._devices = list(devices)
        self.device_combo.clear()
        for dev in self._devices:
            self.device_combo.addItem(dev.label, dev.id)
        self.device_combo.setVisible(len(self._devices) > 1)
        self._show_device()
        self.arch.set_tf_ready()
        self.arch.flush()

    def _warm_config(self):  # the form's network for the worker to prepare, or None (a run, a bad field)
        ok = self._tf_ready and not self._running and self.closing is None and self.validate() is None
        return self.config().resolved() if ok else None

    def _show_device(self) -> None:
        if not self._devices:
            self.device_label.setText(self.tr("Device: starting TensorFlow…"))
            return
        dev = self._devices[0]
        if dev.kind == "GPU":
            self.device_label.setText(self.tr("Device: GPU — %1").replace("%1", dev.name))
        else:
            self.device_label.setText(self.tr("Device: CPU — no GPU found (%1)").replace("%1", device_text(dev.reason)))

    # -- running ---------------------------------------------------------------------------------
    def is_running(self) -> bool:
        """From Train until the worker thread has finished and the UI has been told."""
        return self._running

    def start(self) -> bool:
        thread = self.thread
        if self._running and thread is not None and thread.isFinished() and self._delivered:
            self._on_thread_done()  # its "finished" is still queued: the run is over, Train works at once
        if self.is_running() or self.closing is not None or self.validate() is not None:
            return False
        cfg = self.config()
        self.warm_up.training_starts(cfg.resolved())
        self.arch.flush()  # build the table now, not on the UI thread while the run trains
        self.panel.chart.reset(cfg.resolved().epochs)
        self.panel.progress.setValue(0)
        self.panel.save_as_button.setVisible(False)
        self.panel.cpu_button.setVisible(False)
        self.panel.set_message("")
        data = self.data if getattr(cfg, "dataset", "mnist") == "mnist" else None
        worker = TrainWorker(cfg, store=self.store, data=data)
        if self.thread is not None and self.thread.isFinished():
            self.thread.deleteLater()  # the last run's thread and its worker (with its result): ~1.5 MB a run
        self.thread = JobThread(worker, self)
        worker.batch.connect(self._on_batch)
        worker.epoch.connect(self._on_epoch)
        worker.phase.connect(self._on_phase)
        worker.finished.connect(self.show_finished)
        worker.failed.connect(self._on_failed)
        worker.snapshot.connect(self.panel.learning.add_event)
        self.panel.learning.start_live()
        self.left.run_started()
        self.drawing_feed.start(worker)
        self.thread.finished.connect(self._on_thread_done)
        self._delivered = False
        self._set_running(True)
        self.panel.status_label.setText(self.tr("Preparing data…"))
        self.thread.start()
        return True

    def stop(self) -> None:
        if self.is_running():
            self.thread.job.stop()
            self.panel.stop_button.setEnabled(False)
            self.panel.status_label.setText(self.tr("Stopping after this batch…"))

    def request_close(self, then: Callable[[], object]) -> bool:
        """May the window close now? Asks while training (keep the partial model / discard / cancel).

        False keeps the window open: the user cancelled, or the run is stopping (it skips the test evaluation
        and the predictor, and finishes its atomic save when kept); ``then`` is called once the thread has
        ended. Qt never destroys a running thread this way, whatever the model's size.
        """
        thread = self.thread
        if thread is None or thread.isFinished() or not thread.isRunning():
            return True
        if thread.job.done and thread.wait(5000):  # the result is already out: the thread is just ending
            return True
        if self.closing is None:
            worker = thread.job  # the question follows the run; a run that ends while it is open closes it
            choice = ask_close_choice(self, self.panel.status_label.text() or self.tr("training"),
                                      current=self.panel.status_label.text,
                                      updated=(worker.batch, worker.epoch, worker.phase),
                                      finished=(worker.finished, worker.failed))
            if choice == "finished" and not thread.wait(5000):
                thread.finished.connect(then, Qt.ConnectionType.QueuedConnection)  # ends in a moment
                return False
            if choice == "finished" or choice == "cancel" or not thread.isRunning():
                return choice != "cancel"
            self.closing = choice
            thread.finished.connect(then, Qt.ConnectionType.QueuedConnection)
            thread.job.close(keep=choice == "keep")
            self.panel.stop_button.setEnabled(False)
            self.panel.status_label.setText(self.tr("Closing: saving the partly trained model…") if choice == "keep"
                                      else self.tr("Closing: stopping the training…"))
        return False

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop the run as for closing (keeping the partial model) and join the thread, ``timeout_ms`` at most.

        True when no thread is left running; False means it is still finishing: keep the window (and so
        the thread object) alive and wait for ``thread.finished``."""
        self.warm_up.shutdown()  # a network being prepared: a second or two at most, nothing to keep
        if self.thread is None:
            return True
        return self.thread.shutdown(timeout_ms, keep=self.closing != "discard")

    def _set_running(self, running: bool) -> None:
        self._running = running
        self.panel.stop_button.setEnabled(running)
        for w in (self.form, self.device_combo):
            w.setEnabled(not running)
        self.validate()
        self.runningChanged.emit(running)

    def _on_batch(self, e) -> None:
        done = ((e.epoch - 1) * e.batches + e.batch) / (e.epochs * e.batches)
        losses = getattr(e, "batch_losses", None)
        if losses:  # every batch since the last event, each its own value
            accs = e.batch_accuracies
            first = getattr(e, "first_batch", 0) or e.batch - len(losses) + 1
            xs = [e.epoch - 1 + b / e.batches for b in range(first, e.batch + 1)]
            self.panel.chart.add_batches(xs, losses, accs)
        else:
            loss, acc = getattr(e, "batch_loss", e.loss), getattr(e, "batch_accuracy", e.accuracy)
            self.panel.chart.add_batch(e.epoch - 1 + e.batch / e.batches, loss, acc)
        line = None if self.closing is not None else (
            self.tr("Epoch %1/%2 · batch %3/%4 · %5 images/s · ETA %6")
            .replace("%1", str(e.epoch)).replace("%2", str(e.epochs)).replace("%3", str(e.batch))
            .replace("%4", str(e.batches)).replace("%5", f"{e.samples_per_s:,.0f}").replace("%6", clock(e.eta_s)))
        self.panel.show_batch(int(done * 1000), line, now=e.batch == e.batches)

    def _on_epoch(self, e) -> None:
        if math.isfinite(e.val_loss):
            self.panel.chart.add_epoch(e.epoch, e.val_loss, e.val_accuracy)

    def _on_phase(self, phase: str, waiting_for: str = "") -> None:
        if self.closing is not None:
            return
        n_test = self.form.n_test
        text = {"waiting": waiting_message(waiting_for),
                "preparing": self.tr("Preparing data…"), "training": self.tr("Training…"),
                "evaluating": self.tr("Evaluating once on the %1 test images…").replace("%1", f"{n_test:,}"),
                "saving": self.tr("Saving the run…")}.get(phase, phase)
        self.panel.status_label.setText(text)

    def show_finished(self, run: FinishedRun) -> None:
        """A run has ended (its worker's answer): show its result, keep it as ``last_run`` and tell the window
        (``trained``). The only way a run's end reaches the tab."""
        self.last_run = run
        result = run.result
        self._delivered = True
        self._finish_learning(result.timelapse)
        if self.closing is not None:
            return  # the window is closing: no predictor was built, the other tabs are not told
        if result.status == "failed":
            self.warm_up.forget()
            self.panel.set_message(result.message, "error")
            self.panel.status_label.setText(self.tr("Training failed."))
            if "memory" in result.message.lower() and any(d.kind == "CPU" for d in self._devices):
                self.panel.cpu_button.setVisible(True)
        else:
            self.warm_up.trained(result.config)  # the worker keeps this network traced for the next click
            self.panel.progress.setValue(1000 if result.status == "completed" else self.panel.progress.value())
            self._show_result_text(run)
            if run.save_error:
                self.panel.save_as_button.setVisible(True)
        self.trained.emit(run)

    def _show_result_text(self, run) -> None:
        """The finished run's status line and message, in today's language (rebuilt on a language switch)."""
        result = run.result
        ev = result.evaluation
        status = self.tr("Completed") if result.status == "completed" else self.tr("Stopped")
        if ev is not None:
            text = self.tr("%1 in %2 s · test accuracy %3 (on %4 test images, measured once, at the end)")
            text = text.replace("%3", f"{ev.accuracy:.2%}").replace("%4", f"{len(ev.labels):,}")
        else:
            text = self.tr("%1 in %2 s · not evaluated on the test images")
        self.panel.status_label.setText(text.replace("%1", status).replace("%2", f"{result.seconds:.1f}"))
        record = run.record
        if run.save_error:
            self.panel.set_message(run.save_error + " " +
                                   self.tr("The trained model is still in memory: save it elsewhere."), "error")
        elif record is not None:
            self.panel.set_message(self.tr("Saved as run “%1”. Try it in the Draw tab.").replace("%1", record.name))

    def _finish_learning(self, path: Path | None = None) -> None:
        self.drawing_feed.stop()
        self.panel.learning.finish_live(path=path)  # the same view becomes the run's time-lapse

    def _on_failed(self, message: str) -> None:
        self._delivered = True
        self.warm_up.forget()
        self._finish_learning()
        self.panel.set_message(self.tr("Training could not run: %1").replace("%1", message), "error")
        self.panel.status_label.setText(self.tr("Training failed."))

    def _on_thread_done(self) -> None:
        sender = self.sender()
        if sender is not None and sender is not self.thread:
            return  # an earlier run's thread, ended after a new run started
        if self._running:
            self._set_running(False)

    # -- files ----------------------------------------------------------------------------------------
    def save_model_to(self, path: str) -> None:
        """Copy the last run's model file (written by the worker) to ``path``, atomically."""
        from mnist_studio.storage.runs import copy_file_atomic

        copy_file_atomic(self.last_run.model_path, path)
        self.panel.set_message(self.tr("Model saved to %1").replace("%1", path))

    def _save_model_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save model as"), str(Path.home() / "model.keras"),
                                              self.tr("Keras model (*.keras)"))
        if path:
            try:
                self.save_model_to(path)
            except OSError as exc:
                self.panel.set_message(str(exc), "error")

    def _retry_on_cpu(self) -> None:
        index = self.device_combo.findData("/CPU:0")
        if index >= 0:
            self.device_combo.setCurrentIndex(index)
        self.start()

    def export_chart(self, path: str) -> bool:
        """Write the chart as a PNG; a file that cannot be written is a message, not a traceback."""
        return self.panel.export_chart(path)

    # -- text -------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.form.retranslate()
        self.arch.retranslate()
        self.panel.retranslate()
        self.left.retranslate()
        ready = self.tr("Ready. Pick a model and press Train.")
        run = getattr(self, "last_run", None)
        if not self.is_running() and run is not None and run.result.status != "failed" and self.closing is None:
            self._show_result_text(run)  # the last run's result, in the new language
        elif not self.is_running() and self.panel.status_label.text() in ("", getattr(self, "_ready_text", "")):
            self.panel.status_label.setText(ready)  # the ready line follows the language
        self._ready_text = ready
        self._show_device()
        self.validate()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""FinetuneView: pick a base model, fine-tune on the set on a worker thread, live chart, before/after."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.networks.finetune import FinetuneConfig, PhaseEvent, StepEvent
from mnist_studio.ui.background.jobs import Job, JobThread
from mnist_studio.ui.background.worker import (
    FinishedRun,
    crash_message,
    keras_worker,
    numpy_predictor,
    waiting_message,
)
from mnist_studio.ui.look.error_texts import error_text
from mnist_studio.ui.mydigits.step_chart import StepChart
from mnist_studio.worker.client import CLOSE_KEEP, STOP


class FinetuneWorker(Job):
    """A fine-tune in the Keras worker process, a job on its own thread: signals out, a thread-safe ``stop`` in."""

    step = Signal(object)  # finetune.StepEvent
    phase = Signal(str, str)  # the phase, and what a "waiting" phase waits for
    finished = Signal(object)  # FinishedRun (its result a finetune.FinetuneResult)
    failed = Signal(str)

    def __init__(self, base, data, config: FinetuneConfig | None = None, store=None, mnist=None):
        super().__init__()
        self.base, self.data, self.config, self.store, self.mnist = base, data, config, store, mnist
        self._wish = 0

    def work(self) -> None:
        from mnist_studio.worker.client import JobCancelled, WorkerCrashed, WorkerError

        try:
            saved = keras_worker().run("finetune", on_event=self._on_event, cancelled=lambda: self._wish,
                                       base=base_source(self.base), data=self.data, config=self.config,
                                       store_root=str(self.store.root) if self.store is not None else None,
                                       mnist=self.mnist)
            predictor = None
            if saved.model_path:
                predictor = numpy_predictor(saved.model_path, f"{saved.result.base} (fine-tuned)")
            run = FinishedRun.of(saved, predictor)
        except JobCancelled:
            self.failed.emit(self.tr("Stopped before fine-tuning began."))
            return
        except WorkerCrashed as exc:
            self.failed.emit(crash_message(exc))
            return
        except WorkerError as exc:
            self.failed.emit(error_text(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app keeps running
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(run)

    def _on_event(self, event) -> None:
        if isinstance(event, StepEvent):
            self.step.emit(event)
        elif isinstance(event, PhaseEvent):
            self.phase.emit(event.phase, event.waiting_for)

    def stop(self, evaluate: bool = True) -> None:
        """Thread-safe. ``evaluate=False`` (closing): no scoring and no saving, the job ends soon."""
        self._wish = max(self._wish, STOP if evaluate else CLOSE_KEEP)

    def close(self, keep: bool) -> None:
        """Thread-safe: the window is closing: no scoring and no saving (a fine-tune takes seconds)."""
        del keep
        self.stop(evaluate=False)

    def cancel(self) -> None:
        super().cancel()
        self.stop(evaluate=False)


def base_source(base) -> str:
    """What the worker loads for a base model: a shipped name, a run folder, or a ``.keras`` path."""
    source = getattr(base, "source", None) if hasattr(base, "predict") else base
    if source is None:
        raise ValueError("this model has no file the worker can load")
    path = Path(str(source))
    if path.name == "model.keras" and (path.parent / "run.json").is_file():
        return str(path.parent)  # a run: fine-tuned "from run <id>", with its preset
    return str(source)


class FinetuneView(QWidget):
    started = Signal()
    done = Signal(object)  # FinishedRun (its result a FinetuneResult)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base_combo = QComboBox(objectName="baseModel")
        self._picked = False  # until the user picks a base, the first (the CNN) is offered
        self.base_combo.activated.connect(self._user_picked)
        self.start_button = QPushButton(objectName="finetuneButton")
        self.stop_button = QPushButton(objectName="finetuneStop")
        self.stop_button.setEnabled(False)
        self.status = QLabel(objectName="finetuneStatus", wordWrap=True)
        self.split_label = QLabel(objectName="splitLabel", wordWrap=True)
        self.chart = StepChart()
        self.table = QGridLayout()
        self.cells: dict[tuple[int, int], QLabel] = {}
        for r in range(3):
            for c in range(3):
                cell = QLabel(objectName=f"ba_{r}_{c}")
                self.cells[r, c] = cell
                self.table.addWidget(cell, r, c)
        self.table.setColumnStretch(0, 1)
        self.table.setHorizontalSpacing(24)
        controls = QHBoxLayout()
        self.base_label = QLabel()
        controls.addWidget(self.base_label)
        controls.addWidget(self.base_combo, 1)
        controls.addWidget(self.start_button)
        controls.addWidget(self.stop_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.split_label)
        layout.addWidget(self.chart, 1)
        layout.addLayout(self.table)
        layout.addWidget(self.status)
        self.thread: JobThread | None = None
        self.last_run: FinishedRun | None = None  # the last fine-tune's end
        self.retranslate()

    def set_bases(self, items: list[tuple[str, object]]) -> None:
        """``items``: (title, base) where base is a Predictor, ``cnn``/``mlp`` or a run folder."""
        current = self.base_combo.currentText()
        self.base_combo.clear()
        for title, base in items:
            self.base_combo.addItem(title, base)
        index = self.base_combo.findText(current) if self._picked else -1
        self.base_combo.setCurrentIndex(index if index >= 0 else 0)

    def is_running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def start(self, data, store=None, mnist=None, config: FinetuneConfig | None = None) -> bool:
        if self.is_running():
            return False
        base = self.base_combo.currentData()
        if base is None:
            self.status.setText(self.tr("No model to start from yet: wait for the models to load."))
            return False
        worker = FinetuneWorker(base, data, config or FinetuneConfig(), store=store, mnist=mnist)
        if self.thread is not None and self.thread.isFinished():
            self.thread.deleteLater()  # the last fine-tune's thread and its worker, with its result
        self.thread = JobThread(worker, self)
        worker.step.connect(self._on_step)
        worker.phase.connect(self._on_phase)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.chart.reset(worker.config.steps)
        for cell in self.cells.values():
            cell.setText("")
        self._set_running(True)
        self.status.setText(self.tr("Starting…"))
        self.thread.start()
        self.started.emit()
        return True

    def stop(self) -> None:
        if self.thread is not None:
            self.thread.job.stop()

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.shutdown(timeout_ms=30000)

    def _set_running(self, on: bool) -> None:
        self.start_button.setEnabled(not on)
        self.stop_button.setEnabled(on)
        self.base_combo.setEnabled(not on)

    def _on_step(self, event: StepEvent) -> None:
        self.chart.add(event.step, event.loss, event.accuracy)
        self.status.setText(self.tr("Step %1 of %2 (%3 s)").replace("%1", str(event.step))
                            .replace("%2", str(event.steps)).replace("%3", f"{event.seconds:.1f}"))

    def _on_phase(self, phase: str, waiting_for: str = "") -> None:
        texts = {"waiting": waiting_message(waiting_for),
                 "preparing": self.tr("Loading the model and MNIST…"),
                 "scoring": self.tr("Scoring the model before fine-tuning…"),
                 "training": self.tr("Fine-tuning…"), "evaluating": self.tr("Scoring the fine-tuned model…"),
                 "saving": self.tr("Saving the run…")}
        self.status.setText(texts.get(phase, phase))

    def _join(self) -> None:
        if self.thread is not None:
            self.thread.wait()
        self._set_running(False)

    def _on_failed(self, message: str) -> None:
        self._join()
        self.status.setText(self.tr("Could not fine-tune: %1").replace("%1", message))

    def _on_finished(self, run: FinishedRun) -> None:
        self._join()
        self.last_run = run
        result = run.result
        self.chart.set_heldout(result.before.accuracy if result.before is not None else None,
                               result.after.accuracy if result.after is not None else None)
        self._show_result()
        self.done.emit(run)

    def _show_result(self) -> None:
        """The split, the before/after table and the status line of the last fine-tune, in today's language."""
        run = self.last_run
        result = run.result
        split = result.split
        if split.mode == "writer-held-out":
            self.split_label.setText(self.tr("Class set, scored writer-held-out: trained on %1 digits of the other "
                                             "students, scored on %2 digits by %3, who were not trained on.")
                                     .replace("%1", str(len(split.train))).replace("%2", str(len(split.test)))
                                     .replace("%3", ", ".join(split.test_writers)))
        else:
            self.split_label.setText(self.tr("Scored on %1 digits it was never trained on (held out from each "
                                             "writer's digits); trained on the other %2.")
                                     .replace("%1", str(len(split.test))).replace("%2", str(len(split.train))))
        rows = [("", self.tr("before"), self.tr("after")),
                (self.tr("Your held-out digits"), _pct(result.before), _pct(result.after)),
                (self.tr("MNIST test set (forgetting?)"), _pct(result.mnist_before), _pct(result.mnist_after))]
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.cells[r, c].setText(f"<b>{text}</b>" if r == 0 or c == 2 else text)
        self._fonts()
        where = self.tr("saved as a run; its panel is in the Draw tab") if run.record is not None else run.save_error
        state = self.tr("Stopped early") if result.status == "stopped" else self.tr("Done")
        self.status.setText(self.tr("%1 in %2 s (%3)").replace("%1", state)
                            .replace("%2", f"{result.seconds:.1f}").replace("%3", where))

    def retranslate(self) -> None:
        self.base_label.setText(self.tr("Start from"))
        self.start_button.setText(self.tr("Fine-tune on my digits"))
        self.start_button.setToolTip(self.tr("Teach the model this handwriting, mixing MNIST in so it does not "
                                             "forget (a few seconds)"))
        self.stop_button.setText(self.tr("Stop"))
        self.chart.set_labels(loss=self.tr("loss"), accuracy=self.tr("accuracy (training batches)"),
                              step=self.tr("step"), heldout=self.tr("held-out digits: before → after"))
        if getattr(self, "last_run", None) is not None and not self.is_running():
            self._show_result()
        else:
            self.split_label.setText(self.tr("Part of each writer's digits is held out and never trained on; "
                                             "with 3 or more writers, whole students are held out."))

    def set_style(self, scale: float, dark: bool) -> None:
        self._fonts()

    def _fonts(self) -> None:
        """The before/after numbers are what the class looks at: larger than the rest, in any mode."""
        for (r, _c), cell in self.cells.items():
            font = QFont(QApplication.font())
            font.setPointSizeF(font.pointSizeF() * (1.0 if r == 0 else 1.4))
            cell.setFont(font)

    def _user_picked(self, _index: int) -> None:
        self._picked = True


def _pct(result) -> str:
    return "—" if result is None else f"{result.accuracy:.1%}"

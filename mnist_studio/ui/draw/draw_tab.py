"""DrawTab: canvas strokes -> strokes.render (28x28) -> every loaded model -> its prediction panel, live.

The models read ``Drawing.model_input()``: the strokes drawn at MNIST's geometry and stroke width, so
the pen-width slider changes only the look on screen. A 28x28 sample sent in (``show_sample``, from
the gallery) is shown as it is: the raster path, large on the canvas and named under it, until the
next stroke. The panels share the width equally (two rows when one row would cut their text).
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from mnist_studio.prediction import nondigit
from mnist_studio.ui.common.canvas import DrawingCanvas
from mnist_studio.ui.common.drawing import Drawing, sample_caption
from mnist_studio.ui.common.prediction import PredictionPanel
from mnist_studio.ui.common.preview import MnistPreview
from mnist_studio.ui.draw import nondigit_job


class DrawTab(QWidget):
    """Owns the live-prediction loop. Predictors are handed in; widgets never reach into each other."""

    predicted = Signal()  # after every update of the panels (tests and benchmarks wait on it)
    checkReady = Signal(str)  # a panel's "not a digit?" check is on (its model's statistics are attached)
    penWidthChanged = Signal(int)
    strokeChanged = Signal()  # the canvas changed (every point of a stroke)

    def __init__(self, parent=None, drawing: Drawing | None = None):
        super().__init__(parent)
        self.canvas = DrawingCanvas(drawing=drawing)
        self.preview = MnistPreview()
        self.clear_button = QPushButton()
        self.clear_button.setObjectName("clearButton")
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoButton")
        self.pen_width = QSlider(Qt.Orientation.Horizontal)
        self.pen_width.setObjectName("penWidth")
        self.pen_width.setRange(6, 48)
        self.pen_width.setValue(int(self.canvas.pen_width()))
        self.pen_label = QLabel()
        self.preview_label = QLabel(wordWrap=True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.timing_label = QLabel()
        self.timing_label.setObjectName("timingLabel")
        self.sample_label = QLabel(wordWrap=True)
        self.sample_label.setObjectName("sampleCaption")
        self.sample_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sample_label.setVisible(False)

        self._panels: dict[str, PredictionPanel] = {}
        self._projector = False
        self._predictors: dict[str, object] = {}
        self._fits: dict[str, object] = {}  # panel key -> its model's "not a digit?" fit (a StatsJob) still due
        self._order: list[str] = []
        self.last_update_ms = 0.0
        self._timing_shown = 0.0
        self._rows = 1  # the panels' rows: 2 when one row would squeeze them below a whole percentage

        controls = QHBoxLayout()
        controls.addWidget(self.clear_button)
        controls.addWidget(self.undo_button)
        controls.addSpacing(12)
        controls.addWidget(self.pen_label)
        controls.addWidget(self.pen_width, 1)
        self.pen_width.setMinimumWidth(80)

        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addWidget(self.sample_label)
        left.addLayout(controls)

        self.panel_row = QGridLayout()
        self.panel_row.setSpacing(10)
        self.preview.setFixedSize(140, 140)
        notes = QVBoxLayout()
        notes.addWidget(self.preview_label)
        notes.addWidget(self.hint)
        notes.addStretch(1)
        notes.addWidget(self.timing_label)
        below = QHBoxLayout()
        below.addWidget(self.preview)
        below.addLayout(notes, 1)
        right = QVBoxLayout()
        right.addLayout(self.panel_row, 1)
        right.addLayout(below)

        top = QHBoxLayout(self)
        top.addLayout(left, 5)
        top.addLayout(right, 6)

        # Coalesce stroke updates: at most one prediction per screen refresh, never per mouse event.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self._refresh_interval_ms())
        self._timer.timeout.connect(self.update_predictions)
        self.canvas.changed.connect(self._schedule)
        self.canvas.changed.connect(self.strokeChanged)
        self.canvas.strokeFinished.connect(self.update_predictions)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.pen_width.valueChanged.connect(self._pen_changed)

        for seq in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_Delete)):
            QShortcut(seq, self, self.canvas.clear, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.canvas.undo,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("]"), self, lambda: self.pen_width.setValue(self.pen_width.value() + 2),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("["), self, lambda: self.pen_width.setValue(self.pen_width.value() - 2),
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.retranslate()

    # -- models -----------------------------------------------------------------------------------
    def add_panel(self, key: str, title: str) -> PredictionPanel:
        if key in self._panels:
            self._panels[key].set_title(title)
            QTimer.singleShot(0, self, self._even_titles)
            return self._panels[key]
        panel = PredictionPanel(key, title)
        panel.set_projector(self._projector)
        self._panels[key] = panel
        self._order.append(key)
        self._arrange_panels()
        self._show_hint()
        QTimer.singleShot(0, self, self._even_titles)
        return panel

    def _panel_rows(self) -> int:
        """1, or 2 when every panel in one row would be narrower than its probabilities need."""
        n = len(self._order)
        if n < 3:
            return 1
        need = max(p.minimumSizeHint().width() for p in self._panels.values())
        room = (self.width() - 30) * 6 / 11  # the panels' column (the canvas takes 5 of 11 parts)
        return 1 if n * need + (n - 1) * self.panel_row.spacing() <= room else 2

    def _arrange_panels(self) -> None:
        """Equal columns (a long title wraps instead of taking the others' room), in one row or two."""
        self._rows = self._panel_rows()
        columns = -(-len(self._order) // self._rows)
        for panel in self._panels.values():
            self.panel_row.removeWidget(panel)
        for i, key in enumerate(self._order):
            self.panel_row.addWidget(self._panels[key], i // columns, i % columns)
        for c in range(max(columns, self.panel_row.columnCount())):
            self.panel_row.setColumnStretch(c, 1 if c < columns else 0)
        for r in range(max(self._rows, self.panel_row.rowCount())):
            self.panel_row.setRowStretch(r, 1 if r < self._rows else 0)
        self._fit_preview()

    def _fit_preview(self) -> None:
        """The 28x28 preview: larger in projector mode, unless four or more panels need the height (a 1280x800
        laptop screen, less its title and task bars)."""
        side = 200 if self._projector and len(self._order) <= 3 else 140
        if self.preview.width() != side:
            self.preview.setFixedSize(side, side)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._panel_rows() != self._rows:
            self._arrange_panels()
        QTimer.singleShot(0, self, self._even_titles)

    def _even_titles(self) -> None:
        """Every title as tall as the tallest (a wrapped one): the digits below stay the same size side by side.
        Scheduled with the tab as the timer's context, so it never runs once the tab is gone."""
        titles = [p.title for p in self._panels.values()]
        tallest = max((t.heightForWidth(t.width()) for t in titles), default=0)
        for t in titles:
            if t.minimumHeight() != tallest:
                t.setMinimumHeight(max(0, tallest))

    def clear(self) -> None:
        """Erase the drawing."""
        self.canvas.clear()

    def undo(self) -> None:
        """Remove the last stroke."""
        self.canvas.undo()

    def set_pen_width(self, width: int) -> None:
        """The pen's width on screen, kept inside the slider's range."""
        self.pen_width.setValue(min(max(int(width), self.pen_width.minimum()), self.pen_width.maximum()))

    def model_image(self):
        """The 28x28 image the models read now (the preview's), or None."""
        return self.preview.image()

    def drawing(self) -> Drawing:
        """The current drawing (other tabs may show it on canvases of their own)."""
        return self.canvas.drawing()

    def set_projector(self, on: bool) -> None:
        self._projector = on
        for panel in self._panels.values():
            panel.set_projector(on)
        self._arrange_panels()
        QTimer.singleShot(0, self, self._even_titles)

    def panel(self, key: str) -> PredictionPanel:
        return self._panels[key]

    def predictor(self, key: str):
        """The model shown in panel ``key`` (KeyError when none is)."""
        return self._predictors[key]

    def predictors(self) -> dict[str, object]:
        """Every model shown, by panel key (a copy)."""
        return dict(self._predictors)

    def panels(self) -> dict[str, PredictionPanel]:
        return dict(self._panels)

    def set_predictor(self, key: str, predictor, title: str | None = None) -> None:
        """Add or hot-swap the model shown in panel ``key``."""
        panel = self.add_panel(key, title or key.upper())
        replaced = self._fits.pop(key, None)
        if replaced is not None and replaced.predictor is not predictor and all(
                p is not replaced.predictor for k, p in self._predictors.items() if k != key):
            replaced.cancel()  # the model it checks is shown nowhere now: its fit would only hold a core and memory
        self._predictors[key] = predictor
        panel.set_blank()
        self.update_predictions()
        thread = nondigit_job.start(predictor, self._check_ready)
        if thread is None:  # attached already (shared predictor)
            QTimer.singleShot(0, self, lambda: self._check_ready(predictor))
        else:
            self._fits[key] = thread.job

    def _check_ready(self, predictor) -> None:
        """The model's statistics arrived: read the drawing again with the check on."""
        for key in [k for k, job in self._fits.items() if job.predictor is predictor]:
            del self._fits[key]
        keys = [k for k, p in self._predictors.items() if p is predictor]
        if keys:
            self.update_predictions()
        for key in keys:
            self.checkReady.emit(key)

    def hold_checks(self, held: bool) -> None:
        """While a training runs, fitting a model's "not a digit?" check pauses (it would share the two cores)."""
        nondigit_job.hold(held)

    def check_ready(self, key: str) -> bool:
        """Whether panel ``key`` says "not a digit?" when it should (its model's statistics are attached)."""
        predictor = self._predictors.get(key)
        return predictor is not None and nondigit.attached(predictor) is not None

    def set_model_error(self, key: str, message: str) -> None:
        failed = self._fits.pop(key, None)
        self._predictors.pop(key, None)
        if failed is not None and all(p is not failed.predictor for p in self._predictors.values()):
            failed.cancel()  # its model is shown nowhere now
        self.add_panel(key, key.upper()).set_error(message)

    def show_sample(self, image28: np.ndarray, index: int | None = None, label: int | None = None) -> None:
        """Show a 28x28 sample (e.g. test image ``index``, labelled ``label``, from Evaluate) to every model."""
        self.canvas.drawing().set_sample(image28, index, label)
        self.update_predictions()

    def sample_caption(self) -> str:
        """"Test image #1901, labelled 9" while a sent test image is the drawing; "" otherwise."""
        sample = self.canvas.drawing().sample() if self.canvas.is_blank() else None
        return "" if sample is None else sample_caption(sample)

    # -- the live loop ----------------------------------------------------------------------------
    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def update_predictions(self) -> None:
        self._timer.stop()
        start = time.perf_counter()
        x = self.canvas.model_input()
        sample = self.canvas.drawing().sample() if x is None else None
        if sample is not None:
            x = sample[0]
        self._show_sample_caption()
        self.preview.set_image(x)
        for key, panel in self._panels.items():
            predictor = self._predictors.get(key)
            if predictor is None:
                continue
            if x is None:
                panel.set_blank()
            else:  # one numpy pass: the probabilities and the hidden layer the check reads
                reading = nondigit.read(predictor, x)
                panel.set_probabilities(reading.probabilities, reading.not_a_digit)
        self.last_update_ms = (time.perf_counter() - start) * 1000
        if x is None:  # the canvas was cleared: so is the figure about it
            self._timing_shown, self._timing_ms = 0.0, None
            self._show_timing()
        elif self._predictors and start - self._timing_shown > 0.5:  # readable, not flickering
            self._timing_shown, self._timing_ms = start, self.last_update_ms
            self._show_timing()
        self.predicted.emit()

    def _show_sample_caption(self) -> None:
        text = self.sample_caption()
        if self.sample_label.text() != text:
            self.sample_label.setText(text)
        if self.sample_label.isVisibleTo(self) != bool(text):
            self.sample_label.setVisible(bool(text))

    def _show_hint(self) -> None:
        n = len(self._panels)
        if n <= 1:
            text = self.tr("Draw one digit, large and centred. The model reads this 28x28 image.")
        elif n == 2:
            text = self.tr("Draw one digit, large and centred. Both models read the same 28x28 image.")
        else:
            text = self.tr("Draw one digit, large and centred. All %1 models read the same 28x28 image.").replace(
                "%1", str(n))
        self.hint.setText(text)

    def _show_timing(self) -> None:
        ms = getattr(self, "_timing_ms", None)
        self.timing_label.setText("" if ms is None else self.tr("%1 ms per update").replace("%1", f"{ms:.1f}"))

    def _refresh_interval_ms(self) -> int:
        screen = QGuiApplication.primaryScreen()
        rate = screen.refreshRate() if screen is not None else 60.0
        return max(8, int(round(1000.0 / (rate if rate > 1 else 60.0))))

    def _pen_changed(self, value: int) -> None:
        self.canvas.set_pen_width(value)
        self.pen_label.setText(self.tr("Pen width: %1").replace("%1", str(value)))
        self.penWidthChanged.emit(value)

    # -- text -------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.clear_button.setText(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Erase the drawing (Esc or Delete)"))
        self.undo_button.setText(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z)"))
        self.pen_width.setToolTip(self.tr("Pen width ([ and ] change it)"))
        self.pen_label.setText(self.tr("Pen width: %1").replace("%1", str(self.pen_width.value())))
        self.preview_label.setText(self.tr("What the models see (28x28)"))
        self._show_hint()
        self._show_sample_caption()
        self.canvas.setToolTip(self.tr("Draw a digit with the mouse or a pen"))
        self.canvas.update()
        self._show_timing()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

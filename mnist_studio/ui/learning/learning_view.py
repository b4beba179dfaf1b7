"""LearningView (objectName ``learningView``): four views of a network learning - the first layer as pictures,
the validation confusion matrix, the map of the validation digits and the drawing read as ten bars - live while
a run streams its snapshots (coalesced: at most ~5 repaints a second) and afterwards as a time-lapse with a
slider, Play and an animated-GIF export."""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QGridLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from mnist_studio.ui.common.wrapped_label import WrappedLabel
from mnist_studio.ui.learning import gif_export
from mnist_studio.ui.learning.pictures import DrawingRead, FirstLayerView
from mnist_studio.ui.learning.plots import ConfusionView, MapView
from mnist_studio.ui.learning.timelapse import TimelapseBar, gif_frames

LIVE_INTERVAL_MS = 220  # live snapshots are drawn at most ~4.5 times a second, whatever rate they arrive at
ERROR_STYLE = "color: #d93025; font-weight: bold;"


class LearningView(QWidget):
    frameShown = Signal(int)  # the snapshot index now on screen
    gifExported = Signal(bool)  # an export this view started has ended: written, or refused (said in the note)

    def __init__(self, parent=None, live_interval_ms: int = LIVE_INTERVAL_MS):
        super().__init__(parent)
        self.setObjectName("learningView")
        self.timelapse = None
        self.live = False
        self._exporting = False  # an export is being written (``gif_export``)
        self.index = -1
        self._empty_key = "idle"
        self._empty_text: str | None = None
        self.header = WrappedLabel(objectName="learningHeader", wordWrap=True)
        self.header.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message = WrappedLabel(objectName="learningMessage", wordWrap=True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.weights = FirstLayerView()
        self.confusion = ConfusionView()
        self.map = MapView()
        self.drawing = DrawingRead()
        self.titles = [WrappedLabel(objectName=f"learningTitle{i}", wordWrap=True) for i in range(4)]
        self.panels: list[QWidget] = []
        for title, view in zip(self.titles, (self.weights, self.confusion, self.map, self.drawing), strict=True):
            title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            panel = QWidget()
            v = QVBoxLayout(panel)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(title)
            v.addWidget(view, 1)
            self.panels.append(panel)
        self.frame = QWidget(objectName="learningFrame")  # the header and the four views: what a GIF shows
        # hidden behind the sentence before a run, its views' minimum sizes must not squeeze the curves
        self.frame.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        fv = QVBoxLayout(self.frame)
        fv.setContentsMargins(0, 0, 0, 0)
        fv.setSpacing(4)
        fv.addWidget(self.header)
        fv.addLayout(self.grid, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.frame)
        self.bar = TimelapseBar()
        self.note = WrappedLabel(objectName="learningNote", wordWrap=True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.note)
        self.arrangement = ""
        self.set_arrangement("grid")
        self._live_timer = QTimer(self, singleShot=True, interval=live_interval_ms)
        self._live_timer.timeout.connect(self._show_live)
        self.bar.indexChanged.connect(self.show_index)
        self.bar.exportRequested.connect(self._export_gif)
        self.retranslate()

    # -- layout ---------------------------------------------------------------------------------------------
    def set_arrangement(self, arrangement: str) -> None:
        """"grid" (two by two, beside the curves) or "row" (four side by side, below them)."""
        if arrangement == self.arrangement:
            return
        self.arrangement = arrangement
        for panel in self.panels:
            self.grid.removeWidget(panel)
        for i, panel in enumerate(self.panels):
            row, col = (divmod(i, 2) if arrangement == "grid" else (0, i))
            self.grid.addWidget(panel, row, col)
        for k in range(4):
            self.grid.setColumnStretch(k, 1 if (arrangement == "row" or k < 2) else 0)
            self.grid.setRowStretch(k, 1 if (arrangement == "grid" and k < 2) or k == 0 else 0)

    # -- what is shown --------------------------------------------------------------------------------------
    def count(self) -> int:
        return len(self.timelapse.snapshots) if self.timelapse is not None else 0

    def clear(self, key: str = "idle", text: str | None = None, error: bool = False) -> None:
        """No time-lapse: a sentence instead ("idle": before any run; "none": the run has none; or ``text``)."""
        self.timelapse, self.live, self.index = None, False, -1
        self._live_timer.stop()
        self._empty_key = key
        self._empty_text = text
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.stack.setCurrentWidget(self.message)
        self.bar.set_count(0)
        self.note.hide()
        self._show_empty()

    def start_live(self) -> None:
        """A run starts: the view waits for its first snapshot."""
        self.clear("waiting")
        self.live = True

    def add_event(self, event) -> None:
        """A snapshot from the running training (``learning.SnapshotEvent``): stored at once, drawn by a timer
        (≤ ~5 times a second), so a fast stream never floods the window with repaints."""
        if event.header is not None or self.timelapse is None:
            if event.header is None:
                return  # a snapshot of a run whose start this view did not see
            self.timelapse = event.header
            self.timelapse.snapshots = []
            self.live = True
        tl = self.timelapse
        k = getattr(event.snapshot, "drawing_index", -1)
        drawing = getattr(event, "drawing", None)
        if drawing is not None and k >= 0:
            while len(tl.drawings) <= k:
                tl.drawings.append(drawing)
            tl.drawings[k] = drawing
        if hasattr(tl, "append"):
            tl.append(event.snapshot)
        else:
            tl.snapshots.append(event.snapshot)
        if not self._live_timer.isActive():
            self._live_timer.start()

    def _show_live(self) -> None:
        n = self.count()
        if not n:
            return
        following = self.bar.following or self.index < 0
        self.bar.set_count(n, live=self.live)
        if self.stack.currentWidget() is not self.frame:
            self._show_timelapse_basics()
        if following:
            self.show_index(n - 1)

    def finish_live(self, timelapse=None, path=None) -> None:
        """The run ended: the same view becomes its time-lapse; when no snapshot streamed, ``timelapse`` or the
        one read back from ``path`` (the run's learning.npz; a damaged one is said, in red)."""
        self._live_timer.stop()
        self.live = False
        if not self.count() and timelapse is None and path is not None:
            from mnist_studio.learning import Timelapse

            try:
                timelapse = Timelapse.load(Path(path).parent)
            except ValueError as exc:
                self.clear(text=self.tr("The run's time-lapse could not be read: %1").replace("%1", str(exc)),
                           error=True)
                return
        if timelapse is not None and timelapse.snapshots:
            self.set_timelapse(timelapse)
        elif self.count():
            self.bar.set_count(self.count())
            self._show_live()
        else:
            self.clear("none")

    def set_timelapse(self, timelapse, index: int | None = None) -> None:
        """Replay a finished run's time-lapse (at its last snapshot unless ``index``)."""
        self._live_timer.stop()
        self.live = False
        self.timelapse = timelapse
        if timelapse is None or not timelapse.snapshots:
            self.clear("none")
            return
        self._show_timelapse_basics()
        self.index = -1
        self.bar.following = True
        self.bar.set_count(self.count())
        self.show_index(self.count() - 1 if index is None else index)

    def _show_timelapse_basics(self) -> None:
        tl = self.timelapse
        self.stack.setCurrentWidget(self.frame)
        self.map.set_points(None, tl.map_labels)
        self.note.hide()
        self._retitle()

    def show_index(self, i: int) -> None:
        """Every view at snapshot ``i`` (cached images: cheap enough to scrub at tens of frames a second)."""
        tl = self.timelapse
        if tl is None or not tl.snapshots:
            return
        i = max(0, min(int(i), len(tl.snapshots) - 1))
        s = tl.snapshots[i]
        self.index = i
        if self.bar.index() != i:
            self.bar.slider.blockSignals(True)
            self.bar.set_index(i)
            self.bar.slider.blockSignals(False)
            self.bar.following = i >= self.bar.slider.maximum()
            self.bar.show_position()
        if self._unsupported_text():
            self.weights.set_message(self._unsupported_text())
        else:
            self.weights.set_frame(s.first_layer, s.feature_maps, tl.val_digit)
        self.confusion.set_matrix(tl.confusion(i))
        self.map.set_points(s.map_xy, tl.map_labels)
        drawing = tl.drawing_for(i) if hasattr(tl, "drawing_for") else tl.drawing
        has_probs = drawing is not None and s.drawing_probs is not None
        self.drawing.set_drawing(drawing if has_probs else None)
        self.drawing.set_probabilities(s.drawing_probs if has_probs else None)
        self._show_header(i)
        self.frameShown.emit(i)

    def _show_header(self, i: int) -> None:
        tl = self.timelapse
        s = tl.snapshots[i]
        m = tl.confusion(i)
        right = np.trace(m) / max(1, m.sum())
        text = (self.tr("Snapshot %1 of %2 · epoch %3 · right on the validation digits: %4")
                .replace("%1", str(i + 1)).replace("%2", str(len(tl.snapshots)))
                .replace("%3", f"{s.epoch:.2f}").replace("%4", f"{right:.0%}"))
        if math.isfinite(s.loss):
            text += self.tr(" · training loss %1").replace("%1", f"{s.loss:.3f}")
        if self.live:
            text = self.tr("Live: %1").replace("%1", text)
        self.header.setText(text)

    def _unsupported_text(self) -> str:
        tl = self.timelapse
        if tl is None or not tl.unsupported:
            return ""
        key = getattr(tl, "unsupported_key", None)
        if key == "dense_input":
            return self.tr("This network's first Dense layer does not read the 28x28 pixels directly, so its "
                           "weights cannot be drawn as digit-sized pictures; the other views still work.")
        if key == "first_layer":
            kind = re.search(r"\(([^)]*)\)", tl.unsupported)
            return (self.tr("This network's first layer (%1) cannot be drawn as pictures; the other views still "
                            "work.").replace("%1", kind.group(1) if kind else "?"))
        return tl.unsupported

    # -- GIF ------------------------------------------------------------------------------------------------
    def grab_frame(self, i: int) -> QImage:
        self.show_index(i)
        return self.frame.grab().toImage()

    def export_gif(self, path: str) -> bool:
        """Write the time-lapse as an animated GIF at ``path`` (atomically): the frames are grabbed now, then written
        in the background (``gif_export``); the result is said below the bar, and ``gifExported`` tells. False, with
        nothing said, when there is nothing to export or an export is running; False with a message when it could
        not start."""
        if not self.count() or self._exporting:
            return False
        shown = self.index
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the grabs hold the UI: under a second
        try:
            frames, durations = gif_frames(self.grab_frame, self.count())
        finally:
            QApplication.restoreOverrideCursor()
            self.show_index(shown)
        self._exporting = gif_export.start(path, frames, durations, self._gif_saved, self._gif_refused)
        del frames
        if not self._exporting:
            self._gif_refused(str(path), self.tr("the app is closing"))
            return False
        self.bar.set_exporting(True)
        self._note(self.tr("Writing the GIF to %1…").replace("%1", str(path)))
        return True

    def exporting(self) -> bool:
        return self._exporting

    def _gif_saved(self, path: str, frames: int) -> None:
        self._gif_ended()
        self._note(self.tr("GIF saved to %1 (%2 frames)").replace("%1", path).replace("%2", str(frames)))
        self.gifExported.emit(True)

    def _gif_refused(self, path: str, reason: str) -> None:
        self._gif_ended()
        self._note(self.tr("Could not export the GIF to %1: %2").replace("%1", path).replace("%2", reason), error=True)
        self.gifExported.emit(False)

    def _gif_ended(self) -> None:
        self._exporting = False
        self.bar.set_exporting(False)

    def _export_gif(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export time-lapse"),
                                              str(Path.home() / "learning.gif"), "GIF (*.gif)")
        if path:
            self.export_gif(path)

    def _note(self, text: str, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setStyleSheet(ERROR_STYLE if error else "")
        self.note.show()

    # -- text -----------------------------------------------------------------------------------------------
    def _show_empty(self) -> None:
        texts = {
            "idle": self.tr("Press Train to watch the network learn: its first layer, its mistakes, the map of "
                            "the digits and your drawing change as it trains."),
            "waiting": self.tr("Waiting for the first snapshot…"),
            "none": self.tr("This run has no time-lapse (it was trained before snapshots were kept, or "
                            "stopped before the first one)."),
        }
        self.message.setText(self._empty_text if self._empty_text else texts.get(self._empty_key, ""))

    def _retitle(self) -> None:
        tl = self.timelapse
        conv = tl is not None and tl.snapshots and tl.snapshots[0].feature_maps is not None
        if tl is not None and tl.snapshots and conv:
            self.titles[0].setText(self.tr("First layer: %1 kernels")
                                   .replace("%1", str(len(tl.snapshots[0].first_layer))))
        elif tl is not None and tl.snapshots and not self._unsupported_text():
            self.titles[0].setText(self.tr("First layer: %1 units as pictures")
                                   .replace("%1", str(len(tl.snapshots[0].first_layer))))
        else:
            self.titles[0].setText(self.tr("First layer"))
        n_val = len(tl.val_labels) if tl is not None else 0
        self.titles[1].setText(self.tr("Mistakes on %1 validation digits").replace("%1", f"{n_val:,}"))
        n_map = len(tl.map_labels) if tl is not None else 0
        self.titles[2].setText(self.tr("Map of %1 validation digits").replace("%1", f"{n_map:,}"))
        self.titles[3].setText(self.tr("Your drawing, as the network reads it"))

    def retranslate(self) -> None:
        self.weights.maps_caption = self.tr("What each kernel sees in this digit:")
        self.confusion.set_axis_labels(self.tr("true"), self.tr("answer"))
        self.map.set_message(self.tr("No map"))
        self.drawing.set_message(self.tr("No drawing: draw a digit in the Draw tab, and the network reads it at "
                                         "every snapshot."))
        self.bar.retranslate()
        self._retitle()
        self._show_empty()
        if self.timelapse is not None and 0 <= self.index < self.count():
            self.show_index(self.index)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

"""DrawingFeed: the current drawing (the Draw tab's, shared by every tab) sent to a running TrainWorker, so the
network being trained reads it at every snapshot. Edits are debounced: one send per pause in the drawing."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer

DEBOUNCE_MS = 300


class DrawingFeed(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.drawing = None  # ui.common.drawing.Drawing, attached by the window (duck-typed: changed, model_input)
        self.worker = None
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.push)

    def attach(self, drawing) -> None:
        if self.drawing is not None:
            try:
                self.drawing.changed.disconnect(self._changed)
            except (RuntimeError, TypeError):
                pass
        self.drawing = drawing
        if drawing is not None:
            drawing.changed.connect(self._changed)

    def current(self) -> np.ndarray | None:
        """The 28x28 image the models read now: a test sample sent from Evaluate, the strokes, or None."""
        d = self.drawing
        if d is None:
            return None
        sample = d.sample() if hasattr(d, "sample") else None
        if sample is not None:
            return np.asarray(sample[0], np.float32)
        image = d.model_input()
        return None if image is None else np.array(image, np.float32)

    def start(self, worker) -> None:
        """A run starts: it reads the current drawing from its first snapshot, and every later one."""
        self.worker = worker if hasattr(worker, "set_drawing") else None
        self.push()

    def stop(self) -> None:
        self.worker = None
        self._timer.stop()

    def _changed(self) -> None:
        if self.worker is not None:
            self._timer.start()

    def push(self) -> None:
        if self.worker is not None:
            self.worker.set_drawing(self.current())

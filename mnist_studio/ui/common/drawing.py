"""Drawing: the one current drawing, as vector strokes, shared by every canvas that shows it.

The Draw, Inside and My digits tabs can each embed a ``DrawingCanvas`` on the same ``Drawing``:
drawing on any of them changes it, and every canvas repaints. Points are stored in the canvas
square's own unit coordinates (0..1, y down), so a canvas of any size maps onto the same drawing.
``model_input()`` is the exact 28x28 array the models read (``strokes.render``), cached until the
strokes change. A 28x28 test image sent in (``set_sample``, from the Evaluate tab) is the drawing's
picture until the next stroke or clear: every canvas shows it large, and the tabs name it.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from mnist_studio.digits.strokes import render

# A drawing smaller than this (fraction of the canvas side) is scaled as if it were this large, so a
# dot or a tiny tick is shown to the models as a dot, not blown up into a blob.
MIN_EXTENT = 0.08

translate = QCoreApplication.translate  # lupdate reads the literal calls below (the Draw tab's words)


def sample_caption(sample) -> str:
    """A sent test image's name in today's language: "Test image #1901, labelled 9" (the Inside tab says it too)."""
    _, index, label = sample
    if index is None:
        return translate("DrawTab", "A test image")
    if label is None:
        return translate("DrawTab", "Test image #%1").replace("%1", str(index))
    return translate("DrawTab", "Test image #%1, labelled %2").replace("%1", str(index)).replace("%2", str(label))


class Drawing(QObject):
    """Strokes as (N, 3) arrays: x, y in 0..1 of the canvas square, pen pressure (1.0 for a mouse).

    Signals: ``changed`` after every edit (a point added, a stroke begun, clear, undo, set_strokes);
    ``strokeFinished`` when a stroke ends.
    """

    changed = Signal()
    strokeFinished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._strokes: list[list[tuple[float, float, float]]] = []
        self._open = False  # the last stroke is still being drawn
        self._epoch = 0  # bumped by edits that remove ink (clear, undo, set_strokes): views repaint all
        self._cache: np.ndarray | None = None
        self._cache_valid = False
        self._sample: tuple[np.ndarray, int | None, int | None] | None = None  # (image, index, label)

    # -- reading ----------------------------------------------------------------------------------
    def strokes(self) -> list[np.ndarray]:
        """Every stroke, the one being drawn included, as (N, 3) float arrays (copies)."""
        return [np.array(s, np.float64).reshape(-1, 3) for s in self._strokes]

    def points(self, index: int) -> list[tuple[float, float, float]]:
        """Stroke ``index``'s points (the live list: views read it, only the Drawing edits it)."""
        return self._strokes[index]

    def count(self) -> int:
        """Number of strokes, the one being drawn included."""
        return len(self._strokes)

    def stroke_count(self) -> int:
        """Number of finished strokes."""
        return len(self._strokes) - (1 if self._open else 0)

    def is_drawing(self) -> bool:
        return self._open

    def epoch(self) -> int:
        return self._epoch

    def is_blank(self) -> bool:
        return not self._strokes

    def model_input(self) -> np.ndarray | None:
        """The (28, 28) float32 image the models read, or ``None`` when blank (cached)."""
        if not self._cache_valid:
            self._cache = render(self._strokes, min_extent=MIN_EXTENT) if self._strokes else None
            if self._cache is not None:
                self._cache.setflags(write=False)  # shared by every reader: nobody may edit it
            self._cache_valid = True
        return self._cache

    def sample(self) -> tuple[np.ndarray, int | None, int | None] | None:
        """The test image shown instead of strokes: (28x28 float32 image, test index, label), or None."""
        return self._sample

    # -- editing ----------------------------------------------------------------------------------
    def set_sample(self, image28, index: int | None = None, label: int | None = None) -> None:
        """Show a 28x28 image in [0, 1] (e.g. MNIST test image ``index`` labelled ``label``) instead of strokes."""
        image = np.array(image28, np.float32).reshape(28, 28)
        image.setflags(write=False)
        self._strokes.clear()
        self._open = False
        self._sample = (image, None if index is None else int(index), None if label is None else int(label))
        self._epoch += 1
        self._touch()

    def begin_stroke(self, x: float, y: float, pressure: float = 1.0) -> None:
        if self._sample is not None:  # the student draws: the test image makes way
            self._sample = None
            self._epoch += 1
        if self._open:
            self._finish(emit=True)
        self._strokes.append([self._point(x, y, pressure)])
        self._open = True
        self._touch()

    def extend_stroke(self, x: float, y: float, pressure: float = 1.0) -> None:
        if not self._open:
            return
        self._strokes[-1].append(self._point(x, y, pressure))
        self._touch()

    def end_stroke(self) -> None:
        if self._open:
            self._finish(emit=True)

    def clear(self) -> None:
        self._sample = None
        self._strokes.clear()
        self._open = False
        self._epoch += 1
        self._touch()

    def undo(self) -> None:
        """Drop the stroke being drawn, else the last finished one; nothing to undo does nothing."""
        if not self._strokes:
            return
        self._strokes.pop()
        self._open = False
        self._epoch += 1
        self._touch()

    def set_strokes(self, strokes) -> None:
        """Replace the drawing: a list of (N, 2) or (N, 3) arrays in unit coordinates."""
        new = []
        for s in strokes:
            arr = np.asarray(s, np.float64)
            if arr.size == 0:
                continue
            if arr.ndim != 2 or arr.shape[1] not in (2, 3) or not np.isfinite(arr).all():
                raise ValueError(f"a stroke must be a finite (N, 2) or (N, 3) array, got shape {arr.shape}")
            if arr.shape[1] == 2:
                arr = np.column_stack([arr, np.ones(len(arr))])
            new.append([self._point(*row) for row in arr])
        self._strokes = new
        self._sample = None
        self._open = False
        self._epoch += 1
        self._touch()

    # -- internals --------------------------------------------------------------------------------
    @staticmethod
    def _point(x: float, y: float, pressure: float) -> tuple[float, float, float]:
        # Ink beyond the canvas edge is not seen, so the models do not see it either.
        return (min(max(float(x), 0.0), 1.0), min(max(float(y), 0.0), 1.0), min(max(float(pressure), 0.0), 1.0))

    def _finish(self, emit: bool) -> None:
        self._open = False
        if emit:
            self.strokeFinished.emit()

    def _touch(self) -> None:
        self._cache_valid = False
        self.changed.emit()

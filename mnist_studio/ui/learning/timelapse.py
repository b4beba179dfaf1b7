"""The time-lapse controls: a slider over a run's snapshots, Play/Pause, the position, and "Export GIF…"
(Pillow writes the animated GIF from QWidget.grab frames, ``gif_frames`` on the UI thread, ``save_gif`` on any;
the file is written atomically)."""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSlider, QWidget

PLAY_SECONDS = 6.0  # Play runs through a whole time-lapse in about this long
GIF_MAX_FRAMES = 120
GIF_MAX_WIDTH = 960  # a slide's width: the GIF stays a few MB at most


class TimelapseBar(QWidget):
    """A slider over the snapshots (it follows the newest while a run streams them, until moved back), Play/Pause
    and the GIF export button. ``indexChanged(i)`` whenever the shown snapshot should change."""

    indexChanged = Signal(int)
    exportRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timelapseBar")
        self.play_button = QPushButton(objectName="timelapsePlay")
        self.play_button.setCheckable(True)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="timelapseSlider")
        self.slider.setRange(0, 0)
        self.slider.setPageStep(5)
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.position = QLabel(objectName="timelapsePosition")
        self.export_button = QPushButton(objectName="exportGifButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.play_button)
        row.addWidget(self.slider, 1)
        row.addWidget(self.position)
        row.addWidget(self.export_button)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.following = True  # the slider sits at the newest snapshot and stays there as more arrive
        self._live = False
        self._exporting = False  # a GIF is being written: one export at a time
        self._count = 0  # snapshots to scrub
        self.slider.valueChanged.connect(self._moved)
        self.play_button.toggled.connect(self._play_toggled)
        self.export_button.clicked.connect(self.exportRequested)
        self.set_count(0)
        self.retranslate()

    def count(self) -> int:
        return self._count  # (not the slider's enabled state: a disabled parent would make it read 0)

    def set_count(self, n: int, live: bool = False) -> None:
        """``n`` snapshots to scrub; while ``live`` Play and the export wait for the run to end."""
        at_end = self.following or self.slider.value() >= self.slider.maximum()
        self._count = max(0, int(n))
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, n - 1))
        self.slider.setEnabled(n > 0)
        if at_end:
            self.slider.setValue(max(0, n - 1))
        self.slider.blockSignals(False)
        self.following = at_end
        self._live = live
        self.play_button.setEnabled(n > 1 and not live)
        self._enable_export()
        if live or n <= 1:
            self.pause()
        self.show_position()

    def set_exporting(self, exporting: bool) -> None:
        """A GIF is being written (the button waits for it)."""
        self._exporting = exporting
        self._enable_export()

    def _enable_export(self) -> None:
        self.export_button.setEnabled(self.count() > 0 and not self._live and not self._exporting)

    def set_index(self, i: int) -> None:
        self.slider.setValue(i)

    def index(self) -> int:
        return self.slider.value()

    def show_position(self) -> None:
        n = self.count()
        self.position.setText(f"{self.slider.value() + 1} / {n}" if n else "– / –")
        widest = self.position.fontMetrics().horizontalAdvance(f"{n} / {n}" if n else "– / –")
        if self.position.minimumWidth() != widest + 6:
            self.position.setMinimumWidth(widest + 6)  # the numbers never clipped, the slider keeps still

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self.show_position()

    def _moved(self, value: int) -> None:
        self.following = value >= self.slider.maximum()
        self.show_position()
        self.indexChanged.emit(value)

    # -- play -----------------------------------------------------------------------------------------------
    def is_playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def _play_toggled(self, on: bool) -> None:
        if on and self.count() > 1:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)  # from the start again
            self.timer.start(max(40, min(400, int(1000 * PLAY_SECONDS / self.count()))))
        else:
            self.timer.stop()
            if self.play_button.isChecked():
                self.play_button.setChecked(False)
        self.retranslate()

    def _tick(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.pause()
            return
        self.slider.setValue(self.slider.value() + 1)

    def retranslate(self) -> None:
        self.play_button.setText(self.tr("Pause") if self.play_button.isChecked() else self.tr("Play"))
        self.play_button.setToolTip(self.tr("Replay the run snapshot by snapshot"))
        self.slider.setToolTip(self.tr("Drag to move through the run's snapshots"))
        self.export_button.setText(self.tr("Export GIF…"))
        self.export_button.setToolTip(self.tr("Save the time-lapse as an animated GIF for slides"))


def qimage_to_pil(image: QImage):
    """A QImage as an RGB Pillow image (a copy)."""
    from PIL import Image

    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    data = bytes(rgba.constBits())[: rgba.sizeInBytes()]
    return Image.frombuffer("RGBA", (rgba.width(), rgba.height()), data, "raw", "RGBA",
                            rgba.bytesPerLine(), 1).convert("RGB")


def gif_frames(grab_frame, count: int, frame_ms: int = 150, hold_ms: int = 1500) -> tuple[list, list[int]]:
    """UI thread: grab ``count`` frames (``grab_frame(i) -> QImage``, at most GIF_MAX_FRAMES spread over the run,
    first and last kept) and their durations (the last frame held). Nothing else is done here: ``save_gif``
    scales and encodes them on any thread (a QImage may cross threads)."""
    if count <= 0:
        raise ValueError("no snapshots to export")
    if count > GIF_MAX_FRAMES:
        step = (count - 1) / (GIF_MAX_FRAMES - 1)
        indices = sorted({round(k * step) for k in range(GIF_MAX_FRAMES)})
    else:
        indices = list(range(count))
    frames = [grab_frame(i) for i in indices]
    durations = [frame_ms] * len(frames)
    durations[-1] = hold_ms
    if len(frames) == 1:
        frames.append(frames[0].copy())  # still an animation: one frame shown, then held
        durations = [frame_ms, hold_ms]
    return frames, durations


def save_gif(path, frames: list, durations) -> int:
    """Any thread: encode ``frames`` (``gif_frames``' QImages; the list is emptied as each is encoded, so that a
    frame's pixels go once it has its palette) as a looping animated GIF at ``path``, atomically. Returns frames."""
    from PIL import Image

    from mnist_studio.storage.runs import atomic_write_bytes

    paletted = []
    while frames:
        image = frames.pop(0)
        if image.width() > GIF_MAX_WIDTH:
            image = image.scaledToWidth(GIF_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
        paletted.append(qimage_to_pil(image).quantize(colors=255, method=Image.Quantize.MEDIANCUT))
        del image
    buf = io.BytesIO()
    paletted[0].save(buf, format="GIF", save_all=True, append_images=paletted[1:], duration=list(durations),
                     loop=0, optimize=False, disposal=1)
    atomic_write_bytes(Path(path), buf.getvalue())
    return len(paletted)

"""What every screenshot script shares: a virtual screen of the projector's size, a private home folder, the real
main window shown at that size, and two ways to let it work (wait for a signal, settle posted events); and the
palette PNG writer. Used by screenshots.py, learning_screenshots.py and class_screenshots.py."""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def use_screen(width: int, height: int) -> None:
    """A virtual screen of the projector's size, so full-screen projector mode is that size (offscreen Qt)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").startswith("offscreen"):
        screen = Path(tempfile.mkdtemp()) / "screen.json"
        screen.write_text(json.dumps({"screens": [{"name": "projector", "x": 0, "y": 0, "width": width,
                                                   "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
                                                   "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen}"


def save_small(image, path: Path) -> None:
    """A QImage as a palette PNG (a quarter of the RGB size for these flat UI pictures)."""
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


@dataclass
class ShotWindow:
    app: object
    window: object
    home: str

    def wait(self, signal, ms: int = 120000) -> None:
        """Run the event loop until ``signal`` fires (or ``ms`` pass)."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        signal.connect(loop.quit)
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def settle(self) -> None:
        """Let posted events and repaints through."""
        from PySide6.QtWidgets import QApplication

        for _ in range(3):
            QApplication.sendPostedEvents()
            self.app.processEvents()


def open_window(width: int, height: int, prefix: str, **window_kwargs) -> ShotWindow:
    """The app in a fresh private home (``MNIST_STUDIO_HOME``) on a ``width`` x ``height`` screen: its main
    window, English, resized to the screen and shown. ``window_kwargs`` go to MainWindow (e.g. model_sources)."""
    use_screen(width, height)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    home = tempfile.mkdtemp(prefix=prefix)
    os.environ["MNIST_STUDIO_HOME"] = home
    sys.path.insert(0, str(ROOT / "tests"))  # the stroke replayer (tests/strokes.py)

    from PySide6.QtCore import QSettings

    from mnist_studio.ui.app import make_app
    from mnist_studio.ui.main_window import MainWindow

    app = make_app()
    settings = QSettings(str(Path(home) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, language="en", **window_kwargs)
    window.resize(width, height)
    window.show()
    return ShotWindow(app, window, home)

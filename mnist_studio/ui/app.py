"""Start-up: QApplication, theme and language, the window first, TensorFlow after the first paint."""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()


def make_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("MNIST Studio")
    app.setOrganizationName("MNIST Studio")
    app.setOrganizationDomain("mnist-studio.invalid")
    return app


def run_app(projector: bool = False, lang: str | None = None) -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    app = make_app()
    from mnist_studio.ui.main_window import MainWindow

    window = MainWindow(language=lang)
    window.resize(1280, 800)
    window.restore_geometry()
    if projector:
        window.set_projector_mode(True)
    window.show()
    window.start_background_work()  # TensorFlow is imported only now, off the UI thread
    return app.exec()

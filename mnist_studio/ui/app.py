"""Start-up: system checks, QApplication, fonts, theme and language, the window; TensorFlow much later.

Order matters for the first drawn digit (goal: read by both models <= 1.5 s after process start, with
TensorFlow not imported by then): the models are read from their ``.keras`` archives with numpy when the
window shows; TensorFlow is imported on a thread ``PRELOAD_DELAY_S`` later (or as soon as the Train tab
opens, or an evaluation needs it), with its start-up log filtered.
"""

from __future__ import annotations

import os
import sys
import time

START = time.perf_counter()
PRELOAD_DELAY_S = 3.0  # after the window shows: TensorFlow's import must not slow the first strokes


def check_system() -> str | None:
    """A message for the user when Qt cannot open a window here (no display, missing xcb libraries), else None."""
    from mnist_studio.runtime.startup_checks import missing_xcb_packages, no_display_message, xcb_message

    problem = no_display_message()
    if problem is not None:
        return problem
    packages = missing_xcb_packages()
    return xcb_message(packages) if packages else None


def make_app(argv: list[str] | None = None):
    from mnist_studio.runtime.backend import quiet_tensorflow_env

    quiet_tensorflow_env()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("MNIST Studio")
    app.setOrganizationName("MNIST Studio")
    app.setOrganizationDomain("mnist-studio.invalid")
    from mnist_studio.ui.look.theme import register_fonts

    register_fonts()
    return app


def run_app(projector: bool = False, lang: str | None = None) -> int:
    problem = check_system()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 3
    app = make_app()
    window = open_window(projector, lang)  # noqa: F841 - kept alive by this frame while the loop runs
    return app.exec()


def open_window(projector: bool = False, lang: str | None = None, preload_delay_s: float = PRELOAD_DELAY_S):
    """Everything ``run_app`` does between the QApplication and its event loop: the saved backend (before
    anything imports Keras), the window with its saved look, the probe for end-to-end tests, the background
    start-up. Tests of the real start-up path call this."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    from mnist_studio.runtime import heap

    heap.limit_arenas()  # before the job threads start: see heap.py
    from PySide6.QtCore import QSettings

    from mnist_studio.ui.backend_choice import apply_saved
    from mnist_studio.ui.main_window import MainWindow

    backend_problem = apply_saved(QSettings())  # the worker process inherits the choice
    from mnist_studio.runtime import backend

    backend.forbid_keras("Keras runs in the worker process, never in the window")
    window = MainWindow(language=lang)
    if backend_problem:
        window.statusBar().showMessage(backend_problem, 15000)
    window.resize(1280, 800)
    window.restore_geometry()
    if projector or window.saved_projector_mode():  # the teacher's set-up from before class comes back
        window.set_projector_mode(True)
    window.show()
    if os.environ.get("MNIST_STUDIO_PROBE"):  # end-to-end tests read the app's state from this file
        from mnist_studio.ui.probe import install

        install(window, os.environ["MNIST_STUDIO_PROBE"])
    window.start_background_work(preload_delay_s)  # archives now (numpy); Keras later, off the UI thread
    return window

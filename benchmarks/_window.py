"""The main window as the app runs it, for the benchmarks that drive it: Keras kept out of the window's process
(``backend.forbid_keras``), glibc's arenas limited (as ``app.open_window`` does), 1280x800, shown, background work
started, returned once the models are ready."""

from __future__ import annotations

import tempfile


def ready_window(home: str | None = None, store=None, keras_out: bool = True, **window_kwargs):
    """``(app, window)``: a QApplication (made if none) and a MainWindow with its settings in ``home`` (a fresh
    temporary folder by default) and its runs in ``store`` (``home``/runs by default)."""
    from PySide6.QtCore import QEventLoop, QSettings

    from mnist_studio.runtime import backend, heap
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.app import make_app
    from mnist_studio.ui.main_window import MainWindow

    if keras_out:
        backend.forbid_keras("the window keeps Keras in its worker process")
        heap.limit_arenas()
    app = make_app()
    home = home or tempfile.mkdtemp()
    window = MainWindow(settings=QSettings(f"{home}/s.ini", QSettings.Format.IniFormat),
                        store=store if store is not None else RunStore(f"{home}/runs"), **window_kwargs)
    window.resize(1280, 800)
    window.show()
    loop = QEventLoop()
    window.modelsReady.connect(loop.quit)
    window.start_background_work()
    loop.exec()
    return app, window

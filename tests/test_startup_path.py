"""The real start-up and exit path, each in a fresh interpreter (Keras picks its backend once per process, and
an abort at exit only shows in the exit status): the saved Backend setting applies, Keras is imported by one
thread while another asks for it, and a program that never closes its window still exits cleanly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(script: str, tmp_path, timeout: int = 240, **env_extra) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "KERAS_BACKEND"}
    env.update(QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
               MNIST_STUDIO_HOME=str(tmp_path / "home"), PYTHONPATH=ROOT, **env_extra)
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=str(tmp_path))


@pytest.mark.skipif(__import__("importlib").util.find_spec("jax") is None, reason="JAX is not installed")
def test_the_saved_backend_applies_on_the_real_start_up_path(tmp_path):
    """make_app used to set KERAS_BACKEND=tensorflow before the saved setting was read, which then never applied."""
    out = _run("""
        from PySide6.QtCore import QSettings, QTimer
        from mnist_studio.ui.app import make_app, open_window
        app = make_app([])
        QSettings().setValue("backend", "jax"); QSettings().sync()
        window = open_window(preload_delay_s=0)
        from mnist_studio.runtime import backend
        print("CONFIGURED", backend.current(), flush=True)
        def done():
            print("RUNNING", backend.current(), flush=True)
            print("DEVICE", window.device_status.text(), flush=True)
            window.close()
        window.modelsReady.connect(done)
        QTimer.singleShot(200000, app.quit)
        app.exec()
    """, tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "CONFIGURED jax" in out.stdout
    assert "RUNNING jax" in out.stdout
    assert "DEVICE JAX · " in out.stdout


def test_keras_imported_by_one_thread_while_another_asks_for_it(tmp_path):
    """A Train click while the preload imported Keras failed with "partially initialized module 'keras'"."""
    out = _run("""
        import sys, threading
        from mnist_studio.runtime import backend
        errors = []
        def ask():
            while "keras" not in sys.modules:  # the other thread's import has started
                pass
            try:
                keras = backend.keras
                keras.backend.backend(); keras.layers.Dense; backend.current(); backend.devices()
            except Exception as exc:
                errors.append(repr(exc))
        asker = threading.Thread(target=ask); asker.start()
        importer = threading.Thread(target=lambda: backend.keras); importer.start()
        importer.join(); asker.join()
        print("ERRORS", errors)
    """, tmp_path)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "ERRORS []" in out.stdout, out.stdout


@pytest.mark.parametrize("loop", ["never", "quit"])
def test_a_window_never_closed_does_not_abort_at_exit(tmp_path, loop):
    """Background work running when the program ends: no "QThread: Destroyed while thread is still running"."""
    out = _run(f"""
        from PySide6.QtCore import QTimer
        from mnist_studio.ui.app import make_app
        from mnist_studio.ui.main_window import MainWindow
        app = make_app([])
        window = MainWindow()
        window.show()
        window.start_background_work(0)
        if "{loop}" == "quit":
            QTimer.singleShot(300, app.quit)
            app.exec()
        else:
            for _ in range(30):
                app.processEvents()
        print("LOADER", window.loader() is not None and window.loader().isRunning(), flush=True)
    """, tmp_path)
    assert "QThread: Destroyed" not in out.stderr, out.stderr[-3000:]
    assert out.returncode == 0, out.stderr[-3000:]
    if loop == "never":
        assert "LOADER True" in out.stdout  # the thread really was running when the program ended


def test_the_window_never_imports_keras_while_it_draws_trains_and_evaluates(tmp_path):
    """Keras (and its backend) lives in the worker process: the window draws, trains and evaluates without it."""
    out = _run("""
        import json, sys
        from PySide6.QtCore import QTimer
        from mnist_studio.ui.app import make_app, open_window
        app = make_app([])
        window = open_window(preload_delay_s=0)
        tab = window.train_tab
        state = {}
        def evaluated(*_):
            state["evaluated"] = window.evaluate_tab.result().accuracy
            state["modules"] = sorted(m for m in ("tensorflow", "keras", "jax", "torch") if m in sys.modules)
            state["class_server"] = "aiohttp" in sys.modules  # imported only when a class opens
            window.close()
        def trained(run):
            state["trained"] = run.result.status, run.result.evaluation.accuracy, run.predictor.name
            window.evaluate_tab.evaluated.connect(evaluated)
            window.tabs.setCurrentIndex(2)
            window.evaluate_tab.evaluate_current(force=True)
        def ready():
            window.tabs.setCurrentIndex(1)
            tab.set_preset("mlp-seed-256")
            tab.form.epochs_spin.setValue(1)
            tab.form.subset_combo.setCurrentText("1,000")
            tab.trained.connect(trained)
            assert tab.start()
        window.modelsReady.connect(ready)
        QTimer.singleShot(300000, app.quit)
        app.exec()
        print("STATE", json.dumps(state))
    """, tmp_path, timeout=400)
    assert out.returncode == 0, out.stderr[-3000:]
    state = json.loads(out.stdout.split("STATE ", 1)[1])
    assert state["trained"][0] == "completed" and state["trained"][1] > 0.7
    assert state["evaluated"] > 0.7
    assert state["modules"] == []
    assert state["class_server"] is False

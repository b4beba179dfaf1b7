"""The Keras backend setting: listed from what is installed, kept in QSettings, applied at the next start."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from mnist_studio.runtime import backend
from mnist_studio.ui.backend_choice import SETTING, BackendChoice, apply_saved


def _settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_lists_installed_backends_and_keeps_the_choice(qtbot, tmp_path):
    settings = _settings(tmp_path)
    choice = BackendChoice(settings)
    qtbot.addWidget(choice)
    names = [choice.box.itemData(i) for i in range(choice.box.count())]
    assert names == backend.installed()
    assert choice.box.currentData() == backend.current()
    with qtbot.waitSignal(choice.chosen) as blocker:
        choice.box.activated.emit(0)
    assert blocker.args == [names[0]]
    assert settings.value(SETTING) == names[0]
    assert "no restart needed" in choice.message_for(backend.current())


def test_a_saved_backend_that_cannot_run_says_why(tmp_path, monkeypatch):
    monkeypatch.delenv("KERAS_BACKEND", raising=False)
    settings = _settings(tmp_path)
    settings.setValue(SETTING, "no-such-backend")
    assert "unknown backend" in apply_saved(settings)
    missing = next((b for b in backend.BACKENDS if b not in backend.installed()), None)
    if missing is not None:  # not installed here, or Keras already runs on another backend: both say so
        settings.setValue(SETTING, missing)
        message = apply_saved(settings)
        assert message and backend.label(missing) in message


def test_the_environment_wins_over_the_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    settings = _settings(tmp_path)
    settings.setValue(SETTING, "no-such-backend")
    assert apply_saved(settings) is None


def test_device_line_names_the_backend(make_window):
    window = make_window()
    window.device_status.set_device(backend.DeviceInfo("CPU", "Test CPU", "/CPU:0", "this build has no CUDA support",
                                                       backend="tensorflow"))
    assert window.device_status.text().startswith("TensorFlow · ")
    assert "no CUDA support" in window.device_status.text()
    window.device_status.set_problem("Keras could not start: JAX is not installed")
    assert window.device_status.text() == "Keras could not start: JAX is not installed"


@pytest.mark.skipif(__import__("importlib").util.find_spec("jax") is None, reason="JAX is not installed")
def test_picking_another_backend_applies_at_once_in_the_running_window(qtbot, make_window, monkeypatch):
    """Keras lives in the worker process: picking JAX replaces the worker, no restart of the app."""
    from mnist_studio.worker import client as worker_client

    worker = worker_client.KerasWorker(backend="tensorflow")
    monkeypatch.setattr(worker_client, "_SHARED", worker)
    window = make_window()
    box = window.backend_choice.box
    box.setCurrentIndex(box.findData("jax"))
    box.activated.emit(box.currentIndex())
    assert "no restart" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.device_status.text().startswith("JAX · "), timeout=120000)
    assert worker.backend == "jax" and worker.info()["backend"] == "jax"
    worker.shutdown()

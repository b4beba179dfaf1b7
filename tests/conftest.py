"""Shared fixtures. Qt runs offscreen; runs and settings go to a temporary folder."""

from __future__ import annotations

import os
import tempfile

_SCREEN = os.path.join(tempfile.mkdtemp(prefix="mnist-studio-qpa-"), "offscreen.json")
with open(_SCREEN, "w") as _fh:  # a 1920x1080 virtual screen, so full-screen projector mode is realistic
    _fh.write('{"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1920, "height": 1080, '
              '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["MNIST_STUDIO_HOME"] = tempfile.mkdtemp(prefix="mnist-studio-test-home-")
os.environ["MNIST_STUDIO_CLASS_HOSTS"] = "127.0.0.1"  # nothing a test clicks opens the class on the network
os.environ["MNIST_STUDIO_CLASS_PORT"] = "0"  # any free port: test processes run side by side (and the e2e apps)
# The app's Keras worker yields the CPU to the window (nice +5); the suite's workers keep the test's priority, so
# a loaded CI machine does not slow every worker-backed test (test_keras_worker checks the app's setting).
os.environ.setdefault("MNIST_STUDIO_WORKER_NICE", "0")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

MAX_TEST_PROCESSES = 4  # each holds Qt, TensorFlow and its Keras workers: ~1 GB; more would not pay on a laptop


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config):
    """``-n auto`` (pyproject's addopts): one test process per core this process may use, at most
    ``MAX_TEST_PROCESSES`` and no more than the test files named; ``PYTEST_XDIST_AUTO_NUM_WORKERS`` decides
    where set. One comes out as 0: the tests run in this process, without a worker to start."""
    chosen = os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS", "").strip()
    if chosen.isdigit():
        return int(chosen)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    n = min(MAX_TEST_PROCESSES, usable)
    files = {str(arg).split("::")[0] for arg in config.args}
    if files and all(f.endswith(".py") for f in files):  # named files: each runs in one process (loadfile)
        n = min(n, len(files))
    return n if n > 1 else 0


@pytest.fixture(scope="session")
def mnist():
    from mnist_studio.digits.data import load_mnist

    return load_mnist()


@pytest.fixture(scope="session")
def small_data(mnist):
    """2,000 training and 500 test images: enough for a real model to learn something."""
    (x_train, y_train), (x_test, y_test) = mnist
    return (x_train[:2000], y_train[:2000]), (x_test[:500], y_test[:500])


@pytest.fixture()
def home(tmp_path, monkeypatch):
    """A private user data dir for one test."""
    monkeypatch.setenv("MNIST_STUDIO_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture(scope="session")
def trained_mlp(small_data):
    """A real MLP trained for one epoch on the small slice (shared, read-only)."""
    from mnist_studio.networks.training import TrainConfig, Trainer

    return Trainer(TrainConfig(preset="mlp-seed-256", epochs=1), data=small_data).run()


def draw_digit(size=280, pen=22, height=200, digit="7", offset=(0, 0), invert=False):
    """Render a simple stroke digit with Pillow (for preprocessing tests)."""
    from PIL import Image, ImageDraw

    im = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(im)
    cx, cy = size / 2 + offset[0], size / 2 + offset[1]
    r = height / 2
    if digit == "7":
        pts = [(cx - r * 0.5, cy - r), (cx + r * 0.5, cy - r), (cx - r * 0.2, cy + r)]
        d.line(pts, fill=255, width=pen, joint="curve")
    elif digit == "1":
        d.line([(cx, cy - r), (cx, cy + r)], fill=255, width=pen)
    elif digit == "0":
        d.ellipse([cx - r * 0.6, cy - r, cx + r * 0.6, cy + r], outline=255, width=pen)
    arr = np.asarray(im)
    return 255 - arr if invert else arr


@pytest.fixture(scope="session")
def shipped():
    """The shipped models, loaded once for all UI tests."""
    from mnist_studio.prediction.inference import Predictor

    return {"mlp": Predictor.load("mlp"), "cnn": Predictor.load("cnn")}


@pytest.fixture()
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture()
def make_window(qtbot, tmp_path, settings, small_data, mnist, shipped):
    """A MainWindow on private settings and runs, with the shipped models handed in (no loader)."""
    from mnist_studio.storage.runs import RunStore
    from mnist_studio.ui.main_window import MainWindow

    def make(with_models=True, **kwargs):
        kwargs.setdefault("settings", settings)
        kwargs.setdefault("store", RunStore(tmp_path / "runs"))
        kwargs.setdefault("train_data", small_data)
        kwargs.setdefault("test_data", mnist[1])
        kwargs.setdefault("model_sources", {})
        kwargs.setdefault("language", "en")
        window = MainWindow(**kwargs)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        if with_models:
            for key in ("mlp", "cnn"):
                window.draw_tab.set_predictor(key, shipped[key], key.upper())
                window.evaluate_tab.set_predictor(f"shipped:{key}", shipped[key])
            from mnist_studio.runtime import backend

            window.train_tab.set_tf_ready(backend.devices())
        return window

    return make


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """The translator is application-wide: a test that ends in Korean (the monkey switches at random) must not
    leave the next test's widgets in Korean."""
    yield
    import sys

    if "PySide6.QtWidgets" not in sys.modules:  # a core test (the JAX run has no Qt at all)
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        from mnist_studio.ui.look.i18n import Translations

        if Translations().translator is not None:
            Translations().install("en")

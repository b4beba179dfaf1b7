"""Shared fixtures. Qt runs offscreen; runs and settings go to a temporary folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["MNIST_STUDIO_HOME"] = tempfile.mkdtemp(prefix="mnist-studio-test-home-")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def mnist():
    from mnist_studio.data import load_mnist

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
    from mnist_studio.training import TrainConfig, Trainer

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

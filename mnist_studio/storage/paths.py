"""Where the project's files live: shipped resources and the user's data directory."""

from __future__ import annotations

import os
from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent  # the mnist_studio package (this file is in storage/)


def resources_dir() -> Path:
    """The shipped resources: ``resources/`` in a checkout, ``mnist_studio/_resources`` in a wheel."""
    for candidate in (_PKG / "_resources", _PKG.parent / "resources"):
        if (candidate / "mnist.npz").exists() or (candidate / "models").is_dir():
            return candidate
    return _PKG.parent / "resources"


def user_data_dir() -> Path:
    """Runs and settings: ``$MNIST_STUDIO_HOME`` or the platform's user data dir."""
    override = os.environ.get("MNIST_STUDIO_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("mnist-studio", appauthor=False)


def shipped_model_path(name: str) -> Path:
    return resources_dir() / "models" / f"{name}.keras"

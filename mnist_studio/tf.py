"""TensorFlow for the TensorFlow adapter in ``backend`` (and older callers). Import lazily, inside functions.

New code imports Keras with ``from mnist_studio.backend import keras``, which works on any backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from mnist_studio.startup_checks import quiet_native_stderr  # noqa: E402

with quiet_native_stderr():  # "failed call to cuInit" on a GPU-less machine is not an error
    import keras  # noqa: E402
    import tensorflow as tf  # noqa: E402

__all__ = ["keras", "tf"]

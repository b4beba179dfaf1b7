"""TensorFlow for the TensorFlow adapter in ``backend`` (and older callers). Import lazily, inside functions.

New code imports Keras with ``from mnist_studio.backend import keras``, which works on any backend.
"""

from __future__ import annotations

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import tensorflow as tf  # noqa: E402

__all__ = ["keras", "tf"]

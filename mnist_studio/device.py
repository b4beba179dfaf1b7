"""Which devices the current Keras backend sees, in words a teacher can read.

Kept for callers that predate ``backend``; the listing itself lives in ``mnist_studio.backend``.
"""

from __future__ import annotations

from mnist_studio.backend import DeviceInfo, cpu_name

__all__ = ["DeviceInfo", "available", "cpu_name", "default"]


def available() -> tuple[DeviceInfo, ...]:
    """All devices of the current backend, GPUs first (turns on GPU memory growth on TensorFlow)."""
    from mnist_studio import backend

    return backend.devices()


def default() -> DeviceInfo:
    return available()[0]

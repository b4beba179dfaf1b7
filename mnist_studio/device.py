"""Which devices TensorFlow sees, in words a teacher can read."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class DeviceInfo:
    kind: str  # "GPU" or "CPU"
    name: str  # human-readable
    tf_name: str  # e.g. "/GPU:0"
    reason: str = ""  # why there is no GPU, when kind == "CPU"

    @property
    def label(self) -> str:
        if self.kind == "GPU":
            return f"GPU — {self.name}"
        return f"CPU — no GPU found ({self.reason})" if self.reason else "CPU — no GPU found"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


@lru_cache(maxsize=1)
def available() -> tuple[DeviceInfo, ...]:
    """All devices, GPUs first. Turns on GPU memory growth (must run before the GPU is used)."""
    from mnist_studio.tf import tf

    gpus = tf.config.list_physical_devices("GPU")
    devices = []
    for i, gpu in enumerate(gpus):
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError:
            pass  # already initialised: growth was set earlier or cannot change now
        try:
            name = tf.config.experimental.get_device_details(gpu).get("device_name", gpu.name)
        except (RuntimeError, ValueError):
            name = gpu.name
        devices.append(DeviceInfo("GPU", name, f"/GPU:{i}"))
    reason = ""
    if not gpus:
        if not tf.test.is_built_with_cuda():
            reason = "this TensorFlow build has no CUDA support"
        else:
            reason = "no CUDA driver or GPU detected"
    devices.append(DeviceInfo("CPU", cpu_name(), "/CPU:0", reason))
    return tuple(devices)


def default() -> DeviceInfo:
    return available()[0]

"""The one adapter for what differs between Keras backends (TensorFlow, JAX, PyTorch).

Everything else in the core is written against Keras 3 (``keras.ops``, ``PyDataset``, callbacks) and
runs on any backend. Here: which backends are installed, choosing one before Keras is imported, the
devices in words a teacher can read, out-of-memory detection, releasing a finished model's memory
and device placement. Importing this module imports no framework; ``from mnist_studio.runtime.backend import
keras`` imports Keras (and its backend) on first use.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import json
import os
import platform
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mnist_studio.runtime import locks
from mnist_studio.runtime.quiet_stderr import quiet_native_stderr

BACKENDS = ("tensorflow", "jax", "torch")
LABELS = {"tensorflow": "TensorFlow", "jax": "JAX", "torch": "PyTorch"}
DEFAULT = "tensorflow"
_INSTALL = {"tensorflow": "pip install tensorflow", "jax": 'pip install "jax[cpu]" (or "jax[cuda12]")',
            "torch": "pip install torch"}


class BackendError(RuntimeError):
    """A backend that cannot be used now; the message says why and what to do."""


def installed() -> list[str]:
    """The backends whose packages are installed (found, not imported), in ``BACKENDS`` order."""
    return [name for name in BACKENDS if _spec(name)]


def _spec(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _configured() -> str:
    """The backend Keras will pick when imported: ``$KERAS_BACKEND``, then ``~/.keras/keras.json``."""
    name = os.environ.get("KERAS_BACKEND")
    if name:
        return name
    keras_home = Path(os.environ.get("KERAS_HOME") or Path.home() / ".keras")
    try:
        name = json.loads((keras_home / "keras.json").read_text()).get("backend")
    except (OSError, ValueError, AttributeError):
        name = None
    return name if name in BACKENDS else DEFAULT


def current() -> str:
    """The backend in use (or the one Keras will use once imported; also while another thread imports it)."""
    if _KERAS is not None:
        return _KERAS.backend.backend()
    return _configured()


def label(name: str | None = None) -> str:
    name = name or current()
    return LABELS.get(name, name)


def select(name: str) -> None:
    """Use ``name`` for this process. Must run before Keras is imported; raises ``BackendError``."""
    if name not in BACKENDS:
        raise BackendError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if "keras" in sys.modules:  # imported, or being imported by another thread: its backend is chosen
        running = current()
        if running != name:
            raise BackendError(f"Keras is already running on {label(running)} in this process; "
                               f"restart to use {label(name)}")
        return
    if name not in installed():
        have = ", ".join(label(b) for b in installed()) or "none"
        raise BackendError(f"{label(name)} is not installed ({_INSTALL[name]}); installed backends: {have}")
    os.environ["KERAS_BACKEND"] = name


_KERAS = None  # the Keras module once its import has *finished* (sys.modules has it from the import's start)
_IMPORT_LOCK = threading.Lock()
_FORBIDDEN: str | None = None  # why Keras may not be imported in this process (the app's window)


def forbid_keras(reason: str) -> None:
    """From now on, importing Keras here raises ``BackendError(reason)``: the app's window process keeps Keras
    (and TensorFlow, JAX, PyTorch) in its worker process, and this makes a slip loud instead of slow."""
    global _FORBIDDEN
    _FORBIDDEN = reason


def keras_allowed() -> bool:
    """False in a process that keeps Keras out (``forbid_keras``): use the numpy path there."""
    return _FORBIDDEN is None or _KERAS is not None


def _import_keras():
    """Import Keras once, on one thread; a second thread asking meanwhile waits for the whole import.

    Python puts a module in ``sys.modules`` when its import *starts*: a thread that took it from there
    while another was still importing got a half-initialised module ("partially initialized module
    'keras' has no attribute 'backend'"). Everything in the project imports Keras through here."""
    global _KERAS
    if _KERAS is not None:
        return _KERAS
    with _IMPORT_LOCK:
        if _KERAS is not None:
            return _KERAS
        if _FORBIDDEN is not None:
            raise BackendError(_FORBIDDEN)
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        backend = _configured()
        if "keras" not in sys.modules and backend not in installed():
            have = ", ".join(label(b) for b in installed()) or "none"
            raise BackendError(f"Keras is set to use {label(backend)}, which is not installed; installed "
                               f"backends: {have}. Choose one with --backend or KERAS_BACKEND.")
        with quiet_native_stderr():  # TensorFlow's C++ start-up lines ("failed call to cuInit") are not errors
            import keras

            keras.backend.backend()  # fully initialised: its backend is known
        _KERAS = keras
    return _KERAS


def quiet_tensorflow_env() -> None:
    """Before TensorFlow is imported: its C++ log at errors only. It leaves ``KERAS_BACKEND`` alone: the
    app's saved Backend setting is applied after this, and must not find the variable already set."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def import_keras_quietly():
    """Import Keras and its backend (TensorFlow by default) with the start-up noise filtered; returns Keras."""
    quiet_tensorflow_env()
    with quiet_native_stderr():
        keras = _import_keras()
        try:
            from absl import logging as absl_logging

            absl_logging.set_verbosity(absl_logging.ERROR)
        except ImportError:
            pass
    return keras


class JobCancelled(InterruptedError):
    """A Keras job was cancelled while it waited for its turn."""


_JOB_LOCK = threading.RLock()


def keras_busy() -> bool:
    """True while another thread runs a Keras job (a caller with a numpy alternative takes it instead)."""
    if _JOB_LOCK.acquire(blocking=False):
        _JOB_LOCK.release()
        return False
    return True


@contextlib.contextmanager
def keras_job(cancelled: Callable[[], bool] | None = None, waiting: Callable[[], None] | None = None):
    """One Keras computation at a time in this process: training, fine-tuning, evaluation batches, feature
    passes. A second job waits for the first (``waiting()`` is called once, if it has to wait), or raises
    ``JobCancelled`` when ``cancelled()`` turns true while it waits. Re-entrant on one thread.

    TensorFlow crashed (segmentation faults) when two threads ran models at once on its shared state."""
    if not locks.acquire(_JOB_LOCK, cancelled, 0.05, waiting):
        raise JobCancelled("cancelled while waiting for another Keras job")
    try:
        yield
    finally:
        _JOB_LOCK.release()


def __getattr__(name: str):
    if name == "keras":  # ``from mnist_studio.runtime.backend import keras``: imported on first use
        return _import_keras()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class DeviceInfo:
    kind: str  # "GPU" or "CPU"
    name: str  # human-readable, e.g. "NVIDIA H100" or the CPU model
    id: str  # the backend's device name: "/GPU:0" (TensorFlow), "gpu:0" (JAX), "cuda:0" (PyTorch)
    reason: str = ""  # why there is no GPU, when kind == "CPU"
    backend: str = DEFAULT

    @property
    def label(self) -> str:
        who = label(self.backend)
        if self.kind == "GPU":
            return f"{who} · {self.name}"
        return f"{who} · CPU — no GPU found ({self.reason})" if self.reason else f"{who} · CPU"


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "CPU"


@lru_cache(maxsize=4)
def _devices(backend: str) -> tuple[DeviceInfo, ...]:
    gpus, reason = {"tensorflow": _tf_gpus, "jax": _jax_gpus, "torch": _torch_gpus}[backend]()
    cpu_id = {"tensorflow": "/CPU:0", "jax": "cpu:0", "torch": "cpu"}[backend]
    cpu = DeviceInfo("CPU", cpu_name(), cpu_id, "" if gpus else reason, backend)
    return (*gpus, cpu)


def devices() -> tuple[DeviceInfo, ...]:
    """All devices of the current backend, GPUs first (turns on GPU memory growth on TensorFlow)."""
    _import_keras()
    return _devices(current())


def default_device() -> DeviceInfo:
    return devices()[0]


def find_device(device_id: str | None) -> DeviceInfo:
    """The device with this id, or the default one (also when the id belongs to another backend)."""
    return next((d for d in devices() if d.id == device_id), default_device())


def _tf_gpus():
    import tensorflow as tf

    found = []
    for i, gpu in enumerate(tf.config.list_physical_devices("GPU")):
        try:
            tf.config.experimental.set_memory_growth(gpu, True)
        except RuntimeError:
            pass  # already initialised: growth was set earlier or cannot change now
        try:
            name = tf.config.experimental.get_device_details(gpu).get("device_name", gpu.name)
        except (RuntimeError, ValueError):
            name = gpu.name
        found.append(DeviceInfo("GPU", name, f"/GPU:{i}", backend="tensorflow"))
    reason = ("no CUDA driver or GPU detected" if tf.test.is_built_with_cuda()
              else "this TensorFlow build has no CUDA support")
    return found, reason


def _jax_gpus():
    import jax

    try:
        gpus = jax.devices("gpu")
    except RuntimeError:
        gpus = []
    found = [DeviceInfo("GPU", getattr(d, "device_kind", str(d)), f"gpu:{i}", backend="jax")
             for i, d in enumerate(gpus)]
    has_cuda = any(_spec(m) for m in ("jax_cuda12_plugin", "jax_cuda13_plugin", "jax_rocm60_plugin"))
    reason = "no CUDA driver or GPU detected" if has_cuda else "this JAX install has no CUDA support"
    return found, reason


def _torch_gpus():
    import torch

    if torch.cuda.is_available():
        return [DeviceInfo("GPU", torch.cuda.get_device_name(i), f"cuda:{i}", backend="torch")
                for i in range(torch.cuda.device_count())], ""
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return [DeviceInfo("GPU", "Apple GPU (Metal)", "mps", backend="torch")], ""
    reason = ("no CUDA driver or GPU detected" if torch.version.cuda
              else "this PyTorch build has no CUDA support")
    return [], reason


def device_scope(device: DeviceInfo | str | None):
    """Place work on ``device`` (``tf.device`` on TensorFlow, ``keras.device`` elsewhere)."""
    device_id = device.id if isinstance(device, DeviceInfo) else device
    if not device_id:
        return contextlib.nullcontext()
    if current() == "tensorflow":
        import tensorflow as tf

        return tf.device(device_id)
    if device_id.startswith("cpu") and len(devices()) == 1:
        return contextlib.nullcontext()  # the only device: nothing to place
    return _import_keras().device(device_id)


def is_out_of_memory(exc: BaseException) -> bool:
    """True for a device (or host) out-of-memory error from any backend."""
    if isinstance(exc, MemoryError):
        return True
    tf = sys.modules.get("tensorflow")
    if tf is not None and isinstance(exc, tf.errors.ResourceExhaustedError):
        return True
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(exc, getattr(torch.cuda, "OutOfMemoryError", ())):
        return True
    text = f"{type(exc).__name__}: {exc}"
    return "RESOURCE_EXHAUSTED" in text or "ResourceExhausted" in text or "out of memory" in text.lower()


def jit_compile() -> bool:
    """``compile(jit_compile=...)`` for these small models: XLA measured 2-4x slower on a CPU under
    TensorFlow; JAX needs ``jit`` to be fast at all; ``torch.compile`` costs more than it saves here."""
    return current() == "jax"


def clear_session() -> None:
    """Release Keras' global state for this thread (layer names, graphs, kernel caches) and collect."""
    if _KERAS is None:
        return
    try:
        _KERAS.backend.clear_session(free_memory=True)
    except (AssertionError, RuntimeError):  # a graph still being built in this thread: keep it
        gc.collect()


def fit_input(data, batch_size: int | None = None):
    """What ``model.fit`` should read for ``data``: a ``keras.utils.PyDataset``, or an ``(x, y)`` pair of arrays
    cut into batches of ``batch_size``. On JAX and PyTorch, ``data`` itself. On TensorFlow, the same batches in the
    same order (``fit``'s ``shuffle`` does not apply to it) as a ``tf.data`` pipeline with tf.data's autotuning off.

    Why: Keras' own pipeline autotunes, and tf.data's autotuning thread sleeps for up to as long as the pipeline
    has run (its period doubles to 10 s). When ``fit`` drops the pipeline at an epoch's end, TensorFlow 2.21 wakes
    that thread before it marks the pipeline cancelled, and in about two runs of five the thread goes back to
    sleep for the rest of its period while Keras waits for it, the GIL held: a one-epoch run on 60,000 images took
    ~22 s instead of ~12, both cores idle for ten of them (``benchmarks/ui_responsiveness.py``). Without
    autotuning there is no such thread. A PyDataset with more than one worker keeps Keras' pipeline, which turns
    autotuning off itself. The pipeline does not call a PyDataset's epoch hooks (ours are told their epoch by the
    trainer's callback)."""
    if current() != "tensorflow":
        return data
    if not isinstance(data, tuple) and getattr(data, "workers", 1) > 1:
        return data
    import numpy as np
    import tensorflow as tf

    if isinstance(data, tuple):
        dataset = tf.data.Dataset.from_tensor_slices(data).batch(batch_size or 32)
    else:
        n = len(data)
        first = data[0]
        signature = tuple(tf.TensorSpec((None, *np.shape(a)[1:]), tf.as_dtype(np.asarray(a).dtype)) for a in first)
        dataset = tf.data.Dataset.from_generator(lambda: (tuple(data[i]) for i in range(n)),
                                                 output_signature=signature)
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(n))
    options = tf.data.Options()
    options.autotune.enabled = False
    return dataset.prefetch(tf.data.AUTOTUNE).with_options(options)

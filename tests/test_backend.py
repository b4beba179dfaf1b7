import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mnist_studio.runtime import backend
from mnist_studio.runtime.backend import BackendError

ROOT = Path(__file__).resolve().parent.parent


def _run(code: str, **env):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **env})


def test_installed_lists_the_running_backend_without_importing_others():
    from mnist_studio.runtime.backend import keras

    assert backend.current() == keras.backend.backend()
    assert backend.current() in backend.installed()
    assert set(backend.installed()) <= set(backend.BACKENDS)
    out = _run("import sys; from mnist_studio.runtime import backend; print(backend.installed()); "
               "print(sorted(m for m in ('tensorflow', 'jax', 'torch', 'keras') if m in sys.modules))")
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1] == "[]"  # finding specs imports nothing


def test_select_refuses_unknown_or_switching_after_keras_started():
    from mnist_studio.runtime.backend import keras  # noqa: F401 - Keras is running now

    with pytest.raises(BackendError, match="unknown backend"):
        backend.select("theano")
    other = next(b for b in backend.BACKENDS if b != backend.current())
    with pytest.raises(BackendError, match="restart"):
        backend.select(other)
    backend.select(backend.current())  # the running one is fine


def test_select_sets_the_backend_before_keras_is_imported():
    name = backend.current()
    out = _run(f"from mnist_studio.runtime import backend; backend.select({name!r}); "
               "import keras; print(keras.backend.backend())", KERAS_BACKEND="")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == name


def test_select_names_a_missing_backend_and_what_to_install():
    missing = [b for b in backend.BACKENDS if b not in backend.installed()]
    if not missing:
        pytest.skip("every backend is installed here")
    out = _run(f"from mnist_studio.runtime import backend; backend.select({missing[0]!r})")
    assert out.returncode != 0
    assert "is not installed" in out.stderr and "pip install" in out.stderr
    cli = _run(f"from mnist_studio.cli.commands import main; raise SystemExit(main(['--backend', {missing[0]!r}, "
               "'evaluate', 'mlp']))")
    assert cli.returncode == 2 and "is not installed" in cli.stderr


def test_devices_name_backend_and_device_and_say_why_there_is_no_gpu():
    devices = backend.devices()
    assert devices[-1].kind == "CPU"
    assert all(d.backend == backend.current() for d in devices)
    who = backend.LABELS[backend.current()]
    for d in devices:
        assert d.label.startswith(f"{who} · ")
    if len(devices) == 1:
        assert devices[0].reason and "no GPU found" in devices[0].label and devices[0].reason in devices[0].label
    assert backend.find_device("no-such-device") == devices[0]
    assert backend.find_device(devices[-1].id) == devices[-1]


def test_device_scope_runs_work_on_the_device():
    from mnist_studio.runtime.backend import keras

    with backend.device_scope(backend.find_device(None)):
        total = keras.ops.convert_to_numpy(keras.ops.sum(keras.ops.ones((3, 4))))
    assert float(total) == 12.0
    with backend.device_scope(None):
        pass


@pytest.mark.parametrize("exc,expected", [
    (MemoryError(), True),
    (RuntimeError("RESOURCE_EXHAUSTED: Out of memory while trying to allocate 4.0GiB"), True),
    (RuntimeError("CUDA out of memory. Tried to allocate 2.00 GiB"), True),
    (ValueError("shapes (3,) and (4,) are incompatible"), False),
    (KeyError("loss"), False),
])
def test_out_of_memory_is_recognised_from_any_backend(exc, expected):
    assert backend.is_out_of_memory(exc) is expected


def test_clear_session_keeps_finished_models_working(small_data):
    from mnist_studio.networks.training import TrainConfig, Trainer
    from mnist_studio.prediction.inference import Predictor

    (x, y), _ = small_data
    result = Trainer(TrainConfig(preset="softmax" if "softmax" in _presets() else "mlp-seed-256", epochs=1,
                                 subset=300), data=small_data).run()
    before = Predictor(result.model).predict(x[:20] / 255.0)
    backend.clear_session()
    after = Predictor(result.model).predict(x[:20] / 255.0)
    assert np.allclose(before, after, atol=1e-5)


def _presets():
    from mnist_studio.networks.models import PRESETS

    return PRESETS

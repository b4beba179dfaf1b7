import zipfile

import numpy as np
import pytest

from mnist_studio.networks.evaluation import evaluate, from_probabilities
from mnist_studio.prediction.inference import ModelLoadError, Predictor, load_model


@pytest.fixture(scope="module")
def mlp():
    return Predictor.load("mlp")


def test_shipped_models_load_and_predict(mnist, mlp):
    _, (x_test, y_test) = mnist
    probs = mlp.predict(x_test[:200].astype(np.float32) / 255)
    assert probs.shape == (200, 10)
    assert np.allclose(probs.sum(1), 1, atol=1e-4)
    assert (probs.argmax(1) == y_test[:200]).mean() > 0.95
    cnn = Predictor.load("cnn")
    assert (cnn.predict(x_test[:200] / 255).argmax(1) == y_test[:200]).mean() > 0.97
    one = mlp.predict_one(x_test[0] / 255)
    assert one.shape == (10,) and one.argmax() == 7


def test_direct_call_matches_keras(mlp, mnist):
    _, (x_test, _) = mnist
    x = x_test[:16].astype(np.float32) / 255
    assert np.allclose(mlp.predict(x), _np(mlp.model(x, training=False)), atol=1e-5)
    assert mlp.predict(np.zeros((0, 28, 28))).shape == (0, 10)


@pytest.mark.parametrize("bad", [np.zeros((1, 32, 32)), np.zeros((4, 784)), np.zeros(10)])
def test_wrong_input_shape(mlp, bad):
    with pytest.raises(ValueError, match=r"\(N, 28, 28\)"):
        mlp.predict(bad)


def test_not_a_model_file(tmp_path):
    path = tmp_path / "notes.keras"
    path.write_text("not a model")
    with pytest.raises(ModelLoadError, match="not a Keras model file"):
        Predictor.load(path)
    empty_zip = tmp_path / "empty.keras"
    with zipfile.ZipFile(empty_zip, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ModelLoadError, match="not a Keras model file"):
        Predictor.load(empty_zip)
    with pytest.raises(ModelLoadError, match="no such model file"):
        Predictor.load(tmp_path / "missing.keras")


def test_lambda_layer_is_refused_before_anything_runs(tmp_path):
    from mnist_studio.runtime.backend import keras

    marker = tmp_path / "ran.txt"
    inputs = keras.Input((28, 28))
    x = keras.layers.Flatten()(inputs)
    x = keras.layers.Lambda(lambda t: t * 2)(x)
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(ModelLoadError, match="Lambda"):
        load_model(path)
    assert not marker.exists()


def test_wrong_input_and_output_shapes_are_refused(tmp_path):
    from mnist_studio.runtime.backend import keras

    model = keras.Sequential([keras.Input((32, 32)), keras.layers.Flatten(), keras.layers.Dense(10)])
    model.save(tmp_path / "cifar.keras")
    with pytest.raises(ModelLoadError, match=r"expects input \(32, 32\)"):
        load_model(tmp_path / "cifar.keras")
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(3)])
    model.save(tmp_path / "three.keras")
    with pytest.raises(ModelLoadError, match="outputs"):
        load_model(tmp_path / "three.keras")


def test_logits_and_channel_inputs_are_accepted(tmp_path):
    from mnist_studio.runtime.backend import keras

    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    model.save(tmp_path / "logits.keras")
    p = Predictor.load(tmp_path / "logits.keras")
    out = p.predict(np.random.default_rng(0).random((3, 28, 28)))
    assert np.allclose(out.sum(1), 1, atol=1e-5) and (out >= 0).all()


def test_evaluation_numbers_are_consistent(mlp, mnist):
    _, (x_test, y_test) = mnist
    result = evaluate(mlp, x_test[:1000], y_test[:1000])
    assert result.confusion.sum() == 1000
    assert result.correct + len(result.misclassified) == 1000
    conf = result.confidence[result.misclassified]
    assert np.all(np.diff(conf) <= 1e-7)  # most confident mistake first
    for t in range(10):
        for p in range(10):
            assert len(result.cell(t, p)) == result.confusion[t, p]
    assert np.allclose(result.per_class_accuracy, np.diag(result.confusion) / result.confusion.sum(1))
    assert 0 < result.loss < 1
    assert result.summary()["accuracy"] == result.accuracy


def test_from_probabilities_small_case():
    probs = np.eye(10, dtype=np.float32)[[1, 2, 3, 3]] * 0.9 + 0.01
    r = from_probabilities(probs, np.array([1, 2, 3, 4]))
    assert r.accuracy == 0.75 and r.confusion[4, 3] == 1 and r.misclassified.tolist() == [3]
    with pytest.raises(ValueError):
        from_probabilities(probs, np.array([1, 2]))


def test_evaluate_can_be_cancelled(mlp, mnist):
    _, (x_test, y_test) = mnist
    seen = []
    assert evaluate(mlp, x_test, y_test, batch_size=1000, progress=lambda d, n: seen.append(d),
                    cancelled=lambda: len(seen) >= 2) is None
    assert seen == [1000, 2000]


def test_numpy_fast_path_matches_keras_for_every_preset():
    from mnist_studio.networks.models import PRESETS, get_preset
    from mnist_studio.prediction.numpy_layers import NumpyForward

    x = np.random.default_rng(1).random((5, 28, 28), dtype=np.float32)
    for name in PRESETS:
        model = get_preset(name).build(seed=2)
        fast = NumpyForward.from_model(model)
        assert fast is not None, name
        assert np.allclose(fast(x), _np(model(x, training=False)), atol=1e-5), name


def test_shipped_predictors_use_the_fast_path_for_single_images(mlp, mnist):
    _, (x_test, _) = mnist
    assert mlp.fast is not None
    one = x_test[:1].astype(np.float32) / 255
    assert np.allclose(mlp.predict(one), mlp.predict_compiled(one), atol=1e-5)


def test_unsupported_layers_fall_back_to_the_compiled_call(tmp_path):
    from mnist_studio.runtime.backend import keras

    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.LayerNormalization(),
                              keras.layers.Dense(10, activation="softmax")])
    p = Predictor(model)
    assert p.fast is None
    x = np.random.default_rng(0).random((1, 28, 28))
    assert np.allclose(p.predict(x), _np(model(x, training=False)), atol=1e-5)


def test_models_whose_layer_list_is_not_their_data_path_are_refused():
    from mnist_studio.prediction.numpy_layers import NumpyForward
    from mnist_studio.runtime.backend import keras

    inputs = keras.Input((28, 28))
    flat = keras.layers.Flatten()(inputs)
    a = keras.layers.Dense(10)(flat)
    b = keras.layers.Dense(10)(flat)
    model = keras.Model(inputs, keras.layers.Softmax()(keras.layers.Add()([a, b])))
    assert NumpyForward.from_model(model) is None  # Add is not covered
    inputs = keras.Input((28, 28))
    shared = keras.layers.Dense(784, activation="relu")
    x = shared(shared(keras.layers.Flatten()(inputs)))  # one layer, used twice
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(x))
    assert NumpyForward.from_model(model) is None  # read once in order, it disagrees with Keras


def _np(tensor):
    from mnist_studio.runtime.backend import keras

    return keras.ops.convert_to_numpy(tensor)


# -- crafted files are refused before Keras reads them (issue 19, items 4 and 5) ---------------------------------
def test_the_keras_floor_excludes_versions_whose_safe_mode_can_be_bypassed():
    tomllib = pytest.importorskip("tomllib")
    from pathlib import Path

    from packaging.requirements import Requirement

    from mnist_studio.runtime.backend import keras

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())["project"]
    spec = next(Requirement(r) for r in project["dependencies"] if Requirement(r).name == "keras").specifier
    for bypassed in ("3.0.0", "3.8.0", "3.10.0", "3.11.2", "3.12.0", "3.13.0", "3.13.1", "3.13.2"):
        assert not spec.contains(bypassed), bypassed  # CVE-2025-1550, -8747, -9906, -9905; CVE-2026-0897, -1462
    assert spec.contains("3.12.1") and spec.contains("3.14.0") and spec.contains(keras.__version__)


def test_every_model_the_app_saves_passes_the_checks(tmp_path):
    from mnist_studio.networks.models import PRESETS, get_preset
    from mnist_studio.prediction.inference import inspect_file
    from mnist_studio.storage.paths import shipped_model_path
    from mnist_studio.storage.runs import save_model_atomic

    for name in ("mlp", "cnn"):
        assert inspect_file(shipped_model_path(name))["class_name"] in ("Sequential", "Functional")
    for name in PRESETS:
        path = tmp_path / f"{name}.keras"
        save_model_atomic(get_preset(name).build(seed=1), path)
        assert inspect_file(path)["config"]["layers"], name


def test_code_outside_keras_is_refused_before_keras_sees_the_file(tmp_path, monkeypatch):
    from crafted import FOREIGN, with_config

    from mnist_studio.runtime.backend import keras

    def never(*args, **kwargs):
        raise AssertionError("Keras was asked to deserialize a refused file")

    monkeypatch.setattr(keras.saving, "load_model", never)
    edit, words = FOREIGN["function from os"]
    path = with_config(tmp_path / "os.keras", edit)
    with pytest.raises(ModelLoadError) as info:
        Predictor.load(path)
    assert str(info.value) == (f"{path}: this model file names code outside Keras (module 'os'); it was not loaded "
                               "(refused for safety)")


def test_a_config_nested_past_the_walkers_depth_is_refused(tmp_path):
    from crafted import nested_config, shipped_members, write_zip

    members = shipped_members()
    for depth in (150, 100_000):  # json reads the first, Python's recursion limit stops the second
        members["config.json"] = nested_config(depth)
        path = write_zip(tmp_path / f"deep{depth}.keras", members)
        with pytest.raises(ModelLoadError, match="nested too deeply to describe a model; it was not loaded"):
            Predictor.load(path)

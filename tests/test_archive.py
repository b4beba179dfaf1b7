"""ArchivePredictor: the numpy pass read straight from a .keras archive agrees with Keras, without TensorFlow."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile

import numpy as np
import pytest

from mnist_studio.prediction.archive import ArchivePredictor, UnsupportedModel, read_archive
from mnist_studio.prediction.inference import ModelLoadError, Predictor
from mnist_studio.prediction.numpy_layers import NumpyForward
from mnist_studio.storage.paths import shipped_model_path


def test_opening_and_predicting_never_imports_tensorflow():
    code = textwrap.dedent("""
        import sys
        import numpy as np
        from mnist_studio.prediction.archive import ArchivePredictor
        from mnist_studio.digits.data import load_mnist
        x = load_mnist()[1][0][:8].astype(np.float32) / 255
        for name in ("mlp", "cnn"):
            p = ArchivePredictor.open(name)
            assert p.model is None and p.fast is not None and p.name == name and p.source == name
            print(name, "".join(str(int(d)) for d in p.predict(x).argmax(1)))
        assert "tensorflow" not in sys.modules and "keras" not in sys.modules, sorted(sys.modules)[:5]
        print("OK")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "OK" in out.stdout, out.stderr[-2000:]
    # the first eight MNIST test digits are 7 2 1 0 4 1 4 9; both shipped models read them all
    assert "mlp 72104149" in out.stdout and "cnn 72104149" in out.stdout


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_shipped_models_agree_with_keras(name, mnist, shipped):
    x = mnist[1][0][:64].astype(np.float32) / 255
    archive = ArchivePredictor.open(name)
    keras_probs = shipped[name].predict_compiled(x)
    for i in range(0, 64, 8):  # the live path: up to FAST_MAX_BATCH images go through numpy
        assert np.allclose(archive.predict(x[i:i + 8]), keras_probs[i:i + 8], atol=1e-5)
    assert np.allclose(archive.predict_one(x[0]), keras_probs[0], atol=1e-5)


def test_keras_joins_lazily_checks_once_and_takes_whole_sets(mnist):
    archive = ArchivePredictor.open("mlp")
    assert archive.model is None and not archive.keras_loaded() and archive.agrees is None
    x = mnist[1][0][:200].astype(np.float32) / 255
    probs = archive.predict(x)  # a whole set: Keras, loaded here
    assert archive.keras_loaded() and archive.model is not None and archive.agrees is True
    assert archive.fast is not None  # agreed: the live path stays numpy
    assert probs.shape == (200, 10) and np.allclose(probs, archive.load_keras().predict_compiled(x), atol=1e-5)
    assert (probs.argmax(1) == mnist[1][1][:200]).mean() > 0.95


def test_a_disagreement_is_logged_and_falls_back_to_keras(mnist, caplog):
    archive = ArchivePredictor.open("mlp")
    op, weights, bias, act = archive.fast.steps[-1]
    archive.fast.steps[-1] = (op, weights[:, ::-1].copy(), bias[::-1].copy(), act)  # a reader bug: classes swapped
    x = mnist[1][0][:4].astype(np.float32) / 255
    wrong = archive.predict(x)
    with caplog.at_level("WARNING", logger="mnist_studio.prediction.archive"):
        keras_predictor = archive.load_keras()
    assert archive.agrees is False and archive.fast is None
    assert "disagrees with Keras" in caplog.text
    right = archive.predict(x)
    assert np.allclose(right, keras_predictor.predict_compiled(x), atol=1e-5)
    assert not np.allclose(right, wrong, atol=1e-3)


def _save(model, path):
    model.save(path)
    return path


def test_every_covered_layer_and_custom_names_match_keras(tmp_path):
    from mnist_studio.runtime.backend import keras

    layers = keras.layers
    inp = keras.Input((28, 28), name="pixels")
    x = layers.Reshape((28, 28, 1), name="as_image")(inp)
    x = layers.Conv2D(6, 3, padding="valid", name="edges")(x)
    x = layers.BatchNormalization(name="norm")(x)
    x = layers.ReLU(name="relu_a")(x)
    x = layers.Conv2D(8, 3, padding="same", activation="relu", use_bias=False)(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.BatchNormalization(center=False, scale=False)(x)
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Dropout(0.3)(x)
    x = layers.Dense(16, name="hidden")(x)
    x = layers.Activation("relu")(x)
    x = layers.Dense(10)(x)
    out = layers.Softmax()(x)
    model = keras.Model(inp, out)
    rng = np.random.default_rng(1)
    for layer in model.layers:  # non-trivial batch-norm statistics, so a wrong variable order shows
        if isinstance(layer, layers.BatchNormalization):
            layer.set_weights([rng.uniform(0.5, 2.0, w.shape).astype(np.float32) for w in layer.get_weights()])
    path = _save(model, tmp_path / "all.keras")
    archive = ArchivePredictor.open(path)
    probe = rng.random((5, 28, 28), dtype=np.float32)
    assert np.allclose(archive.predict(probe), keras.ops.convert_to_numpy(model(probe, training=False)), atol=1e-5)
    assert archive.name == "all"
    from_file, from_keras = read_archive(path)[0], NumpyForward.from_model(model)  # one translator, both ways in
    assert from_keras is not None and len(from_file.steps) == len(from_keras.steps)
    for a, b in zip(from_file.steps, from_keras.steps, strict=True):
        assert a[0] == b[0] and all(np.allclose(x, y) if isinstance(x, np.ndarray) else x == y
                                    for x, y in zip(a[1:], b[1:], strict=True)), a[0]


def test_sequential_with_flat_input_and_logits_gets_a_softmax(tmp_path):
    from mnist_studio.runtime.backend import keras

    model = keras.Sequential([keras.Input((784,)), keras.layers.Dense(32, activation="relu"),
                              keras.layers.Dense(10)])
    path = _save(model, tmp_path / "logits.keras")
    archive = ArchivePredictor.open(path)
    probe = np.random.default_rng(2).random((3, 28, 28), dtype=np.float32)
    expected = keras.ops.convert_to_numpy(keras.ops.softmax(model(probe.reshape(3, 784))))
    assert np.allclose(archive.predict(probe), expected, atol=1e-5)
    assert np.allclose(archive.predict(probe).sum(1), 1.0, atol=1e-5)


def _uncovered_models(keras):
    layers = keras.layers
    inp = keras.Input((28, 28))
    flat = layers.Flatten()(inp)
    skip = keras.Model(inp, layers.Dense(10)(layers.Add()([layers.Dense(784)(flat), flat])))  # not a chain
    strided = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3, strides=2), layers.Flatten(),
                                layers.Dense(10)])
    tanh = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10, activation="tanh")])
    return {"skip": skip, "strided": strided, "tanh": tanh}


def test_models_the_numpy_pass_does_not_cover_are_left_to_keras(tmp_path):
    from mnist_studio.runtime.backend import keras

    for name, model in _uncovered_models(keras).items():
        path = _save(model, tmp_path / f"{name}.keras")
        with pytest.raises(UnsupportedModel):
            read_archive(path)
        assert NumpyForward.from_model(model) is None  # the Keras-model way in refuses it too
        assert Predictor.load(str(path)).predict(np.zeros((1, 28, 28), np.float32)).shape == (1, 10)


def test_bad_archives_say_why(tmp_path):
    text = tmp_path / "text.keras"
    text.write_text("not a model")
    with pytest.raises(ModelLoadError, match="not a Keras model file"):
        ArchivePredictor.open(text)
    with pytest.raises(ModelLoadError, match="no such model file"):
        ArchivePredictor.open(tmp_path / "missing.keras")
    with zipfile.ZipFile(shipped_model_path("mlp")) as src:
        config = src.read("config.json")
    no_weights = tmp_path / "no_weights.keras"
    with zipfile.ZipFile(no_weights, "w") as zf:
        zf.writestr("config.json", config)
    with pytest.raises(ModelLoadError, match="not a Keras model file"):
        ArchivePredictor.open(no_weights)
    bad_weights = tmp_path / "bad_weights.keras"
    with zipfile.ZipFile(bad_weights, "w") as zf:
        zf.writestr("config.json", config)
        zf.writestr("model.weights.h5", b"\x89HDF garbage" * 10)
    with pytest.raises(ModelLoadError, match="not a Keras model file"):
        ArchivePredictor.open(bad_weights)
    lam = tmp_path / "lambda.keras"
    data = json.loads(config)
    data["config"]["layers"].append({"class_name": "Lambda", "config": {"function": "os.system"}})
    with zipfile.ZipFile(lam, "w") as zf:
        zf.writestr("config.json", json.dumps(data))
    with pytest.raises(ModelLoadError, match="Lambda"):
        ArchivePredictor.open(lam)


def test_wrong_shapes_are_refused(tmp_path):
    from mnist_studio.runtime.backend import keras

    five = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(5)])
    with pytest.raises(ModelLoadError, match="outputs"):
        ArchivePredictor.open(_save(five, tmp_path / "five.keras"))
    color = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    with pytest.raises(UnsupportedModel):  # Keras then refuses it with its own message
        ArchivePredictor.open(_save(color, tmp_path / "color.keras"))
    with pytest.raises(ModelLoadError, match="expects input"):
        Predictor.load(str(tmp_path / "color.keras"))
    archive = ArchivePredictor.open("mlp")
    with pytest.raises(ValueError, match="expects"):
        archive.predict(np.zeros((2, 32, 32), np.float32))
    assert archive.predict(np.zeros((0, 28, 28), np.float32)).shape == (0, 10)


# -- sizes are checked before anything is read (issue 19, item 5) -------------------------------------------------
def test_weights_are_read_in_place_exactly_as_stored(tmp_path):
    from crafted import shipped_members, write_zip

    from mnist_studio.prediction.inference import open_member

    members = shipped_members("cnn")
    for compression in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        path = write_zip(tmp_path / f"cnn{compression}.keras", members, compression)
        with zipfile.ZipFile(path) as zf, open_member(path, zf, "model.weights.h5") as fh:
            assert fh.read() == members["model.weights.h5"]
            fh.seek(100)
            assert fh.read(8) == members["model.weights.h5"][100:108] and fh.tell() == 108
        x = np.random.default_rng(0).random((4, 28, 28), dtype=np.float32)
        assert np.allclose(ArchivePredictor.open(path).predict(x), ArchivePredictor.open("cnn").predict(x))


def test_a_zip_bomb_is_refused_without_unpacking_it(tmp_path, monkeypatch):
    from crafted import shipped_members, write_zip

    from mnist_studio.prediction import inference

    members = shipped_members()
    members["padding.bin"] = bytes(8 << 20)  # 8 MB of zeros: ~8 KB deflated
    path = write_zip(tmp_path / "bomb.keras", members, zipfile.ZIP_DEFLATED)
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("padding.bin").compress_size < 100_000
    monkeypatch.setattr(inference, "MAX_ARCHIVE_BYTES", 4 << 20)
    opened = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: opened.append(
        getattr(name, "filename", name)) or real_open(self, name, *a, **k))
    with pytest.raises(ModelLoadError, match=r"too large to be a model: 4 files, 10 MB unpacked \(at most 4 MB\)"):
        ArchivePredictor.open(path)
    assert opened == []  # refused from the sizes the zip declares: nothing was unpacked


def test_an_h5_dataset_too_large_for_a_model_is_refused_unread(tmp_path):
    from crafted import big_weights_h5, shipped_members, write_zip

    members = shipped_members()
    members["model.weights.h5"] = big_weights_h5(200_000_001)  # 800 MB of float32 claimed, a few KB stored
    path = write_zip(tmp_path / "huge.keras", members)
    assert path.stat().st_size < 100_000
    for load in (ArchivePredictor.open, Predictor.load):
        with pytest.raises(ModelLoadError, match="weights hold 200,000,001 numbers.*it was not loaded"):
            load(path)


def test_the_numpy_pass_refuses_an_oversized_variable_itself(tmp_path, monkeypatch):
    from crafted import shipped_members, write_zip

    from mnist_studio.prediction import archive

    members = shipped_members()
    path = write_zip(tmp_path / "mlp.keras", members)
    monkeypatch.setattr(archive, "MAX_PARAMS", 1000)  # the shipped MLP's first kernel has 784 x 512 numbers
    with pytest.raises(ModelLoadError, match=f"{path}: its weights hold an array of 401,408 numbers"):
        ArchivePredictor.open(path)

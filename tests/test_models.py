import numpy as np
import pytest

from mnist_studio.models import PRESETS, get_preset, summarize


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_builds_a_28x28_to_10_model(name):
    preset = get_preset(name)
    model = preset.build(seed=1)
    out = _np(model(np.zeros((3, 28, 28), np.float32), training=False))
    assert out.shape == (3, 10)
    assert np.allclose(out.sum(axis=1), 1.0, atol=1e-5)
    rows = summarize(model)
    assert sum(r.params for r in rows) == model.count_params()
    assert rows[-1].output_shape == "(N, 10)"
    assert preset.hyperparameters()["epochs"] == preset.epochs


def test_seed_architectures_match_the_course_notes():
    kinds = [r.kind for r in summarize(get_preset("cnn-seed").build())]
    assert kinds == ["Reshape", "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Dropout", "Flatten",
                     "Dense", "Dense"]
    conv1, conv2 = (layer for layer in get_preset("cnn-seed").build().layers if layer.name.startswith("conv"))
    assert conv1.kernel_size == (5, 5) and conv1.filters == 32
    assert conv2.kernel_size == (2, 2) and conv2.filters == 64
    dense = [r for r in summarize(get_preset("mlp-seed-1000").build()) if r.kind == "Dense"]
    assert [r.params for r in dense] == [784 * 1000 + 1000, 1000 * 10 + 10]
    dense = [r for r in summarize(get_preset("mlp-seed-256").build()) if r.kind == "Dense"]
    assert dense[0].params == 784 * 256 + 256


def test_unknown_preset():
    with pytest.raises(ValueError, match="unknown preset 'resnet'"):
        get_preset("resnet")


def test_same_seed_same_weights():
    a = get_preset("mlp").build(seed=3).get_weights()[0]
    b = get_preset("mlp").build(seed=3).get_weights()[0]
    assert np.array_equal(a, b)


def _np(tensor):
    from mnist_studio.backend import keras

    return keras.ops.convert_to_numpy(tensor)

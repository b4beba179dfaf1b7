import numpy as np
import pytest

from mnist_studio.networks.models import PRESETS, get_preset, summarize


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


def TrainConfigLike(preset, **fields):  # noqa: N802 - reads like the real config
    from mnist_studio.networks.training import TrainConfig

    return TrainConfig(preset=preset, **fields)


def _np(tensor):
    from mnist_studio.runtime.backend import keras

    return keras.ops.convert_to_numpy(tensor)


def test_fixed_preset_parameter_counts_match_the_built_models():
    from mnist_studio.networks.models import PARAMS, estimate

    for name, count in PARAMS.items():
        assert get_preset(name).build().count_params() == count, name
        assert estimate(TrainConfigLike(name)) == (count, 16 * count)


def test_softmax_preset_has_no_hidden_layer():
    kinds = [r.kind for r in summarize(get_preset("softmax").build())]
    assert kinds == ["Flatten", "Dense"]


def test_parse_layers():
    from mnist_studio.networks.models import ConfigError, parse_layers

    assert parse_layers("512,256", "hidden") == (512, 256)
    assert parse_layers(" 16, 32 64 ", "conv") == (16, 32, 64)
    assert parse_layers("", "hidden") == ()
    assert parse_layers([8, 4], "dense") == (8, 4)
    for bad in ("0", "abc", "12,-3", "1.5", "99999"):
        with pytest.raises(ConfigError) as err:
            parse_layers(bad, "dense")
        assert err.value.field == "dense" and "dense layers" in str(err.value)


def test_estimate_tracks_the_design_as_you_type():
    from mnist_studio.networks.models import estimate

    small = TrainConfigLike("mlp-custom", hidden=(10,))
    assert estimate(small)[0] == 784 * 10 + 10 + 110
    assert estimate(TrainConfigLike("mlp-custom", hidden=()))[0] == 7850  # no hidden layer
    cnn = TrainConfigLike("cnn-custom", conv=(4,), kernel=3, pool=False, dense=())
    assert estimate(cnn)[0] == 3 * 3 * 4 + 4 + 28 * 28 * 4 * 10 + 10
    model = get_preset("cnn-custom").build(conv=(4,), kernel=3, pool=False, dense=())
    assert model.count_params() == estimate(cnn)[0]


@pytest.mark.parametrize("name", list(PRESETS) + ["design-mlp", "design-cnn"])
def test_the_keras_free_description_matches_the_built_model(name):
    """The Train tab's layer table comes from the specs, without Keras: it must say what Keras builds."""
    from mnist_studio.networks.models import build_model, describe, summarize
    from mnist_studio.networks.training import TrainConfig

    config = {"design-mlp": TrainConfig(preset="mlp-custom", hidden=(64, 32, 16), activation="tanh", dropout=0.0),
              "design-cnn": TrainConfig(preset="cnn-custom", conv=(8, 16), kernel=5, pool=False, dense=(32, 16))
              }.get(name, TrainConfig(preset=name))
    described = [(r.kind, r.output_shape, r.params) for r in describe(config)]
    built = [(r.kind, r.output_shape, r.params) for r in summarize(build_model(config.resolved()))
             if r.kind != "InputLayer"]
    assert described == built

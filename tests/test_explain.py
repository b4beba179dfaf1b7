"""The explain core against Keras itself: activations, gradients, saliency faithfulness, units, the map."""

import numpy as np
import pytest

from mnist_studio.prediction import explain
from mnist_studio.prediction.backward import backward
from mnist_studio.prediction.explain import Explainer, explainer_for, weight_pictures
from mnist_studio.prediction.explain_embedding import compute_embedding
from mnist_studio.prediction.faithfulness import deletion_area
from mnist_studio.prediction.inference import Predictor


@pytest.fixture(scope="module")
def digits(mnist):
    (_, _), (x, y) = mnist
    return x[:12].astype(np.float32) / 255.0, y[:12]


@pytest.mark.parametrize("key", ["mlp", "cnn"])
def test_activations_match_keras_layer_outputs(shipped, digits, key):
    import keras

    predictor = shipped[key]
    model = predictor.model
    image = digits[0][3]
    layers = explain.activations(predictor, image)
    assert layers is not None and len(layers) >= 4
    for info, output in layers:
        probe = keras.Model(model.inputs, model.get_layer(info.name).output)
        theirs = np.asarray(probe(image.reshape((1, *model.inputs[0].shape[1:])), training=False))[0]
        assert output.shape == theirs.shape, info
        np.testing.assert_allclose(output, theirs, atol=2e-4, rtol=1e-4, err_msg=info.name)
    trace = explainer_for(predictor).trace(image)
    np.testing.assert_allclose(trace.probs, predictor.predict_one(image), atol=1e-5)
    np.testing.assert_allclose(np.exp(trace.logits) / np.exp(trace.logits).sum(), trace.probs, atol=1e-5)


@pytest.mark.parametrize("key", ["mlp", "cnn"])
def test_input_gradient_matches_finite_differences(shipped, digits, key):
    """The numpy backward pass against central differences, in float64 (ReLU kinks need a tiny step)."""
    from mnist_studio.prediction.numpy_layers import NumpyForward

    explainer = Explainer(shipped[key])
    explainer.fast = NumpyForward([tuple(np.asarray(a, np.float64) if isinstance(a, np.ndarray) else a for a in step)
                                   for step in explainer.fast.steps])
    rng = np.random.default_rng(1)
    # a little noise: a blank background makes equal values in every pooling window, where max has no gradient
    image = digits[0][0].astype(np.float64) + rng.uniform(0, 0.05, (28, 28))
    digit = int(digits[1][0])
    shape = (1, *explainer.in_shape)
    outputs = explainer.fast.trace(image.reshape(shape))
    grad = backward(explainer.fast.steps, image.reshape(shape), outputs,
                    np.eye(10)[digit][None], skip_last_activation=True).reshape(28, 28)

    def score(x):
        return float(explainer.scores(x)[0][0, digit])

    h = 1e-7
    for _ in range(4):
        v = rng.standard_normal((28, 28))
        numeric = (score(image + h * v) - score(image - h * v)) / (2 * h)
        assert numeric == pytest.approx(float((grad * v).sum()), rel=1e-4, abs=1e-4)
    np.testing.assert_allclose(explainer.gradient(image, digit, "logit")[0][0], grad, rtol=1e-3, atol=1e-4)


@pytest.mark.parametrize("key", ["mlp", "cnn"])
def test_saliency_is_faithful_on_a_handful_of_digits(shipped, digits, key):
    predictor = shipped[key]
    rng = np.random.default_rng(0)
    ours, random = [], []
    for image in digits[0][:8]:
        digit = int(np.argmax(predictor.predict_one(image)))
        sal = explain.saliency(predictor, image, digit)
        assert sal.shape == (28, 28) and sal.dtype == np.float32 and np.isfinite(sal).all()
        assert np.all(sal[image <= 0] == 0)  # evidence only where there is ink
        ours.append(deletion_area(predictor, image, digit, np.argsort(-sal.reshape(-1), kind="stable")))
        random.append(np.mean([deletion_area(predictor, image, digit, rng.permutation(784)) for _ in range(3)]))
    assert np.sum(ours) < 0.6 * np.sum(random), (ours, random)


def test_an_mlp_map_ranks_the_ink_in_rounds(shipped, digits):
    """A dense-first model's map: the ink integrated gradients credit most for the digit (up to an eighth) keeps
    those values; the next ink in the map's order is what the gradients credit most once that is erased; ink no
    round takes ranks below with the first round's credit (blue only there); no ink, no evidence."""
    explainer = explainer_for(shipped["mlp"])
    for image in digits[0][:3]:
        digit = int(np.argmax(explainer.probabilities(image[None])[0]))
        sal = explainer.saliency(image, digit).reshape(-1)
        scales = ((np.arange(explain.ROUND_STEPS) + 0.5) / explain.ROUND_STEPS).astype(np.float32)

        def credit(x, scales=scales, digit=digit):
            grads, _ = explainer.gradient(scales[:, None, None] * x.reshape(1, 28, 28), digit, "logodds")
            return x.reshape(-1) * grads.reshape(-1, 784).mean(axis=0)

        plain = credit(image)
        ink = np.flatnonzero(image.reshape(-1) > explain.INK)
        share = -(-ink.size // explain.DELETION_ROUNDS)
        first = ink[np.argsort(-plain[ink], kind="stable")][:share]
        first = first[plain[first] > 0]
        assert first.size
        np.testing.assert_allclose(sal[first], plain[first], rtol=1e-5, atol=1e-7)
        later = np.setdiff1d(ink, first)
        assert later.size and sal[later].max() < sal[first].min()
        rest = image.reshape(-1).copy()
        rest[first] = 0.0  # round two: credited again without the first round's ink
        again = credit(rest)
        second = later[np.argsort(-again[later], kind="stable")][:share]
        second = second[again[second] > 0]
        ranked = np.argsort(-sal, kind="stable")
        assert set(ranked[first.size:first.size + second.size]) == set(second)
        assert not sal[image.reshape(-1) <= 0].any()
        faint = np.flatnonzero((image.reshape(-1) > 0) & (image.reshape(-1) <= explain.INK))
        taken = ranked[:first.size + second.size]
        assert faint.size and sal[faint].max() < sal[taken].min()  # faint edges rank below every round's ink
        blue = ink[sal[ink] < 0]
        assert blue.size and (plain[blue] < 0).all()  # blue only where the drawing as a whole counts against
        assert len(np.unique(sal[ink])) > 0.9 * ink.size  # an order, not a few levels


def test_a_unit_shows_its_real_arithmetic(shipped, digits):
    explainer = explainer_for(shipped["cnn"])
    trace = explainer.trace(digits[0][1])
    dense = next(info.step for info in explainer.layers if info.kind == "dense")
    unit = int(np.argmax(trace.outputs[dense]))
    calc = explainer.unit(trace, dense, unit, top=5)
    assert len(calc.terms) == 5 and calc.n_terms == 3136
    assert calc.pre == pytest.approx(calc.terms.sum() + calc.rest + calc.bias, abs=1e-4)
    assert calc.value == pytest.approx(float(trace.outputs[dense][unit]), abs=1e-4)
    assert calc.labels[0].startswith("map ")
    np.testing.assert_allclose(calc.terms, calc.inputs * calc.weights, rtol=1e-6)
    conv = explainer.unit(trace, 1, 3)  # the first conv layer, feature map 3 at its peak
    assert conv.value == pytest.approx(float(trace.outputs[1][..., 3].max()), abs=1e-4)
    with pytest.raises(ValueError):
        explainer.unit(trace, 2, 0)  # pooling has no weights


def test_archive_read_models_explain_without_keras(shipped, digits):
    """The window hands over numpy predictors read from the file before TensorFlow starts: same views."""
    from mnist_studio.prediction.archive import ArchivePredictor

    for key in ("mlp", "cnn"):
        archive = ArchivePredictor.open(key)
        assert archive.model is None
        ours, keras_side = Explainer(archive), explainer_for(shipped[key])
        assert [i.name for i in ours.layers] == [i.name for i in keras_side.layers]
        image = digits[0][4]
        np.testing.assert_allclose(ours.trace(image).probs, keras_side.trace(image).probs, atol=1e-5)
        np.testing.assert_allclose(ours.saliency(image, 4), keras_side.saliency(image, 4), atol=1e-4)
        kind, tiles = weight_pictures(archive)
        assert kind == ("dense" if key == "mlp" else "conv")
        np.testing.assert_allclose(tiles, weight_pictures(shipped[key].model)[1], atol=1e-6)
        assert archive.model is None  # nothing above loaded Keras


def test_blank_image_has_no_evidence(shipped):
    blank = np.zeros((28, 28), np.float32)
    for predictor in shipped.values():
        assert not explain.saliency(predictor, blank, 3).any()


def _save(model, path):
    model.save(path)
    return Predictor.load(path)


def test_unusual_models_degrade_to_what_they_support(tmp_path, digits):
    import keras
    from keras import layers

    inputs = keras.Input((28, 28))
    x = layers.Flatten()(inputs)
    x = layers.Dense(32, activation="relu")(x)
    x = layers.LayerNormalization()(x)
    odd = _save(keras.Model(inputs, layers.Dense(10, activation="softmax")(x)), tmp_path / "odd.keras")
    explainer = Explainer(odd)
    assert not explainer.supported and "LayerNormalization" in explainer.message
    assert explainer.trace(digits[0][0]) is None and explainer.hidden_step is None
    image = digits[0][0]
    digit = int(np.argmax(odd.predict_one(image)))
    sal = explain.saliency(odd, image, digit)  # occlusion, through Predictor.predict
    assert sal.shape == (28, 28) and np.isfinite(sal).all() and sal.max() > 0
    kind, tiles = weight_pictures(odd.model)
    assert kind == "dense" and tiles.shape == (32, 28, 28)

    inputs = keras.Input((28, 28))
    flat = layers.Flatten()(inputs)
    branch = layers.Dense(784, activation="relu")(flat)
    merged = layers.Add()([flat, branch])
    residual = _save(keras.Model(inputs, layers.Dense(10, activation="softmax")(merged)), tmp_path / "res.keras")
    explainer = Explainer(residual)
    assert not explainer.supported and "Add" in explainer.message


def test_softmax_only_model_shows_ten_templates_and_maps_pixels(tmp_path, mnist):
    import keras
    from keras import layers

    model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(10, activation="softmax")])
    predictor = _save(model, tmp_path / "softmax.keras")
    kind, tiles = weight_pictures(predictor.model)
    assert kind == "dense" and tiles.shape == (10, 28, 28)
    explainer = Explainer(predictor)
    assert explainer.supported and explainer.layers[explainer.hidden_step].kind == "flatten"  # the pixels
    (_, _), (x, y) = mnist
    embedding = compute_embedding(explainer, x[:300], y[:300])
    assert embedding.hidden.shape == (300, 784)
    np.testing.assert_allclose(embedding.hidden[5], x[5].reshape(-1) / 255.0, atol=1e-6)


def test_embedding_projects_exactly_and_finds_the_digit_itself(shipped, mnist):
    (_, _), (x, y) = mnist
    explainer = explainer_for(shipped["mlp"])
    embedding = compute_embedding(explainer, x[:1000], y[:1000])
    assert embedding.coords.shape == (1000, 2) and np.isfinite(embedding.coords).all()
    trace = explainer.trace(x[17] / 255.0)
    h = trace.outputs[explainer.hidden_step]
    np.testing.assert_allclose(embedding.project(h), embedding.coords[17], atol=1e-3)
    assert embedding.nearest(h, 5)[0] == 17
    again = compute_embedding(explainer, x[:1000], y[:1000])
    np.testing.assert_allclose(again.coords, embedding.coords, atol=1e-4)  # deterministic
    # the two axes separate the classes: class means are spread out relative to the noise
    means = np.stack([embedding.coords[embedding.labels == d].mean(axis=0) for d in range(10)])
    assert means.std(axis=0).sum() > 0.5 * embedding.coords.std(axis=0).sum()


def test_a_dropped_predictor_takes_its_explainer_with_it():
    """A lesson trains dozens of models: the explainer cache must not keep every one (and its weights) alive."""
    import gc
    import weakref

    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.prediction.explain import explainer_for

    predictor = ArchivePredictor.open("mlp")
    explainer = explainer_for(predictor)
    assert explainer_for(predictor) is explainer and explainer.predictor is predictor
    gone = weakref.ref(predictor)
    del predictor, explainer
    gc.collect()
    assert gone() is None


def test_an_explainer_of_a_temporary_predictor_still_works():
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.prediction.explain import Explainer

    explainer = Explainer(ArchivePredictor.open("mlp"))
    assert explainer.predictor is not None and explainer.hidden_step is not None

""""Not a digit?" (``prediction.nondigit``): shipped statistics, an app-trained model's, and the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mnist_studio.digits import pendigits
from mnist_studio.digits.strokes import render
from mnist_studio.prediction import nondigit
from mnist_studio.prediction.archive import ArchivePredictor
from mnist_studio.storage.paths import shipped_model_path

# Drawings as pen strokes in a unit box, y down (what a student draws on the canvas).
STAR = [[(0.5 + 0.5 * np.cos(a), 0.5 + 0.5 * np.sin(a)) for a in np.radians(-90 + np.arange(6) * 144)]]
LETTER_A = [[(0.0, 1.0), (0.5, 0.0), (1.0, 1.0)], [(0.22, 0.6), (0.78, 0.6)]]
LETTER_X = [[(0.0, 0.0), (1.0, 1.0)], [(1.0, 0.0), (0.0, 1.0)]]
LETTER_W = [[(0.0, 0.0), (0.25, 1.0), (0.5, 0.35), (0.75, 1.0), (1.0, 0.0)]]
HASH = [[(0.35, 0), (0.25, 1)], [(0.75, 0), (0.65, 1)], [(0, 0.33), (1, 0.33)], [(0, 0.67), (1, 0.67)]]
NON_DIGITS = {"star": STAR, "A": LETTER_A, "X": LETTER_X, "W": LETTER_W, "#": HASH}


def dense(strokes, per=40):
    """A stroke's corners joined by many points, as a pen trace has."""
    out = []
    for s in strokes:
        s = np.asarray(s, float)
        out.append(np.concatenate([np.linspace(a, b, per) for a, b in zip(s[:-1], s[1:], strict=True)]))
    return out


@pytest.fixture(scope="module")
def tuning_pen():
    """Real pen digits of the tuning writers (21-25: no model or check trained on them; the threshold flags 0.5 %
    of their digits), 3 per digit per writer, through the canvas path. The reporting writers are the benchmark's
    (``benchmarks/not_a_digit.py``): a test that read them on every run would make them a second tuning set."""
    pen = pendigits.load()
    idx = [i for w in pendigits.TUNING_WRITERS for d in range(10)
           for i in np.flatnonzero((pen.writers == w) & (pen.labels == d))[:3]]
    sub = pen.subset(np.asarray(idx))
    return sub.render(), sub.labels


@pytest.mark.parametrize("name", ["mlp", "cnn"])
def test_shipped_models_flag_drawn_letters_and_shapes_but_not_real_pen_digits(name, tuning_pen):
    predictor = ArchivePredictor.open(name)
    stats = nondigit.stats_for(predictor)
    assert stats is not None and stats.key == nondigit.fingerprint(shipped_model_path(name))
    nondigit.attach(predictor, stats)
    flagged = {k: nondigit.read(predictor, render(dense(s), min_extent=0.08)).not_a_digit
               for k, s in NON_DIGITS.items()}
    assert sum(flagged.values()) >= 4, flagged
    images, labels = tuning_pen
    readings = [nondigit.read(predictor, x) for x in images]
    assert np.mean([r.not_a_digit for r in readings]) <= 0.04
    # the check changes no probability: the same numbers as the plain prediction
    assert np.allclose(readings[0].probabilities, predictor.predict_one(images[0]), atol=1e-6)
    assert np.mean([int(np.argmax(r.probabilities)) == y for r, y in zip(readings, labels, strict=True)]) > 0.95


def test_the_check_learns_digits_from_training_hands_jittered_and_flags_half_a_percent_of_tuning_writers():
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "make_nondigits", Path(__file__).resolve().parents[1] / "scripts" / "make_nondigits.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    pen = pendigits.load()
    with np.load(nondigit.resources()[0]) as d:
        jitter_x, jitter_y, pen_x, tuning_x = d["jitter_x"], d["jitter_y"], d["pen_x"], d["tuning_x"]
    # the training writers' other half of digits, each drawn once more with jitter_strokes: rebuilt the same
    again_x, again_y = script.jittered(pen, pendigits.TRAIN_WRITERS)
    assert np.array_equal(again_x, jitter_x) and np.array_equal(again_y, jitter_y)
    assert len(jitter_x) + len(pen_x) == int(np.isin(pen.writers, pendigits.TRAIN_WRITERS).sum())
    plain = pen.subset(np.flatnonzero(np.isin(pen.writers, pendigits.TRAIN_WRITERS))[1::2][:50]).render()
    assert np.abs(np.round(plain * 255) - jitter_x[:50]).mean() > 10  # moved strokes, not the same drawings
    predictor = ArchivePredictor.open("mlp")
    stats = nondigit.stats_for(predictor)
    h, z, _ = nondigit.features(predictor.fast, tuning_x, predictor.in_shape)
    assert nondigit.FLAG_RATE == 0.005
    assert (stats.score(h, z) > stats.threshold).mean() == pytest.approx(nondigit.FLAG_RATE, abs=0.002)
    # a refit from the shipped files gives the shipped statistics (the script wrote them; nothing edited by hand)
    fresh = nondigit.fit(predictor.fast, predictor.in_shape)
    assert fresh.threshold == pytest.approx(stats.threshold, abs=1e-4)
    assert np.allclose(fresh.weights, stats.weights, atol=1e-4)


def test_the_shipped_check_split_is_flagged_and_kept_apart_from_tuning():
    with np.load(nondigit.resources()[1]) as f:
        tuning_kinds, check_kinds = set(f["tuning_kind"].tolist()), f["check_kind"]
        only, look, x = f["check_only"], f["check_lookalike"], f["check_x"]
    assert x.dtype == np.uint8 and x.shape[1:] == (28, 28)
    assert not set(check_kinds[only].tolist()) & tuning_kinds  # kinds tuning never saw
    predictor = ArchivePredictor.open("cnn")
    stats = nondigit.stats_for(predictor)
    keep = ~look
    h, z, _ = nondigit.features(predictor.fast, x[keep], predictor.in_shape)
    assert (stats.score(h, z) > stats.threshold).mean() >= 0.8


def test_an_app_trained_mlp_gets_its_statistics_computed_cached_and_used(tmp_path, home, small_data,
                                                                        tuning_pen):
    """A real Keras MLP trained on a small slice, saved, opened as the app opens it (numpy, no Keras)."""
    from mnist_studio.runtime.backend import keras

    (x, y), _ = small_data
    keras.utils.set_random_seed(0)  # unseeded, 3 epochs flagged 2-4 of the 5 shapes; 6 epochs flag 3-5 of them
    model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(64, activation="relu"),
                              keras.layers.Dense(10, activation="softmax")])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(x.astype("float32") / 255, y, epochs=6, batch_size=64, verbose=0)
    path = tmp_path / "model.keras"
    model.save(path)
    predictor = ArchivePredictor.open(path)
    assert nondigit.attached(predictor) is None
    stats = nondigit.ensure(predictor)
    assert nondigit.attached(predictor) is stats and stats.weights.shape == (64 + 10,)
    cached = list(nondigit.cache_dir().glob("*.npz"))
    assert len(cached) == 1 and str(nondigit.cache_dir()).startswith(str(home))
    again = nondigit.stats_for(ArchivePredictor.open(path))  # from the cache: the same numbers
    assert again.threshold == pytest.approx(stats.threshold) and np.allclose(again.weights, stats.weights)
    drawn = [nondigit.read(predictor, render(dense(s), min_extent=0.08)).not_a_digit for s in NON_DIGITS.values()]
    assert sum(drawn) >= 3
    images, _ = tuning_pen
    assert np.mean([nondigit.read(predictor, im).not_a_digit for im in images]) <= 0.1
    # another model file is another key: a retrained model never reuses these statistics
    model.save(tmp_path / "other.keras")
    assert nondigit.DigitStats.load(cached[0], key="0" * 64) is None


def test_fits_run_one_at_a_time_and_a_file_is_fitted_once(tmp_path, home, small_data, monkeypatch):
    """Trainings ending close together started fits at once (four in a monkey soak: ~300 MB more, four busy
    threads on two cores). Three threads now fit in turn; two predictors of one file share one fit."""
    import threading

    from mnist_studio.runtime.backend import keras

    (x, y), _ = small_data
    paths = []
    for name, units in (("first", 16), ("second", 24)):
        layers = keras.layers
        model = keras.Sequential([keras.Input((28, 28)), layers.Flatten(), layers.Dense(units, activation="relu"),
                                  layers.Dense(10, activation="softmax")])
        model.compile("adam", "sparse_categorical_crossentropy")
        model.fit(x[:500].astype("float32") / 255, y[:500], epochs=1, batch_size=64, verbose=0)
        model.save(tmp_path / f"{name}.keras")
        paths.append(tmp_path / f"{name}.keras")
    real_fit, running, most, fitted = nondigit.fit, [0], [0], []
    guard = threading.Lock()

    def counting_fit(forward, in_shape, cancelled=None, key=""):
        with guard:
            running[0] += 1
            most[0] = max(most[0], running[0])
            fitted.append(key)
        try:
            return real_fit(forward, in_shape, cancelled, key)
        finally:
            with guard:
                running[0] -= 1

    monkeypatch.setattr(nondigit, "fit", counting_fit)
    predictors = [ArchivePredictor.open(paths[0]), ArchivePredictor.open(paths[0]), ArchivePredictor.open(paths[1])]
    errors = []

    def ensure(predictor):
        try:
            nondigit.ensure(predictor)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=ensure, args=(p,)) for p in predictors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert not errors and all(nondigit.attached(p) is not None for p in predictors)
    assert most[0] == 1, "two fits ran at once"
    assert len(fitted) == 2 and len(set(fitted)) == 2, "a file was fitted twice"
    same = [nondigit.attached(p) for p in predictors[:2]]
    assert same[0].threshold == pytest.approx(same[1].threshold) and np.allclose(same[0].weights, same[1].weights)


def test_a_fit_waiting_for_its_turn_gives_up_when_cancelled(tmp_path, home, monkeypatch):
    import threading

    monkeypatch.setattr(nondigit, "fit", lambda *a, **k: pytest.fail("a cancelled wait must not fit"))
    predictor = ArchivePredictor.open(shipped_model_path("mlp"))
    monkeypatch.setattr(nondigit, "shipped_stats_path", lambda source: tmp_path / "none.npz")  # as an app-trained one
    cancel, outcome = threading.Event(), []

    def wait_then_give_up():
        try:
            nondigit.stats_for(predictor, cancel.is_set)
        except InterruptedError:
            outcome.append("gave up")

    with nondigit.fit_turn():  # another model's fit holds the turn
        waiter = threading.Thread(target=wait_then_give_up)
        waiter.start()
        cancel.set()
        waiter.join(10)
    assert not waiter.is_alive() and outcome == ["gave up"]


def _png(path, image28):
    from PIL import Image

    big = np.kron(np.round(np.asarray(image28) * 255).astype(np.uint8), np.ones((8, 8), np.uint8))
    Image.fromarray(255 - big).save(path)  # dark ink on white, as a drawing app exports it


def test_predict_json_says_not_a_digit_for_pngs_and_npy(tmp_path, capsys, tuning_pen):
    from mnist_studio.cli.commands import main

    images, labels = tuning_pen
    _png(tmp_path / "x.png", render(dense(LETTER_X), min_extent=0.08))
    _png(tmp_path / "digit.png", images[0])
    stack = np.stack([render(dense(s), min_extent=0.08) for s in NON_DIGITS.values()] + list(images[:10]))
    np.save(tmp_path / "many.npy", np.round(stack * 255).astype(np.uint8))
    assert main(["predict", "--model", "mlp", "--json", str(tmp_path / "x.png"), str(tmp_path / "digit.png"),
                 str(tmp_path / "many.npy")]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 + len(stack)
    assert all(isinstance(r["not_a_digit"], bool) and len(r["probabilities"]) == 10 for r in rows)
    by_source = {r["source"]: r for r in rows}
    assert by_source[str(tmp_path / "x.png")]["not_a_digit"] is True
    digit = by_source[str(tmp_path / "digit.png")]
    assert digit["not_a_digit"] is False and digit["digit"] == labels[0]
    npy = [r for r in rows if r["source"].endswith("many.npy")]
    assert sum(r["not_a_digit"] for r in npy[:len(NON_DIGITS)]) >= 4
    assert sum(r["not_a_digit"] for r in npy[len(NON_DIGITS):]) <= 1


def test_evaluate_reports_how_many_test_digits_it_flags(capsys):
    from mnist_studio.cli.commands import main

    assert main(["evaluate", "mlp", "--json"]) == 0
    out = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert isinstance(out["not_a_digit_flagged"], int) and 0 <= out["not_a_digit_flagged"] < 1000
    assert out["not_a_digit_rate"] == pytest.approx(out["not_a_digit_flagged"] / 10000, abs=1e-4)
    assert main(["evaluate", "mlp"]) == 0
    assert "not a digit?:" in capsys.readouterr().out

"""The worker's warm models (``networks.warm``): a run on a traced model kept from an earlier run (or prepared
before the click) trains exactly as on a new model, and only a run of the same network takes it. Real Keras, real
MNIST slices."""

from __future__ import annotations

import pytest

from mnist_studio.networks.train_config import one_cycle
from mnist_studio.networks.training import TrainConfig, Trainer
from mnist_studio.networks.warm import WarmModels, network_key, run_steps
from mnist_studio.runtime import backend


def _tensorflow() -> bool:
    backend.import_keras_quietly()
    return backend.current() == "tensorflow"


tensorflow_only = pytest.mark.skipif("not _tensorflow()", reason="warm models are TensorFlow's (traced steps)")


@pytest.fixture(scope="module")
def slice_(mnist):
    (x, y), (xt, yt) = mnist
    return (x[:1200], y[:1200]), (xt[:300], yt[:300])


def _history(result) -> list:
    return [(h["loss"], h["accuracy"], h.get("val_loss"), h.get("val_accuracy")) for h in result.history]


def _run(cfg, data, warm=None):
    result = Trainer(cfg, data=data, warm=warm).run()
    assert result.status == "completed", result.message
    return result


@tensorflow_only
@pytest.mark.parametrize("preset", ["cnn", "softmax"])  # a one-cycle schedule (in variables) and a constant rate
def test_a_run_on_a_warm_model_trains_exactly_as_on_a_new_one(slice_, preset):
    cfg = TrainConfig(preset=preset, epochs=2, subset=1000, batch_size=64)
    fresh = _run(cfg, slice_)
    warm = WarmModels()
    first = _run(cfg, slice_, warm)  # a new model, compiled to be kept
    assert warm.ready_for(cfg.resolved(), run_steps(cfg.resolved(), len(slice_[0][0])))
    second = _run(cfg, slice_, warm)  # the kept model, set back to the seed's start
    assert second.model is first.model  # the traced model was reused, not rebuilt
    assert _history(first) == _history(fresh) == _history(second)
    assert second.evaluation.accuracy == fresh.evaluation.accuracy
    # The run's own numbers are not the network: another seed, learning rate and size reuse it, and still train
    # as a new model would.
    other = TrainConfig(preset=preset, epochs=3, subset=800, batch_size=64, seed=7, learning_rate=1e-3)
    third = _run(other, slice_, warm)
    assert third.model is first.model
    assert _history(third) == _history(_run(other, slice_))


@tensorflow_only
def test_prepare_traces_the_network_that_the_next_run_takes(slice_):
    warm = WarmModels()
    cfg = TrainConfig(preset="mlp", epochs=2, subset=600, batch_size=64).resolved()
    steps = run_steps(cfg, len(slice_[0][0]))
    assert one_cycle(cfg, steps)  # the class demo's case: the schedule's numbers in variables
    assert warm.prepare(cfg, steps) is True
    assert warm.prepare(cfg, steps) is False  # already warm: nothing to do
    prepared = warm.model_for(cfg, steps)
    assert prepared is not None
    result = _run(cfg, slice_, warm)
    assert result.model is prepared  # the run took the prepared model (no new one, no tracing)
    assert _history(result) == _history(_run(cfg, slice_))
    assert warm.model_for(cfg, steps) is prepared  # kept again after the run


@tensorflow_only
@pytest.mark.parametrize("checks_before_stop", [0, 1, 3, 4])  # before it clears, at a training / validation trace,
# before the test batch's
def test_a_warm_up_gives_way_at_its_next_step_and_leaves_nothing_behind(slice_, checks_before_stop):
    """A click's job for another network stops a warm-up between its steps: nothing of it is kept, and the same
    network is prepared and trained as usual afterwards."""
    warm = WarmModels()
    cfg = TrainConfig(preset="mlp", epochs=2, subset=600, batch_size=64).resolved()
    steps = run_steps(cfg, len(slice_[0][0]))
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > checks_before_stop

    with pytest.raises(backend.JobCancelled):
        warm.prepare(cfg, steps, cancelled)
    assert len(asked) == checks_before_stop + 1  # it stopped at the first "yes"
    assert not warm.ready_for(cfg, steps)
    assert warm.prepare(cfg, steps, lambda: False) is True
    if checks_before_stop == 1:  # stopped between the traces of a fit: the network still trains as a new one
        result = _run(cfg, slice_, warm)
        assert result.model is warm.model_for(cfg, steps)
        assert _history(result) == _history(_run(cfg, slice_))


@tensorflow_only
def test_only_the_same_network_takes_a_warm_model_and_two_are_kept(slice_):
    warm = WarmModels()
    mlp = TrainConfig(preset="mlp", epochs=1, subset=600).resolved()
    n = len(slice_[0][0])
    warm.prepare(mlp, run_steps(mlp, n))
    for other in (TrainConfig(preset="mlp", epochs=1, subset=600, batch_size=128),  # another batch size
                  TrainConfig(preset="mlp-custom", epochs=1, subset=600, hidden=(64,)),  # another design
                  TrainConfig(preset="mlp", epochs=1, subset=600, optimizer="sgd")):
        other = other.resolved()
        assert network_key(other, run_steps(other, n)) != network_key(mlp, run_steps(mlp, n))
        assert warm.take(other, run_steps(other, n)) is None
    # One-cycle needs more than 10 steps: a shorter run is another network (a constant learning rate).
    short = TrainConfig(preset="mlp", epochs=1, subset=300).resolved()
    assert not one_cycle(short, run_steps(short, n)) and one_cycle(mlp, run_steps(mlp, n) * 10)
    softmax = TrainConfig(preset="softmax", epochs=1, subset=600).resolved()
    custom = TrainConfig(preset="mlp-custom", epochs=1, subset=600, hidden=(64,)).resolved()
    warm.prepare(softmax, run_steps(softmax, n))
    warm.prepare(custom, run_steps(custom, n))
    assert warm.ready_for(custom, run_steps(custom, n)) and warm.ready_for(softmax, run_steps(softmax, n))
    assert not warm.ready_for(mlp, run_steps(mlp, n))  # the oldest of three went


@tensorflow_only
def test_a_run_that_fails_leaves_its_network_cold(slice_, monkeypatch):
    warm = WarmModels()
    cfg = TrainConfig(preset="softmax", epochs=1, subset=600).resolved()
    steps = run_steps(cfg, len(slice_[0][0]))
    warm.prepare(cfg, steps)
    from mnist_studio.runtime.backend import keras

    def broken(self, *args, **kwargs):
        raise RuntimeError("a fault inside fit")

    monkeypatch.setattr(keras.Model, "fit", broken)
    with pytest.raises(RuntimeError, match="a fault inside fit"):
        Trainer(cfg, data=slice_, warm=warm).run()
    assert not warm.ready_for(cfg, steps)  # the half-trained model is never reused


def test_other_backends_build_a_new_model_every_run(slice_, monkeypatch):
    """JAX's steps are pure functions (the schedule's numbers would be frozen in), PyTorch does not trace: there
    every run builds its model, and trains as without warm models. (Under TensorFlow, as if it were another.)"""
    assert WarmModels.usable() is (backend.current() == "tensorflow")
    if WarmModels.usable():
        monkeypatch.setattr(WarmModels, "usable", staticmethod(lambda: False))
    warm = WarmModels()
    cfg = TrainConfig(preset="softmax", epochs=1, subset=600)
    assert warm.prepare(cfg.resolved(), 10) is False and warm.prepare_run(cfg) is False
    first, second = _run(cfg, slice_, warm), _run(cfg, slice_, warm)
    assert second.model is not first.model
    assert warm.model_for(cfg.resolved(), 10) is None
    assert _history(first) == _history(second)

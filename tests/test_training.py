import math

import numpy as np
import pytest

from mnist_studio.networks.training import (
    EVENT_INTERVAL_S,
    BatchEvent,
    ConfigError,
    EpochEvent,
    PhaseEvent,
    TrainConfig,
    Trainer,
)


def test_mlp_trains_and_learns(trained_mlp):
    result = trained_mlp
    assert result.status == "completed"
    assert len(result.history) == 1
    h = result.history[0]
    assert set(h) >= {"loss", "accuracy", "val_loss", "val_accuracy", "seconds", "samples_per_s"}
    assert result.evaluation.accuracy > 0.7  # a real model learned from 2,000 real images
    assert result.evaluation.confusion.sum() == 500
    from mnist_studio.runtime import backend

    assert result.device.startswith(f"{backend.label()} · ")
    assert result.extra["backend"] == backend.current()
    assert result.train_size == 1800  # 10 % of the 2,000 held out for validation
    assert result.extra["validation"] == {"source": "train", "size": 200}
    assert result.extra["train_size"] == 1800 and result.extra["params"] == 203_530


def test_events_are_throttled_and_complete(small_data):
    events = []
    result = Trainer(TrainConfig(preset="mlp-seed-256", epochs=2, batch_size=16), data=small_data,
                     on_event=events.append).run()
    assert result.status == "completed"
    batches = [e for e in events if isinstance(e, BatchEvent)]
    epochs = [e for e in events if isinstance(e, EpochEvent)]
    phases = [e.phase for e in events if isinstance(e, PhaseEvent)]
    assert phases == ["preparing", "training", "evaluating"]
    assert [e.epoch for e in epochs] == [1, 2]
    assert 2 <= len(batches) < 2 * 113  # throttled: not one per batch (1,800 images / 16)
    assert batches[-1].batch == batches[-1].batches == 113 and batches[-1].eta_s == 0
    # ... but every batch's own values travel in them, in order
    for epoch in (1, 2):
        mine = [e for e in batches if e.epoch == epoch]
        assert sum(len(e.batch_losses) for e in mine) == 113
        assert [e.first_batch for e in mine] == [1] + [e.batch + 1 for e in mine[:-1]]
        assert all(len(e.batch_losses) == len(e.batch_accuracies) == e.batch - e.first_batch + 1 for e in mine)
    # at most ~20 events a second (plus each epoch's last batch)
    seconds = sum(e.seconds for e in epochs)
    assert len(batches) <= seconds / EVENT_INTERVAL_S + 4
    assert all(math.isfinite(e.loss) and 0 <= e.accuracy <= 1 for e in batches)


def test_cancel_keeps_the_partly_trained_model(small_data):
    trainer = None

    def on_event(event):
        if isinstance(event, BatchEvent):
            trainer.cancel()

    trainer = Trainer(TrainConfig(preset="mlp-seed-256", epochs=5, batch_size=8), data=small_data,
                      on_event=on_event)
    result = trainer.run()
    assert result.status == "stopped"
    assert "Stopped" in result.message
    assert len(result.history) == 1 and result.history[0]["partial"]
    assert result.model is not None and result.evaluation is not None


def test_nan_loss_stops_with_a_clear_message(small_data):
    result = Trainer(TrainConfig(preset="mlp-seed-256", epochs=3, learning_rate=1e30, optimizer="sgd"),
                     data=small_data).run()
    assert result.status == "failed"
    assert "diverged" in result.message and "lower learning rate" in result.message
    assert result.evaluation is None


@pytest.mark.parametrize("field,kwargs", [
    ("epochs", dict(epochs=0)),
    ("epochs", dict(epochs=-3)),
    ("epochs", dict(epochs=1.5)),
    ("batch_size", dict(batch_size=0)),
    ("learning_rate", dict(learning_rate=0.0)),
    ("learning_rate", dict(learning_rate=-0.1)),
    ("learning_rate", dict(learning_rate=float("nan"))),
    ("optimizer", dict(optimizer="adagrad-x")),
    ("subset", dict(subset=0)),
    ("subset", dict(subset=70000)),
    ("preset", dict(preset="nope")),
])
def test_bad_hyperparameters_are_rejected_before_training(field, kwargs):
    with pytest.raises(ConfigError) as err:
        Trainer(TrainConfig(**{"preset": "mlp", **kwargs}))
    assert err.value.field == field
    assert field.split("_")[0] in str(err.value).replace("-", " ").lower()


def test_subset_larger_than_the_data_given(small_data):
    trainer = Trainer(TrainConfig(preset="mlp", epochs=1, subset=5000), data=small_data)
    with pytest.raises(ConfigError, match="between 1 and 2000") as err:
        trainer.run()
    assert err.value.field == "subset"


def test_subset_and_seed_are_reproducible(small_data):
    a = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=300, seed=5), data=small_data).run()
    b = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=300, seed=5), data=small_data).run()
    assert a.train_size == 270 and a.extra["validation"]["size"] == 30
    assert np.allclose(a.model.get_weights()[0], b.model.get_weights()[0], atol=1e-5)


def test_cnn_with_augmentation_and_schedule(small_data):
    result = Trainer(TrainConfig(preset="cnn", epochs=6, subset=1000, batch_size=64), data=small_data).run()
    assert result.status == "completed"
    assert result.config.augment is True
    assert result.evaluation.accuracy > 0.8


def test_batches_are_seeded_scaled_and_augmented(small_data):
    from mnist_studio.networks.trainingdata import batches as _batches

    (x, y), _ = small_data
    cfg = TrainConfig(preset="cnn", batch_size=64, seed=3).resolved()
    a, b = _batches(x[:200], y[:200], cfg), _batches(x[:200], y[:200], cfg)
    assert len(a) == 4
    xa, ya = a[0]
    xb, yb = b[0]
    assert xa.dtype == np.float32 and xa.shape == (64, 28, 28) and 0 <= xa.min() and xa.max() <= 1
    assert np.array_equal(xa, xb) and np.array_equal(ya, yb)  # same seed, same batch
    last_x, last_y = a[3]
    assert len(last_x) == len(last_y) == 200 - 3 * 64
    a.epoch = 1
    assert not np.array_equal(a[0][1], ya)  # reshuffled for the next epoch
    # every image once per epoch
    labels = np.concatenate([b[i][1] for i in range(len(b))])
    assert np.array_equal(np.sort(labels), np.sort(y[:200]))
    plain = _batches(x[:200], y[:200], TrainConfig(preset="cnn", batch_size=64, seed=3, augment=False).resolved())
    px, py = plain[0]
    assert np.array_equal(py, ya)
    assert not np.allclose(px, xa)  # augmented: shifted/rotated a little, not scrambled
    corr = [np.corrcoef(p.ravel(), q.ravel())[0, 1] for p, q in zip(px, xa, strict=True)]
    assert np.median(corr) > 0.4
    assert abs(xa.sum() / px.sum() - 1) < 0.2


def test_batch_values_are_each_batchs_own(small_data):
    """With a learning rate of ~0 the model does not change, so each batch's own loss is the loss of the
    model on that batch's images: compare with a direct computation (the last batch is short)."""
    from mnist_studio.networks.trainingdata import batches

    events = []
    cfg = TrainConfig(preset="mlp-seed-256", epochs=2, batch_size=64, optimizer="sgd", learning_rate=1e-12,
                      subset=500, validation_size=0, seed=4)
    result = Trainer(cfg, data=small_data, on_event=events.append).run()
    losses = [v for e in events if isinstance(e, BatchEvent) for v in e.batch_losses]
    accs = [v for e in events if isinstance(e, BatchEvent) for v in e.batch_accuracies]
    assert len(losses) == 2 * 8  # 500 images / 64 = 7 full batches and one of 52
    (x, y), _ = small_data
    rng = np.random.default_rng(cfg.seed)
    keep = np.sort(rng.permutation(len(x))[:500])
    feed = batches(x[keep], y[keep], result.config)
    for epoch in range(2):
        feed.epoch = epoch
        for i in range(8):
            xb, yb = feed[i]
            p = np.asarray(result.model.predict_on_batch(xb))
            loss = -np.log(np.clip(p[np.arange(len(yb)), yb], 1e-7, 1)).mean()
            assert losses[epoch * 8 + i] == pytest.approx(loss, abs=2e-3)
            assert accs[epoch * 8 + i] == pytest.approx((p.argmax(1) == yb).mean(), abs=2e-3)
    assert len(set(np.round(losses[:8], 3))) > 4  # not a running mean: batches differ
    # the running means are still there for compatibility
    last = [e for e in events if isinstance(e, BatchEvent)][-1]
    assert last.loss == pytest.approx(np.average(losses[8:], weights=[64] * 7 + [52]), abs=1e-4)


def test_validation_is_held_out_of_training_and_the_test_set_is_used_once(small_data):
    from mnist_studio.networks.training import split_sizes, stratified_split

    events = []
    result = Trainer(TrainConfig(preset="softmax", epochs=2), data=small_data, on_event=events.append).run()
    assert result.extra["validation"] == {"source": "train", "size": 200}
    assert [e.phase for e in events if isinstance(e, PhaseEvent)].count("evaluating") == 1
    (x, y), (x_test, y_test) = small_data
    _, val = stratified_split(y, 200, 0)
    p = result.model.predict_on_batch(x[val].astype(np.float32) / 255)
    loss = -np.log(np.clip(np.asarray(p)[np.arange(200), y[val]], 1e-7, 1)).mean()
    assert result.history[-1]["val_loss"] == pytest.approx(loss, abs=1e-3)  # validated on the hold-out
    assert result.evaluation.confusion.sum() == len(y_test)
    assert split_sizes(TrainConfig(preset="cnn")) == (55000, 5000)
    assert split_sizes(TrainConfig(preset="cnn", subset=1000)) == (900, 100)
    assert split_sizes(TrainConfig(preset="cnn", subset=50)) == (40, 10)  # one per class
    assert split_sizes(TrainConfig(preset="cnn", validation_size=0)) == (60000, 0)
    assert split_sizes(TrainConfig(preset="overfit-demo")) == (1000, 500)


def test_stratified_split_is_seeded_disjoint_and_covers_every_class(mnist):
    from mnist_studio.networks.training import stratified_split

    (_, y), _ = mnist
    train, val = stratified_split(y, 5000, 0)
    assert len(val) == 5000 and len(train) == 55000
    assert not np.intersect1d(train, val).size
    share = np.bincount(y[val], minlength=10) / 5000
    assert np.abs(share - np.bincount(y, minlength=10) / len(y)).max() < 0.001
    assert np.array_equal(stratified_split(y, 5000, 0)[1], val)
    assert not np.array_equal(stratified_split(y, 5000, 1)[1], val)
    _, small = stratified_split(y[:60], 10, 3)
    assert sorted(set(y[:60][small])) == sorted(set(y[:60]))


def test_keep_best_restores_the_epoch_with_the_lowest_validation_loss(small_data):
    from mnist_studio.networks.training import stratified_split

    cfg = TrainConfig(preset="mlp-seed-1000", epochs=14, batch_size=32, learning_rate=3e-3, keep_best=True,
                      subset=None, validation_size=300)
    result = Trainer(cfg, data=small_data).run()
    val_losses = [h["val_loss"] for h in result.history]
    best = int(np.argmin(val_losses)) + 1
    assert result.extra["best_epoch"] == best
    assert best < len(result.history)  # this small-data setup overfits: later epochs were worse
    assert "Kept epoch" in result.message
    (x, y), _ = small_data
    _, val = stratified_split(y, 300, 0)
    p = np.asarray(result.model.predict_on_batch(x[val].astype(np.float32) / 255))
    loss = -np.log(np.clip(p[np.arange(300), y[val]], 1e-7, 1)).mean()
    assert loss == pytest.approx(val_losses[best - 1], abs=1e-3)  # the best epoch's weights, not the last
    assert result.extra["val_accuracy"] == result.history[best - 1]["val_accuracy"]


@pytest.mark.parametrize("field,kwargs,words", [
    ("validation_size", dict(subset=500, validation_size=500), "smaller than the 500"),
    ("validation_size", dict(validation_size=-1), "0 or more"),
    ("keep_best", dict(keep_best=True, validation_size=0), "validation set"),
    ("hidden", dict(preset="mlp-custom", hidden=(0,)), "between 1 and"),
    ("hidden", dict(preset="mlp-custom", hidden=(4096,) * 30), "parameters"),
    ("dropout", dict(preset="mlp-custom", dropout=1.5), "dropout"),
    ("activation", dict(preset="mlp-custom", activation="swish"), "relu, tanh, sigmoid, gelu"),
    ("kernel", dict(preset="cnn-custom", conv=(8, 16, 32), kernel=9), "larger than the 7x7"),
    ("conv", dict(preset="cnn-custom", conv=(8,) * 6, kernel=1), "shrink"),
    ("kernel", dict(preset="cnn-custom", conv=(8,) * 5), "larger than the 1x1"),
    ("hidden", dict(preset="cnn", hidden=(10,)), "fixed architecture"),
    ("conv", dict(preset="mlp-custom", conv=(8,)), "cnn-custom"),
    ("dataset", dict(dataset="cifar"), "mnist, fashion"),
])
def test_bad_design_and_split_fields_name_the_field(field, kwargs, words):
    with pytest.raises(ConfigError) as err:
        Trainer(TrainConfig(**{"preset": "mlp", **kwargs}))
    assert err.value.field == field
    assert words in str(err.value)


def test_thirty_layers_of_4096_say_the_count_and_memory():
    with pytest.raises(ConfigError) as err:
        TrainConfig(preset="mlp-custom", hidden=(4096,) * 30).resolved()
    assert "489,914,378 parameters" in str(err.value) and "7.8 GB" in str(err.value)


def test_validation_larger_than_the_data_given(small_data):
    trainer = Trainer(TrainConfig(preset="softmax", epochs=1, validation_size=2500), data=small_data)
    with pytest.raises(ConfigError, match="smaller than the 2,000") as err:
        trainer.run()
    assert err.value.field == "validation_size"


def test_custom_mlp_and_cnn_train(small_data):
    from mnist_studio.networks.models import estimate

    mlp = TrainConfig(preset="mlp-custom", epochs=1, hidden=(64, 32), activation="tanh", dropout=0.1, subset=600)
    result = Trainer(mlp, data=small_data).run()
    kinds = [type(layer).__name__ for layer in result.model.layers]
    assert kinds == ["Flatten", "Dense", "Dropout", "Dense", "Dropout", "Dense"]
    assert result.model.layers[1].units == 64 and result.model.layers[1].activation.__name__ == "tanh"
    assert estimate(mlp)[0] == result.model.count_params() == result.extra["params"]
    cnn = TrainConfig(preset="cnn-custom", epochs=3, batch_size=32, conv=(8, 16), kernel=5, dense=(32,), pool=True,
                      subset=600,
                      augment=False)
    result = Trainer(cnn, data=small_data).run()
    convs = [layer for layer in result.model.layers if type(layer).__name__ == "Conv2D"]
    assert [c.filters for c in convs] == [8, 16] and convs[0].kernel_size == (5, 5)
    assert estimate(cnn) == (result.model.count_params(), 16 * result.model.count_params())
    assert result.status == "completed" and result.evaluation.accuracy > 0.3

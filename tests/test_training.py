import math

import numpy as np
import pytest

from mnist_studio.training import (
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
    assert result.device.startswith(("CPU", "GPU"))
    assert result.train_size == 2000


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
    assert 2 <= len(batches) < 2 * 125  # throttled: not one per batch
    assert batches[-1].batch == batches[-1].batches == 125 and batches[-1].eta_s == 0
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
    assert field.split("_")[0] in str(err.value).replace("-", " ").lower() or field == "subset"


def test_subset_larger_than_the_data_given(small_data):
    trainer = Trainer(TrainConfig(preset="mlp", epochs=1, subset=5000), data=small_data)
    with pytest.raises(ConfigError, match="between 1 and 2000"):
        trainer.run()


def test_subset_and_seed_are_reproducible(small_data):
    a = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=300, seed=5), data=small_data).run()
    b = Trainer(TrainConfig(preset="mlp-seed-256", epochs=1, subset=300, seed=5), data=small_data).run()
    assert a.train_size == 300
    assert np.allclose(a.model.get_weights()[0], b.model.get_weights()[0], atol=1e-5)


def test_cnn_with_augmentation_and_schedule(small_data):
    result = Trainer(TrainConfig(preset="cnn", epochs=6, subset=1000, batch_size=64), data=small_data).run()
    assert result.status == "completed"
    assert result.config.augment is True
    assert result.evaluation.accuracy > 0.8


def test_batches_are_seeded_scaled_and_augmented(small_data):
    from mnist_studio.training import _batches

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
    a.on_epoch_end()
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

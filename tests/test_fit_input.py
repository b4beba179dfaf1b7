"""What ``model.fit`` reads (``backend.fit_input``): on TensorFlow a tf.data pipeline without autotuning.

tf.data's autotuning thread could hold ``fit`` up for the rest of its sleep (up to 10 s) when an epoch's
pipeline was dropped; the pipeline here must give the same batches in the same order, with no such thread.
"""

import os
import subprocess
import sys

import numpy as np
import pytest

from mnist_studio.networks.train_config import TrainConfig
from mnist_studio.networks.trainingdata import batches
from mnist_studio.runtime import backend


def _data(n=70, seed=0):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, (n, 28, 28), dtype=np.uint8), (np.arange(n) % 10).astype(np.uint8)


def _tensorflow():
    if backend.current() != "tensorflow":
        pytest.skip("TensorFlow is not this run's Keras backend")
    return pytest.importorskip("tensorflow")


def test_a_pydataset_gives_the_same_batches_in_order_without_autotuning():
    _tensorflow()
    x, y = _data()
    feed = batches(x, y, TrainConfig(preset="mlp", batch_size=16, augment=True).resolved())
    feed.epoch = 3
    dataset = backend.fit_input(feed)
    assert dataset.options().autotune.enabled is False
    assert int(dataset.cardinality()) == len(feed) == 5  # 70 images, batches of 16: the last one short
    got = [(a.numpy(), b.numpy()) for a, b in dataset]
    assert len(got) == len(feed)
    for i, (images, labels) in enumerate(got):
        want_images, want_labels = feed[i]
        np.testing.assert_array_equal(images, want_images)  # the same augmented images: batch i of epoch 3
        np.testing.assert_array_equal(labels, want_labels)
    assert got[-1][0].shape == (70 - 4 * 16, 28, 28) and got[0][0].dtype == np.float32 and got[0][1].dtype == np.int32


def test_arrays_are_cut_into_batches_without_autotuning():
    _tensorflow()
    x = np.random.default_rng(1).random((25, 28, 28)).astype(np.float32)
    y = (np.arange(25) % 10).astype(np.int32)
    dataset = backend.fit_input((x, y), 10)
    assert dataset.options().autotune.enabled is False
    parts = list(dataset.as_numpy_iterator())
    assert [len(p[1]) for p in parts] == [10, 10, 5]
    np.testing.assert_array_equal(np.concatenate([p[0] for p in parts]), x)
    np.testing.assert_array_equal(np.concatenate([p[1] for p in parts]), y)


def test_keras_keeps_a_pydataset_with_workers_and_other_backends_get_their_data_as_is():
    x, y = _data()
    threaded = batches(x, y, TrainConfig(preset="mlp").resolved(), workers=2)
    assert backend.fit_input(threaded) is threaded  # Keras' enqueuer pipeline turns autotuning off itself
    if backend.current() != "tensorflow":
        pair = (x, y)
        assert backend.fit_input(pair, 10) is pair
        plain = batches(x, y, TrainConfig(preset="mlp").resolved())
        assert backend.fit_input(plain) is plain


_PROBE = r"""
import sys
import numpy as np
from mnist_studio.networks.train_config import TrainConfig
from mnist_studio.networks.training import Trainer
from mnist_studio.networks.trainingdata import batches
from mnist_studio.runtime.backend import keras

rng = np.random.default_rng(0)
x, y = rng.integers(0, 256, (600, 28, 28), dtype=np.uint8), (np.arange(600) % 10).astype(np.uint8)
result = Trainer(TrainConfig(preset="mlp", epochs=2, batch_size=64), data=((x, y), (x[:100], y[:100]))).run()
assert result.status == "completed", result.status
print("=== TRAINER DONE", file=sys.stderr, flush=True)
model = keras.Sequential([keras.Input((28, 28)), keras.layers.Flatten(), keras.layers.Dense(10)])
model.compile("adam", keras.losses.SparseCategoricalCrossentropy(from_logits=True))
model.fit(batches(x, y, TrainConfig(preset="mlp", batch_size=64).resolved()), epochs=1, verbose=0)
print("=== PLAIN FIT DONE", file=sys.stderr, flush=True)
"""


def test_training_starts_no_tf_data_autotuning_thread():
    """The real Trainer on TensorFlow, with tf.data's autotuning log on: the optimisation loop's lines appear only
    for the plain Keras fit over a PyDataset that follows it (which shows that the log would catch them)."""
    _tensorflow()
    env = dict(os.environ, KERAS_BACKEND="tensorflow", TF_CPP_MIN_LOG_LEVEL="0", TF_CPP_VMODULE="model=2")
    proc = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    log = proc.stderr
    trainer_part, rest = log.split("=== TRAINER DONE", 1)
    plain_part = rest.split("=== PLAIN FIT DONE", 1)[0]
    line = " model.cc:"  # tf.data's autotuning (tensorflow/core/framework/model.cc), not e.g. cost_model.cc
    assert line in plain_part  # autotuning ran for Keras' own pipeline: the probe sees it
    assert line not in trainer_part, [text for text in trainer_part.splitlines() if line in text][:5]

"""Fine-tuning with real Keras on a small real set, the splits, and the finetune / evaluate --data CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mnist_studio.digits import handwriting as hw
from mnist_studio.digits.handwriting import DigitSet, DigitSetError
from mnist_studio.networks.finetune import (
    NONE,
    PER_WRITER,
    WRITER_HELD_OUT,
    FinetuneConfig,
    FineTuner,
    PhaseEvent,
    StepEvent,
    check_trainable,
    split_set,
)


@pytest.fixture(scope="module")
def pen_sets():
    """Two real pen writers: 6 digits per class each (strokes rendered by the one stroke path)."""
    from mnist_studio.digits import pendigits
    from mnist_studio.digits.strokes import render

    pen = pendigits.load()
    out = {}
    for w in (3, 17):
        rng = np.random.default_rng(w)
        idx = np.flatnonzero(pen.writers == w)
        pick = np.concatenate([rng.choice(idx[pen.labels[idx] == d], 6, replace=False) for d in range(10)])
        x = np.stack([hw.to_uint8(render(pen.strokes(int(i)))) for i in pick])
        out[w] = DigitSet(x, pen.labels[pick].astype(np.int64), np.full(len(pick), f"w{w}"), name=f"w{w}")
    return out


def test_per_writer_split_never_scores_training_digits(pen_sets):
    ds = pen_sets[3]
    split = split_set(ds, holdout=0.3, seed=1)
    assert split.mode == PER_WRITER
    assert not set(split.train) & set(split.test) and len(split.train) + len(split.test) == len(ds)
    assert np.bincount(ds.y[split.test], minlength=10).tolist() == [2] * 10  # 30 % of 6 per class
    assert "scored on 20" in split.describe()


def test_class_set_is_scored_writer_held_out(pen_sets):
    a, b = pen_sets[3], pen_sets[17]
    third = b.subset(np.arange(0, 60, 2))
    third.x = 255 - third.x
    third.writer = np.full(len(third), "w99")
    merged = hw.merge([a, b, third])
    split = split_set(merged, seed=0)
    assert split.mode == WRITER_HELD_OUT and len(split.test_writers) == 1
    test_writers = set(merged.writer[split.test])
    assert test_writers == set(split.test_writers) and not test_writers & set(merged.writer[split.train])
    assert "writer-held-out" in split.describe()


def test_one_class_and_tiny_sets_are_refused():
    ds = DigitSet.empty("ones")
    for k in range(4):
        ds.add([np.array([[0.5 + 0.02 * k, 0.1], [0.5, 0.9]])], 1, "a")
    with pytest.raises(DigitSetError, match="only the digit 1"):
        check_trainable(ds)
    with pytest.raises(DigitSetError, match="only the digit 1"):
        FineTuner("mlp", ds)
    two = DigitSet.empty("two")
    two.add([np.array([[0.5, 0.1], [0.5, 0.9]])], 1, "a")
    two.add([np.array([[0.2, 0.1], [0.8, 0.1], [0.3, 0.9]])], 7, "a")
    check_trainable(two)
    with pytest.raises(DigitSetError, match="too few digits to hold any out"):
        split_set(two)
    with pytest.raises(ValueError, match="learning rate"):
        FinetuneConfig(learning_rate=0).validate()


def test_finetune_improves_held_out_digits_and_keeps_mnist(pen_sets, mnist):
    (x_train, y_train), (x_test, y_test) = mnist
    data = ((x_train[:5000], y_train[:5000]), (x_test[:1000], y_test[:1000]))
    events = []
    tuner = FineTuner("mlp", pen_sets[17], FinetuneConfig(steps=60), on_event=events.append, mnist=data)
    result = tuner.run()
    assert result.status == "completed" and result.preset == "mlp" and result.split.mode == PER_WRITER
    assert [e.phase for e in events if isinstance(e, PhaseEvent)] == ["preparing", "scoring", "training",
                                                                      "evaluating"]
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert steps and steps[-1].step == 60
    assert len(result.before.labels) == len(result.split.test) == 20
    assert result.after.accuracy >= result.before.accuracy
    assert result.mnist_after.accuracy >= result.mnist_before.accuracy - 0.01
    summary = result.summary()
    assert summary["split"] == PER_WRITER and summary["test_size"] == 20
    np.testing.assert_allclose(result.predictor.predict(pen_sets[17].images()[:3]).sum(axis=1), 1, atol=1e-4)


def test_cancel_stops_early_and_the_result_saves_as_a_run(pen_sets, mnist, tmp_path):
    from mnist_studio.storage.runs import RunStore

    holder = {}

    def on_event(event):
        if isinstance(event, StepEvent):
            holder["tuner"].cancel()

    data = (mnist[0], (mnist[1][0][:300], mnist[1][1][:300]))
    holder["tuner"] = FineTuner("cnn", pen_sets[3], FinetuneConfig(steps=200), on_event=on_event, mnist=data)
    result = holder["tuner"].run()
    assert result.status == "stopped" and result.history[0]["partial"]
    record = RunStore(tmp_path / "runs").save(result.to_train_result())
    assert record.preset == "cnn" and record.status == "stopped" and record.model_path.is_file()
    assert record.base == "cnn" and record.dataset == "my digits: w3" and record.params > 0
    extra = result.to_train_result().extra
    assert extra["base"] == "cnn" and extra["dataset"] == "my digits: w3" and extra["params"] > 0
    assert extra["validation"] == {"source": PER_WRITER, "size": len(result.split.test)}
    assert "Fine-tuned from cnn" in record.message
    from mnist_studio.prediction.inference import load_model

    assert load_model(record.model_path).count_params() == result.model.count_params()


def test_base_from_a_run_folder_and_id(pen_sets, mnist, tmp_path, trained_mlp):
    from mnist_studio.networks.finetune import resolve_base
    from mnist_studio.prediction.inference import ModelLoadError
    from mnist_studio.storage.runs import RunStore

    store = RunStore(tmp_path / "runs")
    record = store.save(trained_mlp)
    model, label, preset = resolve_base(record.id, store)
    assert preset == "mlp-seed-256" and record.id in label and model.count_params() > 0
    assert resolve_base(record.folder)[2] == "mlp-seed-256"
    with pytest.raises(ModelLoadError, match="neither a shipped model"):
        resolve_base("no-such-run", store)
    tuner = FineTuner(record.id, pen_sets[3], FinetuneConfig(steps=3), mnist=mnist, holdout=False, store=store)
    assert tuner.split.mode == NONE and tuner.run().after is None


# -- the CLI ----------------------------------------------------------------------------------------------
def _run_cli(argv, capsys):
    from mnist_studio.cli.commands import main

    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_finetune_and_evaluate_on_a_set(pen_sets, tmp_path, capsys, home):
    set_path = hw.save(pen_sets[3], tmp_path / "w3.npz")
    out = tmp_path / "mine.keras"
    code, stdout, stderr = _run_cli(["finetune", "--base", "mlp", "--data", str(set_path), "--out", str(out),
                                     "--json"], capsys)
    assert code == 0, stderr
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["train_size"] == 60 and summary["seconds"] > 0 and summary["out"] == str(out)
    assert summary["mnist_accuracy_after"] > 0.9 and out.is_file()
    code, stdout, _ = _run_cli(["evaluate", str(out), "--data", str(set_path), "--json"], capsys)
    assert code == 0
    ev = json.loads(stdout.strip().splitlines()[-1])
    assert ev["samples"] == 60 and len(ev["confusion_matrix"]) == 10
    assert sum(map(sum, ev["confusion_matrix"])) == 60 and 0 <= ev["accuracy"] <= 1 and "loss" in ev


def test_cli_bad_files_exit_1_bad_args_exit_2(tmp_path, capsys, pen_sets):
    (tmp_path / "broken.npz").write_bytes(b"PK\x03\x04 truncated")
    one_class = DigitSet(pen_sets[3].x[:3], np.array([4, 4, 4]), np.array(["a"] * 3), name="fours")
    hw.save(one_class, tmp_path / "fours.npz")
    good = hw.save(pen_sets[3], tmp_path / "good.npz")
    out = tmp_path / "o.keras"
    cases = [
        (["finetune", "--base", "mlp", "--data", str(tmp_path / "broken.npz"), "--out", str(out)], 1, "truncated"),
        (["finetune", "--base", "mlp", "--data", str(tmp_path / "fours.npz"), "--out", str(out)], 1, "only the digit"),
        (["finetune", "--base", str(tmp_path / "nope.keras"), "--data", str(good), "--out", str(out)], 1,
         "no such model"),
        (["evaluate", "mlp", "--data", str(tmp_path / "missing.npz"), "--json"], 1, "no such file"),
        (["finetune", "--base", "mlp", "--data", str(good), "--out", str(tmp_path / "o.h5")], 2, ".keras"),
    ]
    for argv, expected, message in cases:
        code, stdout, stderr = _run_cli(argv, capsys)
        assert code == expected and message in stderr and stdout == "", (argv, stderr)
    assert not out.exists()
    with pytest.raises(SystemExit) as exc:
        _run_cli(["finetune", "--base", "mlp", "--out", str(out)], capsys)
    assert exc.value.code == 2 and "--data" in capsys.readouterr().err


def test_a_loaded_predictor_is_scored_once_and_left_untouched(pen_sets, mnist, shipped):
    data = (mnist[0], (mnist[1][0][:500], mnist[1][1][:500]))
    base = shipped["mlp"]
    weights = [w.copy() for w in base.model.get_weights()]
    first = FineTuner(base, pen_sets[3], FinetuneConfig(steps=3), mnist=data).run()
    second = FineTuner(base, pen_sets[17], FinetuneConfig(steps=3), mnist=data).run()
    assert second.mnist_before is first.mnist_before and len(first.mnist_before.labels) == 500
    assert first.model is not base.model and first.preset == "mlp"
    for a, b in zip(base.model.get_weights(), weights, strict=True):  # the app's model is never trained
        np.testing.assert_array_equal(a, b)


def test_the_writers_share_of_a_batch_grows_without_growing_the_batch():
    """benchmarks/finetune_settings.py chose 32 of the writer's digits a batch at 6e-4 on hard writers a proxy base
    never saw; the batch keeps its size (128 for a CNN, 256 for an MLP): as many steps of the same size as before
    (twice as many of the writer's digits augmented)."""
    from mnist_studio.networks.finetune import FinetuneConfig, for_arch

    config = FinetuneConfig()
    assert (config.personal_batch, config.learning_rate) == (32, 6e-4)
    cnn, mlp = for_arch(config, "cnn"), for_arch(config, "mlp")
    assert (cnn.personal_batch + cnn.mnist_batch, mlp.personal_batch + mlp.mnist_batch) == (128, 256)
    assert for_arch(FinetuneConfig(personal_batch=16), "cnn").mnist_batch == 112
    with pytest.raises(ValueError, match="below 128"):  # no room left for MNIST: refused, not silently forgetting
        for_arch(FinetuneConfig(personal_batch=128), "cnn")
    assert for_arch(FinetuneConfig(mnist_batch=50), "mlp").mnist_batch == 50  # an explicit share is kept

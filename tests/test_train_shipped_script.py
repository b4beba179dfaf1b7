"""scripts/train_shipped_models.py: the measuring protocol of the shipped models (issue 23, part 2)."""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from mnist_studio.digits import data, pendigits, skeleton

ROOT = Path(__file__).resolve().parent.parent


def script():
    spec = importlib.util.spec_from_file_location("train_shipped_models", ROOT / "scripts" / "train_shipped_models.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_writer_groups_split_the_thirty_writers_once():
    groups = [pendigits.TRAIN_WRITERS, pendigits.TUNING_WRITERS, pendigits.REPORTING_WRITERS]
    every = [w for g in groups for w in g]
    assert sorted(every) == list(range(1, 31)) and len(set(every)) == 30
    assert set(pendigits.HELD_OUT_WRITERS) == set(pendigits.TUNING_WRITERS) | set(pendigits.REPORTING_WRITERS)


def test_the_script_writes_the_metadata_and_never_reads_a_reporting_writer(tmp_path, capsys, monkeypatch):
    module = script()
    looked_at = []
    real_subset = pendigits.PenDigits.subset

    def subset(self, mask):
        part = real_subset(self, mask)
        looked_at.extend(set(part.writers.tolist()))
        return part

    monkeypatch.setattr(pendigits.PenDigits, "subset", subset)
    assert module.main(["--quick", "--models", "mlp", "--out", str(tmp_path)]) == 0
    assert not set(looked_at) & set(pendigits.REPORTING_WRITERS)
    meta = json.loads((tmp_path / "mlp.json").read_text())
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed == {k: v for k, v in meta.items() if k != "history"}
    assert meta["model"] == str(tmp_path / "mlp.keras") and (tmp_path / "mlp.keras").is_file()
    assert meta["command"] == f"python scripts/train_shipped_models.py --quick --models mlp --out {tmp_path}"
    assert meta["hyperparameters"]["augment"] is True and meta["settings"]["share"] > 0  # it did augment
    assert meta["tuning_writers"] == "21-25" and meta["reporting_writers"] == "26-30"
    assert set(meta["tuning"]) == {"pen_tuning_writers"} and meta["tuning"]["pen_tuning_writers"]["n"] > 1000
    assert "test_accuracy" not in meta and not meta["tuning_run"]  # MNIST's test set is the benchmarks' to read
    assert len(meta["history"]["loss"]) == meta["settings"]["epochs"] == 1


def test_tuning_holds_out_mnist_validation_and_saves_nothing_without_out(tmp_path, capsys, monkeypatch):
    module = script()
    monkeypatch.chdir(tmp_path)
    before = {p: p.stat().st_mtime for p in (ROOT / "resources" / "models").iterdir()}
    assert module.main(["--quick", "--tune", "--models", "mlp", "--no-skeleton-jitter"]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["model"] is None and report["tuning_run"]
    assert set(report["tuning"]) == {"pen_tuning_writers", "mnist_validation", "mnist_validation_skeletons"}
    assert report["tuning"]["mnist_validation"]["n"] == module.VALIDATION
    assert {p: p.stat().st_mtime for p in (ROOT / "resources" / "models").iterdir()} == before
    assert not list(tmp_path.iterdir())


def fake_mnist(n: int):
    """n training images whose two first pixels spell their index (and ten test images that must stay unread)."""
    x = np.zeros((n, 28, 28), np.uint8)
    x[:, 0, 0], x[:, 0, 1] = np.arange(n) // 256, np.arange(n) % 256
    return (x, np.arange(n) % 10), (None, None)


def indices(images) -> np.ndarray:
    pixels = np.rint(np.asarray(images)[:, 0, :2] * 255).astype(int)
    return pixels[:, 0] * 256 + pixels[:, 1]


def test_tune_trains_on_none_of_the_validation_digits(monkeypatch):
    module = script()
    monkeypatch.setattr(data, "load_mnist", lambda: fake_mnist(12_000))
    monkeypatch.setattr(skeleton, "redraw", lambda images, jitter=None: images.astype(np.float32) / 255.0)
    settings = {**module.SETTINGS["mlp"], "skeletons": 60_000}
    (x, _), checks, drawn = module.mixed_data(settings, copies=0, seed=0, tune=True)
    train = indices(x[:2_000 + drawn])
    assert drawn == 2_000 and train.max() < 2_000  # the 60,000 asked for are capped at the digits there are
    assert indices(checks["mnist_validation"][0]).tolist() == list(range(2_000, 12_000))
    assert set(indices(checks["mnist_validation_skeletons"][0])) <= set(range(2_000, 12_000))
    (x_all, _), checks_all, _ = module.mixed_data(settings, copies=0, seed=0, tune=False)
    assert indices(x_all[:12_000]).tolist() == list(range(12_000)) and set(checks_all) == {"pen_tuning_writers"}


def test_the_training_data_does_not_depend_on_the_reporting_writers(monkeypatch):
    module = script()
    monkeypatch.setattr(data, "load_mnist", lambda: fake_mnist(300))
    settings = {**module.SETTINGS["mlp"], "skeletons": 10}
    (x, y), checks, _ = module.mixed_data(settings, copies=0, seed=0, tune=False)
    pen = pendigits.load()
    without = pen.subset(~np.isin(pen.writers, pendigits.REPORTING_WRITERS))
    monkeypatch.setattr(pendigits, "load", lambda: without)
    (x2, y2), checks2, _ = module.mixed_data(settings, copies=0, seed=0, tune=False)
    assert np.array_equal(x, x2) and np.array_equal(y, y2)
    assert np.array_equal(checks["pen_tuning_writers"][0], checks2["pen_tuning_writers"][0])


@pytest.mark.parametrize("args", [[], ["--out", "resources/models"], ["--out", "resources/../resources/models"]])
def test_a_quick_run_refuses_to_overwrite_the_shipped_models(capsys, monkeypatch, args):
    monkeypatch.chdir(ROOT)
    with pytest.raises(SystemExit):
        script().main(["--quick", *args])
    assert "--out" in capsys.readouterr().err

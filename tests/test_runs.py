import json
import os

import numpy as np
import pytest

from mnist_studio.runs import RunStore, RunStoreError, atomic_write_json


def test_save_list_and_reload(tmp_path, trained_mlp):
    store = RunStore(tmp_path / "runs")
    record = store.save(trained_mlp)
    assert record.model_path.is_file()
    assert record.status == "completed" and record.preset == "mlp-seed-256"
    assert record.test_accuracy == pytest.approx(trained_mlp.evaluation.accuracy)
    assert np.array(record.confusion_matrix).sum() == 500
    assert record.hyperparameters["epochs"] == 1 and record.history
    listed = store.list()
    assert [r.id for r in listed] == [record.id]
    assert listed[0] == record
    from mnist_studio.inference import Predictor

    assert Predictor.load(record.model_path).predict(np.zeros((1, 28, 28))).shape == (1, 10)
    leftovers = [p for p in (tmp_path / "runs").rglob("*") if p.name.startswith(".")]
    assert leftovers == []  # atomic writes leave no temp files behind


def test_two_runs_same_second_get_distinct_folders(tmp_path, trained_mlp):
    store = RunStore(tmp_path)
    a, b = store.save(trained_mlp), store.save(trained_mlp)
    assert a.id != b.id and len(store.list()) == 2


def test_rename_delete_export(tmp_path, trained_mlp):
    store = RunStore(tmp_path / "runs")
    record = store.save(trained_mlp, name="first")
    assert store.rename(record.id, "  Lesson 1  ").name == "Lesson 1"
    assert store.get(record.id).name == "Lesson 1"
    with pytest.raises(ValueError):
        store.rename(record.id, "   ")
    out = store.export_model(record.id, tmp_path / "elsewhere" / "copy.keras")
    assert out.read_bytes() == record.model_path.read_bytes()
    store.delete(record.id)
    assert store.list() == []
    with pytest.raises(KeyError):
        store.get(record.id)


def test_corrupt_records_are_skipped_with_a_warning(tmp_path, trained_mlp, caplog):
    store = RunStore(tmp_path)
    good = store.save(trained_mlp)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "run.json").write_text("{not json")
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "run.json").write_text(json.dumps({"id": "odd", "preset": "mlp", "status": "weird"}))
    with caplog.at_level("WARNING"):
        assert [r.id for r in store.list()] == [good.id]
    assert "broken" in caplog.text and "odd" in caplog.text


def test_unwritable_folder_gives_a_clear_error(tmp_path, trained_mlp):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(RunStoreError, match="Could not save the run"):
        RunStore(blocker / "runs").save(trained_mlp)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder(tmp_path, trained_mlp):  # pragma: no cover - CI runs as root
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(RunStoreError):
            RunStore(tmp_path / "runs").save(trained_mlp)
    finally:
        tmp_path.chmod(0o700)


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    path = tmp_path / "a.json"
    atomic_write_json(path, {"v": 1})
    with pytest.raises(TypeError):
        atomic_write_json(path, {"v": object()})
    assert json.loads(path.read_text()) == {"v": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]

import json

import numpy as np
import pytest

from mnist_studio.storage.runs import RunStore, RunStoreError, atomic_write_json


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
    from mnist_studio.prediction.inference import Predictor

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


def test_a_file_where_the_runs_folder_should_be(tmp_path, trained_mlp):
    """Works as root too (chmod does not stop root): the runs folder itself is a file."""
    runs = tmp_path / "runs"
    runs.write_text("not a folder")
    with pytest.raises(RunStoreError, match="Could not save the run in .*runs"):
        RunStore(runs).save(trained_mlp)
    assert runs.read_text() == "not a folder" and RunStore(runs).list() == []


def test_a_path_too_long_for_the_file_system(tmp_path, trained_mlp):
    runs = tmp_path / ("x" * 300) / "runs"  # a 300-byte name: ENAMETOOLONG on every common file system
    with pytest.raises(RunStoreError, match="Could not save the run"):
        RunStore(runs).save(trained_mlp)


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    path = tmp_path / "a.json"
    atomic_write_json(path, {"v": 1})
    with pytest.raises(TypeError):
        atomic_write_json(path, {"v": object()})
    assert json.loads(path.read_text()) == {"v": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def _good_json(store, trained_mlp) -> dict:
    return store.save(trained_mlp).to_json()


# Each entry: a folder name and the bytes of its run.json. None of them may stop the listing.
BAD_RECORDS = {
    "list": b"[1, 2, 3]",
    "null": b"null",
    "number": b"42",
    "string": b'"run"',
    "empty": b"",
    "binary": bytes(range(256)) * 4,
    "utf16": json.dumps({"id": "u", "preset": "mlp", "status": "completed"}).encode("utf-16"),
    "nested": b"[" * 100_000 + b"]" * 100_000,
    "missing-keys": b'{"name": "no id"}',
    "id-number": b'{"id": 7, "preset": "mlp", "status": "completed"}',
    "id-empty": b'{"id": " ", "preset": "mlp", "status": "completed"}',
    "status-list": b'{"id": "s", "preset": "mlp", "status": ["completed"]}',
    "started-null": b'{"id": "n", "preset": "mlp", "status": "completed", "started_at": null}',
    "started-number": b'{"id": "m", "preset": "mlp", "status": "completed", "started_at": 20240101}',
    "accuracy-text": b'{"id": "a", "preset": "mlp", "status": "completed", "test_accuracy": "99%"}',
    "accuracy-bool": b'{"id": "b", "preset": "mlp", "status": "completed", "test_accuracy": true}',
    "hyper-list": b'{"id": "h", "preset": "mlp", "status": "completed", "hyperparameters": [1]}',
    "history-dict": b'{"id": "d", "preset": "mlp", "status": "completed", "history": {"epoch": 1}}',
    "history-items": b'{"id": "i", "preset": "mlp", "status": "completed", "history": [1, 2]}',
    "history-keys": b'{"id": "k", "preset": "mlp", "status": "completed", "history": [{"epoch": 1}]}',
    "matrix-shape": b'{"id": "c", "preset": "mlp", "status": "completed", "confusion_matrix": [[1, 2], [3, 4]]}',
    "matrix-text": json.dumps({"id": "t", "preset": "mlp", "status": "completed",
                               "confusion_matrix": [["x"] * 10] * 10}).encode(),
    "per-class": b'{"id": "p", "preset": "mlp", "status": "completed", "per_class_accuracy": [0.5]}',
    "size-text": b'{"id": "z", "preset": "mlp", "status": "completed", "train_size": "many"}',
    "size-huge": b'{"id": "y", "preset": "mlp", "status": "completed", "train_size": 1' + b"0" * 400 + b"}",
    "time-huge": b'{"id": "x", "preset": "mlp", "status": "completed", "duration_s": 1' + b"0" * 30 + b"}",
}


def test_fuzzed_records_are_skipped_and_the_good_one_listed(tmp_path, trained_mlp, caplog):
    store = RunStore(tmp_path)
    good = store.save(trained_mlp)
    for name, payload in BAD_RECORDS.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "run.json").write_bytes(payload)
    huge = tmp_path / "huge"
    huge.mkdir()
    with open(huge / "run.json", "wb") as fh:  # sparse: 17 MB on paper, nothing on disk
        fh.truncate(17 * 1024 * 1024)
    (tmp_path / "folder-not-file").mkdir()
    (tmp_path / "folder-not-file" / "run.json").mkdir()
    (tmp_path / "duplicate").mkdir()
    (tmp_path / "duplicate" / "run.json").write_text(json.dumps(good.to_json()))
    with caplog.at_level("WARNING"):
        listed = store.list()
    assert [r.id for r in listed] == [good.id]
    skipped = {path.parent.name for path, _ in store.skipped}
    assert skipped == set(BAD_RECORDS) | {"huge", "duplicate"}
    for name in skipped:
        assert name in caplog.text
    assert "more than a run record can be" in dict((p.parent.name, why) for p, why in store.skipped)["huge"]


def test_an_old_minimal_record_still_loads(tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "run.json").write_text(json.dumps({"id": "old", "preset": "mlp", "status": "stopped",
                                                           "test_accuracy": 1, "history": []}))
    (tmp_path / "edited").mkdir()  # saved by a Windows editor: UTF-8 with a byte-order mark
    (tmp_path / "edited" / "run.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(
        {"id": "edited", "preset": "mlp", "status": "completed", "name": "Ünïcode"}).encode())
    records = {r.id: r for r in RunStore(tmp_path).list()}
    record = records["old"]
    assert record.name == "old" and record.test_accuracy == 1 and record.started_at == ""
    assert records["edited"].name == "Ünïcode"


def test_unlistable_runs_folder_gives_no_runs(tmp_path):
    store = RunStore(tmp_path / "missing")
    assert store.list() == [] and store.skipped == []


@pytest.mark.parametrize("failing", ["record", "model"])
def test_a_failed_save_leaves_no_half_written_run(tmp_path, trained_mlp, monkeypatch, failing):
    """The disk refuses run.json (or the model) mid-save: the run's folder goes, model file and all."""
    from mnist_studio.storage import runs

    store = RunStore(tmp_path / "runs")
    kept = store.save(trained_mlp, name="saved before")
    real_json, real_model = runs.atomic_write_json, runs.save_model_atomic

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runs, "atomic_write_json" if failing == "record" else "save_model_atomic", refuse)
    with pytest.raises(RunStoreError, match="Could not save the run in .*No space left on device"):
        store.save(trained_mlp, name="half written")
    assert [p.name for p in (tmp_path / "runs").iterdir()] == [kept.id]  # no orphan folder, no model without record
    assert [r.name for r in store.list()] == ["saved before"] and store.skipped == []
    monkeypatch.setattr(runs, "atomic_write_json", real_json)
    monkeypatch.setattr(runs, "save_model_atomic", real_model)
    assert store.save(trained_mlp, name="after").name == "after" and len(store.list()) == 2


def test_a_run_appears_only_when_whole(tmp_path, trained_mlp, monkeypatch):
    """A process killed mid-save (the worker, kill -9) must leave no visible half run: until the record is written
    the run lives in a hidden folder, renamed into place at the end."""
    import mnist_studio.storage.runs as runs

    store = RunStore(tmp_path)
    seen = {}
    real = runs.atomic_write_json

    def spy(path, data):
        seen["visible"] = [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")]
        seen["listed"] = store.list()
        real(path, data)

    monkeypatch.setattr(runs, "atomic_write_json", spy)
    record = store.save(trained_mlp)
    assert seen == {"visible": [], "listed": []}  # mid-save: nothing a reader could take for a run
    assert [r.id for r in store.list()] == [record.id] and record.model_path.is_file()
    assert not list(tmp_path.glob(".*.partial"))


def test_old_partial_folders_of_killed_saves_are_cleaned(tmp_path, trained_mlp):
    import os
    import time

    stale, fresh = tmp_path / ".20260101-000000-mlp.partial", tmp_path / ".20260101-000001-mlp.partial"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "model.keras").write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    RunStore(tmp_path).save(trained_mlp)
    assert not stale.exists() and fresh.exists()  # a save in progress elsewhere is left alone


def test_the_field_table_names_every_record_field_and_no_other():
    from dataclasses import fields

    from mnist_studio.storage.runs import FIELDS, RunRecord

    assert set(FIELDS) == {f.name for f in fields(RunRecord)} - {"folder"}
    assert {name for name, (_, required) in FIELDS.items() if required} == {"id", "preset", "status"}


@pytest.mark.parametrize(("field", "value", "why"), [
    ("test_accuracy", "0.9", "should be float or none"),
    ("history", [{"epoch": 1, "val_loss": True, "val_accuracy": 0.5}], "no number 'val_loss'"),
    ("confusion_matrix", [[1.5] * 10] * 10, "should be list:list:int or none"),
    ("params", 2**70, "should be int"),
    ("train_size", True, "should be int"),
    ("validation", [], "should be dict or none"),
    ("name", "   ", "is empty"),
])
def test_a_bad_field_is_rejected_by_name(tmp_path, field, value, why):
    from mnist_studio.storage.runs import RunRecord

    good = {"id": "r", "preset": "mlp", "status": "completed", "test_accuracy": 0.9, "history": [],
            "params": 10, "train_size": 5, "validation": None, "confusion_matrix": [[0] * 10] * 10}
    assert RunRecord.from_json(good, tmp_path).test_accuracy == 0.9
    with pytest.raises(ValueError, match=why):
        RunRecord.from_json({**good, field: value}, tmp_path)
    with pytest.raises(ValueError, match="missing fields"):
        RunRecord.from_json({k: v for k, v in good.items() if k != "status"}, tmp_path)

"""A runs folder with a garbage run.json and a run whose model file is gone: the app lists the good runs,
names the bad one, refuses the missing model with a message, and deletes nothing."""

from __future__ import annotations

import json
import random
import shutil

from mnist_studio.storage.paths import shipped_model_path
from mnist_studio.storage.runs import RunRecord

from .driver import find


def write_run(folder, run_id: str, name: str, with_model: bool = True) -> None:
    """A run as the app saves it: run.json (written from a real RunRecord) and the shipped MLP as its model."""
    record = RunRecord(
        id=run_id, name=name, preset="mlp", hyperparameters={"preset": "mlp", "epochs": 1, "batch_size": 128},
        history=[{"epoch": 1, "loss": 0.3, "accuracy": 0.91, "val_loss": 0.2, "val_accuracy": 0.94, "seconds": 3.0,
                  "samples_per_s": 18000.0, "partial": False}],
        test_accuracy=0.9907, test_loss=0.0293, confusion_matrix=None, per_class_accuracy=None,
        device="TensorFlow · CPU", duration_s=3.0, started_at=f"2025-01-0{run_id[-1]}T10:00:00+00:00",
        finished_at=f"2025-01-0{run_id[-1]}T10:00:03+00:00", status="completed", train_size=54000,
        params=669706, train_accuracy=0.91, val_accuracy=0.94, backend="tensorflow", folder=str(folder / run_id))
    path = folder / run_id
    path.mkdir(parents=True)
    (path / "run.json").write_text(json.dumps(record.to_json()), encoding="utf-8")
    if with_model:
        shutil.copyfile(shipped_model_path("mlp"), path / "model.keras")


def snapshot(folder) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_corrupt_and_incomplete_runs(launch, paths, tmp_path):
    runs = paths["runs"]
    write_run(runs, "20250101-100000-mlp-1", "Good run one")
    write_run(runs, "20250102-100000-mlp-2", "Good run two")
    write_run(runs, "20250103-100000-mlp-3", "Model went missing", with_model=False)
    garbage = runs / "20250104-100000-garbage"
    garbage.mkdir()
    (garbage / "run.json").write_bytes(bytes(random.Random(7).randrange(256) for _ in range(3000)))
    shutil.copyfile(shipped_model_path("mlp"), garbage / "model.keras")
    before = snapshot(runs)

    app = launch()
    app.wait_ready()
    app.key("ctrl+3")
    state = app.wait(lambda s: s["tab"] == "evaluate" and s["evaluate"]["views"], "the Evaluate tab")
    app.click(find(state["evaluate"]["views"], "Compare runs")["rect"])
    state = app.wait(lambda s: s["evaluate"]["view"] == 2 and s["evaluate"]["runs"], "the runs table")
    listed = state["evaluate"]["runs"]
    assert {"Good run one", "Good run two"} <= set(listed), listed
    assert garbage.name in state["evaluate"]["skipped"], state["evaluate"]["skipped"]
    app.screenshot(tmp_path / "compare.png")

    # The run without its model: picking it says so, and the app carries on.
    state = app.wait(lambda s: not s["evaluate"]["busy"], "the first evaluation to finish")
    missing = next(t for t in state["evaluate"]["picker_items"] if "Model went missing" in t)
    app.choose(state["evaluate"]["picker_rect"], missing)
    state = app.wait(lambda s: s["evaluate"]["message"] and not s["evaluate"]["busy"],
                     "a message about the missing model")
    assert "model.keras" in state["evaluate"]["message"] or "Model went missing" in state["evaluate"]["message"], \
        state["evaluate"]["message"]
    app.screenshot(tmp_path / "missing-model.png")
    good = next(t for t in state["evaluate"]["picker_items"] if "Good run one" in t)
    app.choose(state["evaluate"]["picker_rect"], good)
    state = app.wait(lambda s: s["evaluate"]["key"] == "run:20250101-100000-mlp-1" and not s["evaluate"]["busy"]
                     and s["evaluate"]["accuracy"] is not None, "the good run's evaluation")
    assert abs(state["evaluate"]["accuracy"] - 0.9907) < 0.002, state["evaluate"]["accuracy"]
    assert app.quit() == 0
    assert snapshot(runs) == before, "the app changed or deleted files in the runs folder"

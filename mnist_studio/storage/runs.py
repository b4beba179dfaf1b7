"""Runs: a model file plus a JSON record, kept in the user data dir. Every write is atomic."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from mnist_studio.storage.paths import user_data_dir
from mnist_studio.storage.setfiles import atomic_write_bytes, safe_name

log = logging.getLogger(__name__)
RECORD = "run.json"
MODEL = "model.keras"
STATUSES = ("completed", "stopped", "failed")
MAX_RECORD_BYTES = 16 * 1024 * 1024  # a real run.json is a few KB (60 epochs of history: ~20 KB)


class RunStoreError(OSError):
    """The run could not be written (disk full, read-only folder ...); the message says where."""


@dataclass
class RunRecord:
    id: str
    name: str
    preset: str
    hyperparameters: dict
    history: list[dict]
    test_accuracy: float | None
    test_loss: float | None
    confusion_matrix: list[list[int]] | None
    per_class_accuracy: list[float] | None
    device: str
    duration_s: float
    started_at: str
    finished_at: str
    status: str
    message: str = ""
    train_size: int = 0
    dataset: str = "mnist"
    validation: dict | None = None  # {"source": "train", "size": N}; None: no validation split
    params: int = 0
    train_accuracy: float | None = None  # last (or kept best) epoch's training accuracy
    val_accuracy: float | None = None  # ... and its validation accuracy
    backend: str = ""  # Keras backend that trained it: tensorflow, jax, torch
    base: str = ""  # for a fine-tuned run: the model it started from
    folder: str = field(default="", compare=False)

    @property
    def model_path(self) -> Path:
        return Path(self.folder) / MODEL

    def to_json(self) -> dict:
        d = asdict(self)
        d.pop("folder")
        return d

    @classmethod
    def from_json(cls, data: dict, folder: Path) -> RunRecord:
        """A record from a parsed ``run.json``; ``ValueError`` names what is wrong with an odd one."""
        if not isinstance(data, dict):
            raise ValueError(f"expected a JSON object, got {type(data).__name__}")
        missing = {name for name, (_, required) in FIELDS.items() if required} - data.keys()
        if missing:
            raise ValueError(f"missing fields {sorted(missing)}")
        if data["status"] not in STATUSES:
            raise ValueError(f"unknown status {data['status']!r}")
        defaults = dict(name=data["id"], hyperparameters={}, history=[], test_accuracy=None, test_loss=None,
                        confusion_matrix=None, per_class_accuracy=None, device="", duration_s=0.0,
                        started_at="", finished_at="")
        values = {**defaults, **{k: v for k, v in data.items() if k in FIELDS}}
        _check_record(values)
        return cls(**values, folder=str(folder))


# run.json's schema: field -> (the JSON kinds its value may have, required in the file). Kinds: "str", "int",
# "float" (an int is a float too), "bool", "dict", "none", and "list:<kind>" for a list of those. Fields that
# are not required get RunRecord's defaults (or ``from_json``'s). Kept next to RunRecord; a test checks that
# both name the same fields.
FIELDS: dict[str, tuple[tuple[str, ...], bool]] = {
    "id": (("str",), True),
    "name": (("str",), False),
    "preset": (("str",), True),
    "hyperparameters": (("dict",), False),
    "history": (("list:dict",), False),
    "test_accuracy": (("float", "none"), False),
    "test_loss": (("float", "none"), False),
    "confusion_matrix": (("list:list:int", "none"), False),
    "per_class_accuracy": (("list:float", "none"), False),
    "device": (("str",), False),
    "duration_s": (("float",), False),
    "started_at": (("str",), False),
    "finished_at": (("str",), False),
    "status": (("str",), True),
    "message": (("str",), False),
    "train_size": (("int",), False),
    "dataset": (("str",), False),
    "validation": (("dict", "none"), False),
    "params": (("int",), False),
    "train_accuracy": (("float", "none"), False),
    "val_accuracy": (("float", "none"), False),
    "backend": (("str",), False),
    "base": (("str",), False),
}
_JSON_TYPES = {"str": str, "int": int, "float": (int, float), "dict": dict}


def _matches(value, kind: str) -> bool:
    """Whether a JSON value is of one ``FIELDS`` kind (``bool`` is not a number here)."""
    if kind.startswith("list:"):
        return isinstance(value, list) and all(_matches(v, kind[5:]) for v in value)
    if kind == "none":
        return value is None
    if kind == "bool" or isinstance(value, bool):
        return kind == "bool" and isinstance(value, bool)
    if isinstance(value, int) and not -2**63 <= value < 2**63:
        return False  # Qt, numpy and float() cannot hold it
    return isinstance(value, _JSON_TYPES[kind])


def _check_record(values: dict) -> None:
    """Every field has one of its ``FIELDS`` kinds, and what the Evaluate tab draws has the right shape."""
    for name, value in values.items():
        kinds = FIELDS[name][0]
        if not any(_matches(value, kind) for kind in kinds):
            raise ValueError(f"field {name!r} should be {' or '.join(kinds)}, got {type(value).__name__}")
    for key in ("id", "preset", "name"):
        if not values[key].strip():
            raise ValueError(f"field {key!r} is empty")
    matrix = values.get("confusion_matrix")
    if matrix is not None and (len(matrix) != 10 or any(len(row) != 10 for row in matrix)):
        raise ValueError("field 'confusion_matrix' is not 10x10")
    per_class = values.get("per_class_accuracy")
    if per_class is not None and len(per_class) != 10:
        raise ValueError("field 'per_class_accuracy' does not have 10 values")
    for entry in values.get("history", []):
        for key in ("epoch", "val_loss", "val_accuracy"):
            if not _matches(entry.get(key), "float"):
                raise ValueError(f"a history entry has no number {key!r}")


def copy_file_atomic(source, path) -> None:
    """Copy a file to ``path`` through a temp file beside it: the destination is whole or untouched."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_json(path: Path, data) -> None:
    atomic_write_bytes(path, json.dumps(data, indent=1).encode())


def save_model_atomic(model, path: Path) -> None:
    """``model.save`` to a temp file beside ``path``, then rename over it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".keras")
    os.close(fd)
    try:
        _without_optimizer(model).save(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a saved model is an ordinary, shareable file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _without_optimizer(model):
    """An uncompiled copy with the same weights: the file is a third of the size (no Adam state)."""

    if getattr(model, "optimizer", None) is None:
        return model
    clone = type(model).from_config(model.get_config())
    clone.set_weights(model.get_weights())
    return clone


PARTIAL_MAX_AGE_S = 3600  # a save takes seconds: a ".partial" folder this old was left by a killed process


def _clean_partials(root: Path) -> None:
    now = time.time()
    for path in root.glob(".*.partial"):
        try:
            if now - path.stat().st_mtime > PARTIAL_MAX_AGE_S:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


class RunStore:
    def __init__(self, root: str | os.PathLike | None = None):
        self.root = Path(root) if root is not None else user_data_dir() / "runs"
        self.skipped: list[tuple[Path, str]] = []  # (path, reason) of the records the last list() skipped

    def save(self, result, name: str | None = None) -> RunRecord:
        """Save a ``training.TrainResult`` as a new run; raise ``RunStoreError`` if the disk refuses."""
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        run_id = f"{stamp}-{safe_name(result.config.preset, 'run')}"
        ev = result.evaluation
        extra = getattr(result, "extra", None) or {}
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            folder = self.root / run_id
            suffix = 1
            while folder.exists():
                suffix += 1
                folder = self.root / f"{run_id}-{suffix}"
            run_id = folder.name
            # Written in a hidden folder, renamed into place when whole: a process killed mid-save (the
            # worker, kill -9) leaves no half run behind, only a hidden ".partial" folder that list() ignores.
            _clean_partials(self.root)
            partial = self.root / f".{run_id}.partial"
            partial.mkdir()
            record = RunRecord(
                id=run_id,
                name=name or f"{result.config.preset} · {stamp}",
                preset=result.config.preset,
                hyperparameters=result.config.hyperparameters(),
                history=result.history,
                test_accuracy=ev.accuracy if ev else None,
                test_loss=ev.loss if ev else None,
                confusion_matrix=ev.confusion.tolist() if ev else None,
                per_class_accuracy=[float(a) for a in ev.per_class_accuracy] if ev else None,
                device=result.device,
                duration_s=round(result.seconds, 3),
                started_at=result.started_at,
                finished_at=result.finished_at,
                status=result.status,
                message=result.message,
                train_size=result.train_size,
                dataset=extra.get("dataset", "mnist"),
                validation=extra.get("validation"),
                params=int(extra.get("params") or 0),
                train_accuracy=extra.get("train_accuracy"),
                val_accuracy=extra.get("val_accuracy"),
                backend=extra.get("backend", ""),
                base=extra.get("base", ""),
                folder=str(folder),
            )
            try:
                save_model_atomic(result.model, partial / MODEL)
                recording = getattr(result, "recording", None)  # learning.Timelapse: the live views' snapshots
                if recording is not None and recording.snapshots:
                    recording.save(partial)
                atomic_write_json(partial / RECORD, record.to_json())
                os.rename(partial, folder)
                if recording is not None and recording.snapshots:
                    result.timelapse = folder / recording.FILENAME
            except BaseException:
                shutil.rmtree(partial, ignore_errors=True)  # no half-saved run (a model without its record) left
                raise
        except OSError as exc:
            raise RunStoreError(f"Could not save the run in {self.root}: {exc.strerror or exc}") from exc
        return record

    def list(self) -> list[RunRecord]:
        """All readable runs, newest first. A record that cannot be read is skipped with a warning
        (and listed in ``self.skipped`` as ``(path, reason)``): one odd file never hides the others."""
        records, self.skipped = [], []
        try:
            folders = sorted(self.root.iterdir()) if self.root.is_dir() else []
        except OSError as exc:
            log.warning("cannot list the runs in %s: %s", self.root, exc)
            self.skipped.append((self.root, str(exc)))
            folders = []
        seen = set()
        for folder in folders:
            path = folder / RECORD
            try:
                if not path.is_file():
                    continue
                size = path.stat().st_size
                if size > MAX_RECORD_BYTES:
                    raise ValueError(f"{size:,} bytes, more than a run record can be ({MAX_RECORD_BYTES:,})")
                record = RunRecord.from_json(json.loads(path.read_bytes().decode("utf-8-sig")), folder)
                if record.id in seen:
                    raise ValueError(f"another run already has the id {record.id!r}")
            except (ValueError, TypeError, OSError, RecursionError) as exc:
                log.warning("skipping unreadable run record %s: %s", path, exc)
                self.skipped.append((path, str(exc)))
                continue
            seen.add(record.id)
            records.append(record)
        return sorted(records, key=lambda r: (r.started_at, r.id), reverse=True)

    def get(self, run_id: str) -> RunRecord:
        for record in self.list():
            if record.id == run_id:
                return record
        raise KeyError(run_id)

    def rename(self, run_id: str, name: str) -> RunRecord:
        name = name.strip()
        if not name:
            raise ValueError("a run's name cannot be empty")
        record = self.get(run_id)
        record.name = name
        atomic_write_json(Path(record.folder) / RECORD, record.to_json())
        return record

    def delete(self, run_id: str) -> None:
        record = self.get(run_id)
        shutil.rmtree(record.folder)

    def export_model(self, run_id: str, dest: str | os.PathLike) -> Path:
        record = self.get(run_id)
        dest = Path(dest)
        atomic_write_bytes(dest, record.model_path.read_bytes())
        return dest

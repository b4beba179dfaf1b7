"""Small helpers of the Train tab: the ETA clock and whether a dataset can be had on this computer."""

from __future__ import annotations


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    return f"{seconds // 60}:{seconds % 60:02d}"


def dataset_problem(dataset: str) -> str | None:
    """Why ``dataset`` cannot be had on this computer, or None. Cheap (looks for files, loads nothing), so
    it runs on every edit; the Train tab never starts a download (the CLI's ``--dataset fashion`` may)."""
    if dataset in (None, "mnist"):
        return None
    from mnist_studio.digits import data

    candidates = getattr(data, "fashion_candidates", None)
    if dataset != "fashion" or candidates is None:
        return f"Dataset: {dataset} is not available in this version (only MNIST)."
    for path in candidates():
        if path.is_file() or (path.is_dir() and all((path / f).is_file() for f in data.FASHION_FILES)):
            return None
    try:
        data.load_fashion(download=False)
    except data.DataError as exc:
        return f"Dataset: {exc}"
    return None

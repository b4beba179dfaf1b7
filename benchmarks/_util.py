"""Shared helpers for the benchmark scripts (each prints one JSON object)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the stroke replayer used by the UI benchmarks


def parser(doc: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="a few seconds' smoke run (CI); figures not meaningful")
    return p


def percentiles(values_s, scale=1000.0) -> dict:
    import numpy as np

    arr = np.asarray(values_s, dtype=float) * scale
    if arr.size == 0:
        return {}
    return {"p50": round(float(np.percentile(arr, 50)), 3), "p95": round(float(np.percentile(arr, 95)), 3),
            "p99": round(float(np.percentile(arr, 99)), 3), "max": round(float(arr.max()), 3), "n": int(arr.size)}


def machine() -> dict:
    try:
        from mnist_studio.runtime.backend import cpu_name

        cpu = cpu_name()
    except Exception:  # noqa: BLE001
        cpu = platform.processor()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version()}


def emit(result: dict) -> None:
    result.setdefault("machine", machine())
    print(json.dumps(result, indent=1))


def offscreen_qt() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb(pid: int | None = None) -> float:
    """Resident memory of a process (this one by default), in MB, from /proc (Linux)."""
    with open(f"/proc/{pid or os.getpid()}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

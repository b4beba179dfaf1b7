"""Monkey soak: random user actions on the real window for N minutes, trainings and fine-tunes allowed.

    python benchmarks/monkey.py [--quick] [--minutes 10] [--seed 1]

The window opens as the app opens it (Keras kept out of its process, in the worker; glibc's malloc arenas
limited to two, ``runtime.heap``), on a private
data folder with the full MNIST; its models load in the background
(``rss_mb_after_models`` is read once they are up), then tests/monkey.py acts at random: tabs,
shortcuts, strokes on every canvas, buttons, combo boxes, spin boxes, garbage text in every field,
language, theme, projector mode, resizing, Quit (a new window opens on the same settings); Train
and Fine-tune are pressed often, usually on a few hundred images so that runs end. Dialogs are
answered automatically (file dialogs cancelled or given a path under a temporary folder). Every
uncaught exception and every Qt warning is listed (the platform plugin's own messages apart).
Goal for 10 minutes: no exception, no Qt warning, ``rss_growth_mb`` <= 100 (this process only).
``--quick``: about 20 seconds (CI smoke; the RSS figure is not meaningful).
"""

import importlib.util
import os
import sys
import tempfile
import time
from pathlib import Path

import _util

_util.offscreen_qt()
os.environ.setdefault("MNIST_STUDIO_HOME", tempfile.mkdtemp(prefix="mnist-studio-monkey-home-"))
os.environ["MNIST_STUDIO_CLASS_HOSTS"] = "127.0.0.1"  # the monkey may open the class: on this computer only
os.environ.setdefault("MNIST_STUDIO_CLASS_PORT", "0")  # on any free port, beside an app that holds 8765


def _load(name: str):
    """tests/<name>.py by path (this script is itself called monkey)."""
    spec = importlib.util.spec_from_file_location(name, _util.ROOT / "tests" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _wait_for_models(window, timeout_s: float) -> float:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    window.modelsReady.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    t0 = time.perf_counter()
    loop.exec()
    return time.perf_counter() - t0


def _trimmed_rss_mb(rss_mb) -> float | None:
    """RSS once glibc has returned its free pages (what is fragmentation rather than live memory); None off glibc."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        return None
    return round(rss_mb(), 1)


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--minutes", type=float, default=10.0)
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    seconds = 20.0 if args.quick else args.minutes * 60
    _load("monkey_hooks")
    driver, studio = _load("monkey"), _load("monkey_studio")
    from mnist_studio.runtime import backend, heap
    from mnist_studio.ui.app import make_app
    from mnist_studio.worker import client as worker_client

    make_app()
    backend.forbid_keras("the window keeps Keras in its worker process")  # as the app does
    heap.limit_arenas()  # as app.open_window does (before this benchmark's first rounds it did not: +500 MB)
    tmp = Path(tempfile.mkdtemp(prefix="mnist-studio-monkey-"))
    files = studio.make_files(tmp / "files")
    counters = studio.Counters()
    with driver.Recorder() as recorder:
        window = studio.open_window(tmp / "home")
        models_s = _wait_for_models(window, 180)
        rss_after_models = driver.rss_mb()
        monkey = driver.Monkey(window, args.seed, tmp / "files", recorder, open_paths=files, prepare=studio.prepare,
                               restart=studio.restarter(tmp / "home"), extra=studio.extra_actions(files[0]))
        t0 = time.perf_counter()
        try:
            monkey.run(seconds=seconds, on_tick=counters)
        finally:
            ran_s = time.perf_counter() - t0
            rss_end = driver.rss_mb()
            rss_trimmed = _trimmed_rss_mb(driver.rss_mb)
            worker = worker_client.shared()
            worker_rss, worker_starts = worker.rss_mb(), worker.starts
            monkey.close()
            closed = studio.settle(monkey.window)
    report = monkey.report()
    rss = [mb for _, mb in report["rss_mb"]]
    _util.emit({
        "benchmark": "monkey", "seed": args.seed, "minutes": round(ran_s / 60, 2), "actions": report["actions"],
        "exceptions": [{k: e[k] for k in ("kind", "type", "message", "thread", "traceback", "after")}
                       for e in report["exceptions"]],
        "qt_warnings": report["qt_warnings"],
        "rss_mb_after_models": round(rss_after_models, 1), "rss_mb_end": round(rss_end, 1),
        "rss_growth_mb": round(rss_end - rss_after_models, 1), "rss_mb_max": max(rss, default=None),
        "rss_mb_end_after_malloc_trim": rss_trimmed,
        "trainings_started": counters["trainings"], "finetunes_started": counters["finetunes"],
        "worker_process": {"starts": worker_starts, "rss_mb_end": round(worker_rss or 0, 1)},
        "models_loaded_s": round(models_s, 1), "restarts": report["restarts"], "closed_cleanly": closed,
        "action_counts": report["action_counts"], "dialogs_answered": report["dialogs_answered"],
        "dialogs_stuck": report["dialogs_stuck"], "oversized": report["oversized"],
        "urls_opened": len(report["urls_opened"]), "widgets_acted_on": len(report["targets"]),
        "python_warnings": report["python_warnings"],
        "platform_messages": report["platform_messages"],
        "rss_mb_per_minute": rss[::60], "load_average": [round(v, 2) for v in os.getloadavg()],
        "goal": {"exceptions": 0, "qt_warnings": 0, "rss_growth_mb_max": 100}})


if __name__ == "__main__":
    main()

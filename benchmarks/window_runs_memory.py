"""What the window keeps after each Train-tab run: Qt objects (by type), run threads, resident memory.

    python benchmarks/window_runs_memory.py [--quick] [--runs 8]

The real window (offscreen) trains ``--runs`` times (MLP, 2,000 images, one epoch) through its Train tab,
waiting in a real event loop as the app does (so deferred deletions happen). After each run: the window's
QObject count, the Train tab's run threads still alive, and RSS. Growth is from after the second run to after
the last (the first warms caches). Prints one JSON object.
"""

import collections
import gc

import _util

_util.offscreen_qt()


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--runs", type=int, default=8)
    args = p.parse_args()
    runs = 2 if args.quick else args.runs

    from _window import ready_window
    from PySide6.QtCore import QObject
    from worker_process import wait_for

    from mnist_studio.ui.background.jobs import JobThread

    app, window = ready_window()
    tab = window.train_tab
    counts, threads, rss = [], [], []
    for _ in range(runs):
        wait_for(app, lambda: not tab.is_running())
        tab.set_preset("mlp")
        tab.form.subset_combo.setCurrentText("2,000" if not args.quick else "1,000")
        tab.form.epochs_spin.setValue(1)
        if not tab.start():
            raise SystemExit(f"the Train tab refused to start: {tab.validate()}")
        wait_for(app, lambda: not tab.is_running())
        wait_for(app, lambda: False, 1.0)  # a second of the event loop: queued ends and deletions
        gc.collect()
        counts.append(collections.Counter(type(o).__name__ for o in window.findChildren(QObject)))
        threads.append(len(tab.findChildren(JobThread)))
        rss.append(round(_util.rss_mb(), 1))
    grown = counts[-1] - counts[min(1, len(counts) - 1)]
    window.close()
    _util.emit({
        "benchmark": "window_runs_memory", "runs": runs, "rss_after_each_mb": rss,
        "rss_growth_after_second_mb": round(rss[-1] - rss[min(1, len(rss) - 1)], 1),
        "qobjects_after_each": [sum(c.values()) for c in counts], "qobject_types_grown": dict(grown),
        "run_threads_alive_after_each": threads})


if __name__ == "__main__":
    main()

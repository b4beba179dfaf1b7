"""The window while a whole class draws: the Class tab's event-loop stalls, on loopback only (127.0.0.1).

    python benchmarks/class_window.py [--quick] [--students 40] [--digits 20]

The app's window (Keras kept out of its process, as the app runs it) opens the class on 127.0.0.1 from
its Class tab, with the shipped models' numpy passes; the phones of ``benchmarks/class_load.py`` (real
pen digits, the growing drawing sent as a hand draws, then submitted) run in a child process. Meanwhile a
QTimer probe ticks every 5 ms on the window's thread: a stall is the time between ticks beyond 5 ms.
``refresh_ms``: how long the tab's refreshes took (the wall, the counts, the accuracy, the page shown),
timed around ``ClassTab.refresh``; ``wall_digits``: the digits on the wall at the end (``lost``: digits
the phones submitted that are not on it).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _util

_util.offscreen_qt()
HOST = "127.0.0.1"
HERE = Path(__file__).resolve().parent


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--students", type=int, default=40)
    p.add_argument("--digits", type=int, default=20)
    p.add_argument("--verbose", action="store_true", help="progress on stderr")
    args = p.parse_args()
    students, per_student = (4, 3) if args.quick else (args.students, args.digits)
    pace, think = (0.02, 0.05) if args.quick else (0.12, 0.8)
    import os

    os.environ["MNIST_STUDIO_HOME"] = tempfile.mkdtemp(prefix="mnist-studio-class-window-")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.runtime import backend
    from mnist_studio.ui.app import make_app
    from mnist_studio.ui.main_window import MainWindow

    backend.forbid_keras("the window keeps Keras in its worker process")
    app = make_app()  # kept: the window needs its application alive
    settings = QSettings(str(Path(os.environ["MNIST_STUDIO_HOME"]) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, language="en", model_sources={})
    window.resize(1280, 800)
    window.show()
    for key in ("mlp", "cnn"):
        window.model_loaded(key, ArchivePredictor.open(key))
    tab = window.class_tab
    window.tabs.setCurrentWidget(tab)
    tab.bar.set_host(HOST)
    tab.bar.port_spin.setValue(0)
    if not tab.open_class():
        raise SystemExit(tab.error_label.text())
    server = tab.server
    if not server.url.startswith(f"http://{HOST}:"):
        raise SystemExit("this benchmark runs on 127.0.0.1 only")

    refreshes: list[float] = []
    original = tab.refresh

    def timed_refresh(*a, **k):
        t0 = time.perf_counter()
        original(*a, **k)
        refreshes.append(time.perf_counter() - t0)

    tab.refresh = timed_refresh
    stalls: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick():
        now = clock.nsecsElapsed()
        stalls.append(max(0.0, (now - last[0]) / 1e9 - 0.005))
        last[0] = now

    probe = QTimer(interval=5)
    probe.setTimerType(probe.timerType().PreciseTimer)
    probe.timeout.connect(tick)
    cmd = [sys.executable, str(HERE / "class_load.py"), "--phones", server.url, server.code, str(students),
           str(per_student), str(pace), str(think)]
    t0 = time.perf_counter()
    # Files, not pipes: a pipe nobody reads until the end would fill up and stop the phones mid-class.
    out_file, err_file = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
    phones = subprocess.Popen(cmd, stdout=out_file, stderr=err_file, text=True)
    probe.start()
    loop = QEventLoop()
    watch = QTimer(interval=100)
    def check():
        if phones.poll() is not None:
            loop.quit()
        elif args.verbose and len(refreshes) % 20 == 0:
            print(f"{time.perf_counter() - t0:.0f} s: {len(tab.digits)} digits on the wall", file=sys.stderr)

    watch.timeout.connect(check)
    watch.start()
    loop.exec()
    probe.stop()
    elapsed = time.perf_counter() - t0
    phones.wait()
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    if phones.returncode != 0:
        raise SystemExit(f"the phones failed:\n{err[-3000:]}")
    results = json.loads(out.strip().splitlines()[-1])
    tab.poll()
    tab.refresh()
    confirmed = {i for r in results for i in r["saved"]}
    on_wall = {d.id for d in tab.digits}
    sent = sum(r["sent"] for r in results)
    tab.close_class()
    window.close()
    app.processEvents()
    stall = _util.percentiles(stalls)
    refresh = _util.percentiles(refreshes)
    _util.emit({
        "benchmark": "class_window", "host": HOST, "quick": args.quick,
        "students": students, "digits_per_student": per_student, "digits_sent": sent,
        "wall_digits": len(on_wall), "lost": sent - len(on_wall & confirmed),
        "wall_students": len(tab.wall.rows),
        "stall_p50_ms": stall.get("p50"), "stall_p99_ms": stall.get("p99"), "stall_max_ms": stall.get("max"),
        "refreshes": refresh.get("n"), "refresh_p50_ms": refresh.get("p50"), "refresh_p95_ms": refresh.get("p95"),
        "refresh_max_ms": refresh.get("max"),
        "poll_ms": tab.POLL_MS, "elapsed_s": round(elapsed, 2),
    })


if __name__ == "__main__":
    main()

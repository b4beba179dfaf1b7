"""Start-up: launch the real app in a fresh process and time the first paint and the models being ready.

    python benchmarks/startup.py [--quick] [--repeats 3]

"painted" is when the window has been shown and rendered (the canvas already accepts ink);
"models ready" is when both shipped models answer. Times are from just before the process is spawned.
"""

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import _util

CHILD = r"""
import json, os, sys, time
t_import = time.time()
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from mnist_studio.ui.app import make_app
app = make_app()
from mnist_studio.ui.main_window import MainWindow
w = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.resize(1280, 800)
w.show()
app.processEvents()
w.grab()
painted = time.time()
tf_at_paint = "tensorflow" in sys.modules
loop = QEventLoop()
w.modelsReady.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
w.start_background_work()
loop.exec()
ready = time.time()
states = {k: p.state() for k, p in w.draw_tab.panels().items()}
print(json.dumps({"painted": painted, "ready": ready, "tf_imported_before_paint": tf_at_paint, "panels": states}))
w.close()
os._exit(0)
"""


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MNIST_STUDIO_HOME=tempfile.mkdtemp())
    runs = []
    for _ in range(1 if args.quick else args.repeats):
        settings = os.path.join(tempfile.mkdtemp(), "s.ini")
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-c", CHILD, settings], capture_output=True, text=True, env=env,
                              cwd=str(_util.ROOT), timeout=300)
        line = [x for x in proc.stdout.splitlines() if x.startswith("{")][-1]
        data = json.loads(line)
        runs.append({"painted_s": round(data["painted"] - t0, 3), "models_ready_s": round(data["ready"] - t0, 3),
                     "tf_imported_before_paint": data["tf_imported_before_paint"], "panels": data["panels"]})
    _util.emit({
        "benchmark": "startup", "runs": runs,
        "painted_s_median": statistics.median(r["painted_s"] for r in runs),
        "models_ready_s_median": statistics.median(r["models_ready_s"] for r in runs),
    })


if __name__ == "__main__":
    main()

"""The time-lapse scrubs at >= 20 frames a second: every snapshot of a run shown by moving the slider, each frame
painted in full (the four views, the header, the bar) before the next.

    python benchmarks/timelapse_scrub.py [--quick] [--timelapse RUN_FOLDER] [--size 1280x800] [--projector]

Time-lapses: an MLP trained by SGD on real MNIST digits (tests/learning_data.py, 120 snapshots: a stored run's
most), the shipped CNN's real kernels and feature maps (32-kernel shape: its one snapshot shown 120 times, each
frame re-rendered from its arrays), and ``--timelapse``: a run's own learning.npz. Prints one JSON object:
frames_per_second (the slowest case), and per case frames/s and frame-time percentiles (ms).

Then "Export GIF…" of the first case, with a 10 ms QTimer probe on the event loop: how long the click holds the
UI thread (its frames are grabbed there), the longest gap between ticks while the GIF is written in the
background (``ui.learning.gif_export``), and the time until it is written.
"""

import time

import _util

_util.offscreen_qt()


def scrub(app, view, timelapse, rounds: int) -> tuple[float, list[float]]:
    view.set_timelapse(timelapse, index=0)
    app.processEvents()
    n = view.count()
    times = []
    start = time.perf_counter()
    for _ in range(rounds):
        for i in list(range(n)) + list(range(n - 2, 0, -1)):  # forth and back, as a hand on the slider does
            t = time.perf_counter()
            view.bar.slider.setValue(i)
            view.repaint()  # the whole view painted now, not when the event loop gets to it
            app.processEvents()
            times.append(time.perf_counter() - t)
    return len(times) / (time.perf_counter() - start), times


def export_stalls(app, view, timelapse) -> dict:
    import tempfile

    from PySide6.QtCore import QEventLoop, QTimer

    view.set_timelapse(timelapse, index=0)
    app.processEvents()
    ticks, loop, ended = [], QEventLoop(), []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    view.gifExported.connect(lambda ok: (ended.append(ok), loop.quit()))
    timer.start()
    app.processEvents()
    t0 = time.perf_counter()
    ticks.append(t0)
    with tempfile.TemporaryDirectory() as folder:
        if not view.export_gif(f"{folder}/learning.gif"):
            raise SystemExit("the export did not start")
        back = time.perf_counter() - t0
        if not ended:
            loop.exec()
        written = time.perf_counter() - t0
    timer.stop()
    after = [t for t in ticks if t > t0 + back]  # while Pillow writes on its job thread
    gaps = [b - a - 0.010 for a, b in zip(after, after[1:], strict=False)]
    return {"frames": view.count(), "written": ended == [True], "click_holds_ui_ms": round(1000 * back, 1),
            "longest_gap_while_writing_ms": round(1000 * max(gaps, default=0.0), 1),
            "gap_while_writing_ms": _util.percentiles(gaps), "written_after_s": round(written, 2)}


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--timelapse", default=None, help="a run folder with learning.npz")
    p.add_argument("--size", default="1280x800")
    p.add_argument("--projector", action="store_true", help="projector look (larger text)")
    args = p.parse_args()
    from dataclasses import replace

    from learning_data import numpy_mlp_timelapse, shipped_cnn_timelapse

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.ui.app import make_app

    app = make_app()
    from mnist_studio.ui.learning.learning_view import LearningView
    from mnist_studio.ui.look import theme

    theme.apply(app, "light", args.projector, app.font().pointSizeF())
    (x, y), test = load_mnist()
    n = 20 if args.quick else 120
    cases = {"mlp_sgd": numpy_mlp_timelapse(((x[:6000], y[:6000]), test), snapshots=n, every=3)}
    cnn = shipped_cnn_timelapse(((x, y), test), n_val=250, n_map=250)
    cnn.snapshots = [replace(cnn.snapshots[0], index=i) for i in range(n)]
    cases["cnn_shipped_shape"] = cnn
    if args.timelapse:
        from mnist_studio.learning import Timelapse

        cases["run"] = Timelapse.load(args.timelapse)
    width, height = (int(v) for v in args.size.split("x"))
    view = LearningView()
    view.resize(width // 2, height - 100)  # the "large" layout: half the window, the tab's height
    view.show()
    rounds = 1 if args.quick else 3
    result = {"size": f"{width // 2}x{height - 100}", "projector": args.projector, "cases": {}}
    for name, tl in cases.items():
        fps, times = scrub(app, view, tl, rounds)
        result["cases"][name] = {"snapshots": len(tl.snapshots), "frames": len(times),
                                 "frames_per_second": round(fps, 1), "frame_ms": _util.percentiles(times)}
    result["frames_per_second"] = min(c["frames_per_second"] for c in result["cases"].values())
    result["gif_export"] = export_stalls(app, view, cases["mlp_sgd"])
    _util.emit(result)


if __name__ == "__main__":
    main()

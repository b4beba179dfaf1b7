"""The Inside tab's figures: saliency faithfulness, one live update of the whole tab, the embedding map.

    python benchmarks/inside_explain.py [--quick] [--digits 200] [--on reporting|tuning|mnist] [--frames 300]

Faithfulness (deletion test): erase a digit's ink pixels (only those) in the order a map ranks them,
in 20 equal slices, and take the area under the predicted digit's probability; divide by the same
area for a random order (3 orders per digit), summed over N digits. Lower is more faithful. The digits
(``--on``): ``reporting`` (the default), N real pen digits of the reporting writers 26-30, as many of each
class, drawn through the canvas's stroke path: no choice looked at them; ``tuning``, the same from writers
21-25, where a map is chosen; ``mnist``, the first N MNIST test digits (where earlier rounds chose and
reported, kept for comparison). ``saliency`` is the shipped map (``Explainer.saliency``); the other rows
are the alternatives measured for it.

Live update: real strokes (MNIST test digits as pen strokes on the real canvas) give the frames a pen
produces while it moves; each frame is one ``InsideTab.update_views()`` (trace, saliency, every
layer's mosaic, the map's dot and nearest digits) plus the paint of what changed (the event loop's
next pass), at 1280x800, per model, with both maps already computed. ``*_full_repaint`` repaints
every widget of the tab instead (a pessimistic bound); ``*_without_paint`` is the computation alone.
``update_cpu_ms`` is the same update in CPU time of the UI thread: on a shared, overloaded machine wall
time mostly measures waiting for a core, CPU time what one update costs.

Map: seconds to compute each model's PCA map over the 10,000 test digits (one Keras pass cut at the
hidden layer; ``*_numpy_before_keras``: the numpy pass used while the window's archive-read models have
no Keras side yet), and how long after the
tab is first opened the shown model's map is ready when the tab is opened the moment the models
arrive (worst case; the app starts maps in the background once models load): the models as the window reads
them (numpy, from the file, their "not a digit?" statistics shipped) and no Keras worker up yet, so the map is
drawn with numpy in the window, as it is while the worker starts. numpy runs with one OpenBLAS thread, as in the
app (``mnist_studio`` sets it when imported, before numpy).
"""

import time

import _util

import mnist_studio  # noqa: F401 - first: one OpenBLAS thread, as the app has (numpy is imported later)

_util.offscreen_qt()


def faithfulness(predictor, images, rng) -> dict:
    import numpy as np

    from mnist_studio.prediction.explain import explainer_for, occlusion
    from mnist_studio.prediction.faithfulness import deletion_area

    explainer = explainer_for(predictor)
    noise = np.random.default_rng(0).normal(0.0, 0.15, (16, 28, 28)).astype(np.float32)
    methods = {
        "saliency": lambda x, d: explainer.saliency(x, d),
        "smoothgrad_logodds_previous": lambda x, d: x * explainer.gradient(
            np.clip(x[None] + noise, 0.0, 1.0), d, "logodds")[0].mean(axis=0),
        "grad_x_input_logit": lambda x, d: x * explainer.gradient(x, d, "logit")[0][0],
        "occlusion_log_prob": lambda x, d: occlusion(predictor, x, d),
    }
    areas = {name: [] for name in methods}
    random, seconds = [], {name: [] for name in methods}
    for x in images:
        digit = int(np.argmax(predictor.predict_one(x)))
        random.append(np.mean([deletion_area(predictor, x, digit, rng.permutation(784)) for _ in range(3)]))
        for name, fn in methods.items():
            t = time.perf_counter()
            sal = fn(x, digit)
            seconds[name].append(time.perf_counter() - t)
            areas[name].append(deletion_area(predictor, x, digit, np.argsort(-sal.reshape(-1), kind="stable")))
    random = np.asarray(random)
    return {name: {"ratio": round(float(np.sum(a) / random.sum()), 3),
                   "mean_of_ratios": round(float(np.mean(np.asarray(a) / np.maximum(random, 1e-9))), 3),
                   "ms_per_map_p50": round(float(np.median(seconds[name]) * 1000), 2)}
            for name, a in areas.items()}


def deletion_digits(on: str, n: int, x_test):
    """The deletion test's digits (``--on``): n // 10 pen digits of each class from the writer group, or the
    first n MNIST test digits."""
    import numpy as np

    from mnist_studio.digits import pendigits

    if on == "mnist":
        return x_test[:n].astype(np.float32) / 255.0
    pen = pendigits.load()
    writers = pendigits.REPORTING_WRITERS if on == "reporting" else pendigits.TUNING_WRITERS
    rng = np.random.default_rng(0)
    pool = np.isin(pen.writers, writers)
    idx = np.concatenate([rng.permutation(np.flatnonzero(pool & (pen.labels == d)))[:max(1, n // 10)]
                          for d in range(10)])
    return pen.subset(np.sort(idx)).render()


def stroke_frames(x_test, digits: int, app) -> list:
    """What the pen produces: to_mnist of the canvas after every mouse move, for ``digits`` drawn digits."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from strokes import digit_strokes

    from mnist_studio.digits.preprocess import to_mnist
    from mnist_studio.ui.common.canvas import DrawingCanvas

    canvas = DrawingCanvas()
    canvas.resize(400, 400)
    canvas.show()
    frames = []
    for i in range(digits):
        canvas.clear()
        for stroke in digit_strokes(x_test[i]):
            pts = [QPoint(int(20 + px * 360), int(20 + py * 360)) for px, py in stroke]
            QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[0])
            for q in pts[1:]:
                QTest.mouseMove(canvas, q)
                app.processEvents()
                frames.append(to_mnist(canvas.image()))
            QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pts[-1])
    canvas.close()
    return [f for f in frames if f is not None]


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--digits", type=int, default=200, help="test digits for the deletion test")
    p.add_argument("--on", choices=["reporting", "tuning", "mnist"], default="reporting",
                   help="the digits of the deletion test")
    p.add_argument("--skip-faithfulness", action="store_true", help="timings only")
    p.add_argument("--frames", type=int, default=300, help="live-update frames per model")
    args = p.parse_args()
    digits, n_frames = (20, 40) if args.quick else (args.digits, args.frames)
    import numpy as np

    from mnist_studio.digits.data import load_mnist
    from mnist_studio.prediction.archive import ArchivePredictor
    from mnist_studio.prediction.explain import explainer_for
    from mnist_studio.prediction.explain_embedding import compute_embedding
    from mnist_studio.prediction.inference import Predictor
    from mnist_studio.ui.app import make_app

    app = make_app()
    from PySide6.QtCore import QEventLoop

    from mnist_studio.ui.inside.inside_tab import InsideTab

    _, (x_test, y_test) = load_mnist()
    predictors = {key: Predictor.load(key) for key in ("mlp", "cnn")}
    result = {"benchmark": "inside_explain", "digits": digits, "faithfulness_on": args.on, "faithfulness": {},
              "update_ms": {}, "update_cpu_ms": {},
              "map_compute_s": {}, "targets": {"cnn_ratio": 0.42, "mlp_ratio": 0.25, "update_p95_ms": 16,
                                               "map_ready_s": 2.0}}
    images = deletion_digits(args.on, digits, x_test)
    result["digits"] = len(images)
    for key, predictor in predictors.items():
        if not args.skip_faithfulness:
            result["faithfulness"][key] = faithfulness(predictor, images, np.random.default_rng(0))

    # the map: cold computation per model, then "ready after the tab opens" in the app's own flow
    for key, predictor in predictors.items():
        embedding = compute_embedding(explainer_for(predictor), x_test, y_test)
        result["map_compute_s"][key] = round(embedding.seconds, 3)
        if not args.quick:  # the window's first predictors are read from the file (numpy, Keras not loaded yet)
            from mnist_studio.prediction.explain import Explainer

            archive = compute_embedding(Explainer(ArchivePredictor.open(key)), x_test, y_test)
            result["map_compute_s"][f"{key}_numpy_before_keras"] = round(archive.seconds, 3)
    ready = {}
    for key in ("mlp", "cnn"):
        tab = InsideTab(test_data=(x_test, y_test))
        tab.resize(1280, 800)
        for k in predictors:  # as the window has them: read from the file with numpy (fresh: nothing cached)
            tab.set_predictor(k, ArchivePredictor.open(k), k.upper())
        tab.select_model(key)
        loop = QEventLoop()
        tab.embeddingReady.connect(lambda k, want=key, loop=loop: loop.quit() if k == want else None)
        start = time.perf_counter()
        tab.show()
        if not tab.embedding_ready(key):
            loop.exec()  # the event loop idles as the app's would (no busy polling stealing a core)
        ready[key] = round(time.perf_counter() - start, 3)
        tab.shutdown()
        tab.close()
        tab.deleteLater()
        app.processEvents()
    result["map_ready_after_open_s"] = ready

    frames = stroke_frames(x_test, max(3, n_frames // 25), app)
    frames = (frames * (1 + n_frames // max(len(frames), 1)))[:n_frames]
    tab = InsideTab(test_data=(x_test, y_test))
    tab.resize(1280, 800)
    for key, predictor in predictors.items():
        tab.set_predictor(key, predictor, key.upper())
    tab.show()
    while not all(tab.embedding_ready(key) for key in predictors):  # steady state: no map computing meanwhile
        app.processEvents()
        time.sleep(0.01)
    for key in predictors:
        tab.select_model(key)
        tab.side.setCurrentIndex(0)  # the map page: the dot and the nearest digits follow the pen
        for warm in frames[:5]:
            tab.set_input(warm)
            tab.update_views()
        times, compute, full, cpu = [], [], [], []
        for frame in frames:
            tab.set_input(frame)
            t, c = time.perf_counter(), time.thread_time()
            tab.update_views()
            t2 = time.perf_counter()
            app.processEvents()  # paints what changed, as the app's event loop does after an update
            times.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
            compute.append(t2 - t)
        for frame in frames[: len(frames) // 3]:
            tab.set_input(frame)
            t = time.perf_counter()
            tab.update_views()
            tab.repaint()  # every widget of the tab, changed or not (a pessimistic bound)
            full.append(time.perf_counter() - t)
        result["update_ms"][key] = _util.percentiles(times)
        result["update_ms"][f"{key}_without_paint"] = _util.percentiles(compute)
        result["update_ms"][f"{key}_full_repaint"] = _util.percentiles(full)
        result["update_cpu_ms"][key] = _util.percentiles(cpu)
    tab.shutdown()
    result["frames"] = len(frames)
    _util.emit(result)


if __name__ == "__main__":
    main()

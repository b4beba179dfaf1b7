"""Live inference, one 28x28 image, p50/p95/p99 in ms: Predictor (numpy fast path for single images),
its compiled tf.function call, and model.predict. Calls are spaced 5 ms apart, as strokes are.

    python benchmarks/inference_latency.py [--quick] [--calls 1000]
"""

import time

import _util


def main() -> None:
    p = _util.parser(__doc__)
    p.add_argument("--calls", type=int, default=1000)
    args = p.parse_args()
    calls = 50 if args.quick else max(500, args.calls)
    from mnist_studio.digits.data import load_mnist
    from mnist_studio.digits.preprocess import to_mnist
    from mnist_studio.prediction.inference import Predictor

    _, (x_test, _) = load_mnist()
    image = to_mnist(x_test[0])
    out = {"benchmark": "inference_latency", "calls": calls, "models": {}}
    for name in ("mlp", "cnn"):
        predictor = Predictor.load(name)
        for _ in range(50):
            predictor.predict_one(image)
        fast, compiled = [], []
        for _ in range(calls):
            time.sleep(0.005)
            t = time.perf_counter()
            predictor.predict_one(image)
            fast.append(time.perf_counter() - t)
            time.sleep(0.005)
            t = time.perf_counter()
            predictor.predict_compiled(image)
            compiled.append(time.perf_counter() - t)
        slow = []
        batch = image[None]
        predictor.model.predict(batch, verbose=0)
        for _ in range(max(20, calls // 20)):
            t = time.perf_counter()
            predictor.model.predict(batch, verbose=0)
            slow.append(time.perf_counter() - t)
        f, s = _util.percentiles(fast), _util.percentiles(slow)
        out["models"][name] = {"predictor_ms": f, "compiled_call_ms": _util.percentiles(compiled),
                               "numpy_fast_path": predictor.fast is not None, "model_predict_ms": s,
                               "speedup_p50": round(s["p50"] / f["p50"], 1)}
    _util.emit(out)


if __name__ == "__main__":
    main()

"""Full test-set evaluation (10,000 images): seconds for the shipped MLP and CNN (best of 3).

    python benchmarks/evaluation_speed.py [--quick]
"""

import time

import _util


def main() -> None:
    args = _util.parser(__doc__).parse_args()
    from mnist_studio.data import load_mnist
    from mnist_studio.evaluation import evaluate
    from mnist_studio.inference import Predictor

    _, (x_test, y_test) = load_mnist()
    n = 1000 if args.quick else len(x_test)
    out = {"benchmark": "evaluation_speed", "images": n, "models": {}}
    for name in ("mlp", "cnn"):
        predictor = Predictor.load(name)
        evaluate(predictor, x_test[:1000], y_test[:1000])  # warm-up
        times = []
        for _ in range(1 if args.quick else 3):
            t = time.perf_counter()
            result = evaluate(predictor, x_test[:n], y_test[:n])
            times.append(time.perf_counter() - t)
        out["models"][name] = {"seconds": round(min(times), 3), "accuracy": result.accuracy}
    _util.emit(out)


if __name__ == "__main__":
    main()

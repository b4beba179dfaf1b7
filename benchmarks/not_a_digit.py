"""How well "not a digit?" separates drawings that are not digits from real digits; prints one JSON object.

Per model (shipped ``mlp`` and ``cnn``, or ``--model name=path.keras``):

- ``nondigits_flagged``: share of the **check** non-digits (``resources/nondigits/tuning.npz``, split
  ``check``: other seed, plus kinds tuning never saw) flagged, lookalikes (circle, O, l, S, g) excluded;
  also for the check-only kinds alone and per kind group, and for the lookalikes apart;
- ``pen_digits_flagged``: share of real pen digits of the **reporting writers** (26-30, whom neither the
  shipped models nor the tuning saw) flagged, rendered through ``strokes.render`` as the canvas does; per
  writer (``pen_flagged_per_writer``, tuning writers too) and how many of them the model also misreads;
- ``mnist_test_flagged``: share of the 10,000 MNIST test digits flagged;
- ``unsure_*``: the old signal for comparison (top probability below 0.5) on the same sets;
- ``ece_pen``: expected calibration error (15 bins) on the reporting writers' digits: all of them, and
  the ones not flagged (the check changes no probability);
- ``live_us``: one live read (numpy trace + check, ``nondigit.read``) vs the plain ``predict_one``, median
  of many calls on one drawing, in microseconds.

``methods``: every candidate score on the **tuning** data only (tuning non-digits, tuning writers 21-25):
the threshold flags 1 % (and 2 %) of the tuning writers' digits, and the figure is the share of tuning
non-digits above it; the rejection model is scored on the kinds each of 4 folds left out of its
training (grouped by kind). That table is how the method was chosen.

``flag_rate_choice``: how the fitting set and the flag rate were chosen, on the tuning data only. For each
rate, fitted with and without the jittered training hands: the held-out tuning writer's share flagged when the
threshold is set on the other four (mean and worst of the five), and the tuning non-digits of left-out kinds
flagged (4 folds, as above). The rule: the most non-digits flagged whose held-out writer mean stays at or
below 0.7 % (set after the reporting writers had flagged 2.9 % at 1 %: a third of the goal's 2 %).

    python benchmarks/not_a_digit.py            # full run (~1-2 min on 2 cores)
    python benchmarks/not_a_digit.py --quick    # smaller slices, for CI
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mnist_studio.digits import pendigits  # noqa: E402
from mnist_studio.digits.data import load_mnist  # noqa: E402
from mnist_studio.prediction import nondigit  # noqa: E402
from mnist_studio.prediction.archive import ArchivePredictor  # noqa: E402
from mnist_studio.storage.paths import resources_dir  # noqa: E402

UNSURE = 0.5  # = ui.common.prediction.UNSURE


def ece(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    conf, pred = probs.max(1), probs.argmax(1)
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            total += sel.mean() * abs(float((pred[sel] == labels[sel]).mean()) - float(conf[sel].mean()))
    return round(total, 4)


def mahalanobis(fit_h, fit_y):
    """Distance to the nearest class mean with a shared, shrunk covariance (a candidate, not the method)."""
    means = np.stack([fit_h[fit_y == c].mean(0) for c in range(10)])
    centred = fit_h - means[fit_y]
    cov = centred.T @ centred / len(fit_h)
    cov = 0.95 * cov + 0.05 * np.trace(cov) / len(cov) * np.eye(len(cov))
    values, vectors = np.linalg.eigh(cov)
    whiten = vectors / np.sqrt(np.maximum(values, 1e-12 * values.max()))[None]
    wm = means @ whiten

    def distance(h):
        z = h @ whiten
        d2 = (z * z).sum(1)[:, None] - 2 * z @ wm.T + (wm * wm).sum(1)[None]
        return np.sqrt(np.maximum(d2.min(1), 0))
    return distance


def candidate_scores(fit, f) -> dict[str, np.ndarray]:
    """Every candidate score (higher = less like a digit) for one set's (hidden, logits, probabilities)."""
    hidden, logits, probs = f
    ref = fit["h"] / np.maximum(np.linalg.norm(fit["h"], axis=1, keepdims=True), 1e-9)
    q = hidden / np.maximum(np.linalg.norm(hidden, axis=1, keepdims=True), 1e-9)
    return {"max_softmax": 1.0 - probs.max(1),
            "energy": -(np.log(np.exp(logits - logits.max(1, keepdims=True)).sum(1)) + logits.max(1)),
            "mahalanobis_nearest_class": fit["maha"](hidden),
            "knn_cosine_k10": 1.0 - np.sort(q @ ref.T, axis=1)[:, -10]}


def rejector_by_kind(fit, feats, kinds, folds: int = 4, rates=(0.01, 0.02)) -> dict:
    """The rejection model cross-validated by kind on the tuning non-digits: each fold's kinds are left out of
    its training and scored (the tuning writers' digits set the threshold)."""
    names = np.unique(kinds)
    np.random.default_rng(0).shuffle(names)
    out = {}
    for rate in rates:
        flagged = []
        for fold in np.array_split(names, folds):
            held = np.isin(kinds, fold)
            x = np.concatenate([fit["x"], np.concatenate(feats["nd_tuning"][:2], 1)[~held]])
            y = np.concatenate([np.zeros(len(fit["x"])), np.ones(int((~held).sum()))]).astype(np.float32)
            mean, scale, w, b = nondigit.logistic(x, y)
            score = lambda f: ((np.concatenate(f[:2], 1) - mean) / scale) @ w + b  # noqa: E731,B023
            thr = np.quantile(score(feats["pen_tuning"]), 1 - rate)
            flagged.append((score(feats["nd_tuning"])[held] > thr).mean())
        out[f"tuning_nondigits_flagged_at_{rate:.2%}_pen"] = round(float(np.mean(flagged)), 4)
    return out


HELD_OUT_WRITER_CAP = 0.007  # the rule's cap on the held-out tuning writer's mean share flagged


def flag_rate_choice(fit, feats, kinds, writers, n_jitter: int, rates=(0.01, 0.0075, 0.005)) -> dict:
    """Per fitting set (with and without the jittered training hands, the last ``n_jitter`` fitting digits) and
    flag rate: the held-out tuning writer's share flagged (threshold from the other four writers) and the tuning
    non-digits of left-out kinds flagged; ``chosen``: the most non-digits flagged whose held-out writer mean is at
    most ``HELD_OUT_WRITER_CAP``. The figures the check's fitting set and flag rate were chosen by."""
    x_nd, x_pen = np.concatenate(feats["nd_tuning"][:2], 1), np.concatenate(feats["pen_tuning"][:2], 1)
    out = {}
    for variant, x_fit in (("with_jitter", fit["x"]), ("without_jitter", fit["x"][:len(fit["x"]) - n_jitter])):
        y = np.concatenate([np.zeros(len(x_fit)), np.ones(len(x_nd))]).astype(np.float32)
        mean, scale, w, b = nondigit.logistic(np.concatenate([x_fit, x_nd]), y)
        pen = ((x_pen - mean) / scale) @ w + b
        for rate in rates:
            held = [float((pen[writers == k] > np.quantile(pen[writers != k], 1 - rate)).mean())
                    for k in np.unique(writers)]
            flagged = rejector_by_kind({**fit, "x": x_fit}, feats, kinds, rates=(rate,))
            out[f"{variant} {rate:.2%}"] = {"held_out_writer_flagged_mean": round(float(np.mean(held)), 4),
                                            "held_out_writer_flagged_worst": round(max(held), 4),
                                            "tuning_nondigits_flagged": next(iter(flagged.values()))}
    within = {k: v for k, v in out.items() if v["held_out_writer_flagged_mean"] <= HELD_OUT_WRITER_CAP}
    out["chosen"] = max(within, key=lambda k: within[k]["tuning_nondigits_flagged"]) if within else None
    return out


def evaluate_model(name: str, source: str, sets: dict, quick: bool) -> dict:
    predictor = ArchivePredictor.open(source)
    forward, in_shape = predictor.fast, predictor.in_shape
    t0 = time.perf_counter()
    stats = nondigit.fit(forward, in_shape)
    fit_seconds = time.perf_counter() - t0
    feats = {k: nondigit.features(forward, v[0], in_shape) for k, v in sets.items() if k != "fit"}
    # the method comparison: tuning data only
    nd_keep = ~sets["nd_tuning"][2]
    feats["nd_tuning"] = tuple(a[nd_keep] for a in feats["nd_tuning"])
    fit_h, fit_z, _ = nondigit.features(forward, sets["fit"][0], in_shape)
    fit = {"h": fit_h, "x": np.concatenate([fit_h, fit_z], 1), "maha": mahalanobis(fit_h, sets["fit"][1])}
    cands = {k: candidate_scores(fit, feats[k]) for k in ("pen_tuning", "nd_tuning")}
    methods = {}
    for m in cands["pen_tuning"]:
        methods[m] = {f"tuning_nondigits_flagged_at_{r:.2%}_pen": round(float(
            (cands["nd_tuning"][m] > np.quantile(cands["pen_tuning"][m], 1 - r)).mean()), 4) for r in (0.01, 0.02)}
    methods["rejection_model_left_out_kinds"] = rejector_by_kind(fit, feats, sets["nd_tuning"][1][nd_keep])
    choice = flag_rate_choice(fit, feats, sets["nd_tuning"][1][nd_keep], sets["pen_tuning"][2], sets["fit"][2])
    # the chosen method, reported on data the choice never saw
    flag = {k: stats.score(*feats[k][:2]) > stats.threshold for k in feats}
    unsure = {k: feats[k][2].max(1) < UNSURE for k in feats}
    kinds, look, only = sets["nd_check"][1], sets["nd_check"][2], sets["nd_check"][3]
    keep = ~look
    groups = {"letters_drawn": np.array([len(k) == 1 for k in kinds]),
              "font_glyphs": np.array([k.startswith("font:") for k in kinds]),
              "scribbles": np.array([k.startswith("scribble") for k in kinds])}
    groups["shapes"] = ~(groups["letters_drawn"] | groups["font_glyphs"] | groups["scribbles"])
    pen_probs, pen_y = feats["pen_reporting"][2], sets["pen_reporting"][1]
    image = sets["pen_reporting"][0][0]
    nondigit.attach(predictor, stats)
    live = _time(lambda: nondigit.read(predictor, image), quick)
    plain = _time(lambda: predictor.predict_one(image), quick)
    pct = lambda m: round(float(np.mean(m)), 4) if len(m) else None  # noqa: E731
    missed = sorted({str(k) for k in kinds[keep & ~flag["nd_check"]]},
                    key=lambda k: -float(np.mean(~flag["nd_check"][kinds == k])))
    return {
        "threshold": round(stats.threshold, 4),
        "hidden_units": int(feats["pen_tuning"][0].shape[1]),
        "statistics_seconds": round(fit_seconds, 2),
        "nondigits_flagged": pct(flag["nd_check"][keep]),
        "nondigits_flagged_check_only_kinds": pct(flag["nd_check"][keep & only]),
        "nondigits_flagged_by_group": {g: pct(flag["nd_check"][keep & m]) for g, m in groups.items()},
        "most_missed_kinds": missed[:8],
        "lookalikes_flagged": pct(flag["nd_check"][look]),
        "pen_digits_flagged": pct(flag["pen_reporting"]),
        "pen_digits_flagged_tuning_writers": pct(flag["pen_tuning"]),
        # where the flags fall (counts, not a choice: nothing is tuned on these) and how many of them the model
        # also reads wrong (there "not a digit?" is the more honest answer of the two)
        "pen_flagged_per_writer": {group: per_writer(flag[f"pen_{group}"], sets[f"pen_{group}"][2])
                                   for group in ("reporting", "tuning")},
        "pen_flagged_misread": int((flag["pen_reporting"] & (pen_probs.argmax(1) != pen_y)).sum()),
        "mnist_test_flagged": pct(flag["mnist_test"]),
        "unsure_nondigits_before": pct(unsure["nd_check"][keep]),
        "unsure_pen_digits_before": pct(unsure["pen_reporting"]),
        "pen_accuracy": pct(pen_probs.argmax(1) == pen_y),
        "ece_pen": ece(pen_probs, pen_y),
        "ece_pen_not_flagged": ece(pen_probs[~flag["pen_reporting"]], pen_y[~flag["pen_reporting"]]),
        "live_us": {"read_with_check": live, "predict_one": plain},
        "methods_on_tuning": methods,
        "flag_rate_choice": choice,
    }


def per_writer(flagged: np.ndarray, writers: np.ndarray) -> dict:
    """{writer: "flagged/digits"}."""
    return {int(w): f"{int(flagged[writers == w].sum())}/{int((writers == w).sum())}" for w in np.unique(writers)}


def _time(fn, quick: bool) -> float:
    for _ in range(20):
        fn()
    times = []
    for _ in range(100 if quick else 2000):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(float(np.median(times)) * 1e6, 1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small slices (CI)")
    parser.add_argument("--model", action="append", help="NAME=SOURCE (default: mlp=mlp, cnn=cnn)")
    args = parser.parse_args(argv)
    models = dict(m.split("=", 1) for m in (args.model or ["mlp=mlp", "cnn=cnn"]))
    t0 = time.perf_counter()
    pen = pendigits.load()
    stride = 8 if args.quick else 1

    def pen_set(writers):
        sub = pen.subset(np.flatnonzero(np.isin(pen.writers, writers))[::stride])
        return sub.render(), sub.labels.astype(int), sub.writers.astype(int)

    nd = np.load(resources_dir() / "nondigits" / "tuning.npz")
    (_, _), (x_test, y_test) = load_mnist()
    digits_path, _ = nondigit.resources()
    with np.load(digits_path) as d:
        fit = (np.concatenate([d["mnist_x"], d["pen_x"], d["jitter_x"]]),
               np.concatenate([d["mnist_y"], d["pen_y"], d["jitter_y"]]).astype(int), len(d["jitter_x"]))
    sets = {
        "fit": fit,
        "pen_tuning": pen_set(pendigits.TUNING_WRITERS),
        "pen_reporting": pen_set(pendigits.REPORTING_WRITERS),
        "mnist_test": (x_test[:: 10 if args.quick else 1], y_test[:: 10 if args.quick else 1]),
        "nd_tuning": (nd["tuning_x"], nd["tuning_kind"], nd["tuning_lookalike"]),
        "nd_check": (nd["check_x"], nd["check_kind"], nd["check_lookalike"], nd["check_only"]),
    }
    result = {
        "quick": args.quick,
        "method": "logistic regression on the last hidden layer + logits: digits vs tuning non-digits",
        "fit_digits": len(fit[1]), "flag_rate_on_tuning_writers": nondigit.FLAG_RATE,
        "fit_writers": f"{pendigits.TRAIN_WRITERS[0]}-{pendigits.TRAIN_WRITERS[-1]}",
        "tuning_writers": f"{pendigits.TUNING_WRITERS[0]}-{pendigits.TUNING_WRITERS[-1]}",
        "reporting_writers": f"{pendigits.REPORTING_WRITERS[0]}-{pendigits.REPORTING_WRITERS[-1]}",
        "sizes": {"pen_tuning": len(sets["pen_tuning"][1]), "pen_reporting": len(sets["pen_reporting"][1]),
                  "mnist_test": len(sets["mnist_test"][1]),
                  "nondigits_tuning": int((~nd["tuning_lookalike"]).sum()),
                  "nondigits_check": int((~nd["check_lookalike"]).sum()),
                  "nondigits_check_only_kinds": int((nd["check_only"] & ~nd["check_lookalike"]).sum())},
        "models": {name: evaluate_model(name, source, sets, args.quick) for name, source in models.items()},
    }
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

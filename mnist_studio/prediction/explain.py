"""Inside the network, Qt-free: every layer's activations, saliency, a unit's arithmetic, weights as pictures.

The live path is numpy over the weights ``numpy_layers.NumpyForward`` already reads (no TensorFlow, no
graph tracing): a forward pass that keeps every step's output, and a backward pass through the same
steps (dense, conv, relu, max-pooling, flatten, reshape, batch-norm affine, global pooling, softmax)
for input gradients. A model whose layers the numpy path does not cover still gets its answer and an
occlusion saliency map (through ``Predictor.predict``), with a message that says what is missing.
The embedding map lives in ``explain_embedding``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mnist_studio.prediction.backward import backward
from mnist_studio.prediction.numpy_layers import SUPPORTED, ends_in_softmax, softmax

INK = 0.05  # a pixel counts as ink above this value


@dataclass(frozen=True)
class LayerInfo:
    step: int  # index into NumpyForward.steps (and Trace.outputs)
    name: str  # the Keras layer's name
    kind: str  # dense, conv, pool, flatten, reshape, affine, act, gap
    shape: tuple  # output shape without the batch axis
    activation: str  # relu, softmax, linear, or "" for layers without one


@dataclass
class Trace:
    """One image's pass: the input, every step's output (batch axis dropped), scores before/after softmax."""

    image: np.ndarray  # (28, 28)
    outputs: list  # per step
    logits: np.ndarray  # (10,) scores before softmax
    probs: np.ndarray  # (10,) after softmax


@dataclass
class UnitComputation:
    """``sum(inputs * weights) + bias = pre`` then ``activation(pre) = value``, with the largest terms."""

    layer: str
    unit: int
    activation: str
    inputs: np.ndarray  # the top terms' input values
    weights: np.ndarray  # their weights
    labels: list  # what each input is ("pixel (12, 7)", "unit 41", "map 3 at (4, 5)")
    terms: np.ndarray  # inputs * weights
    n_terms: int  # how many terms the full sum has
    rest: float  # the sum of the terms not listed
    bias: float
    pre: float
    value: float


IG_STEPS = 16  # integrated gradients: points on the path from a black image to the drawing
_IG_SCALES = ((np.arange(IG_STEPS) + 0.5) / IG_STEPS).astype(np.float32)
# SmoothGrad's noise (conv models): fixed, so a still drawing gets the same map every frame (sigma 0.15).
_SMOOTH_NOISE = np.random.default_rng(0).normal(0.0, 0.15, (IG_STEPS, 28, 28)).astype(np.float32)
# A dense-first model's map (``Explainer.saliency``): 8 rounds of crediting the ink left, each by integrated
# gradients with one point (the gradient at half the ink, times the ink). Chosen on the tuning writers' pen digits
# (deletion ratio, 200 digits): the lowest among the layouts costing at most twice one 16-point pass (0.98 ms a map
# here): 8x1 0.198 (1.83 ms), 6x1 0.209 (1.25 ms), 4x1 0.227; over budget: 10x1 0.190 (2.06 ms), 16x1 0.174, 8x3
# 0.194 (6.2 ms), 5x16 0.215; one 16-point pass 0.263.
DELETION_ROUNDS = 8
ROUND_STEPS = 1
_ROUND_SCALES = ((np.arange(ROUND_STEPS) + 0.5) / ROUND_STEPS).astype(np.float32)


def _below(values: np.ndarray, ceiling: float | None) -> np.ndarray:
    """``values`` with their evidence for the digit scaled to stay under ``ceiling`` (> 0), order and signs kept."""
    values = np.asarray(values, np.float64).copy()
    top = values.max()
    if ceiling is None or top < ceiling:
        return values
    values[values > 0] *= ceiling / top
    return np.minimum(values, np.nextafter(np.float32(ceiling), np.float32(0)))


def _window_mean(image: np.ndarray, window: tuple[int, int]) -> np.ndarray:
    """Each pixel's mean over the (h, w) window around it (zeros beyond the edge)."""
    h, w = window
    padded = np.pad(image, ((h // 2, h - 1 - h // 2), (w // 2, w - 1 - w // 2)))
    return sum(padded[i:i + image.shape[0], j:j + image.shape[1]] for i in range(h) for j in range(w)) / (h * w)


class Explainer:
    """Everything the Inside tab shows for one ``Predictor``; build once per model (``explainer_for``)."""

    def __init__(self, predictor):
        """``predictor``: an ``inference.Predictor``, or an ``archive.ArchivePredictor`` (numpy pass read from
        the file, ``model`` None until Keras loads): everything live works from the numpy steps alone."""
        self.predictor = predictor
        model = predictor.model
        in_shape = getattr(predictor, "in_shape", None)
        self.in_shape = tuple(in_shape) if in_shape is not None else tuple(model.inputs[0].shape[1:])
        self.fast = getattr(predictor, "fast", None)
        self.layers: list[LayerInfo] = []
        self.message = ""
        self.classifier: int | None = None  # the step that gives the ten scores
        self._final_softmax = False
        self._window: tuple[int, int] | None = None
        names = _layer_names(predictor)
        if self.fast is not None and len(names) != len(self.fast.steps):
            names = _default_names(self.fast.steps)
        if self.fast is None:
            odd = sorted({type(layer).__name__ for layer in model.layers} - SUPPORTED) if model is not None else []
            what = ", ".join(odd) if odd else "a graph that is not a simple chain of layers"
            self.message = (f"This model uses {what}, which the live layer view does not cover: "
                            "showing its answer, first-layer weights and an occlusion saliency map only.")
            return
        probe = self.fast.trace(np.zeros((1, *self.in_shape), np.float32))
        for i, (name, step, out) in enumerate(zip(names, self.fast.steps, probe, strict=True)):
            act = step[3] if step[0] == "dense" else step[4] if step[0] == "conv" else \
                step[1] if step[0] == "act" else ""
            self.layers.append(LayerInfo(i, name, step[0], tuple(out.shape[1:]), act))
        dense = [info.step for info in self.layers if info.kind == "dense"]
        self.classifier = dense[-1] if dense else None
        self._final_softmax = ends_in_softmax(self.fast.steps)
        # saliency's window: the first layer's kernel when it is a convolution (None for a dense first layer)
        first = next((step for step in self.fast.steps if step[0] in ("conv", "dense")), None)
        self._window = tuple(int(n) for n in first[1].shape[:2]) if first is not None and first[0] == "conv" else None

    @property
    def supported(self) -> bool:
        return self.fast is not None

    @property
    def hidden_step(self) -> int | None:
        """The step whose output is the last hidden layer (the classifier's input); -1: the input itself."""
        if self.fast is None or self.classifier is None:
            return None
        return self.classifier - 1

    # -- forward ----------------------------------------------------------------------------------
    def _batch(self, images) -> np.ndarray:
        x = np.asarray(images, np.float32)
        return x.reshape((-1, *self.in_shape))

    def _scores(self, x: np.ndarray, outputs: list) -> tuple[np.ndarray, np.ndarray]:
        last = self.fast.steps[-1]
        final = outputs[-1]
        if not self._final_softmax:
            return final, softmax(final)
        if last[0] == "act":
            return outputs[-2], final
        inp = outputs[-2] if len(outputs) > 1 else x
        z = inp @ last[1]
        return (z + last[2] if last[2] is not None else z), final

    def trace(self, image) -> Trace | None:
        """Every layer's output for one (28, 28) image; None when the numpy path does not cover the model."""
        if self.fast is None:
            return None
        x = self._batch(image)[:1]
        outputs = self.fast.trace(x)
        logits, probs = self._scores(x, outputs)
        return Trace(np.asarray(image, np.float32).reshape(28, 28), [o[0] for o in outputs], logits[0], probs[0])

    def scores(self, images) -> tuple[np.ndarray, np.ndarray]:
        """(logits, probabilities) of a batch by the numpy pass, each (N, 10): the class scores before the softmax
        too. float64 images are computed in float64 where the numpy steps are (a precise gradient check)."""
        x = np.asarray(images)
        x = (x if x.dtype == np.float64 else x.astype(np.float32)).reshape((-1, *self.in_shape))
        return self._scores(x, self.fast.trace(x))

    def probabilities(self, images) -> np.ndarray:
        return self.predictor.predict(np.asarray(images, np.float32).reshape(-1, 28, 28))

    # -- gradients and saliency -----------------------------------------------------------------------
    def gradient(self, images, digit: int, target: str = "logprob", outputs: list | None = None
                 ) -> tuple[np.ndarray, np.ndarray]:
        """d target / d pixel for a batch, with the probabilities; target: logit, logprob or prob.
        ``outputs``: the batch's ``NumpyForward.trace`` when the caller already has it."""
        x = self._batch(images)
        outputs = self.fast.trace(x) if outputs is None else outputs
        logits, probs = self._scores(x, outputs)
        onehot = np.zeros_like(probs)
        onehot[:, digit] = 1.0
        if target == "logodds":  # the digit's score against the softmax mix of the other nine
            others = probs * (1.0 - onehot)
            g = onehot - others / np.maximum(others.sum(axis=1, keepdims=True), 1e-12)
        else:
            g = onehot if target == "logit" else onehot - probs
        if target == "prob":
            g = g * probs[:, digit:digit + 1]
        steps = self.fast.steps
        if self._final_softmax and steps[-1][0] == "act":
            steps, outputs = steps[:-1], outputs[:-1]
        grad = backward(steps, x, outputs, g.astype(np.float32), skip_last_activation=self._final_softmax)
        return grad.reshape(-1, 28, 28), probs

    def saliency(self, image, digit: int) -> np.ndarray:
        """(28, 28), higher = more evidence for ``digit``: integrated gradients of the digit's log-odds against
        the other nine, on the path from a black image to the drawing.

        The log-odds keep the gradient alive for a confident answer (through the softmax it all but vanishes);
        the path from black credits ink that the model needs but has saturated on. For a model whose first
        layer is a convolution: ``IG_STEPS`` points, each with a fixed small noise (SmoothGrad: it averages away
        the ReLU kinks of the filters, and being fixed keeps the map steady from frame to frame), and the map is
        averaged over that layer's kernel window (on the ink only): a convolution reads pixels together, never one
        alone. For any other model (an MLP reads every pixel on its own) the map is built in ``DELETION_ROUNDS``
        rounds of ``ROUND_STEPS`` points: the ink the first round credits most (an eighth of it) keeps its values;
        the rest is credited again with that ink erased, and so on. What a pixel adds once the stronger evidence
        is gone is what the deletion test asks; later rounds' values are scaled below earlier ones (the map's order
        is theirs). Ink no round takes keeps its whole-drawing credit's sign, scaled below them; a later round
        can turn orange ink that counted against the digit while the stronger evidence was there.

        Chosen on tuning writers 21-25 (``benchmarks/inside_explain.py --on tuning``), reported on 26-30."""
        x = np.asarray(image, np.float32).reshape(28, 28)
        if self.fast is None:
            return occlusion(self.predictor, x, digit)
        window = self._window
        if window is None:
            return self._saliency_in_rounds(x, digit)
        path = np.clip(_IG_SCALES[:, None, None] * x[None] + _SMOOTH_NOISE, 0.0, 1.0)
        grads, _ = self.gradient(path, digit, "logodds")
        out = _window_mean(x * grads.mean(axis=0), window) * (x > 0)  # evidence stays on the ink
        return out.astype(np.float32)

    def _integrated(self, x: np.ndarray, digit: int) -> np.ndarray:
        grads, _ = self.gradient(_ROUND_SCALES[:, None, None] * x[None], digit, "logodds")
        return (x * grads.mean(axis=0)).reshape(-1)

    def _saliency_in_rounds(self, x: np.ndarray, digit: int) -> np.ndarray:
        """Each round takes the ink credited most *for* the digit (at most an eighth); ink no round takes keeps the
        first round's credit (for or against the drawing as a whole), ranked below every round's."""
        first = self._integrated(x, digit)
        out = first.copy()
        left = np.flatnonzero(x.reshape(-1) > INK)
        share = -(-left.size // DELETION_ROUNDS) if left.size else 0
        rest, credit, ceiling = x.reshape(-1).copy(), first, None
        for round_ in range(DELETION_ROUNDS):
            credit = self._integrated(rest.reshape(28, 28), digit) if round_ else credit
            order = left[np.argsort(-credit[left], kind="stable")]
            take = order[:share][credit[order[:share]] > 0]
            if not take.size:
                break
            out[take] = _below(credit[take], ceiling)
            ceiling = float(out[take[-1]])
            rest[take] = 0.0
            left = np.setdiff1d(left, take, assume_unique=True)
        if ceiling is not None:  # the ink no round took, and faint pixels (up to INK), below every round
            below = np.union1d(left, np.flatnonzero((x.reshape(-1) > 0) & (x.reshape(-1) <= INK))).astype(int)
            out[below] = _below(first[below], ceiling) if below.size else out[below]
        return out.reshape(28, 28).astype(np.float32)

    # -- one unit's arithmetic ------------------------------------------------------------------------
    def unit(self, trace: Trace, step: int, unit: int, top: int = 6) -> UnitComputation:
        """The real numbers behind one dense unit, or one conv feature map at its strongest position."""
        kind = self.fast.steps[step][0]
        info = self.layers[step]
        inp = trace.outputs[step - 1] if step > 0 else trace.image.reshape(self.in_shape)
        if kind == "dense":
            _, w, b, act = self.fast.steps[step]
            inputs, weights = inp.reshape(-1), w[:, unit]
            before = self.layers[step - 1].shape if step > 0 else self.in_shape
            source = self.layers[step - 2].shape if step > 1 and self.layers[step - 1].kind == "flatten" else before
            if inputs.size == 784 and step <= 1:
                labels = [f"pixel ({i // 28}, {i % 28})" for i in range(784)]
            elif len(source) == 3:  # a flattened stack of feature maps
                h, w, c = source
                labels = [f"map {i % c} at ({i // c // w}, {i // c % w})" for i in range(inputs.size)]
            else:
                labels = [f"unit {i}" for i in range(inputs.size)]
        elif kind == "conv":
            _, k, b, padding, act = self.fast.steps[step]
            fmap = trace.outputs[step][..., unit]
            r, c = np.unravel_index(int(np.argmax(fmap)), fmap.shape)
            kh, kw = k.shape[:2]
            top_pad, left_pad = ((kh - 1) // 2, (kw - 1) // 2) if padding == "same" else (0, 0)
            padded = np.pad(inp, ((top_pad, kh - 1 - top_pad), (left_pad, kw - 1 - left_pad), (0, 0))) \
                if padding == "same" else inp
            inputs = padded[r:r + kh, c:c + kw, :].reshape(-1)
            weights = k[..., unit].reshape(-1)
            channels = inp.shape[-1]
            labels = [f"in {i % channels} at ({r - top_pad + i // channels // kw}, {c - left_pad + i // channels % kw})"
                      for i in range(inputs.size)]
        else:
            raise ValueError(f"layer {info.name} ({kind}) has no weights to show")
        terms = inputs * weights
        order = np.argsort(-np.abs(terms))[:top]
        bias = float(b[unit]) if b is not None else 0.0
        pre = float(terms.sum() + bias)
        if kind == "dense" and act == "softmax":
            value = float(trace.outputs[step][unit])
        else:
            value = float(np.maximum(pre, 0.0)) if act == "relu" else pre
        return UnitComputation(info.name, int(unit), act, inputs[order], weights[order],
                               [labels[i] for i in order], terms[order], int(terms.size),
                               float(terms.sum() - terms[order].sum()), bias, pre, value)


def _layer_names(predictor) -> list[str]:
    """The Keras names of the layers the numpy steps come from (Input and Dropout have no step)."""
    skip = ("InputLayer", "Dropout")
    if predictor.model is not None:
        return [layer.name for layer in predictor.model.layers if type(layer).__name__ not in skip]
    try:  # an archive-read predictor: the names are in the file's config
        from pathlib import Path

        from mnist_studio.prediction.inference import SHIPPED, inspect_file
        from mnist_studio.storage.paths import shipped_model_path

        source = str(getattr(predictor, "source", ""))
        config = inspect_file(shipped_model_path(source) if source in SHIPPED else Path(source).expanduser())
        return [layer.get("config", {}).get("name", "") for layer in config.get("config", {}).get("layers", [])
                if layer.get("class_name") not in skip]
    except Exception:  # noqa: BLE001 - names are labels only: fall back to Keras-style defaults
        return []


def _default_names(steps) -> list[str]:
    kinds = {"dense": "dense", "conv": "conv2d", "pool": "max_pooling2d", "flatten": "flatten",
             "reshape": "reshape", "affine": "batch_normalization", "act": "activation",
             "gap": "global_average_pooling2d"}
    seen: dict[str, int] = {}
    names = []
    for step in steps:
        base = kinds.get(step[0], step[0])
        n = seen.get(base, 0)
        seen[base] = n + 1
        names.append(base if n == 0 else f"{base}_{n}")
    return names


def occlusion(predictor, image: np.ndarray, digit: int) -> np.ndarray:
    """Model-agnostic saliency: how much erasing each ink pixel alone lowers log p(digit) (one batch)."""
    x = np.asarray(image, np.float32).reshape(28, 28)
    ink = np.flatnonzero(x.reshape(-1) > INK)
    out = np.zeros(784, np.float32)
    if ink.size == 0:
        return out.reshape(28, 28)
    batch = np.repeat(x.reshape(1, 784), ink.size + 1, axis=0)
    batch[np.arange(1, ink.size + 1), ink] = 0.0
    logp = np.log(np.maximum(predictor.predict(batch.reshape(-1, 28, 28))[:, digit], 1e-12))
    out[ink] = logp[0] - logp[1:]
    return out.reshape(28, 28)


def weight_pictures(model_or_predictor) -> tuple[str, np.ndarray] | None:
    """The first weighted layer as pictures: ("dense", (units, 28, 28)) for 784 inputs (ten class templates
    for a softmax-only model), ("conv", (filters, kh, kw)) for a one-channel convolution; else None.
    Takes a Keras model, or a predictor (its numpy steps when it has them, else its Keras model)."""
    fast = getattr(model_or_predictor, "fast", None)
    if fast is not None:
        for step in fast.steps:
            if step[0] == "dense":
                w = step[1]
                return ("dense", w.T.reshape(-1, 28, 28)) if w.shape[0] == 784 else None
            if step[0] == "conv":
                k = step[1]
                return ("conv", k[:, :, 0, :].transpose(2, 0, 1)) if k.shape[2] == 1 else None
            if step[0] == "affine":
                return None
        return None
    model = getattr(model_or_predictor, "model", model_or_predictor)
    if model is None:
        return None
    for layer in model.layers:
        kind = type(layer).__name__
        weights = layer.get_weights()
        if kind == "Dense":
            w = np.asarray(weights[0], np.float32)
            return ("dense", w.T.reshape(-1, 28, 28)) if w.shape[0] == 784 else None
        if kind == "Conv2D":
            k = np.asarray(weights[0], np.float32)
            return ("conv", k[:, :, 0, :].transpose(2, 0, 1)) if k.shape[2] == 1 else None
        if weights:
            return None
    return None


def explainer_for(predictor) -> Explainer:
    """One Explainer per Predictor, built on first use and kept on the predictor (``predictor.explainer``), so
    it goes with it. (A WeakKeyDictionary cache kept every predictor alive: its values refer to their keys.)"""
    explainer = getattr(predictor, "explainer", None)
    if explainer is None:
        explainer = Explainer(predictor)
        try:
            predictor.explainer = explainer
        except AttributeError:  # an object that takes no attributes: built again next time
            pass
    return explainer


def saliency(predictor, image, digit: int) -> np.ndarray:
    """(28, 28) map for a (28, 28) float32 image in [0, 1]: higher = more evidence for ``digit``."""
    return explainer_for(predictor).saliency(image, int(digit))


def activations(predictor, image) -> list[tuple[LayerInfo, np.ndarray]] | None:
    """[(layer, output)] for every layer the numpy path runs; None for a model it does not cover."""
    explainer = explainer_for(predictor)
    trace = explainer.trace(image)
    return None if trace is None else list(zip(explainer.layers, trace.outputs, strict=True))

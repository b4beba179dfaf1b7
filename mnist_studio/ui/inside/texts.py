"""The Inside tab's longer texts: layer titles, weight captions, one unit's arithmetic as rich text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_MARKED = [  # lupdate reads these (the calls below go through a variable it cannot follow)
    QT_TRANSLATE_NOOP("InsideTab", "%1, feature map %2, at its strongest position"),
    QT_TRANSLATE_NOOP("InsideTab", "%1, unit %2"),
    QT_TRANSLATE_NOOP("InsideTab", "+ %1 smaller terms"),
    QT_TRANSLATE_NOOP("InsideTab", "+ bias"),
    QT_TRANSLATE_NOOP("InsideTab", "= weighted sum"),
    QT_TRANSLATE_NOOP("InsideTab", "ReLU keeps it if positive: %1"),
    QT_TRANSLATE_NOOP("InsideTab", "softmax over the ten scores: %1"),
    QT_TRANSLATE_NOOP("InsideTab", "no activation: %1"),
    QT_TRANSLATE_NOOP("InsideTab", "Inputs × weights + bias → activation (the %1 largest of %2 terms):"),
    QT_TRANSLATE_NOOP("InsideTab", "How much erasing each ink pixel alone lowers the digit's probability (occlusion: "
                                   "this model's layers cannot be traced step by step)"),
    QT_TRANSLATE_NOOP("InsideTab", "Integrated gradients of the digit's log-odds against the other nine, averaged "
                                   "over the first filters' window (a convolution reads pixels together)"),
    QT_TRANSLATE_NOOP("InsideTab", "Integrated gradients of the digit's log-odds against the other nine, in rounds: "
                                   "the brightest ink counts most; the next brightest is what counts most once that "
                                   "ink is erased, and so on"),
]


def _tr(text: str) -> str:
    return QCoreApplication.translate("InsideTab", text)


def _n(v: float) -> str:
    return f"{v:+.3f}".replace("-", "−")


def unit_html(widget, unit, kind: str) -> str:
    """``unit``: explain.UnitComputation; the words are the Inside tab's ("InsideTab" context, see _MARKED;
    ``widget`` is kept for callers)."""
    say = _tr
    if kind == "conv":
        head = say("%1, feature map %2, at its strongest position").replace("%1", unit.layer).replace(
            "%2", str(unit.unit))
    else:
        head = say("%1, unit %2").replace("%1", unit.layer).replace("%2", str(unit.unit))
    nowrap = "style='white-space: nowrap'"
    rows = []
    for x, w, t, label in zip(unit.inputs, unit.weights, unit.terms, unit.labels, strict=True):
        rows.append(f"<tr><td colspan='2' {nowrap}><i>{escape(label)}</i></td></tr>")
        rows.append(f"<tr><td {nowrap}>&nbsp;&nbsp;{_n(x)} × {_n(w)} =</td>"
                    f"<td align='right' {nowrap}><b>{_n(t)}</b></td></tr>")
    others = unit.n_terms - len(unit.terms)
    if others > 0:
        rows.append(f"<tr><td {nowrap}>{escape(say('+ %1 smaller terms').replace('%1', str(others)))}</td>"
                    f"<td align='right' {nowrap}>{_n(unit.rest)}</td></tr>")
    rows.append(f"<tr><td {nowrap}>{escape(say('+ bias'))}</td><td align='right' {nowrap}>{_n(unit.bias)}</td></tr>")
    rows.append(f"<tr><td {nowrap}><b>{escape(say('= weighted sum'))}</b></td>"
                f"<td align='right' {nowrap}><b>{_n(unit.pre)}</b></td></tr>")
    if unit.activation == "relu":
        result = say("ReLU keeps it if positive: %1").replace("%1", f"{unit.value:.3f}")
    elif unit.activation == "softmax":
        result = say("softmax over the ten scores: %1").replace("%1", f"{unit.value:.1%}")
    else:
        result = say("no activation: %1").replace("%1", f"{unit.value:.3f}")
    intro = say("Inputs × weights + bias → activation (the %1 largest of %2 terms):").replace(
        "%1", str(len(unit.terms))).replace("%2", str(unit.n_terms))
    return (f"<p><b>{escape(head)}</b></p><p>{escape(intro)}</p>"
            f"<table cellspacing='2' style='font-family: monospace'>{''.join(rows)}</table>"
            f"<p>→ <b>{escape(result)}</b></p>")


def _fill(text: str, *values) -> str:
    for n, value in enumerate(values, 1):
        text = text.replace(f"%{n}", str(value))
    return text


def layer_titles(explainer) -> dict:
    """step -> title for every layer the numpy path runs (``%4`` is left for the live count of active units)."""
    titles = {}
    last = explainer.classifier if explainer.classifier is not None else -1
    for info in explainer.layers:
        act = f" ({'ReLU' if info.activation == 'relu' else info.activation})" \
            if info.activation and info.activation != "linear" else ""
        size = f"{info.shape[0]}×{info.shape[1]}" if len(info.shape) == 3 else ""
        if info.kind == "conv":
            text = _fill(QCoreApplication.translate("InsideTab", "%1: %2 feature maps %3%4"),
                         info.name, info.shape[-1], size, act)
        elif info.kind == "pool":
            text = _fill(QCoreApplication.translate(
                "InsideTab", "%1: max pooling keeps the largest of each window → %2"), info.name, size)
        elif info.kind in ("flatten", "reshape") and len(info.shape) == 1 and info.shape[0] == 784:
            text = _fill(QCoreApplication.translate(
                "InsideTab", "%1: the 28×28 image laid out as 784 numbers in a row; which pixel was next to which "
                "is gone"), info.name)
        elif info.kind in ("flatten", "reshape") and len(info.shape) == 1:
            text = _fill(QCoreApplication.translate(
                "InsideTab", "%1: the maps laid out as %2 numbers in a row; the picture's layout is gone"),
                info.name, info.shape[0])
        elif info.kind == "dense" and info.step == last:
            text = _fill(QCoreApplication.translate(
                "InsideTab", "%1: 10 scores → softmax → probabilities (click a digit)"), info.name)
        elif info.kind == "dense":
            text = _fill(QCoreApplication.translate(
                "InsideTab", "%1: %2 units sorted by activation%3, %4 active (click one)"),
                info.name, info.shape[0], act)
        else:
            text = f"{info.name}: {'×'.join(str(s) for s in info.shape)}{act}"
        titles[info.step] = text
    return titles


def weights_caption(kind: str, tiles, live: bool = True) -> str:
    if kind == "conv":
        return _fill(QCoreApplication.translate(
            "InsideTab", "The %1 kernels of the first convolution (%2×%2): each slides over the image and lights "
            "up its feature map where the ink matches."), len(tiles), tiles.shape[1])
    if len(tiles) == 10:
        return QCoreApplication.translate(
            "InsideTab", "One template per digit: the model scores a digit by how well the ink matches it.")
    if not live:
        return _fill(QCoreApplication.translate(
            "InsideTab", "First-layer weights of the units with the strongest weights (of %1), with the drawing "
            "multiplied in."), len(tiles))
    return _fill(QCoreApplication.translate(
        "InsideTab", "First-layer weights of the units that fire most for your drawing (of %1), with the drawing "
        "multiplied in. Click one."), len(tiles))


def saliency_method(explainer) -> str:
    """How the "Why?" map of ``explainer``'s model is made, in the user's language: what its colours measure."""
    if explainer is None or not explainer.supported:
        return _tr("How much erasing each ink pixel alone lowers the digit's probability (occlusion: this model's "
                   "layers cannot be traced step by step)")
    first = next((layer.kind for layer in explainer.layers if layer.kind in ("dense", "conv")), None)
    if first == "conv":
        return _tr("Integrated gradients of the digit's log-odds against the other nine, averaged over the first "
                   "filters' window (a convolution reads pixels together)")
    return _tr("Integrated gradients of the digit's log-odds against the other nine, in rounds: the brightest ink "
               "counts most; the next brightest is what counts most once that ink is erased, and so on")

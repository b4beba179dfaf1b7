"""One unit's arithmetic as rich text: the largest inputs x weights, the rest, the bias, the activation."""

from __future__ import annotations

from html import escape


def _n(v: float) -> str:
    return f"{v:+.3f}".replace("-", "−")


def unit_html(widget, unit, kind: str) -> str:
    """``unit``: explain.UnitComputation; ``widget`` translates the words (its ``tr``)."""
    tr = widget.tr
    if kind == "conv":
        head = tr("%1, feature map %2, at its strongest position").replace("%1", unit.layer).replace(
            "%2", str(unit.unit))
    else:
        head = tr("%1, unit %2").replace("%1", unit.layer).replace("%2", str(unit.unit))
    rows = [f"<tr><td align='right'>{_n(x)}</td><td>×</td><td align='right'>{_n(w)}</td><td>=</td>"
            f"<td align='right'><b>{_n(t)}</b></td><td>&nbsp;{escape(label)}</td></tr>"
            for x, w, t, label in zip(unit.inputs, unit.weights, unit.terms, unit.labels, strict=True)]
    others = unit.n_terms - len(unit.terms)
    if others > 0:
        rows.append(f"<tr><td colspan='4' align='right'>{escape(tr('+ %1 smaller terms').replace('%1', str(others)))}"
                    f"</td><td align='right'>{_n(unit.rest)}</td><td></td></tr>")
    rows.append(f"<tr><td colspan='4' align='right'>{escape(tr('+ bias'))}</td>"
                f"<td align='right'>{_n(unit.bias)}</td><td></td></tr>")
    rows.append(f"<tr><td colspan='4' align='right'><b>{escape(tr('= weighted sum'))}</b></td>"
                f"<td align='right'><b>{_n(unit.pre)}</b></td><td></td></tr>")
    if unit.activation == "relu":
        result = tr("ReLU keeps it if positive: %1").replace("%1", f"{unit.value:.3f}")
    elif unit.activation == "softmax":
        result = tr("softmax over the ten scores: %1").replace("%1", f"{unit.value:.1%}")
    else:
        result = tr("no activation: %1").replace("%1", f"{unit.value:.3f}")
    intro = tr("Inputs × weights + bias → activation (the %1 largest of %2 terms):").replace(
        "%1", str(len(unit.terms))).replace("%2", str(unit.n_terms))
    return (f"<p><b>{escape(head)}</b></p><p>{escape(intro)}</p>"
            f"<table cellspacing='2' style='font-family: monospace'>{''.join(rows)}</table>"
            f"<p>→ <b>{escape(result)}</b></p>")

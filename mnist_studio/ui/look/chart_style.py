"""How the app's matplotlib charts look: the Qt backend with a Hangul-capable font list, theme colours, tick
and legend styling, titles wrapped to the chart's width, a draw that tolerates a squeezed chart, and the pieces
of a partial redraw (a layout run on demand, one plot's part of the figure erased and drawn again)."""

from __future__ import annotations

import math
import warnings

import matplotlib

matplotlib.use("QtAgg")
CJK_FAMILIES = ("Noto Sans CJK KR", "Noto Sans CJK JP", "Noto Sans KR", "NanumGothic", "Malgun Gothic",
                "AppleGothic", "Apple SD Gothic Neo", "Arial Unicode MS")


def _use_cjk_fallback() -> None:
    """Hangul falls back to a CJK font where one is installed (Debian: fonts-noto-cjk).

    Matplotlib caches its font list once, so a font installed later is registered here; and glyph
    fallback only happens across an explicit ``font.family`` list.
    """
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    if not any(name in known for name in CJK_FAMILIES):
        for path in font_manager.findSystemFonts():
            if "CJK" in path or "Nanum" in path:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    pass
        known = {f.name for f in font_manager.fontManager.ttflist}
    cjk = [name for name in CJK_FAMILIES if name in known][:1]
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", *cjk]


_use_cjk_fallback()

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402

NICE_STEPS = (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)


def nice_ceiling(value: float) -> float:
    """The smallest 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten that is >= ``value``."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    exp = math.floor(math.log10(value))
    for step in NICE_STEPS:
        top = step * 10**exp
        if value <= top * (1 + 1e-9):
            return round(top, 12)
    return 10 ** (exp + 1)


def chart_colors(dark: bool) -> tuple[str, str]:
    """(foreground, background) for a chart in the light or dark theme."""
    return ("#e8eaed", "#202124") if dark else ("#1f2328", "#ffffff")


def style_axes(figure, axes, size: float, dark: bool) -> None:
    """Theme colours, grid and readable tick labels (size scales up in projector mode)."""
    fg, bg = chart_colors(dark)
    figure.set_facecolor(bg)
    for ax in axes:
        ax.set_facecolor(bg)
        ax.grid(True, alpha=0.3)
        ax.tick_params(labelsize=size * 0.9, colors=fg)
        for spine in ax.spines.values():
            spine.set_color(fg)


def style_legend(ax, size: float, dark: bool, handles=None, labels=None, columns: int = 1):
    """A legend *outside* the plot area, under the x-axis label (it never hides a curve).

    Anchored a fixed number of points under the axes (tick labels + axis label at this font size), so it
    stays clear of the label at any size; constrained layout then makes room for it."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.transforms import ScaledTranslation

    fg, bg = chart_colors(dark)
    kwargs = {} if handles is None else {"handles": handles, "labels": labels}
    below_pt = size * 0.9 * 1.3 + size * 1.3 + 7  # tick labels, the x-axis label, paddings
    anchor = ax.transAxes + ScaledTranslation(0, -below_pt / 72, ax.figure.dpi_scale_trans)
    legend = ax.legend(**kwargs, fontsize=size * 0.9, loc="upper center", bbox_to_anchor=(0.5, 0),
                       bbox_transform=anchor, ncols=columns, facecolor=bg, edgecolor=fg, frameon=False,
                       borderaxespad=0.0, handler_map={tuple: HandlerTuple(ndivide=None, pad=0.3)},
                       handlelength=2.4, labelspacing=0.3)
    for text in legend.get_texts():
        text.set_color(fg)
    return legend


def _text_em(text: str) -> float:
    """A rough width in em: Hangul and other wide characters are about 1 em, Latin about 0.56 em."""
    import unicodedata

    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)


def wrap_to_width(text: str, width_px: float, font_px: float) -> str:
    """Break ``text`` at spaces into lines that fit ``width_px`` at ``font_px`` (rough glyph widths, Korean
    counted wide)."""
    limit = max(12 * 0.56, width_px / font_px)
    lines: list[str] = []
    for word in text.split():
        if lines and _text_em(lines[-1] + " " + word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "\n".join(lines)


def draw_fitting(canvas: FigureCanvasQTAgg) -> None:
    """Draw; a chart squeezed to a few pixels (a tiny window) draws what fits, without a warning per redraw."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
        FigureCanvasQTAgg.draw(canvas)


def lay_out(figure, engine, first_ax=None) -> float | None:
    """Run ``engine`` (a ConstrainedLayoutEngine kept off the figure, so a draw does no layout) once now.

    Returns where ``first_ax``'s grid column ends (a fraction of the figure's width; everything of the plots in
    the first column - labels, title, legend - lies left of it), or None when the layout does not say."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)
        try:
            grids = engine.execute(figure)
        except ValueError:  # as Figure.draw: a figure resized to nothing
            return None
    try:  # the layout's grid, as matplotlib 3.11 returns it
        column = grids[first_ax.get_subplotspec().get_gridspec()].get_outer_bbox(0, 0).x1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None
    return float(column) if 0 < column < 1 else None


def erase(renderer, bbox, color) -> None:
    """Paint ``bbox`` (display pixels) in ``color``: the figure's background under one plot, before it is drawn
    again on its own."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import IdentityTransform

    Rectangle((bbox.x0, bbox.y0), bbox.width, bbox.height, transform=IdentityTransform(), facecolor=color,
              edgecolor="none", linewidth=0, antialiased=False).draw(renderer)


def decoration_span(ax, renderer) -> tuple[float, float]:
    """Left and right edge (display pixels) of an Axes' tick labels and axis labels, as a layout sees them."""
    boxes = [axis.get_tightbbox(renderer, for_layout_only=True) for axis in (ax.xaxis, ax.yaxis)]
    boxes = [b for b in boxes if b is not None and b.width > 0]
    if not boxes:
        return (0.0, 0.0)
    return (min(b.x0 for b in boxes), max(b.x1 for b in boxes))

"""The chart of weekly work by issue, drawn by matplotlib as SVG.

One figure serves every format: inline in the HTML (text kept as text, so it is
searchable and small) and as vector art in the PDF (text drawn as paths, since
fpdf2 draws SVG shapes but not SVG text). Deload weeks are shaded and labelled,
phase changes are dashed lines with the phase's name.

Deterministic: matplotlib's random SVG ids are seeded by a fixed salt and the date
metadata is left out, so the same program gives the same bytes. Those settings
live in matplotlib's global ``rcParams``; a lock keeps concurrent renders (the
API is thread-safe) from seeing each other's settings.
"""

from __future__ import annotations

import io
import re
import threading
from html import escape
from typing import Any, cast

from gluteus.engine.view import ChartView

# Okabe–Ito: distinguishable with colour-vision deficiency and in greyscale print.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")

_LOCK = threading.Lock()
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


def _figure(chart: ChartView, width_in: float, height_in: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    weeks = list(chart.weeks)
    top = max((max(s.values) for s in chart.series if s.values), default=1) or 1
    for week in chart.deloads:
        ax.axvspan(week - 0.5, week + 0.5, color="#e6e6e6", zorder=0, linewidth=0)
        ax.text(week, top * 1.1, "deload", ha="center", va="bottom", fontsize=7, color="#555555")
    for i, (week, phase) in enumerate(chart.phase_starts):
        if i:
            ax.axvline(week - 0.5, color="#777777", linestyle="--", linewidth=1, zorder=1)
        ax.text(week - 0.4, top * 1.22, phase, ha="left", va="bottom", fontsize=8, weight="bold")
    for i, series in enumerate(chart.series):
        ax.plot(
            weeks,
            series.values,
            label=series.name,
            color=COLOURS[i % len(COLOURS)],
            marker=MARKERS[i % len(MARKERS)],
            markersize=4,
            linewidth=1.8,
            zorder=3,
        )
    ax.set_xlim(0.5, len(weeks) + 0.5 if weeks else 1.5)
    ax.set_ylim(0, top * 1.35)
    ax.set_xticks(weeks)
    ax.set_xlabel("Week")
    ax.set_ylabel(f"{chart.unit.capitalize()} per week")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if chart.series:
        fig.legend(
            loc="outside lower center",
            ncols=min(len(chart.series), 3),
            frameon=False,
            fontsize=8,
        )
    return fig


def chart_svg(
    chart: ChartView, *, width_in: float = 8.0, height_in: float = 3.6, text_as_paths: bool = False
) -> str:
    """The chart as one ``<svg>`` element (no XML prolog), ready to inline or embed."""
    import matplotlib

    rc = {
        "svg.fonttype": "path" if text_as_paths else "none",
        "svg.hashsalt": "gluteus-chart",
        "font.family": "sans-serif",
        "font.size": 9,
    }
    with _LOCK, matplotlib.rc_context(cast(Any, rc)):
        fig = _figure(chart, width_in, height_in)
        buffer = io.StringIO()
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    svg = _PROLOG.sub("", buffer.getvalue(), count=1)
    label = escape(f"{chart.title}. {chart.description}", quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="chart" ', 1)

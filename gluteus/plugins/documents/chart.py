"""The chart of weekly work by issue, drawn by matplotlib as SVG.

One figure serves every format: inline in the HTML (text kept as text, so it is
searchable and small) and as vector art in the PDF (text drawn as paths, since
fpdf2 draws SVG shapes but not SVG text). Deload weeks are shaded and labelled,
phase changes are dashed lines with the phase's name.

Two sizes: the page's chart (8 x 3.6 in) and a phone's (``compact``: 3.6 in wide,
every text at least 8.5 pt, so it reads at 11 CSS px or more on a 390 px screen,
with the phases and deloads left to the caption and the shading).

Deterministic and private: every render starts from matplotlib's own defaults
(``matplotlib.style.context("default")``), so a host application's style
(``matplotlib.style.use("dark_background")``) or rcParams never reach the chart;
random SVG ids are seeded by a fixed salt and the date metadata is left out, so
the same program gives the same bytes. Those settings live in matplotlib's
global ``rcParams``; a lock keeps concurrent renders (the API is thread-safe)
from seeing each other's settings.
"""

from __future__ import annotations

import io
import re
import textwrap
import threading
from html import escape
from typing import Any, cast

from gluteus.engine.view import ChartView

COMPACT_PT = 8.5
"""The smallest text of the phone chart, in points (8.5 pt = 11.3 CSS px at scale 1)."""

# Okabe–Ito: distinguishable with colour-vision deficiency and in greyscale print.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
MARKERS = ("o", "s", "^", "D", "v", "P", "X")

_LOCK = threading.Lock()
_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.S)


LABEL_CHARS_PER_IN = 12
"""Characters of an 8 pt bold phase name per inch of the chart, with room to spare
(the plot area is about 85% of the figure's width)."""


def _fit(label: str, width_in: float) -> str:
    """``label`` wrapped onto lines that fit its phase's width (a short phase's long
    name would run into the next phase's)."""
    chars = max(1, int(width_in * LABEL_CHARS_PER_IN) - 1)
    return "\n".join(textwrap.wrap(label, chars, break_long_words=False)) or label


def _figure(chart: ChartView, width_in: float, height_in: float, compact: bool) -> Any:
    from matplotlib.figure import Figure

    small = COMPACT_PT if compact else 7
    fig = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = fig.add_subplot()
    weeks = list(chart.weeks)
    top = max((max(s.values) for s in chart.series if s.values), default=1) or 1
    for week in chart.deloads:
        ax.axvspan(week - 0.5, week + 0.5, color="#e6e6e6", zorder=0, linewidth=0)
        if not compact:
            ax.text(
                week, top * 1.1, "deload", ha="center", va="bottom", fontsize=small, color="#555555"
            )
    starts = [week for week, _ in chart.phase_starts] + [len(weeks) + 1]
    for i, (week, phase) in enumerate(chart.phase_starts):
        if i:
            ax.axvline(week - 0.5, color="#777777", linestyle="--", linewidth=1, zorder=1)
        if not compact:
            ax.text(
                week - 0.4,
                top * 1.22,
                _fit(phase, (starts[i + 1] - week) * width_in / max(1, len(weeks))),
                ha="left",
                va="bottom",
                fontsize=8,
                weight="bold",
                linespacing=1.1,
            )
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
    ax.set_ylim(0, top * (1.1 if compact else 1.35))
    # A phone shows every week up to 8, else every 2nd or 4th, so labels never collide.
    step = 1 if not compact or len(weeks) <= 8 else (2 if len(weeks) <= 16 else 4)
    ax.set_xticks([w for w in weeks if (w - 1) % step == 0])
    ax.set_xlabel("Week")
    ax.set_ylabel(f"{chart.unit.capitalize()} per week")
    ax.spines[["top", "right"]].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    if compact:
        ax.tick_params(labelsize=COMPACT_PT)
        ax.xaxis.label.set_fontsize(COMPACT_PT)
        ax.yaxis.label.set_fontsize(COMPACT_PT)
    if chart.series:
        fig.legend(
            loc="outside lower center",
            ncols=1 if compact else min(len(chart.series), 3),
            frameon=False,
            fontsize=COMPACT_PT if compact else 8,
        )
    return fig


def chart_svg(
    chart: ChartView,
    *,
    width_in: float = 8.0,
    height_in: float = 3.6,
    text_as_paths: bool = False,
    compact: bool = False,
    title: bool = True,
) -> str:
    """The chart as one ``<svg>`` element (no XML prolog), ready to inline or embed,
    with an accessible label and (unless ``title`` is False, for a PDF, whose SVG
    reader knows no titles) a ``<title>``; ``compact`` draws the phone chart
    (``width_in`` and ``height_in`` are then ignored)."""
    import matplotlib
    import matplotlib.style

    if compact:
        # Taller as the legend, one issue a line, grows.
        width_in, height_in = 3.6, 2.6 + 0.2 * max(1, len(chart.series))
    rc = {
        "svg.fonttype": "path" if text_as_paths else "none",
        "svg.hashsalt": "gluteus-chart-phone" if compact else "gluteus-chart",
        "font.family": "sans-serif",
        "font.size": 9,
    }
    with _LOCK, matplotlib.style.context("default"), matplotlib.rc_context(cast(Any, rc)):
        fig = _figure(chart, width_in, height_in, compact)
        buffer = io.StringIO()
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    svg = _PROLOG.sub("", buffer.getvalue(), count=1)
    label = escape(f"{chart.title}. {chart.description}", quote=True)
    kind = "chart compact" if compact else "chart"
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="{kind}" ', 1)
    if not title:
        return svg
    # The <title> is the SVG's own accessible name and tooltip, first inside it.
    opening = svg.index(">", svg.index("<svg")) + 1
    return svg[:opening] + f"\n <title>{escape(chart.title)}</title>" + svg[opening:]

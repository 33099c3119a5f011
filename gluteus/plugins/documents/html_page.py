"""The ``html`` format: one self-contained page, readable on a phone and printable.

Everything is inline: the styles, the chart (SVG from :mod:`.chart`), no scripts,
no fonts to fetch (a system font stack), and a Content-Security-Policy that lets
the browser load nothing from anywhere. Built from the shared view model with a
jinja2 template shipped in ``templates/``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from gluteus.engine.view import NO_FINDINGS, NO_RULES, REFERRAL_INTRO, view


@functools.cache
def environment() -> Any:
    """The jinja2 environment for the package's templates (built once, thread-safe)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("gluteus.plugins.documents", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program (or referral) as one self-contained HTML page."""
    from markupsafe import Markup

    from .chart import chart_svg

    v = view(program)
    chart = Markup(chart_svg(v.chart)) if v.status != "referral" and v.weeks else Markup("")
    text = {"no_findings": NO_FINDINGS, "no_rules": NO_RULES, "referral_intro": REFERRAL_INTRO}
    return str(environment().get_template("program.html.j2").render(v=v, chart=chart, text=text))

"""The ``html`` format: one self-contained page, readable on a phone and printable.

Everything is inline: the styles, the chart (SVG from :mod:`.chart`, in a page
size and a phone size), no fonts to fetch (a system font stack), and a
Content-Security-Policy that lets the browser load nothing from anywhere. The one
script (allowed by its hash, nothing else runs) finds today's week in a program
with dates and offers "Jump to this week"; without it the page works the same.
Built from the shared view model with a jinja2 template shipped in ``templates/``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from gluteus.engine.view import (
    DELOAD_HEADING,
    GUIDE_INTRO,
    GUIDE_POINTER,
    NO_FINDINGS,
    NO_RULES,
    READINGS_INTRO,
    REFERRAL_AFTER,
    REFERRAL_BRING,
    REFERRAL_INTRO,
    evidence_words,
    referral_items,
    view,
)

THIS_WEEK_SCRIPT = """\
function gluteusThisWeek(today) {
  var weeks = document.querySelectorAll("section.week[data-start]");
  var link = document.getElementById("this-week");
  var tabs = document.querySelectorAll("nav.weeks-nav a");
  for (var i = 0; i < weeks.length; i++) {
    weeks[i].classList.remove("current");
  }
  for (var k = 0; k < tabs.length; k++) {
    tabs[k].classList.remove("current");
    tabs[k].removeAttribute("aria-current");
  }
  for (var j = 0; j < weeks.length; j++) {
    var week = weeks[j];
    if (week.dataset.start <= today && today <= week.dataset.end) {
      week.classList.add("current");
      var tab = document.querySelector('nav.weeks-nav a[href="#' + week.id + '"]');
      if (tab) {
        tab.classList.add("current");
        tab.setAttribute("aria-current", "date");
      }
      link.href = "#" + week.id;
      link.textContent = "Jump to this week (week " + week.dataset.week + ")";
      link.hidden = false;
      return Number(week.dataset.week);
    }
  }
  link.hidden = true;
  return null;
}
(function () {
  var d = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  gluteusThisWeek(d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()));
})();
"""
"""Marks today's week and points the "Jump to this week" link at it (dates are the
program's own, compared as YYYY-MM-DD in the reader's local time)."""


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that allows exactly ``script`` inline."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_WHOLE = re.compile(r"RPE \d+(?:–\d+)?|\d+(?:–\d+)?RM|\d+(?:–\d+)? reps? in reserve")
"""Effort terms a line must not break inside (``RPE 3–`` / ``5`` reads as nonsense)."""


def whole(text: str) -> Any:
    """``text`` escaped, with each effort term kept on one line."""
    from markupsafe import Markup, escape

    out = Markup("")
    last = 0
    for match in _WHOLE.finditer(text):
        out += escape(text[last : match.start()])
        out += Markup('<span class="nw">') + escape(match.group()) + Markup("</span>")
        last = match.end()
    return out + escape(text[last:])


@functools.cache
def environment() -> Any:
    """The jinja2 environment for the package's templates (built once, thread-safe)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gluteus.plugins.documents", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["whole"] = whole
    return env


def render_html(program: Any, options: Mapping[str, Any] | None = None) -> str:
    """The program (or referral) as one self-contained HTML page."""
    from markupsafe import Markup

    from .chart import chart_svg

    v = view(program)
    drawn = v.status != "referral" and bool(v.weeks)
    chart = Markup(chart_svg(v.chart)) if drawn else Markup("")
    phone_chart = Markup(chart_svg(v.chart, compact=True)) if drawn else Markup("")
    script = THIS_WEEK_SCRIPT if drawn and v.start is not None else ""
    text = {
        "no_findings": NO_FINDINGS,
        "no_rules": NO_RULES,
        "readings_intro": READINGS_INTRO,
        "referral_intro": REFERRAL_INTRO,
        "referral_bring": REFERRAL_BRING,
        "referral_after": REFERRAL_AFTER,
        "guide_pointer": GUIDE_POINTER,
        "guide_intro": GUIDE_INTRO,
        "deload_heading": DELOAD_HEADING,
    }
    return str(
        environment()
        .get_template("program.html.j2")
        .render(
            v=v,
            chart=chart,
            phone_chart=phone_chart,
            text=text,
            script=Markup(script),
            # Trusted text of ours; escaped, its quotes would read as &#39;.
            script_src=Markup(script_hash(script) if script else "'none'"),
            evidence_words=evidence_words,
            referral_items=referral_items,
        )
    )

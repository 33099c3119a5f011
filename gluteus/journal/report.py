"""``gluteus progress``: adherence, pain per region, effort over time, the tests
re-taken and the decisions adaptation made, as text, JSON or an HTML page.

Built from stored data only (the latest program, its entries and versions); the
same journal gives the same report, byte for byte. The HTML page is
self-contained like the program page and draws its chart with the same charting
(:func:`gluteus.plugins.documents.chart.chart_svg`), inside matplotlib's default
style so a user's matplotlibrc cannot change it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from attrs import frozen

from gluteus.engine.adaptation import Entry
from gluteus.engine.model import PAIN_REGIONS
from gluteus.engine.view import ChartView, Series

from .store import Version

FORMAT = "gluteus.progress/1"
_STYLE_LOCK = threading.Lock()


def build(program_id: int, versions: Sequence[Version], entries: Sequence[Entry]) -> dict[str, Any]:
    """The report as JSON data."""
    document = versions[-1].document
    weeks = document["weeks"]
    by_week: dict[int, list[Entry]] = {}
    for entry in entries:
        by_week.setdefault(entry.week, []).append(entry)
    last_week = max(by_week, default=0)
    rows = []
    for week in weeks[: max(last_week, 0)]:
        number = week["number"]
        logged = by_week.get(number, [])
        done = [e for e in logged if e.done]
        efforts = [e.effort for e in done if e.effort is not None]
        pain: dict[str, int | None] = {}
        for region in PAIN_REGIONS:
            rated = [p.peak for e in done for p in e.pain if p.region == region]
            pain[region] = max(rated) if rated else (0 if done else None)
        rows.append(
            {
                "week": number,
                "phase": week["phase"],
                "deload": week["deload"],
                "planned": len(week["sessions"]),
                "done": len(done),
                "skipped": len(logged) - len(done),
                "effort": round(sum(efforts) / len(efforts), 1) if efforts else None,
                "pain": pain,
            }
        )
    done_total = sum(1 for e in entries if e.done)
    logged_total = len(entries)
    last = entries[-1].slot if entries else None
    from .store import next_slot

    return {
        "format": FORMAT,
        "program": program_id,
        "name": document["profile"].get("name"),
        "weeks": len(weeks),
        "sessions": sum(len(w["sessions"]) for w in weeks),
        "usual_pain": {r: document["profile"]["pain"].get(r, 0) for r in PAIN_REGIONS},
        "adherence": {
            "done": done_total,
            "skipped": logged_total - done_total,
            "logged": logged_total,
            "share_done": round(done_total / logged_total, 3) if logged_total else None,
        },
        "by_week": rows,
        "tests": [
            {"week": e.week, "session": e.session, "results": dict(e.tests)}
            for e in entries
            if e.tests
        ],
        "baseline_tests": {
            k: v for k, v in (document["profile"].get("tests") or {}).items() if v is not None
        },
        "decisions": [
            {
                "version": v.number,
                "through": list(v.through) if v.through else None,
                "changes": list(v.changes),
            }
            for v in versions
            if v.kind == "adapted"
        ],
        "next": list(n) if (n := next_slot(document, last)) else None,
    }


def _region(name: str) -> str:
    return name.replace("_", " ")


def text(report: Mapping[str, Any]) -> str:
    """The report as plain text."""
    a = report["adherence"]
    lines = [
        f"Program {report['program']}"
        + (f" ({report['name']})" if report["name"] else "")
        + f": {report['weeks']} weeks, {report['sessions']} sessions",
    ]
    if a["logged"]:
        lines.append(
            f"Adherence: {a['done']} of {a['logged']} sessions logged were done "
            f"({round(100 * a['share_done'])}%), {a['skipped']} skipped"
        )
    else:
        lines.append("Nothing logged yet: gluteus log " + str(report["program"]))
    if report["by_week"]:
        lines += [
            "",
            "Week  done  skipped  effort  worst pain ("
            + ", ".join(_region(r) for r in PAIN_REGIONS)
            + ")",
        ]
        for row in report["by_week"]:
            effort = f"{row['effort']:g}" if row["effort"] is not None else "-"
            pain = ", ".join(
                "-" if row["pain"][r] is None else str(row["pain"][r]) for r in PAIN_REGIONS
            )
            mark = " (deload)" if row["deload"] else ""
            lines.append(
                f"{row['week']:>4}  {row['done']:>2}/{row['planned']:<2} {row['skipped']:>7}  "
                f"{effort:>6}  {pain}{mark}"
            )
    if report["tests"]:
        lines += ["", "Tests re-taken:"]
        for t in report["tests"]:
            results = "; ".join(f"{k} {_value(v)}" for k, v in sorted(t["results"].items()))
            lines.append(f"  week {t['week']}, session {t['session']}: {results}")
    if report["decisions"]:
        lines += ["", "Adaptations:"]
        for d in report["decisions"]:
            through = (
                f" (after week {d['through'][0]}, session {d['through'][1]})"
                if d["through"]
                else ""
            )
            lines.append(f"  version {d['version']}{through}:")
            for c in d["changes"]:
                lines.append(f"    - {c['kind']}: {_change_text(c)}")
    nxt = report["next"]
    lines += ["", f"Next: week {nxt[0]}, session {nxt[1]}" if nxt else "Every session is logged."]
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, Mapping):
        return "/".join(f"{k} {v}" for k, v in value.items())
    return str(value)


def _change_text(change: Mapping[str, Any]) -> str:
    what = change["exercise"] or ""
    if change["to"]:
        what += f" → {change['to']}"
    weeks = change["weeks"]
    where = ""
    if weeks:
        where = f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}-{weeks[-1]}"
    head = ", ".join(x for x in (what, where) if x)
    return f"{head}: {change['reason']}" if head else change["reason"]


def as_json(report: Mapping[str, Any]) -> str:
    """The report as JSON text."""
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


@frozen
class ProgressChart(ChartView):
    """Worst pain per region and average effort per week, both on the 0–10 scale."""

    @property
    def title(self) -> str:
        return "Pain and effort by week"

    @property
    def caption(self) -> str:
        return (
            "Worst pain during or after a session in each region, and the average effort "
            "(RPE), per week, both 0-10. Green is up to 3, amber 4-5, red over 5. A week with "
            f"nothing rated shows 0. {self.description}"
        )

    @property
    def description(self) -> str:
        parts = [
            f"{s.name}: {min(s.values):g} to {max(s.values):g}" for s in self.series if s.values
        ]
        return ("; ".join(parts) + ".") if parts else "Nothing logged yet."


def chart(report: Mapping[str, Any]) -> ProgressChart:
    """The chart's data: one line per region that hurt, one for effort."""
    rows = report["by_week"]
    weeks = tuple(r["week"] for r in rows)
    series = []
    for region in PAIN_REGIONS:
        values = tuple(r["pain"][region] or 0 for r in rows)
        if any(values):
            series.append(Series(region, f"{_region(region).capitalize()} pain", values))
    efforts = tuple(r["effort"] or 0 for r in rows)
    if any(efforts):
        series.append(Series("effort", "Effort (RPE)", efforts))
    deloads = tuple(r["week"] for r in rows if r["deload"])
    starts: list[tuple[int, str]] = []
    for r in rows:
        if not starts or starts[-1][1] != r["phase"]:
            starts.append((r["week"], r["phase"]))
    return ProgressChart(
        weeks=weeks, series=tuple(series), deloads=deloads, phase_starts=tuple(starts), unit="0-10"
    )


def chart_svg(report: Mapping[str, Any]) -> str:
    """The chart as inline SVG, drawn in matplotlib's default style."""
    import matplotlib.style

    from gluteus.plugins.documents.chart import chart_svg as draw

    with _STYLE_LOCK, matplotlib.style.context("default"):
        return draw(chart(report))


def html(report: Mapping[str, Any]) -> str:
    """The report as one self-contained HTML page."""
    import jinja2
    from markupsafe import Markup

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gluteus.journal", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    svg = Markup(chart_svg(report)) if report["by_week"] else Markup("")
    return str(
        env.get_template("progress.html.j2").render(
            r=report,
            chart=svg,
            caption=chart(report).caption,
            regions=[(r, _region(r)) for r in PAIN_REGIONS],
            change_text=_change_text,
            value=_value,
        )
    )

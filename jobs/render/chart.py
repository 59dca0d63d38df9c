"""The briefing's timeline: articles per day and the event's dated meetings, as SVG."""

from __future__ import annotations

import base64
import functools
import io
from collections import Counter
from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")  # no display in a batch job; must precede pyplot
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

from jobs.models import Event  # noqa: E402

_STATUS_COLOURS = {
    "held": "#1f4e79",
    "planned": "#c55a11",
    "proposed": "#bf9000",
    "cancelled": "#7f7f7f",
    "unknown": "#7f7f7f",
}
_BAR = "#9dc3e6"


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@functools.lru_cache(maxsize=8)  # the HTML and the PDF page of one briefing share one chart
def timeline_svg(event: Event) -> str | None:
    """SVG text of the event's timeline, or None when nothing in it has a date.

    Text is drawn as paths so the chart looks the same without its fonts, and the
    output carries no timestamp so equal events give equal bytes.
    """
    per_day = Counter(d for d in (_day(a.published) for a in event.articles) if d)
    meetings = [(d, m) for m in event.meetings if (d := _day(m.date))]
    if not per_day and not meetings:
        return None
    days = sorted(set(per_day) | {d for d, _ in meetings})
    first, last = days[0] - timedelta(days=1), days[-1] + timedelta(days=1)

    with plt.rc_context(
        {"svg.fonttype": "path", "svg.hashsalt": "briefing", "font.size": 8, "font.family": "DejaVu Sans"}
    ):
        fig, ax = plt.subplots(figsize=(6.7, 1.6), dpi=100)
        try:
            if per_day:
                xs = sorted(per_day)
                ax.bar(xs, [per_day[d] for d in xs], width=0.8, color=_BAR, label="articles per day", zorder=2)
            top = max(per_day.values(), default=1)
            for i, (d, m) in enumerate(sorted(meetings, key=lambda x: x[0])):
                colour = _STATUS_COLOURS.get(m.status, "#7f7f7f")
                y = top * (1.15 + 0.22 * (i % 3))
                ax.plot([d], [y], marker="D", markersize=6, color=colour, zorder=3, linestyle="none")
                label = f"{m.kind} ({m.status})" if len(meetings) > 4 else _meeting_label(m)
                ax.annotate(label, (d, y), xytext=(6, -3), textcoords="offset points", fontsize=7, color=colour)
            ax.set_ylim(0, top * (1.15 + 0.22 * min(3, max(1, len(meetings)))) + 0.3)
            ax.set_xlim(first, last)
            locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
            ax.xaxis.set_major_locator(locator)
            ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
            ax.yaxis.get_major_locator().set_params(integer=True)
            ax.set_ylabel("articles")
            for side in ("top", "right"):
                ax.spines[side].set_visible(False)
            ax.grid(axis="y", color="#e0e0e0", linewidth=0.6, zorder=0)
            fig.tight_layout(pad=0.4)
            buffer = io.StringIO()
            fig.savefig(buffer, format="svg", metadata={"Date": None})
        finally:
            plt.close(fig)
    return buffer.getvalue()


def _meeting_label(meeting) -> str:
    names = [n.split()[-1] for n in meeting.participants][:3]
    who = "–".join(names) if names else meeting.kind
    return f"{who} {meeting.kind} ({meeting.status})"


def svg_data_uri(svg: str) -> str:
    """A data: URI for an <img>: the SVG stays an inert image (no script, no fetch)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

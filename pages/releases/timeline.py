"""One time axis for releases (people freed) and sanctions acts, as a server-rendered SVG and
the same entries as a text table (no JavaScript needed, no CDN).

Releases stand above the axis (a circle whose area follows the reported count), acts below it
(a square); each mark carries the number of its row in the table beside the chart, so the chart
needs no long labels and stays readable at 375 px, where it scrolls inside its box like the
other charts (static/js/charts.js opens it at the latest end).
"""

import datetime
import math
from dataclasses import dataclass

WIDTH, HEIGHT = 640, 200
MARGIN_X, AXIS_Y = 32, 100
MAX_RADIUS, MIN_RADIUS = 22, 5
ACT_SIZE = 12


@dataclass
class Entry:
    number: int
    day: datetime.date
    precision: str
    is_release: bool
    record: object
    x: float = 0
    radius: float = 0


@dataclass
class Timeline:
    entries: list[Entry]
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = AXIS_Y
    axis_left: int = MARGIN_X
    axis_right: int = WIDTH - MARGIN_X
    years: list = None
    act_size: int = ACT_SIZE

    @property
    def releases(self):
        return [e for e in self.entries if e.is_release]

    @property
    def acts(self):
        return [e for e in self.entries if not e.is_release]


def timeline_entries(releases, acts) -> Timeline | None:
    """Both kinds of record in date order, numbered, placed on one axis; None when empty."""
    entries = [Entry(0, r.released_on, r.released_on_precision, True, r) for r in releases] + [
        Entry(0, a.issued_on, a.issued_on_precision, False, a) for a in acts
    ]
    if not entries:
        return None
    # On one day a release comes before the act that followed it.
    entries.sort(key=lambda e: (e.day, not e.is_release, e.record.pk))
    first, last = entries[0].day, entries[-1].day
    span = max((last - first).days, 1)
    inner = WIDTH - 2 * MARGIN_X
    biggest = max((e.record.reported_count or 0 for e in entries if e.is_release), default=0)
    for number, entry in enumerate(entries, start=1):
        entry.number = number
        entry.x = round(MARGIN_X + inner * (entry.day - first).days / span, 1)
        if entry.is_release:
            count = entry.record.reported_count or 0
            share = math.sqrt(count / biggest) if biggest else 0
            entry.radius = round(max(MIN_RADIUS, MAX_RADIUS * share), 1)
    years = [
        {
            "label": str(year),
            "x": round(MARGIN_X + inner * (datetime.date(year, 1, 1) - first).days / span, 1),
        }
        for year in range(first.year + 1, last.year + 1)
    ]
    return Timeline(entries=entries, years=years)

"""Server-rendered SVG charts of the release timeline (no JavaScript, no CDN)."""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.translation import ngettext

from ledger.partial_dates import format_partial_date
from ledger.translated_text import text_in_language

WIDTH, HEIGHT = 640, 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 24, 24, 48
BAR_WIDTH = 18
# Releases days apart would overlap on a true time axis; keep at least this much between bars.
MIN_GAP = BAR_WIDTH + 16
# As many bars as fit side by side at MIN_GAP (17): more releases are added up per month or year.
MAX_BARS = (WIDTH - MARGIN_LEFT - MARGIN_RIGHT - BAR_WIDTH) // MIN_GAP + 1


@dataclass
class Bar:
    x: float
    center: float
    y: float
    height: float
    count: int
    label: str
    date_label: str
    url: str


@dataclass
class Point:
    """One bar's data: a release, or the releases of a month or a year added up."""

    day: datetime.date  # where the bar stands on the time axis
    count: int
    label: str
    date_label: str
    url: str


def release_points(counted):
    return [
        Point(
            r.released_on,
            r.reported_count,
            text_in_language(r, "title").text,
            format_date(r.released_on, "M Y"),  # the reader's language's short month
            r.get_absolute_url(),
        )
        for r in counted
    ]


def period_points(counted, period):
    """The releases added up per "month" or "year"; each bar links to its year's releases."""
    totals = {}
    for release in counted:
        day = release.released_on.replace(day=1)
        day = day if period == "month" else day.replace(month=1)
        count, releases = totals.get(day, (0, 0))
        totals[day] = (count + release.reported_count, releases + 1)
    year_url = reverse("releases:release-list") + "?year={}"
    return [
        Point(
            day,
            count,
            f"{format_partial_date(day, period)}: "
            + ngettext("%(count)d release", "%(count)d releases", releases) % {"count": releases},
            format_date(day, "M Y") if period == "month" else str(day.year),
            year_url.format(day.year),
        )
        for day, (count, releases) in sorted(totals.items())
    ]


def freed_per_release_chart(releases):
    """Bars placed on a time axis, height proportional to the reported count.

    One bar per release while they fit side by side; beyond that, one per month, then one per
    year, so that the chart (and the page) keep their size however many releases there are.
    Releases without a reported count are left out of the chart (and said so in the caption).
    """
    counted = sorted((r for r in releases if r.reported_count), key=lambda r: r.released_on)
    if not counted:
        return None
    per, points = "release", release_points(counted)
    for period in ("month", "year"):
        if len(points) <= MAX_BARS:
            break
        per, points = period, period_points(counted, period)
    first, last = points[0].day, points[-1].day
    span_days = max((last - first).days, 1)
    tallest = max(point.count for point in points)
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT - BAR_WIDTH
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    offsets = [
        (point.day - first).days / span_days * plot_width if len(points) > 1 else plot_width / 2
        for point in points
    ]
    offsets = spread(offsets, MIN_GAP, plot_width)
    bars = []
    for point, offset in zip(points, offsets, strict=True):
        height = plot_height * point.count / tallest
        bars.append(
            Bar(
                x=round(MARGIN_LEFT + offset, 1),
                center=round(MARGIN_LEFT + offset + BAR_WIDTH / 2, 1),
                y=round(MARGIN_TOP + plot_height - height, 1),
                height=round(height, 1),
                count=point.count,
                label=point.label,
                date_label=point.date_label,
                url=point.url,
            )
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "per": per,
        "bars": bars,
        "bar_width": BAR_WIDTH,
        "baseline": MARGIN_TOP + plot_height,
        "axis_left": MARGIN_LEFT,
        "axis_right": WIDTH - MARGIN_RIGHT,
        "tallest": tallest,
        "left_out": len([r for r in releases if not r.reported_count]),
        "total": sum(r.reported_count for r in counted),
    }


def spread(positions, gap, limit):
    """Push sorted positions apart to at least `gap`, staying within [0, limit] where possible."""
    placed = list(positions)
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    if placed and placed[-1] > limit:
        placed[-1] = limit
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - gap)
    return [max(position, 0) for position in placed]


def step_line(counts, x, y):
    """SVG points of a step line: each level held until the next month changes it."""
    points, previous = [], None
    for i, count in enumerate(counts):
        if previous is not None:
            points.append(f"{x(i)},{previous}")
        points.append(f"{x(i)},{y(count)}")
        previous = y(count)
    return " ".join(points)


def held_over_time_chart(series):
    """Step lines of how many people in the ledger were held at the end of each month: a solid
    line for custody the record confirms, a dashed one for people still held by their last
    report, in the months since it (never drawn as confirmed).

    `series` is `prisoners.models.history.held_per_month()`. It counts the ledger's own records,
    not the country's political prisoners, and the caption says so.
    """
    if len(series) < 2:
        return None
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    tallest = max(count for _, count, _ in series) or 1
    step = plot_width / (len(series) - 1)

    def x(i):
        return round(MARGIN_LEFT + i * step, 1)

    def y(count):
        return round(MARGIN_TOP + plot_height - plot_height * count / tallest, 1)

    years = [
        {"x": x(i), "label": month.year}
        for i, (month, _, _) in enumerate(series)
        if month.month == 1 or i == 0
    ]
    latest_month, latest, latest_unconfirmed = series[-1]
    peak_month, peak, _ = max(series, key=lambda point: point[1])
    # The dashed line starts in the month before the first unconfirmed one, so it joins.
    first = next((i for i, point in enumerate(series) if point[2]), None)
    unconfirmed = ""
    if first is not None:
        start = max(first - 1, 0)
        line = step_line([held for _, held, _ in series[start:]], lambda i: x(start + i), y)
        unconfirmed = line
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "points": step_line([held - gap for _, held, gap in series], x, y),
        "unconfirmed_points": unconfirmed,
        "latest_unconfirmed": latest_unconfirmed,
        "baseline": MARGIN_TOP + plot_height,
        "top": MARGIN_TOP,
        "axis_left": MARGIN_LEFT,
        "axis_right": WIDTH - MARGIN_RIGHT,
        "tallest": tallest,
        "years": years,
        "latest": latest,
        "latest_month": latest_month,
        "peak": peak,
        "peak_month": peak_month,
        "first_month": series[0][0],
    }

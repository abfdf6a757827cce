"""A server-rendered SVG chart of people freed per release over time (no JavaScript, no CDN)."""

from dataclasses import dataclass

WIDTH, HEIGHT = 640, 240
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 24, 24, 48
BAR_WIDTH = 18


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


def freed_per_release_chart(releases):
    """Bars placed on a time axis, height proportional to the reported count.

    Releases without a reported count are left out of the chart (and said so in the caption).
    """
    counted = sorted((r for r in releases if r.reported_count), key=lambda r: r.released_on)
    if not counted:
        return None
    first, last = counted[0].released_on, counted[-1].released_on
    span_days = max((last - first).days, 1)
    tallest = max(r.reported_count for r in counted)
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT - BAR_WIDTH
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    bars = []
    for release in counted:
        offset = (release.released_on - first).days / span_days if len(counted) > 1 else 0.5
        height = plot_height * release.reported_count / tallest
        bars.append(
            Bar(
                x=round(MARGIN_LEFT + offset * plot_width, 1),
                center=round(MARGIN_LEFT + offset * plot_width + BAR_WIDTH / 2, 1),
                y=round(MARGIN_TOP + plot_height - height, 1),
                height=round(height, 1),
                count=release.reported_count,
                label=release.title,
                date_label=release.released_on.strftime("%b %Y"),
                url=release.get_absolute_url(),
            )
        )
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "bar_width": BAR_WIDTH,
        "baseline": MARGIN_TOP + plot_height,
        "axis_left": MARGIN_LEFT,
        "axis_right": WIDTH - MARGIN_RIGHT,
        "tallest": tallest,
        "left_out": len([r for r in releases if not r.reported_count]),
        "total": sum(r.reported_count for r in counted),
    }

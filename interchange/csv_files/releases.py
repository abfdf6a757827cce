"""The releases and deals CSVs: columns declared once, as data (label, value, meaning)."""

from django.utils.translation import gettext_lazy as _

from interchange.csv_files.writer import Column, join
from ledger.partial_dates import format_partial_date, iso_at_precision
from ledger.publication import public_name
from ledger.site_urls import page_url

AT_PRECISION = "no more precisely than known: 2025-09-11, 2025-09 or 2025"


RELEASE_COLUMNS = [
    Column(
        "slug",
        lambda r: r.slug,
        "Stable identifier; the release's page is /releases/<slug>/.",
        title=_("Identifier"),
    ),
    Column("title", lambda r: r.title, "A short name for the release.", title=_("Title")),
    Column(
        "released_on",
        lambda r: iso_at_precision(r.released_on, r.released_on_precision),
        f"Date of the release, {AT_PRECISION}.",
        title=_("Date"),
        reader=lambda r: format_partial_date(r.released_on, r.released_on_precision),
    ),
    Column(
        "released_on_precision",
        lambda r: r.released_on_precision,
        "day, month or year.",
        title=_("Precision of the date"),
        reader=lambda r: r.get_released_on_precision_display(),
    ),
    Column(
        "released_on_standing",
        lambda r: r.standing_label or "reported",
        "'reported' when a source gives the date; otherwise 'inferred: <who inferred it and "
        "from what>' or 'contested: <how sources differ>'.",
        title=_("How the date stands"),
        reader=lambda r: r.standing_label or r.get_standing_display(),
    ),
    Column(
        "kind",
        lambda r: r.kind,
        "The legal form as reported (pardon_expulsion, pardon, transfer, exchange, "
        "end_of_term, parole, amnesty, health, other); empty when not reported.",
        title=_("Legal form"),
        reader=lambda r: r.get_kind_display() if r.kind else "",
    ),
    Column(
        "releasing_state",
        lambda r: r.releasing_state.code,
        "ISO code of the state that freed them.",
        title=_("Freed by"),
        reader=lambda r: r.releasing_state.name,
    ),
    Column(
        "reported_count",
        lambda r: r.reported_count,
        "How many people were reported freed.",
        title=_("Reported freed"),
    ),
    Column(
        "reported_count_source",
        lambda r: r.reported_count_source.name if r.reported_count_source else "",
        "Who reported that number (other figures are claims on the release page).",
        title=_("Reported by"),
    ),
    Column(
        "named_count",
        lambda r: r.named_count,
        "How many of the freed are named on this site.",
        title=_("Named here"),
    ),
    Column(
        "withheld_count",
        lambda r: r.withheld_count,
        "How many of the freed are recorded but not named, at their families' request.",
        title=_("Names withheld"),
    ),
    Column(
        "broker",
        lambda r: r.broker.code if r.broker else "",
        "ISO code of the brokering state.",
        title=_("Broker"),
        reader=lambda r: r.broker.name if r.broker else "",
    ),
    Column(
        "broker_description",
        lambda r: r.broker_description,
        "Who brokered it, in words.",
        title=_("Brokered by"),
    ),
    Column(
        "destinations",
        lambda r: join(c.code for c in r.destinations),
        "ISO codes of the countries the freed were sent to, separated by '; '.",
        title=_("Sent to"),
        reader=lambda r: join(c.name for c in r.destinations),
    ),
    Column(
        "deals",
        lambda r: join(d.slug for d in r.public_deals),
        "Slugs of the deals that bought the release, separated by '; '.",
        title=_("Deals"),
        reader=lambda r: join(d.title for d in r.public_deals),
    ),
    Column(
        "concessions",
        lambda r: join(
            f"{c.get_kind_display()}: {c.beneficiary}"
            for d in r.public_deals
            for c in d.concessions.all()
        ),
        "What was conceded in those deals, separated by '; '.",
        title=_("Concessions"),
    ),
    Column(
        "notable_omissions",
        lambda r: join(o.person.display_name for o in r.public_omissions),
        "People reported as NOT freed in this release (published names only).",
        title=_("Not freed"),
    ),
    Column("url", page_url, "Address of the release's page on this site.", title=_("Page")),
]

DEAL_COLUMNS = [
    Column(
        "slug",
        lambda d: d.slug,
        "Stable identifier; the deal's page is /deals/<slug>/.",
        title=_("Identifier"),
    ),
    Column("title", lambda d: d.title, "A short name for the deal.", title=_("Title")),
    Column(
        "parties",
        lambda d: join(c.code for c in d.parties),
        "ISO codes of the parties.",
        title=_("Parties"),
        reader=lambda d: join(c.name for c in d.parties),
    ),
    Column(
        "announced_on",
        lambda d: iso_at_precision(d.announced_on, d.announced_on_precision),
        f"When it was announced, {AT_PRECISION}.",
        title=_("Announced"),
        reader=lambda d: (
            format_partial_date(d.announced_on, d.announced_on_precision) if d.announced_on else ""
        ),
    ),
    Column(
        "announced_on_precision",
        lambda d: d.announced_on_precision if d.announced_on else "",
        "day, month or year.",
        title=_("Precision of the date"),
        reader=lambda d: d.get_announced_on_precision_display() if d.announced_on else "",
    ),
    Column(
        "announced_by",
        lambda d: public_name(d.announced_by),
        "Who announced it (a person whose name is withheld is not named).",
        title=_("Announced by"),
    ),
    Column("instrument", lambda d: d.instrument, "The legal instrument.", title=_("Instrument")),
    Column(
        "instrument_url",
        lambda d: d.instrument_url,
        "Where the instrument is published.",
        title=_("Instrument address"),
    ),
    Column(
        "concessions",
        lambda d: join(
            f"{c.get_kind_display()}: {c.beneficiary or c.description}" for c in d.concessions.all()
        ),
        "Each concession as 'kind: beneficiary', separated by '; '.",
        title=_("Concessions"),
    ),
    Column(
        "releases",
        lambda d: join(r.slug for r in d.public_releases),
        "Slugs of the releases the deal bought, separated by '; '.",
        title=_("Releases bought"),
        reader=lambda d: join(r.title for r in d.public_releases),
    ),
    Column(
        "reported_freed",
        lambda d: d.reported_freed,
        "Sum of the reported counts of those releases.",
        title=_("Reported freed"),
    ),
    Column("url", page_url, "Address of the deal's page on this site.", title=_("Page")),
]

"""The releases and deals CSVs: columns declared once, as data (label, value, meaning)."""

from interchange.csv_files.writer import Column, join
from ledger.publication import public_name


def _date(value):
    return value.isoformat() if value else ""


RELEASE_COLUMNS = [
    Column("slug", lambda r: r.slug, "Stable identifier; the release's page is /releases/<slug>/."),
    Column("title", lambda r: r.title, "A short name for the release."),
    Column("released_on", lambda r: _date(r.released_on), "Date of the release."),
    Column("released_on_precision", lambda r: r.released_on_precision, "day, month or year."),
    Column(
        "released_on_standing",
        lambda r: r.standing_label or "reported",
        "'reported' when a source gives the date; otherwise 'inferred: <who inferred it and "
        "from what>' or 'contested: <how sources differ>'.",
    ),
    Column(
        "kind",
        lambda r: r.kind,
        "The legal form as reported (pardon_expulsion, pardon, transfer, exchange, "
        "end_of_term, parole, amnesty, health, other); empty when not reported.",
    ),
    Column(
        "releasing_state",
        lambda r: r.releasing_state.code,
        "ISO code of the state that freed them.",
    ),
    Column("reported_count", lambda r: r.reported_count, "How many people were reported freed."),
    Column(
        "reported_count_source",
        lambda r: r.reported_count_source.name if r.reported_count_source else "",
        "Who reported that number (other figures are claims on the release page).",
    ),
    Column("named_count", lambda r: r.named_count, "How many of the freed are named on this site."),
    Column(
        "withheld_count",
        lambda r: r.withheld_count,
        "How many of the freed are recorded but not named, at their families' request.",
    ),
    Column(
        "broker", lambda r: r.broker.code if r.broker else "", "ISO code of the brokering state."
    ),
    Column("broker_description", lambda r: r.broker_description, "Who brokered it, in words."),
    Column(
        "destinations",
        lambda r: join(c.code for c in r.destinations),
        "ISO codes of the countries the freed were sent to, separated by '; '.",
    ),
    Column(
        "deals",
        lambda r: join(d.slug for d in r.public_deals),
        "Slugs of the deals that bought the release, separated by '; '.",
    ),
    Column(
        "concessions",
        lambda r: join(
            f"{c.get_kind_display()}: {c.beneficiary}"
            for d in r.public_deals
            for c in d.concessions.all()
        ),
        "What was conceded in those deals, separated by '; '.",
    ),
    Column(
        "notable_omissions",
        lambda r: join(o.person.display_name for o in r.public_omissions),
        "People reported as NOT freed in this release (published names only).",
    ),
    Column("url", lambda r: r.get_absolute_url(), "Path of the release's page on this site."),
]

DEAL_COLUMNS = [
    Column("slug", lambda d: d.slug, "Stable identifier; the deal's page is /deals/<slug>/."),
    Column("title", lambda d: d.title, "A short name for the deal."),
    Column("parties", lambda d: join(c.code for c in d.parties), "ISO codes of the parties."),
    Column("announced_on", lambda d: _date(d.announced_on), "When it was announced."),
    Column(
        "announced_by",
        lambda d: public_name(d.announced_by),
        "Who announced it (a person whose name is withheld is not named).",
    ),
    Column("instrument", lambda d: d.instrument, "The legal instrument."),
    Column("instrument_url", lambda d: d.instrument_url, "Where the instrument is published."),
    Column(
        "concessions",
        lambda d: join(
            f"{c.get_kind_display()}: {c.beneficiary or c.description}" for c in d.concessions.all()
        ),
        "Each concession as 'kind: beneficiary', separated by '; '.",
    ),
    Column(
        "releases",
        lambda d: join(r.slug for r in d.public_releases),
        "Slugs of the releases the deal bought, separated by '; '.",
    ),
    Column(
        "reported_freed",
        lambda d: d.reported_freed,
        "Sum of the reported counts of those releases.",
    ),
    Column("url", lambda d: d.get_absolute_url(), "Path of the deal's page on this site."),
]

"""The sanctions acts' CSV and spreadsheet: columns declared once, as data."""

from django.utils.translation import gettext_lazy as _

from interchange.csv_files.releases import AT_PRECISION
from interchange.csv_files.writer import Column, join
from ledger.partial_dates import format_partial_date, iso_at_precision
from ledger.site_urls import page_url

SANCTIONS_ACT_COLUMNS = [
    Column(
        "slug",
        lambda a: a.slug,
        "Stable identifier; the act's row on /sanctions/ has the anchor #act-<slug>.",
        title=_("Identifier"),
    ),
    Column("title", lambda a: a.title, "A short name for the act.", title=_("Title")),
    Column(
        "authority",
        lambda a: a.authority,
        "Who issued it: ofac, us (a US act whose office the source does not name), eu_council, "
        "uk_ofsi or other.",
        title=_("Authority"),
        reader=lambda a: a.get_authority_display(),
    ),
    Column(
        "kind",
        lambda a: a.kind,
        "general_licence, delisting, designation, easing or suspension.",
        title=_("Kind"),
        reader=lambda a: a.get_kind_display(),
    ),
    Column(
        "instrument",
        lambda a: a.instrument,
        "The instrument's name as published.",
        title=_("Instrument"),
    ),
    Column(
        "reference",
        lambda a: a.reference,
        "Its official number or reference.",
        title=_("Reference"),
    ),
    Column(
        "issued_on",
        lambda a: iso_at_precision(a.issued_on, a.issued_on_precision),
        f"When it was issued, {AT_PRECISION}.",
        title=_("Issued"),
        reader=lambda a: format_partial_date(a.issued_on, a.issued_on_precision),
    ),
    Column(
        "effective_on",
        lambda a: iso_at_precision(a.effective_on, a.effective_on_precision),
        f"When it took effect, where a source says, {AT_PRECISION}.",
        title=_("Effective"),
        reader=lambda a: (
            format_partial_date(a.effective_on, a.effective_on_precision) if a.effective_on else ""
        ),
    ),
    Column(
        "official_url",
        lambda a: a.official_url,
        "Where the authority published it.",
        title=_("Official address"),
    ),
    Column(
        "entities",
        lambda a: join(e.slug for e in a.public_entities),
        "Slugs of the entities it concerns, separated by '; '; each has a page at "
        "/sanctions/entities/<slug>/.",
        title=_("Entities"),
        reader=lambda a: join(e.name for e in a.public_entities),
    ),
    Column(
        "deals",
        lambda a: join(d.slug for d in a.deals()),
        "Slugs of the deals whose concessions a source says it delivered, separated by '; '.",
        title=_("Delivered for deals"),
        reader=lambda a: join(d.title for d in a.deals()),
    ),
    Column("url", page_url, "Address of the act on this site.", title=_("Page")),
]

"""Releases and deals, and what hangs off them: the people freed, notable omissions, reported
breakdowns and concessions."""

from django.db.models import Prefetch

from interchange.dataset.columns import (
    Column,
    dated,
    derived_column,
    field_column,
    fields,
    id_column,
    ref_column,
)
from interchange.dataset.tables.table import Table, named_person_columns, page_column, slug_list
from ledger.translated_text import in_every_language
from prisoners.models import (
    Person,
)
from releases.models import (
    BreakdownItem,
    Concession,
    Deal,
    NotableOmission,
    Release,
    ReleasedPerson,
    ReportedBreakdown,
)


def public_releases():
    return (
        Release.public_objects.with_counts()
        .select_related("reported_count_source")
        .prefetch_related(
            Prefetch("envoys", queryset=Person.private_objects.nameable(), to_attr="public_envoys")
        )
        .order_by("pk")
    )


def public_deals():
    return (
        Deal.public_objects.select_related("announced_by")
        .prefetch_related(
            Prefetch("releases", queryset=Release.public_objects.all(), to_attr="public_releases")
        )
        .order_by("pk")
    )


def release_rows(model, *related):
    return lambda: model.public_objects.select_related("release", *related).order_by("pk")


RELEASE_TABLES = [
    Table(
        "releases",
        Release,
        "Releases of political prisoners. `named_count` and `withheld_count` count the freed "
        "named in released_people.csv and those recorded but not named.",
        [
            id_column("release"),
            *fields(Release, "slug", "title"),
            *dated(Release, "released_on"),
            *fields(Release, "standing", "standing_note", "kind", "releasing_state"),
            field_column(Release, "reported_count"),
            ref_column(Release, "reported_count_source", "sources"),
            *fields(Release, "broker", "broker_description"),
            slug_list(
                "envoys",
                "Slugs of the envoys and officials who negotiated it (people.csv), separated "
                "by '; '.",
                lambda release: sorted(person.slug for person in release.public_envoys),
            ),
            *fields(Release, "destinations", *in_every_language("summary")),
            derived_column(
                "named_count",
                "integer",
                "How many of the freed are named.",
                lambda r: r.named_count,
            ),
            Column(
                "withheld_count",
                "integer",
                "How many of the freed are recorded but not named, at their families' request.",
                lambda release: release.withheld_count,
                "withheld",
                "withheld_count",
                int,
            ),
            *page_column("api:release-detail"),
        ],
        public_releases,
        public_values={"is_published": True},
    ),
    Table(
        "released_people",
        ReleasedPerson,
        "The named people each release freed, and what became of them.",
        [
            id_column("outcome"),
            ref_column(ReleasedPerson, "release", "releases"),
            ref_column(ReleasedPerson, "person", "people"),
            *fields(
                ReleasedPerson,
                "outcome",
                "destination",
                "standing",
                "standing_note",
                *in_every_language("note"),
            ),
        ],
        release_rows(ReleasedPerson, "person"),
    ),
    Table(
        "omissions",
        NotableOmission,
        "Named people reported as NOT freed in a release.",
        [
            id_column("omission"),
            ref_column(NotableOmission, "release", "releases"),
            ref_column(NotableOmission, "person", "people"),
            ref_column(NotableOmission, "reported_by", "sources"),
            *fields(NotableOmission, *in_every_language("note")),
        ],
        release_rows(NotableOmission, "person", "reported_by"),
    ),
    Table(
        "breakdowns",
        ReportedBreakdown,
        "Breakdowns of a release's figure as one source reported them.",
        [
            id_column("breakdown"),
            ref_column(ReportedBreakdown, "release", "releases"),
            field_column(ReportedBreakdown, "label"),
            ref_column(ReportedBreakdown, "reported_by", "sources"),
            *fields(
                ReportedBreakdown,
                "total",
                "items_partition_total",
                *in_every_language("note"),
            ),
        ],
        release_rows(ReportedBreakdown, "reported_by"),
    ),
    Table(
        "breakdown_items",
        BreakdownItem,
        "The lines of each breakdown.",
        [
            id_column("line"),
            ref_column(BreakdownItem, "breakdown", "breakdowns", key="id"),
            *fields(BreakdownItem, "label", "country", "count"),
        ],
        lambda: BreakdownItem.public_objects.order_by("pk"),
    ),
    Table(
        "deals",
        Deal,
        "Deals and the concessions traded for releases.",
        [
            id_column("deal"),
            *fields(Deal, "slug", "title", "parties"),
            *dated(Deal, "announced_on"),
            *named_person_columns(
                "announced_by",
                "Slug of who announced it (people.csv); empty when no one is recorded or the "
                "person's name is withheld.",
                "Who announced it, as the site names them (a person whose name is withheld is "
                "'a person whose name is withheld').",
            ),
            *fields(
                Deal,
                "instrument",
                "instrument_url",
                *in_every_language("summary"),
            ),
            slug_list(
                "releases",
                "Slugs of the releases the deal bought (releases.csv), separated by '; '.",
                lambda deal: sorted(release.slug for release in deal.public_releases),
            ),
            *page_column("api:deal-detail"),
        ],
        public_deals,
        public_values={"is_published": True},
    ),
    Table(
        "concessions",
        Concession,
        "What each deal conceded.",
        [
            id_column("concession"),
            ref_column(Concession, "deal", "deals"),
            *fields(Concession, "kind", "beneficiary", "description"),
            *dated(Concession, "effective_on"),
        ],
        lambda: Concession.public_objects.select_related("deal").order_by("pk"),
    ),
]

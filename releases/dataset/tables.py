"""The dataset's tables: for each, the public rows (from `public_objects`) and their columns.

Rows come in primary-key order and lists within a cell are sorted, so the same record gives the
same bytes. People are the public prisoners plus the actors (envoys, officials) a public record
names; for an actor only the name, kind and role are given, as on the site. A person who may not
be named is never in a table: where a public record refers to one, the reference is empty and a
`..._name` column says `WITHHELD_PERSON`, as the pages do.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Prefetch, Q

from prisoners.models import (
    Charge,
    Citation,
    Claim,
    Detention,
    ExternalIdentifier,
    Facility,
    Occupation,
    Person,
    PersonKind,
    PersonName,
    Recognition,
    Source,
    Stay,
    Verdict,
    Visibility,
)
from prisoners.models.people import OnPersonPage
from prisoners.publication import public_name
from prisoners.site_urls import absolute_reverse, absolute_url

from ..models import (
    BreakdownItem,
    Concession,
    Deal,
    NotableOmission,
    Release,
    ReleasedPerson,
    ReportedBreakdown,
)
from .columns import (
    Column,
    dated,
    derived_column,
    field_column,
    fields,
    id_column,
    parse_list,
    ref_column,
)


@dataclass(frozen=True)
class Table:
    name: str
    model: type
    description: str
    columns: list[Column]
    rows: object  # () -> queryset of the public rows, in primary-key order
    prepare: object = None  # (a chunk of rows) -> None: loads what the columns read
    # What every row of the table is, being public: an import sets it (a published release).
    public_values: dict = field(default_factory=dict)
    foreign_keys: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"data/{self.name}.csv"

    def schema(self) -> dict:
        keys = [
            {"fields": column.name, "reference": {"resource": table, "fields": key}}
            for column in self.columns
            if column.reference
            for table, key in [column.reference]
        ]
        return {
            "fields": [column.schema() for column in self.columns],
            "primaryKey": ["id"],
            "foreignKeys": keys,
            "missingValues": [""],
        }


def page_column(api_route=None):
    columns = [
        derived_column(
            "url",
            "string",
            "The record's page on the site (absolute URL).",
            lambda record: absolute_url(record.get_absolute_url()),
        )
    ]
    if api_route:
        columns.append(
            derived_column(
                "api_url",
                "string",
                "The record in the site's API (absolute URL).",
                lambda record: absolute_reverse(api_route, slug=record.slug),
            )
        )
    return columns


def slug_list(name, description, value):
    return Column(name, "string", description, value, "m2m", name, parse_list)


# -- people ----------------------------------------------------------------------------------------


def dataset_people():
    """Public prisoners, and the nameable people a public record names (envoys, announcers,
    claimants), who have no page of their own."""
    envoys = Release.envoys.through.objects.filter(
        release__in=Release.public_objects.values("pk")
    ).values("person_id")
    named_by_public_records = (
        Q(pk__in=envoys)
        | Q(pk__in=Deal.public_objects.values("announced_by_id"))
        | Q(pk__in=Claim.public_objects.values("claimed_by_person_id"))
    )
    return (
        Person.private_objects.filter(
            Person.public_condition() | (Person.nameable_condition() & named_by_public_records)
        )
        .prefetch_related(Prefetch("occupations", queryset=Occupation.private_objects.all()))
        .order_by("pk")
    )


def prisoners_only(column):
    """A person column given for prisoners; an actor's is empty (the site shows only their name
    and role). Marked so that an import leaves an actor's field at its default."""
    empty = [] if column.to_python is parse_list else None

    def value(person):
        return column.value(person) if person.kind == PersonKind.PRISONER else empty

    return replace(column, value=value, kind=f"{column.kind}:prisoner")


PERSON_COLUMNS = [
    id_column("person"),
    field_column(Person, "slug"),
    field_column(Person, "name", "display_name"),
    field_column(Person, "sort_name"),
    field_column(Person, "kind"),
    field_column(Person, "role"),
    *map(
        prisoners_only,
        [
            *fields(Person, "patronymic", "gender", "citizenships", "summary"),
            *dated(Person, "birth_date", "died_on"),
            slug_list(
                "occupations",
                "Slugs of the person's occupations (occupations.csv), separated by '; '.",
                lambda person: sorted(o.slug for o in person.occupations.all()),
            ),
        ],
    ),
    *[
        prisoners_only(derived_column(column.name, column.type, column.description, column.value))
        for column in [
            *fields(Person, "status", "status_country"),
            *dated(Person, "status_since", "status_as_of"),
        ]
    ],
    derived_column(
        "url",
        "string",
        "The person's page on the site (absolute URL); empty for an actor, who has none.",
        lambda p: absolute_url(p.get_absolute_url()) if p.kind == PersonKind.PRISONER else "",
    ),
    derived_column(
        "api_url",
        "string",
        "The person in the site's API (absolute URL); empty for an actor.",
        lambda p: (
            absolute_reverse("api:person-detail", slug=p.slug)
            if p.kind == PersonKind.PRISONER
            else ""
        ),
    ),
]


def person_rows(model, *related):
    return lambda: model.public_objects.select_related(*related).order_by("pk")


PERSON_TABLES = [
    Table(
        "people",
        Person,
        "Political prisoners the site names, and the envoys and officials its public records "
        "name (kind 'actor': name, kind and role only). The status columns are derived from "
        "the other tables.",
        PERSON_COLUMNS,
        dataset_people,
        public_values={"visibility": Visibility.PUBLISHED},
    ),
    Table(
        "person_names",
        PersonName,
        "Every spelling of each person's name, with its language and script (Popolo "
        "`other_names` in people.json).",
        [
            id_column("spelling"),
            ref_column(PersonName, "person", "people"),
            *fields(PersonName, "name", "language", "script", "is_attested", "note"),
        ],
        person_rows(PersonName, "person"),
    ),
    Table(
        "occupations",
        Occupation,
        "Occupations and roles held by the people named.",
        [id_column("occupation"), *fields(Occupation, "slug", "name")],
        lambda: Occupation.public_objects.order_by("pk"),
    ),
    Table(
        "external_ids",
        ExternalIdentifier,
        "Each person's identifiers in other databases.",
        [
            id_column("identifier"),
            ref_column(ExternalIdentifier, "person", "people"),
            *fields(ExternalIdentifier, "scheme", "identifier", "url"),
        ],
        person_rows(ExternalIdentifier, "person"),
    ),
    Table(
        "detentions",
        Detention,
        "Spells in custody, from arrest to release; `term_months` is derived from the verdicts.",
        [
            id_column("detention"),
            ref_column(Detention, "person", "people"),
            *dated(Detention, "detained_on"),
            *fields(Detention, "place", "country"),
            derived_column(
                "term_months",
                "integer",
                str(Detention._meta.get_field("term_months").help_text),
                lambda d: d.term_months,
            ),
            *dated(Detention, "ended_on"),
            *fields(Detention, "end_reason", "released_to", "standing", "standing_note", "notes"),
        ],
        person_rows(Detention, "person"),
    ),
    Table(
        "verdicts",
        Verdict,
        "Court decisions in each detention: first instance, appeal, review, added sentence.",
        [
            id_column("verdict"),
            ref_column(Verdict, "detention", "detentions", key="id"),
            *fields(Verdict, "kind", "court"),
            *dated(Verdict, "decided_on"),
            *fields(Verdict, "sentence_months", "sentence_kind", "regime"),
            *fields(Verdict, "standing", "standing_note", "notes"),
        ],
        person_rows(Verdict),
    ),
    Table(
        "charges",
        Charge,
        "Criminal-code articles charged in each detention.",
        [
            id_column("charge"),
            ref_column(Charge, "detention", "detentions", key="id"),
            *fields(Charge, "code", "article", "part", "description", "qualifier"),
            *fields(Charge, "qualifier_article", "stage"),
        ],
        person_rows(Charge),
    ),
    Table(
        "facilities",
        Facility,
        "Prisons, colonies and detention centres.",
        [
            id_column("facility"),
            *fields(Facility, "slug", "name", "kind", "town", "country", "postal_address"),
            field_column(Facility, "notes"),
            *page_column("api:facility-detail"),
        ],
        lambda: Facility.public_objects.order_by("pk"),
    ),
    Table(
        "stays",
        Stay,
        "Reports that a person was held in a facility, with when and as of which report.",
        [
            id_column("stay"),
            ref_column(Stay, "person", "people"),
            ref_column(Stay, "facility", "facilities"),
            *dated(Stay, "from_on", "until_on", "reported_on"),
            *fields(Stay, "note", "standing", "standing_note"),
        ],
        person_rows(Stay, "person", "facility"),
    ),
    Table(
        "recognitions",
        Recognition,
        "Recognitions of people as political prisoners, by which body and when.",
        [
            id_column("recognition"),
            ref_column(Recognition, "person", "people"),
            field_column(Recognition, "recogniser"),
            *dated(Recognition, "recognised_on", "withdrawn_on"),
            *fields(Recognition, "note", "standing", "standing_note"),
        ],
        person_rows(Recognition, "person"),
    ),
]


# -- releases and deals ---------------------------------------------------------------------------


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
            *fields(Release, "destinations", "summary"),
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
            *fields(ReleasedPerson, "outcome", "destination", "standing", "standing_note", "note"),
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
            field_column(NotableOmission, "note"),
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
            *fields(ReportedBreakdown, "total", "items_partition_total", "note"),
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
            Column(
                "announced_by",
                "string",
                "Slug of who announced it (people.csv); empty when no one is recorded or the "
                "person's name is withheld.",
                lambda deal: (
                    deal.announced_by.slug
                    if deal.announced_by and deal.announced_by.is_nameable
                    else None
                ),
                "named-person",
                "announced_by_id",
                str,
                reference=("people", "slug"),
            ),
            derived_column(
                "announced_by_name",
                "string",
                "Who announced it, as the site names them (a person whose name is withheld is "
                "'a person whose name is withheld').",
                lambda deal: public_name(deal.announced_by),
            ),
            *fields(Deal, "instrument", "instrument_url", "summary"),
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


# -- sources, claims, citations -------------------------------------------------------------------


def attach_records(citations):
    """Set `record` on each citation: one query per kind of record, with what its URL reads."""
    ids = defaultdict(set)
    for citation in citations:
        ids[citation.content_type].add(citation.object_id)
    records = {}
    for content_type, pks in ids.items():
        model = content_type.model_class()
        related = set(getattr(model, "public_related", ()))
        if issubclass(model, OnPersonPage):
            related.add(model.person_path)
        rows = model.private_objects.filter(pk__in=pks).select_related(*related)
        if model is Claim:
            rows = rows.prefetch_related("subject")
        records.update({(content_type.pk, row.pk): row for row in rows})
    for citation in citations:
        citation.record = records[(citation.content_type_id, citation.object_id)]


def subject_slug(claim):
    return claim.subject.slug if claim.subject_content_type_id else None


SOURCE_TABLES = [
    Table(
        "sources",
        Source,
        "Every outlet and organisation cited or making a claim.",
        [
            id_column("source"),
            *fields(Source, "slug", "name", "other_names", "kind", "country"),
            field_column(Source, "home_page", "url"),
            field_column(Source, "description"),
            *page_column("api:source-detail"),
        ],
        lambda: Source.public_objects.order_by("pk"),
    ),
    Table(
        "claims",
        Claim,
        "Statements attributed to a source or a person, kept beside the ones that disagree. "
        "A claim with no subject is a headline figure.",
        [
            id_column("claim"),
            *fields(Claim, "topic", "statement"),
            Column(
                "subject_type",
                "string",
                "The kind of record the claim is about (person, release, deal); empty for a "
                "headline figure.",
                lambda claim: (
                    claim.subject_content_type.model if claim.subject_content_type_id else None
                ),
                "subject",
                "subject_content_type_id",
                str,
                enum=("person", "release", "deal"),
            ),
            Column(
                "subject",
                "string",
                "The slug of that record in people.csv, releases.csv or deals.csv.",
                subject_slug,
                "subject",
                "subject_object_id",
                str,
            ),
            derived_column(
                "subject_url",
                "string",
                "The page that shows the claim (absolute URL).",
                lambda claim: absolute_url(claim.get_absolute_url()),
            ),
            *fields(Claim, "value", "value_qualifier"),
            *dated(Claim, "as_of"),
            ref_column(Claim, "claimed_by", "sources"),
            Column(
                "claimed_by_person",
                "string",
                "Slug of the person making the claim (people.csv); empty when the claimant is "
                "a source or a person whose name is withheld.",
                lambda claim: (
                    claim.claimed_by_person.slug
                    if claim.claimed_by_person and claim.claimed_by_person.is_nameable
                    else None
                ),
                "named-person",
                "claimed_by_person_id",
                str,
                reference=("people", "slug"),
            ),
            derived_column(
                "claimed_by_person_name",
                "string",
                "The person making the claim, as the site names them ('a person whose name is "
                "withheld' for one who may not be named); empty when a source made it alone.",
                lambda claim: public_name(claim.claimed_by_person),
            ),
            *fields(Claim, "assessment", "assessment_note"),
        ],
        lambda: (
            Claim.public_objects.select_related(
                "subject_content_type", "claimed_by", "claimed_by_person"
            )
            .prefetch_related("subject")
            .order_by("pk")
        ),
    ),
    Table(
        "citations",
        Citation,
        "Where each fact comes from: the source, the cited page and the passage quoted, and "
        "the row it supports (`record_type` names the table, `record_id` its `id`).",
        [
            id_column("citation"),
            ref_column(Citation, "source", "sources"),
            Column(
                "record_type",
                "string",
                "The kind of record supported: the table (person: people.csv, releasedperson: "
                "released_people.csv, notableomission: omissions.csv, reportedbreakdown: "
                "breakdowns.csv; the others by their plural).",
                lambda citation: citation.content_type.model,
                "record",
                "content_type_id",
                str,
            ),
            Column(
                "record_id",
                "integer",
                "The `id` of the supported row in that table.",
                lambda citation: citation.object_id,
                "record",
                "object_id",
                int,
            ),
            derived_column(
                "record_url",
                "string",
                "The page that shows the supported record (absolute URL).",
                lambda citation: absolute_url(citation.record.get_absolute_url()),
            ),
            *fields(Citation, "url", "title"),
            *dated(Citation, "published_on"),
            *fields(Citation, "quote", "note"),
        ],
        lambda: Citation.public_objects.select_related("source", "content_type").order_by("pk"),
        prepare=attach_records,
    ),
]

# In the order an import creates them: every table after the ones it refers to.
TABLES = [
    SOURCE_TABLES[0],
    *PERSON_TABLES,
    *RELEASE_TABLES,
    *SOURCE_TABLES[1:],
]
TABLES_BY_NAME = {table.name: table for table in TABLES}

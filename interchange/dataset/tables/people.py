"""The people and what hangs off them: names, occupations, identifiers, detentions, verdicts,
charges, facilities, stays and recognitions."""

from dataclasses import replace

from django.db.models import Prefetch, Q

from interchange.dataset.columns import (
    dated,
    derived_column,
    field_column,
    fields,
    id_column,
    parse_list,
    ref_column,
)
from interchange.dataset.tables.table import Table, page_column, slug_list
from ledger.site_urls import absolute_reverse, absolute_url
from ledger.translated_text import in_every_language
from prisoners.models import (
    Charge,
    Claim,
    Detention,
    ExternalIdentifier,
    Facility,
    Occupation,
    Person,
    PersonKind,
    PersonName,
    Recognition,
    Stay,
    Verdict,
    Visibility,
)
from releases.models import (
    Deal,
    Release,
)


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
    *fields(Person, *in_every_language("role")),
    *map(
        prisoners_only,
        [
            *fields(
                Person,
                "patronymic",
                "gender",
                "citizenships",
                *in_every_language("summary"),
            ),
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

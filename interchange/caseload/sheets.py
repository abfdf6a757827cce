"""The caseload workbook's sheets, in the order an import writes them (each after the sheets it
refers to), and what identifies a row of each: a slug, a parent and a natural key, or a parent and
the row's number among its parent's rows. docs/import-format.md documents them column by column.
"""

from dataclasses import dataclass

from interchange.caseload.columns import VERSION, Column, field, fields, number, ref, refs
from ledger.translated_text import in_every_language
from prisoners.models import (
    Charge,
    Citation,
    Claim,
    Detention,
    ExternalIdentifier,
    Facility,
    Occupation,
    Person,
    PersonName,
    Recognition,
    Source,
    Stay,
    Verdict,
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

KEY_JOINER = "#"


@dataclass(frozen=True)
class Sheet:
    name: str
    model: type
    description: str
    columns: tuple[Column, ...]
    parent: str = ""  # the key column that names the parent row (or "record" for a generic one)

    @property
    def key_columns(self):
        return [column for column in self.columns if column.key]

    @property
    def numbered(self) -> bool:
        return any(column.kind == "number" for column in self.columns)

    @property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @property
    def natural_attributes(self):
        """The model attributes of the key columns that are neither the parent nor a number."""
        return [
            column.attribute
            for column in self.key_columns
            if column.name != self.parent and column.kind != "number"
        ]


def sheet(name, model, description, columns, parent=""):
    return Sheet(name, model, description, (*columns, VERSION), parent)


def slug(model):
    return field(model, "slug", key=True)


def record_columns(type_name, key_name, help_type, help_key):
    return [
        Column(type_name, "record_type", help=help_type, key=True),
        Column(key_name, "record", help=help_key, key=True),
    ]


SHEETS = [
    sheet(
        "sources",
        Source,
        "Outlets and organisations cited or making claims.",
        [slug(Source), *fields(Source, "name", "other_names", "kind", "country", "url")]
        + fields(Source, "description"),
    ),
    sheet(
        "occupations",
        Occupation,
        "Occupations, for filtering.",
        [slug(Occupation)] + fields(Occupation, "name"),
    ),
    sheet(
        "facilities",
        Facility,
        "Prisons, colonies and detention centres.",
        [slug(Facility)]
        + fields(Facility, "name", "kind", "town", "country", "postal_address", "notes"),
    ),
    sheet(
        "people",
        Person,
        "Prisoners and the actors (envoys, officials) records name, with their visibility: "
        "draft, published or withheld.",
        [
            slug(Person),
            field(Person, "display_name", "name"),
            *fields(Person, "sort_name", "kind", "visibility", "patronymic", "gender"),
            *fields(Person, *in_every_language("role")),
            *fields(Person, "citizenships", "birth_date", "died_on"),
            *fields(Person, *in_every_language("summary")),
            field(Person, "withdrawn_at"),
            refs(
                "occupations", "occupations", "Slugs of the person's occupations, separated by ';'."
            ),
            Column(
                "same_as",
                "same_as",
                help="Import only: the slug of a person already in the ledger whom this row "
                "describes (when the preview says 'possibly the same person as'). The row then "
                "updates that person; its own slug is kept as a name for it in this file.",
            ),
        ],
    ),
    sheet(
        "names",
        PersonName,
        "Every spelling of each person's name, with its language and script.",
        [
            ref(PersonName, "person", "people", key=True),
            field(PersonName, "name", key=True),
            field(PersonName, "language", key=True),
            *fields(PersonName, "script", "is_attested", "note"),
        ],
        parent="person",
    ),
    sheet(
        "external_ids",
        ExternalIdentifier,
        "Each person's identifiers in other databases (Viasna, OVD-Info, CECC, Wikidata): an "
        "import matches a person by them when the slug is new.",
        [
            ref(ExternalIdentifier, "person", "people", key=True),
            field(ExternalIdentifier, "scheme", key=True),
            *fields(ExternalIdentifier, "identifier", "url"),
        ],
        parent="person",
    ),
    sheet(
        "detentions",
        Detention,
        "Spells in custody, from arrest to release.",
        [
            ref(Detention, "person", "people", key=True),
            number("detention"),
            *fields(Detention, "detained_on", "place", "country", "ended_on", "end_reason"),
            *fields(Detention, "released_to", "standing", "standing_note", "notes"),
        ],
        parent="person",
    ),
    sheet(
        "charges",
        Charge,
        "Criminal-code articles charged in each detention.",
        [
            ref(Charge, "detention", "detentions", key=True),
            number("charge"),
            *fields(Charge, "code", "article", "part", "description", "qualifier"),
            *fields(Charge, "qualifier_article", "stage"),
        ],
        parent="detention",
    ),
    sheet(
        "verdicts",
        Verdict,
        "Court decisions in each detention: first instance, appeal, review, added sentence.",
        [
            ref(Verdict, "detention", "detentions", key=True),
            number("verdict"),
            *fields(Verdict, "kind", "court", "decided_on", "sentence_months", "sentence_kind"),
            *fields(Verdict, "regime", "standing", "standing_note", "notes"),
        ],
        parent="detention",
    ),
    sheet(
        "stays",
        Stay,
        "Reports that a person was held in a facility.",
        [
            ref(Stay, "person", "people", key=True),
            number("stay"),
            ref(Stay, "facility", "facilities"),
            *fields(Stay, "from_on", "until_on", "reported_on", "note", "standing"),
            field(Stay, "standing_note"),
        ],
        parent="person",
    ),
    sheet(
        "recognitions",
        Recognition,
        "Recognitions of people as political prisoners, by which body and when.",
        [
            ref(Recognition, "person", "people", key=True),
            field(Recognition, "recogniser", key=True),
            *fields(Recognition, "recognised_on", "withdrawn_on", "note", "standing"),
            field(Recognition, "standing_note"),
        ],
        parent="person",
    ),
    sheet(
        "releases",
        Release,
        "Releases of political prisoners; is_published says whether the public sees it.",
        [
            slug(Release),
            *fields(Release, "title", "is_published", "released_on", "standing", "standing_note"),
            *fields(Release, "kind", "releasing_state", "reported_count"),
            ref(Release, "reported_count_source", "sources"),
            *fields(Release, "broker", "broker_description"),
            refs("envoys", "people", "Slugs of the envoys who negotiated it, separated by ';'."),
            field(Release, "destinations"),
            *fields(Release, *in_every_language("summary")),
            field(Release, "withdrawn_at"),
        ],
    ),
    sheet(
        "released_people",
        ReleasedPerson,
        "Who each release freed, and what became of them.",
        [
            ref(ReleasedPerson, "release", "releases", key=True),
            ref(ReleasedPerson, "person", "people", key=True),
            *fields(ReleasedPerson, "outcome", "destination", "standing", "standing_note"),
            *fields(ReleasedPerson, *in_every_language("note")),
        ],
        parent="release",
    ),
    sheet(
        "omissions",
        NotableOmission,
        "Named people reported as not freed in a release.",
        [
            ref(NotableOmission, "release", "releases", key=True),
            ref(NotableOmission, "person", "people", key=True),
            ref(NotableOmission, "reported_by", "sources"),
            *fields(NotableOmission, *in_every_language("note")),
        ],
        parent="release",
    ),
    sheet(
        "breakdowns",
        ReportedBreakdown,
        "Breakdowns of a release's figure as one source reported them.",
        [
            ref(ReportedBreakdown, "release", "releases", key=True),
            number("breakdown"),
            field(ReportedBreakdown, "label"),
            ref(ReportedBreakdown, "reported_by", "sources"),
            *fields(ReportedBreakdown, "total", "items_partition_total"),
            *fields(ReportedBreakdown, *in_every_language("note")),
        ],
        parent="release",
    ),
    sheet(
        "breakdown_items",
        BreakdownItem,
        "The lines of each breakdown.",
        [
            ref(BreakdownItem, "breakdown", "breakdowns", key=True),
            number("line"),
            *fields(BreakdownItem, "label", "country", "count"),
        ],
        parent="breakdown",
    ),
    sheet(
        "deals",
        Deal,
        "Agreements behind releases; is_published says whether the public sees it.",
        [
            slug(Deal),
            *fields(Deal, "title", "is_published", "parties", "announced_on"),
            ref(Deal, "announced_by", "people"),
            *fields(Deal, "instrument", "instrument_url"),
            *fields(Deal, *in_every_language("summary")),
            field(Deal, "withdrawn_at"),
            refs("releases", "releases", "Slugs of the releases it covers, separated by ';'."),
        ],
    ),
    sheet(
        "concessions",
        Concession,
        "What each deal gave in return.",
        [
            ref(Concession, "deal", "deals", key=True),
            number("concession"),
            *fields(Concession, "kind", "beneficiary", "description", "effective_on"),
        ],
        parent="deal",
    ),
    sheet(
        "claims",
        Claim,
        "Statements attributed to a source or a person; one with no subject is a headline figure.",
        [
            *record_columns(
                "subject_type",
                "subject",
                "The sheet of the record the claim is about (people, releases, deals); empty "
                "for a headline figure.",
                "The key of that record (its slug).",
            ),
            number("claim"),
            *fields(Claim, "topic", "statement", "value", "value_qualifier", "as_of"),
            ref(Claim, "claimed_by", "sources"),
            ref(Claim, "claimed_by_person", "people"),
            *fields(Claim, "assessment", "assessment_note"),
        ],
        parent="subject",
    ),
    sheet(
        "citations",
        Citation,
        "Where each fact comes from: the source, the page and the passage quoted, and the row it "
        "supports.",
        [
            *record_columns(
                "record_type",
                "record",
                "The sheet of the row the citation supports (people, detentions, releases...).",
                "The key of that row: a slug, or its key columns joined by '#' "
                "(a detention: person#number, e.g. ihar-losik#1).",
            ),
            number("citation"),
            ref(Citation, "source", "sources"),
            *fields(Citation, "url", "title", "published_on", "quote", "note"),
        ],
        parent="record",
    ),
]
SHEETS_BY_NAME = {sheet.name: sheet for sheet in SHEETS}
SHEETS_BY_MODEL = {sheet.model: sheet for sheet in SHEETS}

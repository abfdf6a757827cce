"""The people CSV's columns, each declared once, as data: label, meaning, and the cell in SQL
(`cells`). The statement that writes the file is built from these (`statement`), and the same
declarations document the columns on the public data page."""

from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, F, OuterRef, Value, When
from django.db.models.functions import Coalesce, Concat, Replace
from django.urls import reverse

from interchange.csv_files.people.cells import (
    DATE,
    NUMBER,
    Cell,
    Field,
    First,
    FirstNonEmpty,
    Greatest,
    Joined,
    JoinedNonEmpty,
    Least,
    OnlyInCustody,
)
from interchange.csv_files.people.months import AddMonths
from prisoners.models import (
    Charge,
    ChargeQualifier,
    Detention,
    Person,
    PersonName,
    Recogniser,
    Recognition,
    Standing,
    Status,
    Stay,
    Verdict,
)
from prisoners.models.detentions import CUSTODIAL
from releases.models import Release, ReleasedPerson


@dataclass(frozen=True)
class PersonColumn:
    label: str
    help_text: str
    cell: Cell


def text(value: str):
    return Value(value, output_field=CharField())


# Orderings of the lists: the models' Meta orderings, with the primary key to break ties.
DETENTION_ORDER = ("detained_on", "pk")
STAY_ORDER = (F("from_on").asc(nulls_first=True), F("reported_on").asc(nulls_first=True), "pk")
OUTCOME_ORDER = ("-release__released_on", "-release__pk")


def public_outcomes():
    """Release outcomes whose release is public (the person is, being in the list)."""
    return ReleasedPerson.private_objects.filter(Release.public_condition("release__"))


def not_reported(rows):
    return lambda: rows().exclude(standing=Standing.REPORTED)


def standing_label(what: str):
    """`HasStanding.standing_label` prefixed with what it is about: 'detention inferred: …'."""
    word = Case(When(standing=Standing.INFERRED, then=text("inferred")), default=text("contested"))
    note = Case(
        When(standing_note="", then=text("")), default=Concat(text(": "), F("standing_note"))
    )
    return Concat(text(f"{what} "), word, note, output_field=CharField())


def spelling():
    """'Алесь Бяляцкі [be-Cyrl]', with ', constructed' for a spelling no source gives."""
    constructed = Case(When(is_attested=True, then=text("")), default=text(", constructed"))
    return Concat(
        F("name"),
        text(" ["),
        F("language"),
        text("-"),
        F("script"),
        constructed,
        text("]"),
        output_field=CharField(),
    )


def charge_label():
    """`Charge.label`: 'Art. 293 part 2'; 'Art. 13 part 1 + Art. 293 part 2 (preparation)'."""
    part = Case(When(part="", then=text("")), default=Concat(text(" part "), F("part")))
    general = Case(
        When(qualifier_article="", then=text("")),
        default=Concat(text("Art. "), F("qualifier_article"), text(" + ")),
    )
    qualifier = Case(
        *(
            When(qualifier=value, then=text(f" ({label.lower()})"))
            for value, label in ChargeQualifier.choices
        ),
        default=text(""),
    )
    return Case(
        When(
            qualifier="",
            then=Concat(text("Art. "), F("article"), part, output_field=CharField()),
        ),
        default=Concat(
            general, text("Art. "), F("article"), part, qualifier, output_field=CharField()
        ),
    )


def running_custodial_detentions():
    """`Detention.expected_release`: a term still running, with a custodial verdict."""
    custodial = Verdict.private_objects.filter(
        detention=OuterRef("pk"), sentence_kind__in=CUSTODIAL
    )
    return Detention.private_objects.filter(
        Exists(custodial), ended_on__isnull=True, term_months__isnull=False
    )


def open_stays():
    return Stay.private_objects.filter(until_on__isnull=True)


def page_path():
    """The path of a person's page, from the URLconf: `/prisoners/` + slug + `/`."""
    marker = "csv-slug-marker"
    before, after = reverse("prisoners:person-detail", kwargs={"slug": marker}).split(marker)
    return Concat(text(before), F("slug"), text(after), output_field=CharField())


def when_dated(date_field: str, precision_field: str):
    return Case(When(**{f"{date_field}__isnull": False}, then=F(precision_field)), default=text(""))


PERSON_COLUMNS = [
    PersonColumn(
        "slug", "Stable identifier; the person's page is /prisoners/<slug>/.", Field(F("slug"))
    ),
    PersonColumn("name", "The name in its most used English spelling.", Field(F("display_name"))),
    *(
        PersonColumn(
            f"name_{language}",
            f"The {language_name} spelling shown first on pages in {language_name} "
            f"({script}); empty when the record has none.",
            Field(F(f"name_{language}")),
        )
        for language, language_name, script in (
            ("be", "Belarusian", "Cyrillic"),
            ("ru", "Russian", "Cyrillic"),
            ("pl", "Polish", "Latin"),
        )
    ),
    PersonColumn(
        "other_names",
        "Every recorded spelling with its language and script, separated by '; '. A spelling "
        "built by transliteration rather than found in a source is marked 'constructed'.",
        Joined(PersonName.private_objects.all, spelling(), ("language", "pk")),
    ),
    PersonColumn("patronymic", "The father's name, where recorded.", Field(F("patronymic"))),
    PersonColumn("gender", "female, male or other; empty when not reported.", Field(F("gender"))),
    PersonColumn("status", "Derived status: " + ", ".join(Status.values) + ".", Field(F("status"))),
    PersonColumn(
        "status_country",
        "For a deported person: the ISO code of the country they were sent to.",
        Field(F("status_country")),
    ),
    PersonColumn(
        "status_since",
        "Date of the event that set the status (arrest, release...).",
        Field(F("status_since"), DATE),
    ),
    PersonColumn(
        "status_as_of",
        "The latest date the record confirms the status (for someone held: the latest verdict, "
        "report of where they are held, or release that left them behind).",
        Field(F("status_as_of"), DATE),
    ),
    PersonColumn(
        "status_as_of_precision",
        "day, month or year.",
        Field(when_dated("status_as_of", "status_as_of_precision")),
    ),
    PersonColumn(
        "recognised_by",
        "Bodies whose recognition of the person as a political prisoner stands, separated by "
        "'; ' (" + ", ".join(Recogniser.values) + "). Empty: no recognition recorded.",
        Joined(
            lambda: Recognition.private_objects.filter(withdrawn_on__isnull=True),
            F("recogniser"),
            ("recogniser", "pk"),
        ),
    ),
    PersonColumn(
        "held_at",
        "Slug of the facility where the person is reported held now (/facilities/<slug>/); "
        "several, marked contested, when reports differ.",
        # `Person.current_stays`: every open contested stay, else the latest open one.
        OnlyInCustody(
            FirstNonEmpty(
                Joined(
                    lambda: open_stays().filter(standing=Standing.CONTESTED),
                    Concat(F("facility__slug"), text(" (contested)"), output_field=CharField()),
                    STAY_ORDER,
                ),
                First(
                    open_stays,
                    F("facility__slug"),
                    (
                        Coalesce("reported_on", "from_on").desc(nulls_last=True),
                        "-pk",
                    ),
                ),
            )
        ),
    ),
    PersonColumn(
        "expected_release_computed",
        "Computed, not reported: arrest date plus the term the verdicts add up to; credit for "
        "pre-trial custody, pardons and further cases are not applied. Only for people held.",
        OnlyInCustody(
            Greatest(
                running_custodial_detentions,
                AddMonths(F("detained_on"), F("term_months")),
                kind=DATE,
            )
        ),
    ),
    PersonColumn(
        "inferred_or_contested",
        "Values on this person's record that are inferred or contested, each with who inferred "
        "it and from what or how sources differ, separated by '; '. Empty: all reported.",
        JoinedNonEmpty(
            Joined(
                not_reported(Detention.private_objects.all),
                standing_label("detention"),
                DETENTION_ORDER,
            ),
            Joined(
                not_reported(Verdict.private_objects.all),
                standing_label("verdict"),
                (
                    "detention__detained_on",
                    "detention__pk",
                    F("decided_on").asc(nulls_last=True),
                    "pk",
                ),
                person="detention__person",
            ),
            Joined(
                not_reported(Stay.private_objects.all),
                standing_label("place of detention"),
                STAY_ORDER,
            ),
            Joined(
                not_reported(Recognition.private_objects.all),
                standing_label("recognition"),
                ("recogniser", "pk"),
            ),
            Joined(not_reported(public_outcomes), standing_label("release outcome"), OUTCOME_ORDER),
        ),
    ),
    PersonColumn(
        "citizenships",
        "ISO 3166 codes of every reported citizenship, separated by '; '.",
        # Stored sorted and comma-separated ('BY,PL') by django-countries.
        Field(Replace(F("citizenships"), text(","), text("; "))),
    ),
    PersonColumn(
        "occupations",
        "Occupations or roles, separated by '; '.",
        Joined(
            Person.occupations.through.objects.all,
            F("occupation__name"),
            ("occupation__name", "occupation__pk"),
        ),
    ),
    PersonColumn("role", "Who the person is, in a phrase.", Field(F("role"))),
    PersonColumn(
        "birth_date",
        "Date of birth (the first day of the period if only the month or year is known).",
        Field(F("birth_date"), DATE),
    ),
    PersonColumn(
        "birth_date_precision",
        "day, month or year.",
        Field(when_dated("birth_date", "birth_date_precision")),
    ),
    PersonColumn(
        "first_detained_on",
        "Date of the earliest recorded arrest.",
        Least(Detention.private_objects.all, F("detained_on"), kind=DATE),
    ),
    PersonColumn(
        "longest_sentence_months",
        "The longest term over the person's detentions, in months, as the verdicts add up "
        "(an appeal sets the term, an added sentence lengthens it).",
        Greatest(Detention.private_objects.all, F("term_months"), kind=NUMBER),
    ),
    PersonColumn(
        "charges",
        "Criminal-code articles charged, over all detentions, separated by '; '.",
        Joined(
            Charge.private_objects.all,
            charge_label(),
            ("detention__detained_on", "detention__pk", "pk"),
            person="detention__person",
            first_seen=True,
        ),
    ),
    PersonColumn(
        "releases",
        "Releases that freed the person, each with its outcome, separated by '; '.",
        Joined(
            public_outcomes,
            Concat(
                F("release__slug"), text(" ("), F("outcome"), text(")"), output_field=CharField()
            ),
            OUTCOME_ORDER,
        ),
    ),
    # The path reads the URLconf: `page_path` is called when a file is made.
    PersonColumn("url", "Path of the person's page on this site.", Field(page_path)),
]

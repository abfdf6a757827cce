"""The SQL parts of the people CSV's cells (`columns`): the rows each list gathers, and the
expressions that word a row the way the pages do ('Art. 13 part 1 + Art. 293 part 2
(preparation)', 'detention inferred: …')."""

from django.db.models import Case, CharField, Exists, F, OuterRef, Value, When
from django.db.models.functions import Concat

from interchange.csv_files.people.months import AddMonths
from ledger.site_urls import absolute_reverse
from prisoners.models import (
    ChargeQualifier,
    Detention,
    Standing,
    Stay,
    Verdict,
)
from prisoners.models.detentions import CUSTODIAL
from releases.models import Release, ReleasedPerson


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


def disputed_stays_of(person=None):
    """Open reports of where someone is held that others contest (of `person`, when given)."""
    stays = open_stays().filter(standing=Standing.CONTESTED)
    return stays if person is None else stays.filter(person=person)


def page_url():
    """The address of a person's page: the site's public address, the URLconf's
    `/prisoners/` + slug + `/` (a file is read away from the site: a path alone is no use)."""
    marker = "csv-slug-marker"
    before, after = absolute_reverse("prisoners:person-detail", slug=marker).split(marker)
    return Concat(text(before), F("slug"), text(after), output_field=CharField())


AT_PRECISION = "no more precisely than known: 2025-09-11, 2025-09 or 2025."
#: A running term's end: the arrest date plus the term (`Detention.expected_release`).
EXPECTED_END = AddMonths(F("detained_on"), F("term_months"))


def when_dated(date_field: str, precision_field: str):
    return Case(When(**{f"{date_field}__isnull": False}, then=F(precision_field)), default=text(""))

"""The people cells as portable SQL expressions: one query, the same on SQLite and PostgreSQL.

Plain fields are `F`s, conditional ones `Case`s, and each list over related rows (other names,
recognitions, places of detention, inferred or contested values, occupations, charges, releases)
is a correlated `JoinedStrings` subquery, so the query stays one row per person. Two columns fetch
their material here and finish in a line of Python (`person_values`), because SQLite and
PostgreSQL disagree: `expected_release_computed` (month arithmetic pinned to the month's end) and
`charges` (distinct labels in first-seen order).

SQLite writes the file from these (`csv_export.sql_rows`). PostgreSQL takes the plain columns
from here too, but joins the lists from per-person aggregates instead (`person_copy`): a
correlated subquery per list and per person is what made this query slow at scale.
"""

from django.db.models import Case, CharField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import reverse

from ..models import (
    IN_CUSTODY,
    Charge,
    ChargeQualifier,
    Detention,
    Person,
    PersonName,
    Recognition,
    Standing,
    Stay,
    Verdict,
)
from ..models.detentions import CUSTODIAL
from ..sql_aggregates import JoinedStrings, JoinNonEmpty
from .person_values import UNIT

# The same cells in SQL. Orderings repeat the models' Meta orderings (what a prefetch returns),
# with the primary key to break ties.
DETENTION_ORDER = ("detained_on", "pk")
STAY_ORDER = (F("from_on").asc(nulls_first=True), F("reported_on").asc(nulls_first=True), "pk")
OUTCOME_ORDER = ("-release__released_on", "-release__pk")


def text(value: str):
    return Value(value, output_field=CharField())


def when_in_custody(expression):
    return Case(
        When(status__in=IN_CUSTODY, then=expression), default=text(""), output_field=CharField()
    )


def standing_label_sql(what: str):
    """`HasStanding.standing_label` prefixed with what it is about; rows reported are excluded."""
    word = Case(When(standing=Standing.INFERRED, then=text("inferred")), default=text("contested"))
    note = Case(
        When(standing_note="", then=text("")), default=Concat(text(": "), F("standing_note"))
    )
    return Concat(text(f"{what} "), word, note, output_field=CharField())


def not_reported(queryset):
    return queryset.exclude(standing=Standing.REPORTED)


def released_person_model():
    return Person._meta.get_field("release_outcomes").related_model


def public_release_outcomes_of_person():
    model = released_person_model()
    release = model._meta.get_field("release").related_model
    return model.private_objects.filter(
        release.public_condition("release__"), person=OuterRef("pk")
    )


def other_names_sql():
    constructed = Case(When(is_attested=True, then=text("")), default=text(", constructed"))
    spelling = Concat(
        F("name"),
        text(" ["),
        F("language"),
        text("-"),
        F("script"),
        constructed,
        text("]"),
        output_field=CharField(),
    )
    names = PersonName.private_objects.filter(person=OuterRef("pk"))
    return JoinedStrings(names, spelling, ("language", "pk"))


def recognised_by_sql():
    standing = Recognition.private_objects.filter(person=OuterRef("pk"), withdrawn_on__isnull=True)
    return JoinedStrings(standing, F("recogniser"), ("recogniser", "pk"))


def held_at_sql():
    """`Person.current_stays`: every open contested stay, else the latest open one."""
    open_stays = Stay.private_objects.filter(person=OuterRef("pk"), until_on__isnull=True)
    contested = JoinedStrings(
        open_stays.filter(standing=Standing.CONTESTED),
        Concat(F("facility__slug"), text(" (contested)"), output_field=CharField()),
        STAY_ORDER,
    )
    latest = (
        open_stays.annotate(dated=Coalesce("reported_on", "from_on"))
        .order_by(F("dated").desc(nulls_last=True), "-pk")
        .values("facility__slug")[:1]
    )
    return when_in_custody(
        Coalesce(contested, Subquery(latest), text(""), output_field=CharField())
    )


def expected_release_sql():
    """'arrest|term months' of each running custodial detention (`Detention.expected_release`);
    `latest_expected_release` adds the months in Python, as `add_months` does."""
    running = Detention.private_objects.filter(
        Exists(
            Verdict.private_objects.filter(detention=OuterRef("pk"), sentence_kind__in=CUSTODIAL)
        ),
        person=OuterRef("pk"),
        ended_on__isnull=True,
        term_months__isnull=False,
    )
    item = Concat(
        Cast("detained_on", CharField()),
        text("|"),
        Cast("term_months", CharField()),
        output_field=CharField(),
    )
    return when_in_custody(JoinedStrings(running, item, DETENTION_ORDER, separator=UNIT))


def inferred_or_contested_sql():
    person = OuterRef("pk")
    detentions = not_reported(Detention.private_objects.filter(person=person))
    verdicts = not_reported(Verdict.private_objects.filter(detention__person=person))
    stays = not_reported(Stay.private_objects.filter(person=person))
    recognitions = not_reported(Recognition.private_objects.filter(person=person))
    outcomes = not_reported(public_release_outcomes_of_person())
    return JoinNonEmpty(
        JoinedStrings(detentions, standing_label_sql("detention"), DETENTION_ORDER),
        JoinedStrings(
            verdicts,
            standing_label_sql("verdict"),
            (
                "detention__detained_on",
                "detention__pk",
                F("decided_on").asc(nulls_last=True),
                "pk",
            ),
        ),
        JoinedStrings(stays, standing_label_sql("place of detention"), STAY_ORDER),
        JoinedStrings(recognitions, standing_label_sql("recognition"), ("recogniser", "pk")),
        JoinedStrings(outcomes, standing_label_sql("release outcome"), OUTCOME_ORDER),
    )


def occupations_sql():
    held = Person.occupations.through.objects.filter(person=OuterRef("pk"))
    return JoinedStrings(held, F("occupation__name"), ("occupation__name", "occupation__pk"))


def charge_label_sql():
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


def charges_sql():
    charges = Charge.private_objects.filter(detention__person=OuterRef("pk"))
    order = ("detention__detained_on", "detention__pk", "pk")
    return JoinedStrings(charges, charge_label_sql(), order, separator=UNIT)


def releases_sql():
    outcome = Concat(
        F("release__slug"), text(" ("), F("outcome"), text(")"), output_field=CharField()
    )
    return JoinedStrings(public_release_outcomes_of_person(), outcome, OUTCOME_ORDER)


def url_sql():
    marker = "csv-slug-marker"
    before, after = reverse("prisoners:person-detail", kwargs={"slug": marker}).split(marker)
    return Concat(text(before), F("slug"), text(after), output_field=CharField())


def with_sort_keys(people):
    """`first_detained_on` and `longest_sentence_months`, as `with_list_details` annotates them
    (the list's sort keys and two columns), from subqueries: no join multiplies the rows.

    Aliases, not annotations: the database computes them only where they are used, so the
    PostgreSQL export, which reads both from its detention aggregate, pays for them only when the
    file is sorted by one of them."""
    detentions = Detention.private_objects.filter(person=OuterRef("pk")).order_by()
    return people.alias(
        first_detained_on=Subquery(detentions.order_by("detained_on").values("detained_on")[:1]),
        longest_sentence_months=Subquery(
            detentions.filter(term_months__isnull=False)
            .order_by("-term_months")
            .values("term_months")[:1]
        ),
    )


def when_dated(date_field: str, precision_field: str):
    return Case(When(**{f"{date_field}__isnull": False}, then=F(precision_field)), default=text(""))

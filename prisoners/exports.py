"""The people CSV: columns declared once, as data (label, value, meaning, SQL expression).

Every people column is SQL, so the file is one query (see `csv_export`): plain fields are `F`s,
conditional ones `Case`s, and each list over related rows (other names, recognitions, places of
detention, inferred or contested values, occupations, charges, releases) is a correlated
`JoinedStrings` subquery, so the main query stays one row per person. Two columns fetch their
material in SQL and finish in a line of Python (`convert`), because SQLite and PostgreSQL disagree:
`expected_release_computed` (month arithmetic pinned to the month's end: `add_months`) and
`charges` (distinct labels in first-seen order). `first_detained_on` and
`longest_sentence_months` read the queryset's annotations of those names, as the Python values do.

The Python `value`s are the reference: they render the same cells from a `with_list_details()`
person, and the tests hold the two to agreement cell by cell.
"""

import datetime

from django.db.models import Case, CharField, Exists, F, OuterRef, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Replace
from django.urls import reverse

from .csv_export import Column, join
from .models import (
    IN_CUSTODY,
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
from .models.detentions import CUSTODIAL
from .partial_dates import add_months
from .sql_aggregates import JoinedStrings, JoinNonEmpty

#: Separates items that Python still handles; never in a name or an article (ASCII unit separator).
UNIT = "\x1f"


def iso(date) -> str:
    return date.isoformat() if date else ""


def spelling(name) -> str:
    tags = f"{name.language}-{name.script}" + ("" if name.is_attested else ", constructed")
    return f"{name.name} [{tags}]"


def held_at(stay) -> str:
    return f"{stay.facility.slug} (contested)" if stay.is_contested else stay.facility.slug


def standing_notes(person):
    """'release outcome inferred: …' for every non-reported value on the person's record."""
    records = [
        *(("detention", d) for d in person.detentions.all()),
        *(("verdict", v) for d in person.detentions.all() for v in d.verdicts.all()),
        *(("place of detention", s) for s in person.stays.all()),
        *(("recognition", r) for r in person.recognitions.all()),
        *(("release outcome", o) for o in person.public_release_outcomes()),
    ]
    return [f"{what} {record.standing_label}" for what, record in records if record.standing_label]


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


def latest_expected_release(value) -> str:
    if not value:
        return ""
    ends = []
    for item in value.split(UNIT):
        arrested, months = item.split("|")
        ends.append(add_months(datetime.date.fromisoformat(arrested), int(months)))
    return max(ends).isoformat()


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


def distinct_labels(value) -> str:
    """`Person.charge_articles`: each label once, where first seen."""
    return join(dict.fromkeys(value.split(UNIT))) if value else ""


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
    (the list's sort keys and two columns), from subqueries: no join multiplies the rows."""
    detentions = Detention.private_objects.filter(person=OuterRef("pk")).order_by()
    return people.annotate(
        first_detained_on=Subquery(detentions.order_by("detained_on").values("detained_on")[:1]),
        longest_sentence_months=Subquery(
            detentions.filter(term_months__isnull=False)
            .order_by("-term_months")
            .values("term_months")[:1]
        ),
    )


def when_dated(date_field: str, precision_field: str):
    return Case(When(**{f"{date_field}__isnull": False}, then=F(precision_field)), default=text(""))


PERSON_COLUMNS = [
    Column(
        "slug",
        lambda p: p.slug,
        "Stable identifier; the person's page is /prisoners/<slug>/.",
        F("slug"),
    ),
    Column(
        "name",
        lambda p: p.display_name,
        "The name in its most used English spelling.",
        F("display_name"),
    ),
    Column(
        "other_names",
        lambda p: join(spelling(n) for n in p.names.all()),
        "Every recorded spelling with its language and script, separated by '; '. A spelling "
        "built by transliteration rather than found in a source is marked 'constructed'.",
        other_names_sql,
    ),
    Column(
        "patronymic", lambda p: p.patronymic, "The father's name, where recorded.", F("patronymic")
    ),
    Column(
        "gender", lambda p: p.gender, "female, male or other; empty when not reported.", F("gender")
    ),
    Column(
        "status",
        lambda p: p.status,
        "Derived status: " + ", ".join(Status.values) + ".",
        F("status"),
    ),
    Column(
        "status_country",
        lambda p: p.status_country.code if p.status_country else "",
        "For a deported person: the ISO code of the country they were sent to.",
        F("status_country"),
    ),
    Column(
        "status_since",
        lambda p: iso(p.status_since),
        "Date of the event that set the status (arrest, release...).",
        F("status_since"),
        iso,
    ),
    Column(
        "status_as_of",
        lambda p: iso(p.status_as_of),
        "The latest date the record confirms the status (for someone held: the latest verdict, "
        "report of where they are held, or release that left them behind).",
        F("status_as_of"),
        iso,
    ),
    Column(
        "status_as_of_precision",
        lambda p: p.status_as_of_precision if p.status_as_of else "",
        "day, month or year.",
        when_dated("status_as_of", "status_as_of_precision"),
    ),
    Column(
        "recognised_by",
        lambda p: join(r.recogniser for r in p.standing_recognitions()),
        "Bodies whose recognition of the person as a political prisoner stands, separated by "
        "'; ' (" + ", ".join(Recogniser.values) + "). Empty: no recognition recorded.",
        recognised_by_sql,
    ),
    Column(
        "held_at",
        lambda p: join(held_at(stay) for stay in p.current_stays()),
        "Slug of the facility where the person is reported held now (/facilities/<slug>/); "
        "several, marked contested, when reports differ.",
        held_at_sql,
    ),
    Column(
        "expected_release_computed",
        lambda p: iso((p.expected_release() or (None,))[0]),
        "Computed, not reported: arrest date plus the term the verdicts add up to; credit for "
        "pre-trial custody, pardons and further cases are not applied. Only for people held.",
        expected_release_sql,
        latest_expected_release,
    ),
    Column(
        "inferred_or_contested",
        lambda p: join(standing_notes(p)),
        "Values on this person's record that are inferred or contested, each with who inferred "
        "it and from what or how sources differ, separated by '; '. Empty: all reported.",
        inferred_or_contested_sql,
    ),
    Column(
        "citizenships",
        lambda p: join(c.code for c in p.citizenships),
        "ISO 3166 codes of every reported citizenship, separated by '; '.",
        # Stored sorted and comma-separated ('BY,PL') by django-countries.
        Replace(F("citizenships"), text(","), text("; ")),
    ),
    Column(
        "occupations",
        lambda p: join(o.name for o in p.occupations.all()),
        "Occupations or roles, separated by '; '.",
        occupations_sql,
    ),
    Column("role", lambda p: p.role, "Who the person is, in a phrase.", F("role")),
    Column(
        "birth_date",
        lambda p: p.birth_date.isoformat() if p.birth_date else "",
        "Date of birth (the first day of the period if only the month or year is known).",
        F("birth_date"),
        iso,
    ),
    Column(
        "birth_date_precision",
        lambda p: p.birth_date_precision if p.birth_date else "",
        "day, month or year.",
        when_dated("birth_date", "birth_date_precision"),
    ),
    Column(
        "first_detained_on",
        lambda p: p.first_detained_on.isoformat() if p.first_detained_on else "",
        "Date of the earliest recorded arrest.",
        F("first_detained_on"),
        iso,
    ),
    Column(
        "longest_sentence_months",
        lambda p: p.longest_sentence_months,
        "The longest term over the person's detentions, in months, as the verdicts add up "
        "(an appeal sets the term, an added sentence lengthens it).",
        F("longest_sentence_months"),
    ),
    Column(
        "charges",
        lambda p: join(p.charge_articles()),
        "Criminal-code articles charged, over all detentions, separated by '; '.",
        charges_sql,
        distinct_labels,
    ),
    Column(
        "releases",
        lambda p: join(f"{o.release.slug} ({o.outcome})" for o in p.public_release_outcomes()),
        "Releases that freed the person, each with its outcome, separated by '; '.",
        releases_sql,
    ),
    Column(
        "url",
        lambda p: p.get_absolute_url(),
        "Path of the person's page on this site.",
        url_sql,
    ),
]

"""The people CSV's columns, declared once, as data: label, Python value, meaning, SQL.

The `value`s are the reference (`person_values`); the expressions give the same cells in SQL
(`person_sql`), and PostgreSQL writes the lists from per-person aggregates (`person_copy`). The
help texts document the columns on the public data page.
"""

from django.db.models import F
from django.db.models.functions import Replace

from ..csv_export import Column, join
from ..models import Recogniser, Status
from .person_sql import (
    charges_sql,
    expected_release_sql,
    held_at_sql,
    inferred_or_contested_sql,
    occupations_sql,
    other_names_sql,
    recognised_by_sql,
    releases_sql,
    text,
    url_sql,
    when_dated,
)
from .person_values import (
    distinct_labels,
    held_at,
    iso,
    latest_expected_release,
    spelling,
    standing_notes,
)

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
    *(
        Column(
            f"name_{language}",
            lambda p, field=f"name_{language}": getattr(p, field),
            f"The {language_name} spelling shown first on pages in {language_name} "
            f"({script}); empty when the record has none.",
            F(f"name_{language}"),
        )
        for language, language_name, script in (
            ("be", "Belarusian", "Cyrillic"),
            ("ru", "Russian", "Cyrillic"),
            ("pl", "Polish", "Latin"),
        )
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

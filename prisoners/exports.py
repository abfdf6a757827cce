"""The people CSV: columns declared once, as data (label, value, meaning)."""

from .csv_export import Column, join
from .models import Recogniser, Status


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


PERSON_COLUMNS = [
    Column("slug", lambda p: p.slug, "Stable identifier; the person's page is /prisoners/<slug>/."),
    Column("name", lambda p: p.display_name, "The name in its most used English spelling."),
    Column(
        "other_names",
        lambda p: join(spelling(n) for n in p.names.all()),
        "Every recorded spelling with its language and script, separated by '; '. A spelling "
        "built by transliteration rather than found in a source is marked 'constructed'.",
    ),
    Column("patronymic", lambda p: p.patronymic, "The father's name, where recorded."),
    Column("gender", lambda p: p.gender, "female, male or other; empty when not reported."),
    Column(
        "status",
        lambda p: p.status,
        "Derived status: " + ", ".join(Status.values) + ".",
    ),
    Column(
        "status_country",
        lambda p: p.status_country.code if p.status_country else "",
        "For a deported person: the ISO code of the country they were sent to.",
    ),
    Column(
        "status_since",
        lambda p: iso(p.status_since),
        "Date of the event that set the status (arrest, release...).",
    ),
    Column(
        "status_as_of",
        lambda p: iso(p.status_as_of),
        "The latest date the record confirms the status (for someone held: the latest verdict, "
        "report of where they are held, or release that left them behind).",
    ),
    Column(
        "status_as_of_precision",
        lambda p: p.status_as_of_precision if p.status_as_of else "",
        "day, month or year.",
    ),
    Column(
        "recognised_by",
        lambda p: join(r.recogniser for r in p.standing_recognitions()),
        "Bodies whose recognition of the person as a political prisoner stands, separated by "
        "'; ' (" + ", ".join(Recogniser.values) + "). Empty: no recognition recorded.",
    ),
    Column(
        "held_at",
        lambda p: join(held_at(stay) for stay in p.current_stays()),
        "Slug of the facility where the person is reported held now (/facilities/<slug>/); "
        "several, marked contested, when reports differ.",
    ),
    Column(
        "expected_release_computed",
        lambda p: iso((p.expected_release() or (None,))[0]),
        "Computed, not reported: arrest date plus the term the verdicts add up to; credit for "
        "pre-trial custody, pardons and further cases are not applied. Only for people held.",
    ),
    Column(
        "inferred_or_contested",
        lambda p: join(standing_notes(p)),
        "Values on this person's record that are inferred or contested, each with who inferred "
        "it and from what or how sources differ, separated by '; '. Empty: all reported.",
    ),
    Column(
        "citizenships",
        lambda p: join(c.code for c in p.citizenships),
        "ISO 3166 codes of every reported citizenship, separated by '; '.",
    ),
    Column(
        "occupations",
        lambda p: join(o.name for o in p.occupations.all()),
        "Occupations or roles, separated by '; '.",
    ),
    Column("role", lambda p: p.role, "Who the person is, in a phrase."),
    Column(
        "birth_date",
        lambda p: p.birth_date.isoformat() if p.birth_date else "",
        "Date of birth (the first day of the period if only the month or year is known).",
    ),
    Column(
        "birth_date_precision",
        lambda p: p.birth_date_precision if p.birth_date else "",
        "day, month or year.",
    ),
    Column(
        "first_detained_on",
        lambda p: p.first_detained_on.isoformat() if p.first_detained_on else "",
        "Date of the earliest recorded arrest.",
    ),
    Column(
        "longest_sentence_months",
        lambda p: p.longest_sentence_months,
        "The longest term over the person's detentions, in months, as the verdicts add up "
        "(an appeal sets the term, an added sentence lengthens it).",
    ),
    Column(
        "charges",
        lambda p: join(p.charge_articles()),
        "Criminal-code articles charged, over all detentions, separated by '; '.",
    ),
    Column(
        "releases",
        lambda p: join(f"{o.release.slug} ({o.outcome})" for o in p.public_release_outcomes()),
        "Releases that freed the person, each with its outcome, separated by '; '.",
    ),
    Column("url", lambda p: p.get_absolute_url(), "Path of the person's page on this site."),
]

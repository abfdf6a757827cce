"""The people CSV: columns declared once, as data (label, value, meaning)."""

from .csv_export import Column, join

PERSON_COLUMNS = [
    Column("slug", lambda p: p.slug, "Stable identifier; the person's page is /prisoners/<slug>/."),
    Column("name", lambda p: p.display_name, "The name in its most used English spelling."),
    Column(
        "other_names",
        lambda p: join(f"{n.name} [{n.language}-{n.script}]" for n in p.names.all()),
        "Every recorded spelling with its language and script, separated by '; '.",
    ),
    Column(
        "status",
        lambda p: p.status,
        "Derived status: held, released_in_country, deported, "
        "refused_deportation, deceased or unknown.",
    ),
    Column(
        "status_country",
        lambda p: p.status_country.code if p.status_country else "",
        "For a deported person: the ISO code of the country they were sent to.",
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
        "The longest recorded sentence, in months.",
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

"""What each people cell says, in Python, from a `with_list_details()` person: the reference.

The file itself is written by SQL (`person_sql` on SQLite, `person_copy` on PostgreSQL); these
values render the same cells one person at a time, and tests hold the SQL to them cell by cell.
"""

import datetime

from ..csv_export import join
from ..partial_dates import add_months

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


def latest_expected_release(value) -> str:
    """From 'arrest|term months' items (`person_sql.expected_release_sql`): the latest end, with
    the months added as `add_months` does (SQLite has no month arithmetic that pins the day)."""
    if not value:
        return ""
    ends = []
    for item in value.split(UNIT):
        arrested, months = item.split("|")
        ends.append(add_months(datetime.date.fromisoformat(arrested), int(months)))
    return max(ends).isoformat()


def distinct_labels(value) -> str:
    """`Person.charge_articles`: each label once, where first seen."""
    return join(dict.fromkeys(value.split(UNIT))) if value else ""

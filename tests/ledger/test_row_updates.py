"""`ledger.row_updates.update_rows`: each row's own new values, one UPDATE per chunk, on SQLite
and PostgreSQL alike; and the status refresh that writes through it keeps its promises (no history
rows, no version bump of the record, the page cache moved on)."""

import datetime

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from ledger import row_updates
from ledger.caching.pages import current_version
from ledger.row_updates import update_rows
from prisoners.models import Detention, Person, Status
from prisoners.status import STATUS_FIELDS, refresh_statuses
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2021, 3, 25)
# status, country, since, since precision, as of, as-of precision: strings, codes, dates, NULLs
ROWS = [
    (Status.HELD, "", DAY, "day", None, "day"),
    (Status.DEPORTED, "LT", datetime.date(2025, 9, 11), "month", datetime.date(2025, 9, 30), "day"),
    (Status.UNKNOWN, "", None, "year", None, "month"),
    (Status.RELEASED_IN_COUNTRY, "", datetime.date(2024, 1, 1), "year", DAY, "year"),
    (Status.DECEASED, "PL", datetime.date(2023, 6, 2), "day", None, "day"),
]


def stored(people):
    rows = Person.private_objects.filter(pk__in=[p.pk for p in people]).order_by("pk")
    return [
        tuple(
            str(value) if name == "status_country" else value
            for name, value in zip(STATUS_FIELDS, row, strict=True)
        )
        for row in rows.values_list(*STATUS_FIELDS)
    ]


@pytest.fixture(params=["update-from", "bulk-update"])
def writer(request, monkeypatch):
    """The UPDATE ... FROM statement, and Django's bulk_update where the database lacks it."""
    if request.param == "bulk-update":
        monkeypatch.setattr(row_updates, "supports_update_from", lambda connection: False)
    return request.param


def test_each_row_gets_its_own_values(writer):
    people = [f.PersonFactory() for _ in ROWS]
    bystander = f.PersonFactory()
    bystander_before = stored([bystander])
    for person, row in zip(people, ROWS, strict=True):
        for name, value in zip(STATUS_FIELDS, row, strict=True):
            setattr(person, name, value)

    assert update_rows(Person, people, STATUS_FIELDS, chunk_size=2) == len(people)

    assert stored(people) == [tuple(row) for row in ROWS]
    assert stored([bystander]) == bystander_before


def test_integers_and_nulls(writer):
    detentions = [f.DetentionFactory(sentence_months=None) for _ in range(3)]
    for detention, term in zip(detentions, [7, None, 240], strict=True):
        detention.term_months = term
    update_rows(Detention, detentions, ["term_months"])
    terms = Detention.private_objects.filter(pk__in=[d.pk for d in detentions]).order_by("pk")
    assert list(terms.values_list("term_months", flat=True)) == [7, None, 240]


def test_one_statement_per_chunk():
    people = [f.PersonFactory() for _ in ROWS]
    for person in people:
        person.status = Status.RELEASED
    with CaptureQueriesContext(connection) as queries:
        update_rows(Person, people, ["status"], chunk_size=2)
    updates = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("UPDATE")]
    assert len(updates) == 3  # 2 + 2 + 1 rows
    assert all(" FROM (VALUES " in sql for sql in updates)
    assert not [q for q in queries if "CASE WHEN" in q["sql"]]


def test_nothing_to_write_sends_nothing():
    with CaptureQueriesContext(connection) as queries:
        assert update_rows(Person, [], STATUS_FIELDS) == 0
    assert not queries


def test_a_status_refresh_writes_every_derived_field_and_no_history():
    person = f.PersonFactory()
    detention = f.DetentionFactory(person=person, sentence_months=36)
    f.ReleasedPersonFactory(person=person, outcome="deported", destination="LT")
    person = Person.private_objects.get(pk=person.pk)
    derived = person.derive_custody()
    # A stale cache (as after a restore or a write that bypassed Django): plain QuerySet writes
    # that neither refresh nor record history.
    models.QuerySet(Person).filter(pk=person.pk).update(
        status=Status.UNKNOWN,
        status_country="PL",
        status_since=None,
        status_since_precision="year",
        status_as_of=datetime.date(2000, 1, 1),
        status_as_of_precision="year",
    )
    models.QuerySet(Detention).filter(pk=detention.pk).update(term_months=None)
    history = (person.history.count(), detention.history.count())
    version = Person.private_objects.get(pk=person.pk).version

    assert refresh_statuses([person.pk]) == 1

    person = Person.private_objects.get(pk=person.pk)
    assert stored([person]) == [
        (
            derived.status,
            derived.country,
            derived.since,
            derived.since_precision,
            derived.as_of,
            derived.as_of_precision,
        )
    ]
    assert person.status == Status.DEPORTED
    assert Detention.private_objects.get(pk=detention.pk).term_months == 36
    assert (person.history.count(), detention.history.count()) == history
    assert person.version == version  # open edit forms are not made stale by a cache write


@pytest.mark.django_db(transaction=True)
def test_a_status_refresh_moves_the_page_cache_version_on():
    """The refresh writes with raw SQL through Django's cursor: the write watcher sees it. Only
    the person's cached fields are stale here, so that UPDATE is the refresh's only write."""
    person = f.PersonFactory()
    f.DetentionFactory(person=person)
    models.QuerySet(Person).filter(pk=person.pk).update(status=Status.UNKNOWN)
    before = current_version()

    with CaptureQueriesContext(connection) as queries:
        assert refresh_statuses([person.pk]) == 1

    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "siteversion" not in q["sql"]
    ]
    assert len(writes) == 1 and "prisoners_person" in writes[0]
    assert current_version() == before + 1
    assert Person.private_objects.get(pk=person.pk).status == Status.HELD

"""Person.status is a cache with one writer: after any sequence of edits, by any path, the stored
status equals the one derived from the published record."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from prisoners.custody import custody_prefetch
from prisoners.models import Detention, Person, Status, Stay, Verdict
from releases.models import NotableOmission, Release, ReleasedPerson
from tests import factories as f

PEOPLE = 3
RELEASES = 2
DAYS = [datetime.date(2021, 1, 1) + datetime.timedelta(days=200 * n) for n in range(8)]


def assert_statuses_are_derived():
    """Status, country, since, as-of, the status history and every term are what the record
    derives, after every edit."""
    for person in Person.private_objects.prefetch_related(
        *custody_prefetch(Person), "status_periods"
    ):
        derived = person.derive_custody()
        stored = (
            person.status,
            str(person.status_country or ""),
            person.status_since,
            person.status_since_precision,
            person.status_as_of,
            person.status_as_of_precision,
        )
        assert stored == (
            derived.status,
            derived.country,
            derived.since,
            derived.since_precision,
            derived.as_of,
            derived.as_of_precision,
        ), (
            person,
            stored,
            derived,
        )
        periods = [
            (p.status, p.country, p.started_on, p.ended_on) for p in person.status_periods.all()
        ]
        assert periods == [(s, c, start, end) for s, c, start, _, end, _ in derived.periods]
        for detention in person.detentions.all():
            assert detention.term_months == detention.computed_term_months(), detention


person_index = st.integers(0, PEOPLE - 1)
release_index = st.integers(0, RELEASES - 1)
day = st.sampled_from(DAYS)
outcome = st.sampled_from(
    ["deported", "refused_returned", "released_in_country", "stayed_voluntarily", "unknown"]
)

operations = st.one_of(
    st.tuples(st.just("detain"), person_index, day),
    st.tuples(st.just("end_detention"), person_index, day),
    st.tuples(st.just("delete_detention"), person_index),
    st.tuples(st.just("move_detention"), person_index, person_index),
    st.tuples(st.just("free"), person_index, release_index, outcome),
    st.tuples(st.just("move_outcome"), person_index, person_index),
    st.tuples(st.just("bulk_outcome"), outcome),
    st.tuples(st.just("delete_outcome"), person_index),
    st.tuples(st.just("publish"), release_index, st.booleans()),
    st.tuples(st.just("bulk_publish"), st.booleans()),
    st.tuples(st.just("redate"), release_index, day),
    st.tuples(st.just("withdraw"), release_index, st.booleans()),
    st.tuples(st.just("die"), person_index, st.booleans()),
    st.tuples(st.just("bulk_die"), st.booleans()),
    st.tuples(st.just("verdict"), person_index, st.sampled_from(["first_instance", "added"])),
    st.tuples(st.just("delete_verdict"), person_index),
    st.tuples(st.just("bulk_verdict"), st.integers(0, 240)),
    st.tuples(st.just("stay"), person_index, day),
    st.tuples(st.just("leave_stay"), person_index, day),
    st.tuples(st.just("omit"), person_index, release_index),
    st.tuples(st.just("delete_omission"), person_index),
)


def apply(operation, people, releases):
    kind, *args = operation
    if kind == "detain":
        f.DetentionFactory(person=people[args[0]], detained_on=args[1])
    elif kind == "end_detention":
        detention = Detention.private_objects.filter(person=people[args[0]]).first()
        if detention is not None:
            detention.ended_on = max(args[1], detention.detained_on)
            detention.end_reason = "pardoned"
            detention.released_to = "LT"
            detention.save()
    elif kind == "delete_detention":
        Detention.private_objects.filter(person=people[args[0]]).delete()
    elif kind == "move_detention":
        detention = Detention.private_objects.filter(person=people[args[0]]).first()
        if detention is not None:
            detention.person = people[args[1]]
            detention.save()
    elif kind == "free":
        person, release, result = people[args[0]], releases[args[1]], args[2]
        if not ReleasedPerson.private_objects.filter(person=person, release=release).exists():
            f.ReleasedPersonFactory(
                person=person,
                release=release,
                outcome=result,
                destination="LT" if result == "deported" else "",
            )
    elif kind == "move_outcome":
        row = ReleasedPerson.private_objects.filter(person=people[args[0]]).first()
        target = people[args[1]]
        if (
            row
            and not ReleasedPerson.private_objects.filter(
                person=target, release=row.release
            ).exists()
        ):
            row.person = target
            row.save()
    elif kind == "bulk_outcome":
        destination = "LT" if args[0] == "deported" else ""
        ReleasedPerson.private_objects.update(outcome=args[0], destination=destination)
    elif kind == "delete_outcome":
        ReleasedPerson.private_objects.filter(person=people[args[0]]).delete()
    elif kind == "publish":
        release = Release.private_objects.get(pk=releases[args[0]].pk)
        release.is_published = args[1]
        release.save()
    elif kind == "bulk_publish":
        Release.private_objects.update(is_published=args[0])
    elif kind == "redate":
        release = Release.private_objects.get(pk=releases[args[0]].pk)
        release.released_on = args[1]
        release.save()
    elif kind == "withdraw":
        release = Release.private_objects.get(pk=releases[args[0]].pk)
        release.withdrawn_at = (
            datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) if args[1] else None
        )
        release.save()
    elif kind == "die":
        person = Person.private_objects.get(pk=people[args[0]].pk)
        person.died_on = datetime.date(2026, 1, 1) if args[1] else None
        person.save()
    elif kind == "bulk_die":
        Person.private_objects.update(died_on=datetime.date(2026, 1, 1) if args[0] else None)
    elif kind == "verdict":
        detention = Detention.private_objects.filter(person=people[args[0]]).first()
        if detention is not None:
            f.VerdictFactory(detention=detention, kind=args[1], decided_on=detention.detained_on)
    elif kind == "delete_verdict":
        Verdict.private_objects.filter(detention__person=people[args[0]]).delete()
    elif kind == "bulk_verdict":
        Verdict.private_objects.update(sentence_months=args[0])
    elif kind == "stay":
        f.StayFactory(person=people[args[0]], reported_on=args[1])
    elif kind == "leave_stay":
        stay = Stay.private_objects.filter(person=people[args[0]]).first()
        if stay is not None:
            stay.until_on = args[1]
            stay.save()
    elif kind == "omit":
        person, release = people[args[0]], releases[args[1]]
        if not NotableOmission.private_objects.filter(person=person, release=release).exists():
            f.NotableOmissionFactory(person=person, release=release)
    elif kind == "delete_omission":
        NotableOmission.private_objects.filter(person=people[args[0]]).delete()


class TestStatusAlwaysDerived(TestCase):
    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.lists(operations, min_size=1, max_size=12))
    def test_after_any_sequence_of_edits(self, sequence):
        people = [f.PersonFactory() for _ in range(PEOPLE)]
        releases = [f.ReleaseFactory(released_on=DAYS[3 + n]) for n in range(RELEASES)]
        for operation in sequence:
            apply(operation, people, releases)
            assert_statuses_are_derived()


pytestmark = pytest.mark.django_db


def test_moving_an_outcome_refreshes_the_person_it_left(editor_client):
    first, second = f.PersonFactory(), f.PersonFactory()
    f.DetentionFactory(person=first)
    f.DetentionFactory(person=second)
    row = f.ReleasedPersonFactory(person=first, outcome="deported", destination="LT")
    first.refresh_from_db()
    assert first.status == Status.DEPORTED

    row = ReleasedPerson.private_objects.get(pk=row.pk)
    row.person = second
    row.save()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Status.HELD
    assert second.status == Status.DEPORTED


def test_a_queryset_update_refreshes_statuses():
    person = f.PersonFactory()
    f.DetentionFactory(person=person)
    f.ReleasedPersonFactory(person=person, outcome="deported", destination="LT")
    ReleasedPerson.private_objects.update(outcome="refused_returned", destination="")
    person.refresh_from_db()
    assert person.status == Status.REFUSED_DEPORTATION


def test_an_unpublished_release_does_not_change_a_public_status():
    person = f.PersonFactory()
    f.DetentionFactory(person=person)
    release = f.ReleaseFactory(is_published=False)
    f.ReleasedPersonFactory(person=person, release=release, outcome="deported", destination="LT")
    person.refresh_from_db()
    assert person.status == Status.HELD

    release.is_published = True
    release.save()
    person.refresh_from_db()
    assert person.status == Status.DEPORTED

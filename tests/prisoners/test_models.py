import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ledger.partial_dates import DatePrecision, format_partial_date
from prisoners.models import (
    DetentionEnd,
    Person,
    ReleaseOutcome,
    Status,
    Visibility,
)
from prisoners.wording import status_text
from tests.factories import (
    ActorFactory,
    DetentionFactory,
    PersonFactory,
    ReleasedPersonFactory,
    ReleaseFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

ARREST = datetime.date(2021, 3, 25)


class TestConstraints:
    def test_verdict_before_arrest_is_reported_in_words(self):
        detention = DetentionFactory(detained_on=ARREST, sentence_months=None)
        verdict = VerdictFactory.build(detention=detention, decided_on=datetime.date(2020, 1, 1))
        with pytest.raises(ValidationError, match="decision cannot come before the arrest"):
            verdict.full_clean()

    def test_negative_sentence_is_refused(self):
        detention = DetentionFactory(sentence_months=None)
        verdict = VerdictFactory.build(detention=detention, sentence_months=-1)
        with pytest.raises(ValidationError, match="sentence cannot be negative"):
            verdict.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            verdict.save()

    def test_release_before_arrest_is_refused(self):
        detention = DetentionFactory.build(
            person=PersonFactory(),
            detained_on=ARREST,
            ended_on=datetime.date(2021, 1, 1),
            end_reason=DetentionEnd.PARDONED,
            released_to="BY",
        )
        with pytest.raises(ValidationError, match="cannot end before the arrest"):
            detention.full_clean()

    def test_deportation_needs_a_destination(self):
        released = ReleasedPersonFactory.build(
            release=ReleaseFactory(), person=PersonFactory(), destination=""
        )
        with pytest.raises(ValidationError, match="Say where the person was deported to"):
            released.full_clean()

    def test_death_before_birth_is_refused(self):
        person = PersonFactory.build(
            birth_date=datetime.date(1970, 1, 1), died_on=datetime.date(1960, 1, 1)
        )
        with pytest.raises(ValidationError, match="date of death cannot be before"):
            person.full_clean()


class TestDerivedStatus:
    def test_no_record_is_unknown(self):
        assert PersonFactory().status == Status.UNKNOWN

    def test_open_detention_is_held(self):
        detention = DetentionFactory()
        detention.person.refresh_from_db()
        assert detention.person.status == Status.HELD

    def test_detention_ended_at_home_is_released_inside_the_country(self):
        detention = DetentionFactory(
            ended_on=datetime.date(2024, 1, 1),
            end_reason=DetentionEnd.SENTENCE_SERVED,
            released_to="BY",
        )
        detention.person.refresh_from_db()
        assert detention.person.status == Status.RELEASED_IN_COUNTRY

    def test_deported_person_records_where_to(self):
        person = PersonFactory()
        DetentionFactory(person=person)
        ReleasedPersonFactory(person=person, outcome=ReleaseOutcome.DEPORTED, destination="LT")
        person.refresh_from_db()
        assert person.status == Status.DEPORTED
        assert person.status_country == "LT"
        assert status_text(person) == "Released and sent to Lithuania"

    def test_refusing_deportation_returns_the_person_to_custody(self):
        person = PersonFactory()
        DetentionFactory(person=person)
        ReleasedPersonFactory(
            person=person, outcome=ReleaseOutcome.REFUSED_RETURNED, destination=""
        )
        person.refresh_from_db()
        assert person.status == Status.REFUSED_DEPORTATION

    def test_later_release_at_home_supersedes_the_refusal(self):
        """Statkevich: refused deportation in September 2025, released home in February 2026."""
        person = PersonFactory()
        detention = DetentionFactory(person=person, detained_on=datetime.date(2020, 5, 31))
        ReleasedPersonFactory(
            person=person,
            release=ReleaseFactory(released_on=datetime.date(2025, 9, 11)),
            outcome=ReleaseOutcome.REFUSED_RETURNED,
            destination="",
        )
        detention.ended_on = datetime.date(2026, 2, 19)
        detention.end_reason = DetentionEnd.RELEASED_EARLY
        detention.released_to = "BY"
        detention.save()
        person.refresh_from_db()
        assert person.status == Status.RELEASED_IN_COUNTRY

    def test_second_detention_after_release_is_held_again(self):
        """Statkevich was jailed in 2010, released, and jailed again in 2020."""
        person = PersonFactory()
        DetentionFactory(
            person=person,
            detained_on=datetime.date(2010, 12, 19),
            ended_on=datetime.date(2015, 8, 22),
            end_reason=DetentionEnd.PARDONED,
            released_to="BY",
        )
        DetentionFactory(person=person, detained_on=datetime.date(2020, 5, 31))
        person.refresh_from_db()
        assert person.status == Status.HELD
        assert person.detentions.count() == 2

    def test_death_outranks_everything(self):
        person = PersonFactory()
        DetentionFactory(person=person)
        person.died_on = datetime.date(2024, 5, 1)
        person.save()
        person.refresh_from_db()
        assert person.status == Status.DECEASED

    def test_deleting_the_release_outcome_restores_the_previous_status(self):
        person = PersonFactory()
        DetentionFactory(person=person)
        outcome = ReleasedPersonFactory(person=person)
        outcome.delete()
        person.refresh_from_db()
        assert person.status == Status.HELD


class TestPublicScopes:
    def test_actors_are_never_prisoners(self):
        prisoner, actor = PersonFactory(), ActorFactory()
        assert list(Person.private_objects.prisoners()) == [prisoner]
        assert actor not in Person.private_objects.prisoners().counted()

    def test_public_manager_names_only_published_people(self):
        published = PersonFactory(visibility=Visibility.PUBLISHED)
        PersonFactory(visibility=Visibility.WITHHELD)
        PersonFactory(visibility=Visibility.DRAFT)
        assert list(Person.public_objects.all()) == [published]
        assert Person.private_objects.prisoners().counted().count() == 2

    def test_sort_name_is_surname_first(self):
        assert PersonFactory(display_name="Andrzej Poczobut").sort_name == "Poczobut, Andrzej"


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, "11 September 2025"),
        (DatePrecision.MONTH, "September 2025"),
        (DatePrecision.YEAR, "2025"),
    ],
)
def test_partial_dates_are_shown_no_more_precisely_than_known(precision, expected):
    assert format_partial_date(datetime.date(2025, 9, 11), precision) == expected


def test_a_name_in_cyrillic_gets_a_latin_slug():
    person = Person.private_objects.create(display_name="Андрэй Пачобут")
    assert person.slug == "andrey-pachobut"

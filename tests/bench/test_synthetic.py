"""`manage.py generate_synthetic`: the same seed gives the same records, it never mixes with real
records, and what it makes behaves like the real record (search, visibility, derived status)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from bench import synthetic
from prisoners.models import (
    Charge,
    Citation,
    Detention,
    NameKey,
    Person,
    PersonName,
    Recognition,
    Source,
    StatusPeriod,
    Stay,
    Verdict,
    Visibility,
)
from prisoners.status import refresh_all_statuses
from releases.models import Deal, Release, ReleasedPerson
from tests.factories import PersonFactory, load_article
from transliteration import name_keys

PERSONS = 200


def generate(persons=PERSONS, seed=1):
    call_command("generate_synthetic", persons=persons, seed=seed, verbosity=0)


def rows(queryset, *fields):
    return sorted(tuple(str(value) for value in row) for row in queryset.values_list(*fields))


def snapshot():
    """Everything generated, by content: primary keys and timestamps differ between runs."""
    return {
        "people": rows(
            Person.private_objects,
            *("slug", "display_name", "kind", "visibility", "patronymic", "birth_date"),
            *("died_on", "citizenships", "withdrawn_at", "status", "status_since", "status_as_of"),
        ),
        "names": rows(PersonName.private_objects, "person__slug", "name", "language", "note"),
        "keys": rows(NameKey.objects, "person__slug", "key"),
        "detentions": rows(
            Detention.private_objects,
            *("person__slug", "detained_on", "ended_on", "end_reason", "released_to"),
            "term_months",
        ),
        "verdicts": rows(
            Verdict.private_objects,
            *("detention__person__slug", "kind", "decided_on", "sentence_months", "court"),
        ),
        "charges": rows(Charge.private_objects, "detention__person__slug", "article", "stage"),
        "stays": rows(
            Stay.private_objects, "person__slug", "facility__slug", "from_on", "until_on"
        ),
        "recognitions": rows(Recognition.private_objects, "person__slug", "recogniser"),
        "releases": rows(Release.private_objects, "slug", "title", "is_published", "kind"),
        "freed": rows(ReleasedPerson.private_objects, "release__slug", "person__slug", "outcome"),
        "deals": rows(Deal.private_objects, "slug", "title", "releases__slug"),
        "citations": rows(
            Citation.private_objects, "source__slug", "content_type__model", "url", "published_on"
        ),
        "history": rows(StatusPeriod.objects, "person__slug", "status", "started_on", "ended_on"),
    }


def generated_and_rolled_back(seed):
    with transaction.atomic():
        generate(seed=seed)
        records = snapshot()
        transaction.set_rollback(True)
    return records


@pytest.mark.django_db(transaction=False)
def test_the_same_seed_gives_the_same_records():
    first = generated_and_rolled_back(seed=1)
    assert not Person.private_objects.exists()
    assert generated_and_rolled_back(seed=1) == first
    assert len(first["people"]) >= PERSONS and first["freed"] and first["deals"]
    assert generated_and_rolled_back(seed=2)["people"] != first["people"]


@pytest.mark.django_db
def test_everything_generated_is_marked_synthetic_and_consistent():
    generate()
    assert synthetic.non_synthetic_models() == []
    assert set(Citation.private_objects.values_list("source__slug", flat=True)) <= set(
        Source.private_objects.filter(slug__startswith=synthetic.PREFIX).values_list(
            "slug", flat=True
        )
    )
    assert Source.private_objects.filter(name=synthetic.SOURCE_NAME).exists()
    assert refresh_all_statuses() == 0  # the stored statuses are the derived ones
    person = Person.private_objects.filter(names__language="ru").first()
    spellings = [person.display_name, *person.names.values_list("name", flat=True)]
    assert set(person.name_keys.values_list("key", flat=True)) == set().union(
        *(name_keys(spelling) for spelling in spellings)
    )


@pytest.mark.django_db
def test_refuses_a_database_with_real_records_and_writes_nothing():
    load_article()
    before = Person.private_objects.count(), Citation.private_objects.count()
    with pytest.raises(CommandError, match="not synthetic"):
        generate(persons=20)
    assert (Person.private_objects.count(), Citation.private_objects.count()) == before
    assert not Person.private_objects.filter(slug__startswith=synthetic.PREFIX).exists()


@pytest.mark.django_db
def test_refusal_is_a_message_and_a_failing_exit_status():
    PersonFactory()
    with pytest.raises(CommandError) as refusal:
        generate(persons=20)
    # manage.py prints a CommandError to stderr and exits with its returncode.
    assert refusal.value.returncode != 0
    assert "Nothing was written" in str(refusal.value)
    assert Person.private_objects.count() == 1


@pytest.mark.django_db
def test_refuses_to_mix_with_a_real_record_added_later_or_to_generate_twice():
    generate(persons=20)
    with pytest.raises(CommandError, match="already holds synthetic data"):
        generate(persons=20)
    PersonFactory()
    with pytest.raises(CommandError, match="not synthetic"):
        generate(persons=20)


@pytest.mark.django_db
def test_generated_people_are_found_by_any_spelling():
    generate()
    people = Person.public_objects.filter(names__language="ru", slug__startswith="syn-")[:5]
    assert len(people) == 5
    for person in people:
        russian = person.names.filter(language="ru").first().name  # "Сергей Коваленко"
        belarusian = person.names.get(language="be", script="Cyrl").name  # "Сяргей Каваленка"
        for spelling in (person.display_name, russian, belarusian):
            assert person in Person.public_objects.matching_name(spelling)


@pytest.mark.django_db
def test_withheld_and_draft_people_are_generated_and_never_public():
    generate()
    hidden = Person.private_objects.filter(
        slug__startswith=synthetic.PREFIX, visibility__in=[Visibility.WITHHELD, Visibility.DRAFT]
    )
    withheld = hidden.filter(visibility=Visibility.WITHHELD)
    assert withheld.exists() and hidden.filter(visibility=Visibility.DRAFT).exists()
    assert not Person.public_objects.filter(pk__in=hidden).exists()
    for person in withheld[:3]:
        assert person not in Person.public_objects.matching_name(person.display_name)

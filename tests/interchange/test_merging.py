"""One person, one record: the seeded Poczobut and a second record of him made as a careless
import would make it ("Andrei Pachobut", the same birth date, his arrest typed again)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from interchange.curation.duplicates import find_duplicates
from interchange.curation.merging import MergeRefused, merge_people, undo_merge
from interchange.curation.models import DismissedPair, PersonMerge
from prisoners.models import DatePrecision, Person, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db

BORN = datetime.date(1973, 4, 16)


@pytest.fixture
def seeded():
    f.load_article()


@pytest.fixture
def careless_copy(seeded):
    """What an import from another list adds: another spelling, the same birth date, an arrest
    with another place."""
    copy = f.PersonFactory(
        display_name="Andrei Pachobut",
        slug="andrei-pachobut",
        birth_date=BORN,
        birth_date_precision=DatePrecision.DAY,
    )
    f.DetentionFactory(
        person=copy, detained_on=datetime.date(2021, 3, 25), place="Grodno", sentence_months=None
    )
    # Its own spellings: one the seed has too (with another note), one it has not.
    f.PersonNameFactory(person=copy, name="Andrei Pachobut", note="from the import")
    f.PersonNameFactory(person=copy, name="Andrej Pachobut")
    return copy


def poczobut():
    return Person.private_objects.get(slug="andrzej-poczobut")


def test_find_duplicates_lists_the_careless_copy_with_its_evidence(careless_copy, capsys):
    original = poczobut()
    pairs = {pair.key: pair for pair in find_duplicates()}
    pair = pairs[tuple(sorted([original.pk, careless_copy.pk]))]
    assert any(item.startswith("names match") for item in pair.evidence)
    assert "same birth date 1973-04-16" in pair.evidence
    assert any(item.startswith("arrested the same day") for item in pair.evidence)

    call_command("find_duplicates")
    listed = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert {(line[2], line[4]) for line in listed} >= {("andrzej-poczobut", "andrei-pachobut")}


def test_a_dismissed_pair_stays_dismissed(careless_copy):
    original = poczobut()
    DismissedPair.dismiss(careless_copy, original, reason="checked: two people")
    assert tuple(sorted([original.pk, careless_copy.pk])) not in {
        pair.key for pair in find_duplicates()
    }


def test_namesakes_born_on_other_days_are_not_listed(seeded):
    f.PersonFactory(
        display_name="Andrzej Poczobut",
        slug="another-andrzej",
        birth_date=datetime.date(1990, 1, 1),
        birth_date_precision=DatePrecision.DAY,
    )
    keys = {pair.key for pair in find_duplicates()}
    other = Person.private_objects.get(slug="another-andrzej")
    assert tuple(sorted([poczobut().pk, other.pk])) not in keys


def test_merge_people_leaves_one_live_record_with_both_spellings_and_detentions(
    careless_copy, client
):
    original = poczobut()
    detentions_before = original.detentions.count()
    call_command("merge_people", "andrei-pachobut", "andrzej-poczobut")

    survivor = poczobut()
    live = Person.private_objects.filter(withdrawn_at__isnull=True)
    assert live.filter(pk=careless_copy.pk).exists() is False
    assert survivor.names.filter(name="Andrei Pachobut").count() == 1
    assert survivor.names.filter(name="Andrej Pachobut").exists()
    assert not survivor.claims.filter(topic__contains="merged record").exists()
    assert survivor.display_name == "Andrzej Poczobut"
    assert survivor.detentions.count() == detentions_before + 1
    assert set(survivor.detentions.values_list("place", flat=True)) >= {"Grodno"}
    # Any spelling still finds one person, the survivor.
    found = Person.public_objects.matching_name("Andrei Pachobut")
    assert list(found.values_list("slug", flat=True)) == ["andrzej-poczobut"]

    # The old address answers 301 to the survivor, on the page, in the API and in the feed.
    page = client.get(reverse("prisoners:person-detail", kwargs={"slug": "andrei-pachobut"}))
    assert page.status_code == 301
    assert page["Location"] == reverse(
        "prisoners:person-detail", kwargs={"slug": "andrzej-poczobut"}
    )
    api = client.get(reverse("api:person-detail", kwargs={"slug": "andrei-pachobut"}))
    assert api.status_code == 301
    assert api["Location"].endswith(
        reverse("api:person-detail", kwargs={"slug": "andrzej-poczobut"})
    )
    feed = client.get(reverse("feeds:person", kwargs={"slug": "andrei-pachobut"}))
    assert feed.status_code == 301
    assert feed["Location"].endswith(reverse("feeds:person", kwargs={"slug": "andrzej-poczobut"}))

    # Both histories record the merge.
    merge = PersonMerge.objects.get()
    assert f"merge {merge.pk}" in survivor.history.first().history_change_reason
    loser_history = Person.history.filter(id=careless_copy.pk).first()
    assert loser_history.history_change_reason.startswith("Merged into “Andrzej Poczobut”")


def test_an_unknown_address_is_still_a_404(careless_copy, client):
    response = client.get(reverse("prisoners:person-detail", kwargs={"slug": "nobody-at-all"}))
    assert response.status_code == 404


def test_a_publisher_undoes_the_merge(careless_copy, client):
    original = poczobut()
    detentions_before = original.detentions.count()
    merge = merge_people(careless_copy, original)
    merge.refresh_from_db()
    undo_merge(merge, user=f.PublisherFactory())

    careless_copy.refresh_from_db()
    assert careless_copy.withdrawn_at is None
    assert careless_copy.detentions.get().place == "Grodno"
    assert poczobut().detentions.count() == detentions_before
    assert not poczobut().names.filter(name="Andrei Pachobut", note__contains="merged").exists()
    page = client.get(reverse("prisoners:person-detail", kwargs={"slug": "andrei-pachobut"}))
    assert page.status_code == 200


def test_an_editor_may_not_undo_a_merge(careless_copy):
    merge = merge_people(careless_copy, poczobut())
    with pytest.raises(MergeRefused, match="Only a publisher"):
        undo_merge(merge, user=f.EditorFactory())
    assert PersonMerge.objects.standing().count() == 1


def test_the_loser_s_value_is_taken_when_asked_and_the_other_kept_as_a_claim(careless_copy):
    original = poczobut()
    f.CitationFactory(content_object=careless_copy)
    careless_copy.birth_date = datetime.date(1973, 4, 17)
    careless_copy.save()
    merge_people(careless_copy, original, take=["birth_date"])
    survivor = poczobut()
    assert survivor.birth_date == datetime.date(1973, 4, 17)
    claim = survivor.claims.get(topic="Date of birth")
    assert "1973-04-16" in claim.statement


def test_joining_a_withheld_record_to_a_public_one_needs_a_publisher(careless_copy):
    careless_copy.visibility = Visibility.WITHHELD
    careless_copy.save()
    with pytest.raises(MergeRefused, match="publisher"):
        merge_people(careless_copy, poczobut())
    with pytest.raises(MergeRefused, match="Only a publisher"):
        merge_people(careless_copy, poczobut(), user=f.EditorFactory(), publisher_decision=True)
    assert PersonMerge.objects.count() == 0
    with pytest.raises(CommandError, match="publisher"):
        call_command("merge_people", "andrei-pachobut", "andrzej-poczobut")
    merge_people(careless_copy, poczobut(), user=f.PublisherFactory(), publisher_decision=True)
    assert PersonMerge.objects.standing().count() == 1


def test_a_withheld_survivor_is_never_revealed_by_the_old_address(careless_copy, client):
    merge_people(careless_copy, poczobut())
    original = poczobut()
    original.visibility = Visibility.WITHHELD
    original.save()
    page = client.get(reverse("prisoners:person-detail", kwargs={"slug": "andrei-pachobut"}))
    assert page.status_code == 404
    assert b"andrzej-poczobut" not in page.content


def test_a_name_shared_by_more_than_a_block_holds_pairs_no_one_by_itself(monkeypatch):
    """Blocking, not all pairs: a key held by more people than BLOCK_LIMIT puts no one
    together (a common surname alone), a rarer one does."""
    from interchange.curation import duplicates

    monkeypatch.setattr(duplicates, "BLOCK_LIMIT", 2)
    crowd = [f.PersonFactory(display_name="Ivan Common") for _ in range(3)]
    twins = [f.PersonFactory(display_name="Zmitser Rarename") for _ in range(2)]
    keys = {pair.key for pair in find_duplicates()}
    assert tuple(sorted(person.pk for person in twins)) in keys
    assert not any(set(key) & {person.pk for person in crowd} for key in keys)


def test_the_old_address_keeps_the_reader_s_language_and_follows_a_chain(client):
    first, second, third = (f.PersonFactory() for _ in range(3))
    merge_people(first, second)
    merge_people(Person.private_objects.get(pk=second.pk), third)
    response = client.get(f"/be/prisoners/{first.slug}/")
    assert response.status_code == 301
    assert response["Location"] == f"/be/prisoners/{third.slug}/"

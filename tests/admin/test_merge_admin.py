"""The editors' path to one person, one record: the duplicates page, the merge preview where each
field is picked, the publisher's decision, and the undo."""

import datetime

import pytest
from django.urls import reverse

from interchange.curation.models import DismissedPair, PersonMerge
from prisoners.models import DatePrecision, Person, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db

DUPLICATES = reverse("admin:interchange_personmerge_duplicates")
PREVIEW = reverse("admin:interchange_personmerge_preview")


@pytest.fixture
def pair():
    born = {"birth_date": datetime.date(1973, 4, 16), "birth_date_precision": DatePrecision.DAY}
    original = f.PersonFactory(display_name="Andrzej Poczobut", role="journalist", **born)
    copy = f.PersonFactory(display_name="Andrei Pachobut", role="correspondent", **born)
    return original, copy


def test_the_duplicates_page_lists_a_pair_until_it_is_dismissed(editor_client, pair):
    original, copy = pair
    page = editor_client.get(DUPLICATES).content.decode()
    assert "Andrei Pachobut" in page and "same birth date 1973-04-16" in page
    editor_client.post(DUPLICATES, {"first": original.pk, "second": copy.pk, "reason": "two"})
    assert DismissedPair.objects.get().reason == "two"
    after = editor_client.get(DUPLICATES).content.decode()
    assert "same birth date" not in after
    assert "No likely duplicates." in after


def test_the_people_list_action_opens_the_side_by_side_preview(editor_client, pair):
    original, copy = pair
    response = editor_client.post(
        reverse("admin:prisoners_person_changelist"),
        {"action": "merge_selected_people", "_selected_action": [original.pk, copy.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{PREVIEW}?loser={copy.pk}&survivor={original.pk}"
    preview = editor_client.get(response["Location"]).content.decode()
    assert 'name="field-role" value="loser"' in preview
    assert "correspondent" in preview and "journalist" in preview


def test_the_editor_picks_each_field_and_the_merge_is_done(editor_client, pair):
    original, copy = pair
    response = editor_client.post(
        PREVIEW,
        {"loser": copy.pk, "survivor": original.pk, "field-role": "loser"},
    )
    assert response.status_code == 302
    kept = Person.private_objects.get(pk=original.pk)
    assert kept.role == "correspondent"
    assert kept.names.filter(name="Andrei Pachobut").exists()
    assert Person.private_objects.get(pk=copy.pk).withdrawn_at is not None
    assert PersonMerge.objects.get().merged_by.has_perm("prisoners.change_person")


def test_an_editor_cannot_join_a_withheld_record_to_a_public_one(editor_client, pair):
    original, copy = pair
    copy.visibility = Visibility.WITHHELD
    copy.save()
    preview = editor_client.get(f"{PREVIEW}?loser={copy.pk}&survivor={original.pk}")
    assert "Only a publisher can merge these records" in preview.content.decode()
    editor_client.post(
        PREVIEW, {"loser": copy.pk, "survivor": original.pk, "publisher_decision": "yes"}
    )
    assert PersonMerge.objects.count() == 0
    assert Person.private_objects.get(pk=copy.pk).withdrawn_at is None


def test_a_publisher_decides_and_later_undoes_the_merge(publisher_client, editor_client, pair):
    original, copy = pair
    copy.visibility = Visibility.WITHHELD
    copy.save()
    publisher_client.post(
        PREVIEW, {"loser": copy.pk, "survivor": original.pk, "publisher_decision": "yes"}
    )
    merge = PersonMerge.objects.get()
    changelist = reverse("admin:interchange_personmerge_changelist")
    editor_client.post(
        changelist, {"action": "undo_selected_merges", "_selected_action": [merge.pk]}
    )
    assert PersonMerge.objects.standing().count() == 1
    publisher_client.post(
        changelist, {"action": "undo_selected_merges", "_selected_action": [merge.pk]}
    )
    merge.refresh_from_db()
    assert merge.undone_at is not None
    assert Person.private_objects.get(pk=copy.pk).withdrawn_at is None
    assert (
        not Person.private_objects.get(pk=original.pk).names.filter(name="Andrei Pachobut").exists()
    )


def test_an_editor_cannot_publish_a_draft_by_taking_the_other_visibility(editor_client, pair):
    original, copy = pair
    original.visibility = Visibility.DRAFT
    original.save()
    editor_client.post(
        PREVIEW, {"loser": copy.pk, "survivor": original.pk, "field-visibility": "loser"}
    )
    assert PersonMerge.objects.count() == 0
    assert Person.private_objects.get(pk=original.pk).visibility == Visibility.DRAFT


def test_the_admin_index_leads_editors_to_duplicates_and_corrections(editor_client):
    page = editor_client.get(reverse("admin:index")).content.decode()
    assert f'href="{DUPLICATES}"' in page
    assert reverse("admin:interchange_correction_changelist") in page


@pytest.mark.parametrize("query", ["?loser=abc&survivor=1", "?loser=1", "?loser=9999&survivor=1"])
def test_a_bad_address_for_the_preview_is_a_404(editor_client, query):
    assert editor_client.get(PREVIEW + query).status_code == 404

"""Withheld people in the admin (issue 21): only accounts with `see_withheld_person` (publishers,
administrators) see who they are; an editor sees that a withheld record exists, not who."""

import pytest
from django.urls import reverse

from prisoners.models import Visibility
from tests import factories as f
from tests.admin.test_admin_export import export, rows

pytestmark = pytest.mark.django_db

SECRET = "Zqsecret Withheld"


@pytest.fixture
def withheld():
    person = f.PersonFactory(
        display_name=SECRET, slug="zq-secret", visibility=Visibility.WITHHELD, role="Zqrole"
    )
    f.PersonNameFactory(person=person, name="Зщсекрет", language="ru", script="Cyrl")
    person.rebuild_name_keys()
    f.PersonFactory(display_name="Public Person", slug="public-person")
    return person


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_people_list_shows_an_editor_a_placeholder_row(editor_client, withheld):
    page = text(editor_client.get(reverse("admin:prisoners_person_changelist")))
    assert f"withheld record #{withheld.pk}" in page
    assert "Zqsecret" not in page and "zq-secret" not in page
    assert "Public Person" in page


def test_a_publisher_sees_the_withheld_person(publisher_client, withheld):
    page = text(publisher_client.get(reverse("admin:prisoners_person_changelist")))
    assert SECRET in page and "withheld record #" not in page
    change = text(
        publisher_client.get(reverse("admin:prisoners_person_change", args=[withheld.pk]))
    )
    assert SECRET in change


@pytest.mark.parametrize("term", ["Zqsecret", "Зщсекрет", "zq-secret", "Zqsecret Withheld"])
def test_an_editors_search_and_autocomplete_never_find_them(editor_client, withheld, term):
    page = text(editor_client.get(reverse("admin:prisoners_person_changelist"), {"q": term}))
    # What was typed comes back (the search box, the export link); nothing else does.
    assert "Zqrole" not in page and "Зщсекрет" not in page.replace(term, "")
    assert f"withheld record #{withheld.pk}" not in page and "0 results" in page
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": term, "app_label": "releases", "model_name": "release", "field_name": "envoys"},
    ).json()
    assert found["results"] == []


def test_an_empty_autocomplete_does_not_list_them(editor_client):
    f.ActorFactory(display_name="Public Envoy")
    hidden = f.ActorFactory(display_name="Zqsecret Envoy", visibility=Visibility.WITHHELD)
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "releases", "model_name": "release", "field_name": "envoys"},
    ).json()
    assert [result["text"] for result in found["results"]] == ["Public Envoy"]
    assert str(hidden.pk) not in {result["id"] for result in found["results"]}


@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_an_editor_cannot_open_their_change_page_or_history(editor_client, withheld, view):
    response = editor_client.get(reverse(f"admin:prisoners_person_{view}", args=[withheld.pk]))
    assert response.status_code == 403
    assert "Zqsecret" not in response.content.decode()


def test_an_editor_cannot_open_one_of_their_versions(editor_client, withheld):
    version = withheld.history.first()
    url = reverse("admin:prisoners_person_simple_history", args=[withheld.pk, version.history_id])
    response = editor_client.get(url)
    assert response.status_code == 403 and "Zqsecret" not in response.content.decode()


@pytest.mark.parametrize("title", ["csv", "json"])
def test_the_export_leaves_them_out_for_an_editor_only(
    editor_client, publisher_client, withheld, title
):
    exported = export(editor_client, title)
    assert "Zqsecret" not in exported and "Зщсекрет" not in exported
    assert [row["slug"] for row in rows(exported, title)] == ["public-person"]
    by_publisher = rows(export(publisher_client, title), title)
    assert {row["slug"] for row in by_publisher} == {"public-person", "zq-secret"}


def test_only_publishers_and_administrators_hold_the_permission(db):
    editor, publisher = f.EditorFactory(), f.PublisherFactory()
    administrator = f.AdministratorFactory()
    permission = "prisoners.see_withheld_person"
    assert (editor.has_perm(permission), publisher.has_perm(permission)) == (False, True)
    assert administrator.has_perm(permission)


def test_the_publisher_who_withholds_someone_is_shown_the_texts_that_name_them(publisher_client):
    person = f.PersonFactory(display_name="Zqnamed Person", slug="zq-named")
    release = f.ReleaseFactory(summary="Zqnamed Person was not freed.")
    deal = f.DealFactory(summary="Talks about [[person:zq-named]].")
    f.ReleaseFactory(summary="Someone else.")
    person.visibility = Visibility.WITHHELD
    person.save()
    page = text(publisher_client.get(reverse("admin:prisoners_person_change", args=[person.pk])))
    named_in = page[page.index("Public texts that name this person") :]
    links = [
        reverse("admin:releases_release_change", args=[release.pk]),
        reverse("admin:releases_deal_change", args=[deal.pk]),
    ]
    assert [link in named_in for link in links] == [True, True]
    assert named_in.count("<li>") == 2


def test_records_pointing_at_them_show_an_editor_a_placeholder(editor_client, withheld):
    detention = f.DetentionFactory(person=withheld, place="Zqplace")
    lists = text(editor_client.get(reverse("admin:prisoners_detention_changelist")))
    assert f"withheld record #{withheld.pk}" in lists and "Zqsecret" not in lists
    # Their detention's own page is titled with their name: it answers 403 like theirs.
    url = reverse("admin:prisoners_detention_change", args=[detention.pk])
    refused = editor_client.get(url)
    assert refused.status_code == 403 and "Zqsecret" not in refused.content.decode()
    # So does a claim they made ("Political prisoners held: <name>"), and its history.
    claim = f.ClaimFactory(claimed_by=None, claimed_by_person=withheld)
    for view in ("change", "history"):
        url = reverse(f"admin:prisoners_claim_{view}", args=[claim.pk])
        refused = editor_client.get(url)
        assert refused.status_code == 403 and "Zqsecret" not in refused.content.decode()
    searched = text(
        editor_client.get(reverse("admin:prisoners_detention_changelist"), {"q": "Zqsecret"})
    )
    assert "Zqplace" not in searched and "0 results" in searched
    assert detention.person_id == withheld.pk


def test_a_publisher_sees_the_name_where_records_point_at_them(publisher_client, withheld):
    f.DetentionFactory(person=withheld)
    lists = text(publisher_client.get(reverse("admin:prisoners_detention_changelist")))
    assert SECRET in lists and "withheld record #" not in lists

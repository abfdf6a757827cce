"""The duplicate warning comes before the save: a new person whose name matches someone already
in the record is saved only once the editor confirms "This is a different person"."""

import pytest
from django.urls import reverse

from prisoners.models import Person
from tests import factories as f
from tests.admin.test_editing import change_form

pytestmark = pytest.mark.django_db

ADD = reverse("admin:prisoners_person_add")


def new_person(display_name, **extra):
    data = {
        "display_name": display_name,
        "slug": "",
        "sort_name": "",
        "kind": "prisoner",
        "visibility": "draft",
        "role": "",
        "citizenships": ["BY"],
        "birth_date_precision": "day",
        "died_on_precision": "day",
        "summary": "",
    }
    data.update(f.empty_inline_management_data(*f.PERSON_ADMIN_INLINES))
    data.update(extra)
    return data


@pytest.fixture
def poczobut():
    return f.PersonFactory(display_name="Andrzej Poczobut", slug="andrzej-poczobut")


def test_a_matching_name_is_shown_before_anything_is_saved(editor_client, poczobut):
    response = editor_client.post(ADD, new_person("Андрэй Пачобут"))
    assert response.status_code == 200
    assert not Person.private_objects.filter(display_name="Андрэй Пачобут").exists()
    page = response.content.decode()
    assert "Possible duplicate" in page
    change_url = reverse("admin:prisoners_person_change", args=[poczobut.pk])
    assert f'<a href="{change_url}" target="_blank"><bdi>Andrzej Poczobut</bdi></a>' in page
    assert "This is a different person" in page


def test_a_matching_spelling_in_the_inline_counts_too(editor_client, poczobut):
    data = new_person(
        "A. P.",
        **{
            "names-TOTAL_FORMS": "1",
            "names-0-name": "Anżej Paczobut",
            "names-0-language": "pl",
            "names-0-script": "Latn",
            "names-0-is_attested": "on",
        },
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert "Possible duplicate" in response.content.decode()
    assert not Person.private_objects.filter(display_name="A. P.").exists()


def test_confirming_a_different_person_saves(editor_client, poczobut):
    response = editor_client.post(ADD, new_person("Андрэй Пачобут", not_a_duplicate="on"))
    assert response.status_code == 302
    assert Person.private_objects.filter(display_name="Андрэй Пачобут").exists()


def test_a_new_name_saves_without_asking(editor_client, poczobut):
    response = editor_client.post(ADD, new_person("Ihar Losik"))
    assert response.status_code == 302


def test_changing_a_person_never_asks(editor_client, poczobut):
    namesake = f.PersonFactory(display_name="Andrei Pachobut", role="")
    url = reverse("admin:prisoners_person_change", args=[namesake.pk])
    data = change_form(editor_client, url)
    data["role"] = "journalist"
    assert editor_client.post(url, data).status_code == 302


TYPING_URL = "admin:prisoners_person_possible_duplicates"


def test_the_names_typed_so_far_list_possible_duplicates(editor_client, poczobut):
    answer = editor_client.get(reverse(TYPING_URL), {"name": "Пачобут"}).json()
    assert [match["name"] for match in answer["matches"]] == ["Andrzej Poczobut"]
    assert answer["matches"][0]["url"] == reverse(
        "admin:prisoners_person_change", args=[poczobut.pk]
    )
    assert editor_client.get(reverse(TYPING_URL), {"name": "Zzyzx Qwerty"}).json() == {
        "matches": [],
        "more": 0,
    }
    # Too short to say anything.
    assert editor_client.get(reverse(TYPING_URL), {"name": "Па"}).json()["matches"] == []


def test_only_editors_see_the_names_typed_so_far(client, poczobut):
    response = client.get(reverse(TYPING_URL), {"name": "Poczobut"})
    assert response.status_code == 302
    assert "Poczobut" not in response.content.decode()

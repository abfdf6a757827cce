"""Slugs made on the server from the Latin transliteration, for a name in any script: the admin's
JavaScript slug turned "Ўладзіслаў Пробны" into `ladzisla-probny`."""

import pytest
from django.contrib import admin
from django.urls import reverse

from ledger.slugs import unique_slug
from prisoners.models import Facility, Person, Source
from releases.models import Deal, Release
from tests import factories as f
from tests.admin.test_editing import change_form

pytestmark = pytest.mark.django_db

ADD_PERSON = reverse("admin:prisoners_person_add")


def add_person(client, display_name, slug=""):
    data = change_form(client, ADD_PERSON)
    data.update({"display_name": display_name, "slug": slug, "kind": "prisoner"})
    data["not_a_duplicate"] = "on"  # namesakes on purpose (tests/admin/test_duplicate_warning.py)
    response = client.post(ADD_PERSON, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Person.private_objects.latest("pk")


def test_a_cyrillic_name_gets_its_latin_slug_in_the_admin(editor_client):
    person = add_person(editor_client, "Ўладзіслаў Пробны")
    assert person.slug == "uladzislau-probny"


def test_a_taken_slug_gets_a_number(editor_client):
    f.PersonFactory(display_name="Uladzislau Probny", slug="uladzislau-probny")
    assert add_person(editor_client, "Ўладзіслаў Пробны").slug == "uladzislau-probny-2"
    assert add_person(editor_client, "Уладислав Пробный").slug == "uladislav-probnyy"
    assert add_person(editor_client, "Uladzislau Probny").slug == "uladzislau-probny-3"


def test_a_typed_slug_is_kept(editor_client):
    assert add_person(editor_client, "Ўладзіслаў Пробны", "u-probny").slug == "u-probny"


@pytest.mark.parametrize(
    "model", [Person, Release, Deal, Facility, Source], ids=lambda m: m.__name__
)
def test_no_admin_form_fills_the_slug_in_the_browser(editor_client, model):
    """The admin's URLify drops letters it has no table for (ў, і): the server makes the slug."""
    model_admin = admin.site._registry[model]
    assert "slug" not in model_admin.prepopulated_fields
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = editor_client.get(url)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert not form.fields["slug"].required
    assert "transliteration" in form.fields["slug"].help_text


def test_a_release_saved_with_an_empty_slug_gets_one_from_its_title(editor_client):
    url = reverse("admin:releases_release_add")
    data = change_form(editor_client, url)
    existing = f.ReleaseFactory(slug="vyzvalenne-11-verasnya-2025")
    template = change_form(
        editor_client, reverse("admin:releases_release_change", args=[existing.pk])
    )
    data.update({key: value for key, value in template.items() if key not in data})
    for key in ("title", "released_on", "reported_count", "broker", "destinations"):
        if key in template:
            data[key] = template[key]
    data.update({"title": "Вызваленне 11 верасня 2025", "slug": ""})
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Release.private_objects.filter(slug="vyzvalenne-11-verasnya-2025-2").exists()


def test_unique_slug_counts_past_every_taken_number():
    f.SourceFactory(slug="vyasna")
    f.SourceFactory(slug="vyasna-2")
    assert unique_slug(Source, "Вясна") == "vyasna-3"
    assert unique_slug(Source, "!!!") == "source"

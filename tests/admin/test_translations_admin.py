"""The editor's side of texts per language (issue 25): the versions side by side in the form,
the list of records still missing one, and the import's per-language columns."""

import re

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_versions_of_a_text_stand_on_one_row_beside_the_english(editor_client):
    facility = f.FacilityFactory(name="Zq colony")
    html = editor_client.get(f"/admin/prisoners/facility/{facility.pk}/change/").content.decode()
    row = re.search(
        r'<div class="form-row[^"]*field-name field-name_be field-name_ru field-name_pl', html
    )
    assert row is not None
    for name in ("town", "notes"):
        assert f"field-{name} field-{name}_be field-{name}_ru field-{name}_pl" in html
    # A stacked inline does the same (the person's detentions: the place of arrest).
    person = f.PersonFactory()
    f.DetentionFactory(person=person, place="Minsk")
    html = editor_client.get(f"/admin/prisoners/person/{person.pk}/change/").content.decode()
    assert "field-place field-place_be field-place_ru field-place_pl" in html
    assert "field-role field-role_be field-role_ru field-role_pl" in html


def test_missing_translations_are_listed_until_written(editor_client):
    facility = f.FacilityFactory(name="Zq untranslated colony", name_be="Зк калонія", town="")
    page = editor_client.get("/admin/missing-translations/").content.decode()
    assert "Zq untranslated colony" in page
    assert "name (ru, pl)" in page
    belarusian_only = editor_client.get("/admin/missing-translations/?language=be")
    assert "Zq untranslated colony" not in belarusian_only.content.decode()
    facility.name_ru, facility.name_pl = "Зк колония", "Zq kolonia"
    facility.save()
    assert (
        "Zq untranslated colony"
        not in editor_client.get("/admin/missing-translations/").content.decode()
    )


def test_the_missing_translations_page_is_for_signed_in_editors(client):
    response = client.get("/admin/missing-translations/")
    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]

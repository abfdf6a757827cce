"""The admin's people export: a cell a spreadsheet would run as a formula is written as text in
every format offered, and the same file imports back as it was (nothing stored twice-quoted)."""

import csv
import io
import json

import pytest
import tablib
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from interchange.people_import.spreadsheet_cells import quote_formula, unquote_formula
from prisoners.models import Person
from tests import factories as f

pytestmark = pytest.mark.django_db

DANGEROUS = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"]
EXPORT_URL = "admin:prisoners_person_export"


def person_admin():
    return admin.site._registry[Person]


def format_index(title):
    titles = [fmt().get_title() for fmt in person_admin().get_export_formats()]
    return str(titles.index(title))


def export(client, title, **extra):
    """The file the admin's export form gives, every column ticked."""
    form = client.get(reverse(EXPORT_URL)).context["form"]
    data = {"format": format_index(title), "resource": "0", **extra}
    data.update({name: "on" for name in form.fields if name not in data and name != "export_items"})
    response = client.post(reverse(EXPORT_URL), data)
    assert response.status_code == 200
    return response.content.decode("utf-8")


def rows(text, title):
    if title == "json":
        return json.loads(text)
    return list(csv.DictReader(io.StringIO(text), delimiter="\t" if title == "tsv" else ","))


@pytest.mark.parametrize("title", ["csv", "tsv", "json"])
@pytest.mark.parametrize("dangerous", DANGEROUS)
def test_a_formula_in_a_name_is_exported_as_text(editor_client, title, dangerous):
    f.PersonFactory(display_name=dangerous, role=dangerous, slug="formula", summary=dangerous)
    [row] = rows(export(editor_client, title), title)
    for column in ("display_name", "role", "summary"):
        assert row[column] == "'" + dangerous
    assert row["slug"] == "formula"


def test_exporting_selected_people_is_not_a_server_error(editor_client):
    chosen, _ = f.PersonFactory(slug="chosen"), f.PersonFactory(slug="other")
    exported = rows(export(editor_client, "csv", export_items=[str(chosen.pk)]), "csv")
    assert [row["slug"] for row in exported] == ["chosen"]


def test_only_formula_safe_formats_are_offered():
    model_admin = person_admin()
    formats = model_admin.get_export_formats()
    assert {fmt().get_title() for fmt in formats} == {"csv", "tsv", "json"}
    assert model_admin.get_import_formats() == formats
    dataset = tablib.Dataset(["=1", "plain"], headers=["a", "b"])
    for fmt in formats:
        exported = fmt().export_data(dataset)
        assert "'=1" in exported
        assert "=1" not in exported.replace("'=1", "")


@pytest.mark.parametrize(
    ("stored", "written"),
    [
        ("=1", "'=1"),
        ("'=1", "''=1"),  # a quote of its own survives the round trip
        ("'plain", "'plain"),
        ("plain", "plain"),
        ("it's -5", "it's -5"),
        ("", ""),
        ("'", "'"),
    ],
)
def test_quoting_is_undone_exactly(stored, written):
    assert quote_formula(stored) == written
    assert unquote_formula(written) == stored


@pytest.mark.parametrize("title", ["csv", "tsv"])
def test_an_exported_file_imports_back_unchanged(editor_client, settings, tmp_path, title):
    settings.IMPORT_TMP_DIR = str(tmp_path)
    person = f.PersonFactory(
        display_name='=HYPERLINK("http://x","y")', role="@SUM(1)", summary="'=quoted", slug="x"
    )
    text = export(editor_client, title)
    upload = SimpleUploadedFile(f"people.{title}", text.encode("utf-8"))
    preview = editor_client.post(
        reverse("admin:prisoners_person_import"),
        {"import_file": upload, "format": format_index(title), "resource": "0"},
    )
    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    [row] = result.valid_rows()
    assert row.changes == []  # the quote is not read as a change

    confirm = preview.context["confirm_form"]
    data = {name: confirm[name].value() for name in confirm.fields}
    response = editor_client.post(reverse("admin:prisoners_person_process_import"), data)
    assert response.status_code == 302
    person = Person.private_objects.get(pk=person.pk)
    assert person.display_name == '=HYPERLINK("http://x","y")'
    assert person.role == "@SUM(1)"
    assert person.summary == "'=quoted"

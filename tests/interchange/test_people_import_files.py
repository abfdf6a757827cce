"""People → Import with the files people really upload (issue 21): a CSV without `slug`, a file
in another encoding, a workbook renamed .csv, a JSON object in a name cell, an upload over the
size limit. Each is answered in plain words with the row and column, never a traceback or an
exception's name."""

import html
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from prisoners.models import Person

pytestmark = pytest.mark.django_db
IMPORT_URL = "admin:prisoners_person_import"
TECHNICAL = ("Traceback", "Error", "Exception", "encountered", "/work/", ".py")


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "imports")


def upload(client, data: bytes, name="people.csv", format_index="0"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    response = client.post(
        reverse(IMPORT_URL), {"import_file": file, "format": format_index, "resource": "0"}
    )
    return response, html.unescape(response.content.decode())


def assert_plain(page):
    for word in TECHNICAL:
        assert word not in page, word


def test_a_csv_without_slug_previews_with_slugs_made_from_the_names(publisher_client):
    response, page = upload(publisher_client, b"display_name,kind\nAles Testovich,prisoner\n")
    assert response.status_code == 200
    assert_plain(page)
    assert "Confirm import" in page


@pytest.mark.parametrize(
    "text, encoding, named",
    [
        ("display_name\nАлесь Бяляцкі\n", "cp1251", "Windows-1251 (Cyrillic)"),
        ("display_name\nJosé Ñuñez\n", "latin-1", "Latin-1 (Western European)"),
    ],
)
def test_a_file_in_another_encoding_is_named_with_how_to_save_utf8(
    publisher_client, text, encoding, named
):
    response, page = upload(publisher_client, text.encode(encoding))
    assert f"looks like {named}" in page
    assert "save it again as UTF-8" in page
    assert "line 2" in page
    assert_plain(page)
    assert Person.private_objects.count() == 0


def test_a_workbook_renamed_csv_is_named(publisher_client):
    book = Workbook()
    book.active.append(["display_name"])
    buffer = io.BytesIO()
    book.save(buffer)
    response, page = upload(publisher_client, buffer.getvalue())
    assert "is a spreadsheet workbook (.xlsx or .ods) renamed, not a CSV file" in page
    assert_plain(page)


def test_a_json_object_in_a_name_cell_is_refused(publisher_client):
    data = json.dumps([{"slug": "a-b", "display_name": {"a": 1}}]).encode()
    response, page = upload(publisher_client, data, "people.json", format_index="2")
    assert 'Row 1, column display_name: {"a": 1} is not text' in page
    assert_plain(page)
    assert Person.private_objects.count() == 0


def test_the_size_limit_is_enforced_while_reading(publisher_client, settings, monkeypatch):
    """Past the limit nothing more of the file is kept: the view gets an empty stand-in with
    the real size, and the form refuses it in words."""
    settings.IMPORT_MAX_BYTES = 1000
    kept = []
    from django.core.files.uploadhandler import MemoryFileUploadHandler

    original = MemoryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        kept.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(MemoryFileUploadHandler, "receive_data_chunk", spy)
    data = b"display_name\n" + b"Ales Testovich\n" * 20_000
    response, page = upload(publisher_client, data)
    assert "an import may be at most 1000 bytes" in page
    assert f"This file is {len(data) / 1024:.1f} KB" in page
    assert sum(kept) <= 64 * 1024  # at most the chunk that crossed the limit was passed on
    assert Person.private_objects.count() == 0

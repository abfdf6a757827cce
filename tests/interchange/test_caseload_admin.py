"""The caseload import in the admin: upload -> preview (counts, then field: old -> new, paged)
-> confirm, with every problem listed and nothing written until the confirm."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from interchange.caseload.export import export_caseload
from prisoners.models import Person
from tests import factories as f


@pytest.fixture(autouse=True)
def uploads_folder(settings, tmp_path):
    settings.IMPORT_TMP_DIR = str(tmp_path / "imports")


def workbook(rows_by_sheet) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in rows_by_sheet.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(client, data, name="caseload.xlsx"):
    return client.post(
        reverse("admin:caseload-upload"), {"caseload": SimpleUploadedFile(name, data)}
    )


@pytest.mark.django_db
def test_upload_preview_confirm(editor_client):
    person = f.PersonFactory(slug="ihar-losik", display_name="Ihar Losik")
    buffer = io.BytesIO()
    export_caseload(buffer)
    book = load_workbook(buffer)
    book["people"]["B2"] = "Ihar Losik (corrected)"
    changed = io.BytesIO()
    book.save(changed)
    extra = workbook({"people": [["slug", "name"], ["zqnew-person", "Zqnew Person"]]})

    response = upload(editor_client, changed.getvalue())
    assert response.status_code == 302
    preview = editor_client.get(response["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "people: 0 new, 1 changed, 0 unchanged" in page
    assert "<del>Ihar Losik</del> → <ins>Ihar Losik (corrected)</ins>" in page
    person.refresh_from_db()
    assert person.display_name == "Ihar Losik"

    confirm = editor_client.post(response["Location"] + "confirm/")
    assert confirm.status_code == 302
    person.refresh_from_db()
    assert person.display_name == "Ihar Losik (corrected)"
    assert person.history.first().history_change_reason == (
        "Imported from the caseload file caseload.xlsx"
    )
    # The upload is gone once imported.
    assert editor_client.get(response["Location"]).status_code == 404
    assert upload(editor_client, extra).status_code == 302


@pytest.mark.django_db
def test_problems_are_listed_and_there_is_no_confirm(editor_client):
    data = workbook(
        {
            "people": [["slug", "name", "birth_date"], ["a-person", "A Person", "31.31.2020"]],
            "detentions": [["person", "number", "detained_on"], ["nobody", 1, "2020-01"]],
        }
    )
    response = upload(editor_client, data)
    page = editor_client.get(response["Location"]).content.decode()
    assert (
        "people!C2: &quot;31.31.2020&quot; is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)."
        in page
    )
    assert "detentions!A2: &quot;nobody&quot; names no row of the file or the ledger." in page
    assert "Confirm: import the file" not in page
    assert Person.private_objects.count() == 0


@pytest.mark.django_db
def test_a_large_upload_is_refused_while_reading(editor_client, settings):
    settings.CASELOAD_MAX_BYTES = 1000
    response = upload(editor_client, b"PK\x03\x04" + b"x" * 5000)
    assert response.status_code == 200
    assert "The file is larger than 1000 bytes" in response.content.decode()


@pytest.mark.django_db
def test_another_editors_upload_is_not_shown(editor_client, client):
    response = upload(editor_client, workbook({"people": [["slug", "name"], ["a", "A"]]}))
    client.force_login(f.EditorFactory())
    assert client.get(response["Location"]).status_code == 404


@pytest.mark.django_db
def test_the_template_downloads(editor_client):
    response = editor_client.get(reverse("admin:caseload-template"))
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames[:4] == ["sources", "occupations", "facilities", "people"]
    # The export names withheld people: editors who may not publish cannot download it.
    assert editor_client.get(reverse("admin:caseload-export")).status_code == 403

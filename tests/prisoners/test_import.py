"""CSV import of people: names and citizenships come in, a bad row stops the whole file."""

import io

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from prisoners.models import Person, PersonName
from prisoners.partial_dates import DatePrecision
from prisoners.resources import PersonResource
from tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db

HEADER = "slug,display_name,kind,visibility,role,birth_date,citizenships,occupations,names\n"
GOOD_ROW = (
    "andrzej-poczobut,Andrzej Poczobut,prisoner,published,journalist,1973-04-16,BY;PL,"
    "journalist,be-Cyrl: Андрэй Пачобут | ru-Cyrl: Андрей Почобут | pl-Latn: Andrzej Poczobut\n"
)
SECOND_GOOD_ROW = "ihar-losik,Ihar Losik,prisoner,published,blogger,1992,BY,,en-Latn: Ihar Losik\n"


def dataset(text):
    return tablib.Dataset().load(io.StringIO(text), format="csv")


@pytest.fixture(autouse=True)
def occupations():
    OccupationFactory(name="journalist", slug="journalist")


def test_a_good_file_imports_people_with_names_and_citizenships():
    result = PersonResource().import_data(dataset(HEADER + GOOD_ROW + SECOND_GOOD_ROW))
    assert not result.has_errors() and not result.has_validation_errors()
    person = Person.private_objects.get(slug="andrzej-poczobut")
    assert [c.code for c in person.citizenships] == ["BY", "PL"]
    assert person.birth_date.isoformat() == "1973-04-16"
    assert set(person.names.values_list("name", flat=True)) == {
        "Андрэй Пачобут",
        "Андрей Почобут",
        "Andrzej Poczobut",
    }
    assert list(person.occupations.values_list("name", flat=True)) == ["journalist"]
    losik = Person.private_objects.get(slug="ihar-losik")
    assert losik.birth_date_precision == DatePrecision.YEAR


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        ("x,Someone,prisoner,published,,16.04.1973,BY,,\n", "is not a date"),
        ("x,Someone,prisoner,published,,,BYE,,\n", "Unknown country code(s): BYE"),
        ("x,Someone,prisoner,published,,,BY,jurnalist,\n", "Unknown occupation(s): jurnalist"),
        ("x,Someone,inmate,published,,,BY,,\n", "'inmate' is not a known kind of person"),
        (
            "x,Someone,prisoner,published,,,BY,,Андрэй Пачобут\n",
            "is not in the form language-Script",
        ),
        ("x,,prisoner,published,,,BY,,\n", "A display name is required"),
    ],
)
def test_one_bad_row_writes_nothing_and_names_the_row(bad_row, message):
    text = HEADER + GOOD_ROW + bad_row + SECOND_GOOD_ROW
    result = PersonResource().import_data(dataset(text), dry_run=False)
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert message in str(invalid.error_dict)
    assert not Person.private_objects.exists()
    assert not PersonName.private_objects.exists()


def test_admin_import_previews_then_refuses_a_file_with_a_bad_row(editor_client):
    text = HEADER + GOOD_ROW + "x,Someone,prisoner,published,,,ZZ,,\n"
    upload = SimpleUploadedFile("people.csv", text.encode("utf-8"), content_type="text/csv")
    response = editor_client.post(
        reverse("admin:prisoners_person_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown country code(s): ZZ" in page
    assert "Confirm import" not in page
    assert not Person.private_objects.exists()


def test_admin_import_dry_run_then_confirm_writes_everything(editor_client):
    upload = SimpleUploadedFile(
        "people.csv", (HEADER + GOOD_ROW).encode("utf-8"), content_type="text/csv"
    )
    preview = editor_client.post(
        reverse("admin:prisoners_person_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )
    assert preview.status_code == 200
    assert not Person.private_objects.exists(), "the preview is a dry run"
    confirm_form = preview.context["confirm_form"]
    response = editor_client.post(
        reverse("admin:prisoners_person_process_import"), confirm_form.initial
    )
    assert response.status_code == 302
    person = Person.private_objects.get(slug="andrzej-poczobut")
    assert person.names.count() == 3
    assert person.history.count() >= 1

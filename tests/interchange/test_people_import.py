"""CSV import of people: names and citizenships come in, a bad row stops the whole file.

The files publish people, so a publisher imports them; what an editor's import may not do is in
tests/admin/test_roles.py."""

import datetime
import html
import io
import os
import time

import pytest
import tablib
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from interchange.people_import.admin_views import possible_duplicates
from interchange.people_import.resources import PersonResource
from ledger.partial_dates import DatePrecision
from prisoners.models import (
    ExternalIdentifier,
    Gender,
    IdentifierScheme,
    Person,
    PersonKind,
    PersonName,
    Recogniser,
    Recognition,
    Standing,
    Visibility,
)
from prisoners.models.name_search import person_scores
from tests.factories import (
    EditorFactory,
    ExternalIdentifierFactory,
    OccupationFactory,
    PersonFactory,
    PersonNameFactory,
    RecognitionFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "slug,display_name,kind,visibility,role,birth_date,citizenships,occupations,names\n"
FULL_HEADER = HEADER.replace("names\n", "names,summary\n")
GOOD_ROW = (
    "andrzej-poczobut,Andrzej Poczobut,prisoner,published,journalist,1973-04-16,BY;PL,"
    "journalist,be-Cyrl: Андрэй Пачобут | ru-Cyrl: Андрей Почобут | pl-Latn: Andrzej Poczobut\n"
)
GOOD_FULL_ROW = GOOD_ROW.replace("\n", ",\n")  # with an empty summary
SECOND_GOOD_ROW = "ihar-losik,Ihar Losik,prisoner,published,blogger,1992,BY,,en-Latn: Ihar Losik\n"
NEXT_YEAR = datetime.date.today().year + 1
IMPORT_URL = "admin:prisoners_person_import"
CONFIRM_URL = "admin:prisoners_person_process_import"
CANCEL_URL = "admin:prisoners_person_cancel_import"


def dataset(text):
    return tablib.Dataset().load(io.StringIO(text), format="csv")


def upload(client, text):
    file = SimpleUploadedFile("people.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse(IMPORT_URL), {"import_file": file, "format": "0", "resource": "0"})


def page_text(response):
    return html.unescape(response.content.decode())


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture(autouse=True)
def occupations():
    return OccupationFactory(name="journalist", slug="journalist")


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    """Uploads waiting for confirmation go to a directory of the test's own."""
    directory = tmp_path / "imports"
    settings.IMPORT_TMP_DIR = str(directory)
    return directory


@pytest.fixture
def losik(occupations):
    person = PersonFactory(
        slug="ihar-losik",
        display_name="Ihar Losik",
        kind=PersonKind.PRISONER,
        visibility=Visibility.WITHHELD,
        role="blogger",
        citizenships=["BY", "PL"],
        birth_date=datetime.date(1992, 1, 1),
        birth_date_precision=DatePrecision.YEAR,
        summary="Blogger and RFE/RL consultant.",
    )
    person.occupations.add(occupations)
    return person


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
        # Finding 9: impossible birth dates are row errors in words.
        (
            f"x,Someone,prisoner,published,,{NEXT_YEAR}-05-01,BY,,\n",
            f"'{NEXT_YEAR}-05-01' is in the future: a birth date cannot be later than today.",
        ),
        (
            f"x,Someone,prisoner,published,,{NEXT_YEAR},BY,,\n",
            f"'{NEXT_YEAR}' is in the future: a birth date cannot be later than today.",
        ),
        (
            "x,Someone,prisoner,published,,1899-12-31,BY,,\n",
            "'1899-12-31' is before 1900: check the year (birth dates before 1900 are not "
            "accepted).",
        ),
        ("x,Someone,prisoner,published,,1850,BY,,\n", "'1850' is before 1900"),
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


def test_birth_dates_from_1900_to_today_are_accepted():
    today = datetime.date.today().isoformat()
    text = HEADER + f"a,A Person,,,,1900-01-01,,,\nb,B Person,,,,{today},,,\n"
    result = PersonResource().import_data(dataset(text), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Person.private_objects.get(slug="b").birth_date.isoformat() == today


# Finding 1: an empty cell never changes an existing record; `(clear)` empties a value.


@pytest.mark.parametrize(
    "row",
    ["ihar-losik,Ihar Losik,,,,,,,,\n", "ihar-losik,,,,,,,,,\n"],
    ids=["display-name-given", "only-the-slug"],
)
def test_empty_cells_leave_an_existing_person_unchanged(losik, row):
    result = PersonResource().import_data(dataset(FULL_HEADER + row), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert [r.import_type for r in result.rows] == ["update"]
    losik.refresh_from_db()
    assert losik.display_name == "Ihar Losik"
    assert losik.kind == PersonKind.PRISONER
    assert losik.visibility == Visibility.WITHHELD
    assert losik.role == "blogger"
    assert [c.code for c in losik.citizenships] == ["BY", "PL"]
    assert list(losik.occupations.values_list("name", flat=True)) == ["journalist"]
    assert (losik.birth_date, losik.birth_date_precision) == (
        datetime.date(1992, 1, 1),
        DatePrecision.YEAR,
    )
    assert losik.summary == "Blogger and RFE/RL consultant."


def test_the_clear_marker_empties_a_value_of_an_existing_person(losik):
    PersonNameFactory(person=losik, name="Ігар Лосік", language="be", script="Cyrl")
    row = "ihar-losik,,,,(clear),(clear),(CLEAR),(clear),,(clear)\n"
    result = PersonResource().import_data(dataset(FULL_HEADER + row), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    losik.refresh_from_db()
    assert losik.role == ""
    assert losik.birth_date is None
    assert list(losik.citizenships) == []
    assert list(losik.occupations.all()) == []
    assert losik.summary == ""
    assert losik.visibility == Visibility.WITHHELD, "an empty cell still keeps its value"
    assert list(losik.names.values_list("name", flat=True)) == ["Ігар Лосік"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ihar-losik,(clear),,,,,,,,\n", "A display name is required: it cannot be cleared."),
        (
            "ihar-losik,,(clear),,,,,,,\n",
            "The kind of person cannot be cleared: write one of prisoner, actor, or leave the "
            "cell empty to keep it.",
        ),
        (
            "ihar-losik,,,(clear),,,,,,\n",
            "The visibility cannot be cleared: write one of draft, published, withheld, or "
            "leave the cell empty to keep it.",
        ),
        (
            "ihar-losik,,,,,,,,(clear),\n",
            "Spellings are never removed by an import: remove one on the person's page in the "
            "admin.",
        ),
    ],
)
def test_values_a_person_must_have_cannot_be_cleared(losik, row, message):
    result = PersonResource().import_data(dataset(FULL_HEADER + row), dry_run=False)
    [invalid] = result.invalid_rows
    assert message in str(invalid.error_dict)
    losik.refresh_from_db()
    assert (losik.display_name, losik.kind, losik.visibility) == (
        "Ihar Losik",
        PersonKind.PRISONER,
        Visibility.WITHHELD,
    )


def test_empty_cells_of_a_new_person_mean_the_defaults():
    text = FULL_HEADER + "new-person,New Person,,,,,,,,\n"
    result = PersonResource().import_data(dataset(text), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    person = Person.private_objects.get(slug="new-person")
    assert (person.kind, person.visibility, person.role) == (
        PersonKind.PRISONER,
        Visibility.DRAFT,
        "",
    )
    assert person.birth_date is None and list(person.citizenships) == []


# Finding 2: the same person twice in one file.


def test_the_same_slug_twice_is_a_row_error_naming_both_rows():
    again = GOOD_ROW.replace(",journalist,1973", ",editor,1973")
    text = HEADER + GOOD_ROW + SECOND_GOOD_ROW + again
    result = PersonResource().import_data(dataset(text), dry_run=False)
    [invalid] = result.invalid_rows
    assert invalid.number == 3
    assert invalid.error_dict["slug"] == [
        "The slug 'andrzej-poczobut' is in row 1 and again in row 3: a file may hold each "
        "person only once. Merge the two rows."
    ]
    assert not Person.private_objects.exists()


def test_the_same_slug_made_from_two_display_names_is_a_row_error():
    text = HEADER + ",Ihar Losik,,,,,,,\n,Ihar  Losik,,,,,,,\n"
    result = PersonResource().import_data(dataset(text), dry_run=False)
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "The slug 'ihar-losik' is in row 1 and again in row 2" in str(invalid.error_dict)
    assert not Person.private_objects.exists()


# The admin: preview, confirm, cancel.


def test_admin_import_previews_then_refuses_a_file_with_a_bad_row(publisher_client, import_dir):
    text = HEADER + GOOD_ROW + "x,Someone,prisoner,published,,,ZZ,,\n"
    response = upload(publisher_client, text)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unknown country code(s): ZZ" in page
    assert "Confirm import" not in page
    assert not Person.private_objects.exists()
    assert not import_dir.exists() or list(import_dir.iterdir()) == [], "nothing to confirm"


def test_admin_import_dry_run_then_confirm_writes_everything(publisher_client):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    assert preview.status_code == 200
    assert not Person.private_objects.exists(), "the preview is a dry run"
    confirm_form = preview.context["confirm_form"]
    response = publisher_client.post(reverse(CONFIRM_URL), confirm_form.initial)
    assert response.status_code == 302
    person = Person.private_objects.get(slug="andrzej-poczobut")
    assert person.names.count() == 3
    assert person.history.count() >= 1


@pytest.mark.parametrize(
    ("row", "shown_as"),
    [
        (
            "pachobut,Andrei Pachobut,prisoner,draft,,,,,be-Cyrl: Андрэй Пачобут\n",
            "Andrei Pachobut",
        ),
        ("pachobut,Andrei Pachobut,prisoner,draft,,,,,\n", "Andrei Pachobut"),
        ("pachobut,Андрэй Пачобут,prisoner,draft,,,,,\n", "Андрэй Пачобут"),
        ("pachobut,Andrzej Poczobutt,prisoner,draft,,,,,\n", "Andrzej Poczobutt"),
    ],
    ids=["a-spelling", "another-transliteration", "cyrillic", "typo"],
)
def test_preview_flags_a_likely_duplicate_under_a_new_slug(publisher_client, row, shown_as):
    """Finding 3: a warning with links, in any script; the import can still be confirmed."""
    existing = PersonFactory(display_name="Andrzej Poczobut", slug="andrzej-poczobut")
    PersonFactory(display_name="Maria Kalesnikava", slug="maria-kalesnikava")
    preview = upload(publisher_client, HEADER + row)
    assert preview.status_code == 200
    [new_row] = preview.context["result"].valid_rows()
    assert new_row.possible_duplicates == [existing]
    page = page_text(preview)
    assert (
        f"Row 1 (new: <bdi>{shown_as}</bdi>): possible duplicate of "
        f'<a href="/admin/prisoners/person/{existing.pk}/change/"><bdi>Andrzej Poczobut</bdi></a> '
        "(andrzej-poczobut)."
    ) in page
    assert "Maria Kalesnikava" not in page
    assert "Confirm import" in page, "a warning, not an error"


def test_preview_names_no_duplicate_for_an_update_or_an_unknown_name(publisher_client):
    PersonFactory(display_name="Andrzej Poczobut", slug="andrzej-poczobut")
    preview = upload(publisher_client, HEADER + GOOD_ROW + SECOND_GOOD_ROW)
    rows = preview.context["result"].valid_rows()
    assert [(r.import_type, r.possible_duplicates) for r in rows] == [("update", []), ("new", [])]
    assert "possible duplicate" not in page_text(preview)


def test_preview_shows_what_changes_in_each_existing_person(publisher_client, losik):
    """Finding 4: field, from what, to what, in plain words."""
    PersonFactory(slug="maria-kalesnikava", display_name="Maria Kalesnikava", role="musician")
    text = (
        FULL_HEADER
        + "ihar-losik,,,,blogger and journalist,,BY,,,(clear)\n"
        + "maria-kalesnikava,,,,musician,,,,,\n"
    )
    preview = upload(publisher_client, text)
    assert preview.status_code == 200
    first, second = preview.context["result"].valid_rows()
    assert first.changes == [
        "role: 'blogger' → 'blogger and journalist'",
        "citizenships: 'BY;PL' → 'BY'",
        "summary: 'Blogger and RFE/RL consultant.' → (empty)",
    ]
    assert second.changes == []
    page = page_text(preview)
    assert (
        "Row 1 (update: <bdi>Ihar Losik</bdi>): <bdi>role: 'blogger' → 'blogger and "
        "journalist'</bdi>; <bdi>citizenships: 'BY;PL' → 'BY'</bdi>; <bdi>summary: 'Blogger and "
        "RFE/RL consultant.' → (empty)</bdi>."
    ) in page  # names and values in bidi isolation (tests/pages/test_bidi.py)
    assert "Row 2 (update: <bdi>Maria Kalesnikava</bdi>): no changes." in page
    losik.refresh_from_db()
    assert losik.role == "blogger", "the preview is a dry run"


def test_confirm_is_refused_when_a_person_changed_since_the_preview(
    publisher_client, losik, import_dir
):
    """Finding 5: someone edits a person between preview and confirm."""
    preview = upload(publisher_client, FULL_HEADER + "ihar-losik,,,,editor,,,,,\n" + GOOD_FULL_ROW)
    someone_else = Person.private_objects.get(pk=losik.pk)
    someone_else.role = "blogger; RFE/RL consultant"
    someone_else.save()
    response = publisher_client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 409
    assert (
        "Nothing was imported: people in this file were changed after the preview "
        "(ihar-losik). Upload the file again to see the changes as they are now."
    ) in page_text(response)
    assert f'<a href="{reverse(IMPORT_URL)}">Upload a file</a>' in page_text(response)
    assert 'action=""' not in page_text(response), "no form that would post to the confirm URL"
    losik.refresh_from_db()
    assert losik.role == "blogger; RFE/RL consultant"
    assert not Person.private_objects.filter(slug="andrzej-poczobut").exists()
    assert not any("Import finished" in text for text in message_texts(response))
    assert list(import_dir.iterdir()) == []


def test_confirm_is_refused_when_a_new_slug_was_taken_since_the_preview(publisher_client):
    preview = upload(publisher_client, HEADER + GOOD_ROW + SECOND_GOOD_ROW)
    PersonFactory(slug="ihar-losik", display_name="Ihar Losik", role="added by hand")
    response = publisher_client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 409
    assert "people in this file were changed after the preview (ihar-losik)" in page_text(response)
    assert not Person.private_objects.filter(slug="andrzej-poczobut").exists()
    assert Person.private_objects.get(slug="ihar-losik").role == "added by hand"


def test_a_confirm_that_fails_reports_the_errors_and_no_success(publisher_client, occupations):
    preview = upload(publisher_client, HEADER + GOOD_ROW + SECOND_GOOD_ROW)
    occupations.delete()  # the vocabulary changed between preview and confirm
    response = publisher_client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 409
    page = page_text(response)
    assert "Nothing was imported: the file no longer imports cleanly" in page
    assert "Unknown occupation(s): journalist" in page
    assert not any("Import finished" in text for text in message_texts(response))
    assert not Person.private_objects.exists()


def test_the_success_message_comes_after_the_commit_with_true_counts(
    publisher_client, losik, django_capture_on_commit_callbacks
):
    preview = upload(publisher_client, FULL_HEADER + "ihar-losik,,,,editor,,,,,\n" + GOOD_FULL_ROW)
    with django_capture_on_commit_callbacks(execute=True):
        response = publisher_client.post(
            reverse(CONFIRM_URL), preview.context["confirm_form"].initial
        )
        assert response.status_code == 302
        assert message_texts(response) == [], "nothing is reported before the commit"
    assert message_texts(response) == [
        "Import finished: 1 new, 1 updated, 0 deleted and 0 skipped people."
    ]


# Finding 6: size and row limits, before parsing.


def test_a_file_over_the_size_limit_is_refused_before_parsing(publisher_client, import_dir):
    row = "prisoner-{n},Prisoner Number {n},prisoner,draft,,,BY,,\n"
    text = HEADER + "".join(row.format(n=n) for n in range(45_000))
    size = len(text.encode())
    assert size > 2 * 1024 * 1024
    response = upload(publisher_client, text)
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        f"This file is {size / 1024 / 1024:.1f} MB; an import may be at most 2.0 MB. Split it "
        "into smaller files and import them one by one."
    ]
    assert "confirm_form" not in response.context
    assert not import_dir.exists() or list(import_dir.iterdir()) == []
    assert not Person.private_objects.exists()


def test_the_size_limit_is_a_setting(publisher_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(publisher_client, HEADER + GOOD_ROW)
    size = len((HEADER + GOOD_ROW).encode())
    assert response.context["form"].errors["import_file"] == [
        f"This file is {size} bytes; an import may be at most 100 bytes. Split it into smaller "
        "files and import them one by one."
    ]
    assert not Person.private_objects.exists()


def test_a_file_over_the_row_limit_is_refused(publisher_client, import_dir):
    row = "p-{n},Person {n},,,,,,,\n"
    text = HEADER + "".join(row.format(n=n) for n in range(5_001))
    response = upload(publisher_client, text)
    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        "This file has 5,001 rows; an import may have at most 5,000. Split it into smaller "
        "files and import them one by one."
    ]
    assert not import_dir.exists() or list(import_dir.iterdir()) == []
    assert not Person.private_objects.exists()


def test_the_row_limit_is_a_setting_and_holds_outside_the_admin(publisher_client, settings):
    settings.IMPORT_MAX_ROWS = 1
    response = upload(publisher_client, HEADER + GOOD_ROW + SECOND_GOOD_ROW)
    assert (
        "This file has 2 rows; an import may have at most 1."
        in (response.context["form"].errors["import_file"][0])
    )
    with pytest.raises(ValueError, match="This file has 2 rows; an import may have at most 1."):
        PersonResource().import_data(dataset(HEADER + GOOD_ROW + SECOND_GOOD_ROW))
    assert not Person.private_objects.exists()


# Finding 7: uploads waiting for confirmation do not stay on disk.


def test_the_upload_is_removed_after_confirm(publisher_client, import_dir):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    name = preview.context["confirm_form"].initial["import_file_name"]
    assert (import_dir / name).is_file()
    response = publisher_client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 302
    assert list(import_dir.iterdir()) == []


def test_cancel_removes_the_upload_and_writes_nothing(publisher_client, import_dir):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    assert f'formaction="{reverse(CANCEL_URL)}"' in preview.content.decode()
    response = publisher_client.post(
        reverse(CANCEL_URL), preview.context["confirm_form"].initial, follow=True
    )
    assert response.redirect_chain == [(reverse("admin:prisoners_person_changelist"), 302)]
    assert "Import cancelled: nothing was imported." in page_text(response)
    assert list(import_dir.iterdir()) == []
    assert not Person.private_objects.exists()


def test_leftover_uploads_older_than_a_day_are_swept_on_the_next_import(
    publisher_client, import_dir
):
    import_dir.mkdir(parents=True)
    old, recent = import_dir / ("a" * 32), import_dir / ("b" * 32)
    old.write_text(HEADER)
    recent.write_text(HEADER)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days_ago, two_days_ago))
    response = publisher_client.get(reverse(IMPORT_URL))
    assert response.status_code == 200
    assert sorted(path.name for path in import_dir.iterdir()) == ["b" * 32]


# Finding 8: a tampered confirm form is a 400 with a clear message.


@pytest.mark.parametrize(
    "name",
    ["../../../etc/passwd", "/etc/hostname", "people.csv", "0123456789abcdef0123456789abcdef"],
    ids=["traversal", "absolute", "unknown", "well-formed-unknown"],
)
def test_a_tampered_file_name_is_a_400(publisher_client, name):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    data = {**preview.context["confirm_form"].initial, "import_file_name": name}
    for url in (CONFIRM_URL, CANCEL_URL):
        response = publisher_client.post(reverse(url), data)
        assert response.status_code == 400
        assert (
            "This preview cannot be used: the upload it names is not one of your previews (the "
            "form was altered). Nothing was imported; upload the file again."
        ) in page_text(response)
    assert not Person.private_objects.exists()


def test_an_upload_already_imported_is_a_400(publisher_client):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    data = preview.context["confirm_form"].initial
    assert publisher_client.post(reverse(CONFIRM_URL), data).status_code == 302
    again = publisher_client.post(reverse(CONFIRM_URL), data)
    assert again.status_code == 400
    assert (
        "This preview cannot be used: its upload is gone (it was already imported or cancelled, "
        "or it waited more than a day). Nothing was imported; upload the file again."
    ) in page_text(again)
    assert Person.private_objects.count() == 1


def test_another_editors_upload_is_a_400_and_stays_theirs(publisher_client):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    data = preview.context["confirm_form"].initial
    other = Client()
    other.force_login(EditorFactory())
    for url in (CONFIRM_URL, CANCEL_URL):
        response = other.post(reverse(url), data)
        assert response.status_code == 400
        assert "the upload it names is not one of your previews" in page_text(response)
    assert not Person.private_objects.exists()
    assert publisher_client.post(reverse(CONFIRM_URL), data).status_code == 302
    assert Person.private_objects.filter(slug="andrzej-poczobut").exists()


@pytest.mark.parametrize("field", ["format", "resource"])
@pytest.mark.parametrize("value", ["99", "-1", "csv"])
def test_a_tampered_format_or_resource_is_a_400(publisher_client, field, value):
    preview = upload(publisher_client, HEADER + GOOD_ROW)
    data = {**preview.context["confirm_form"].initial, field: value}
    response = publisher_client.post(reverse(CONFIRM_URL), data)
    assert response.status_code == 400
    assert "the upload it names is not one of your previews" in page_text(response)
    assert not Person.private_objects.exists()


@pytest.mark.parametrize(
    "spelling",
    ["Андрэй Пачобут", "Andrei Pachobut", "Алесь Бяляцкі", "Maria Kolesnikova", "Igor Losik"],
)
def test_the_bulk_duplicate_search_agrees_with_the_name_search(spelling):
    """The preview scores a whole file at once; it finds whom the admin's search finds."""
    for name, slug in [
        ("Andrzej Poczobut", "andrzej-poczobut"),
        ("Ales Bialiatski", "ales-bialiatski"),
        ("Maria Kalesnikava", "maria-kalesnikava"),
        ("Ihar Losik", "ihar-losik"),
        ("Maria Losik", "maria-losik"),
    ]:
        PersonFactory(display_name=name, slug=slug)
    by_search = list(Person.private_objects.in_bulk(list(person_scores(spelling))).values())
    assert by_search, "the name search finds someone"
    assert set(possible_duplicates({1: [spelling]})[1]) == set(by_search)


# The deeper record: patronymic, gender, recognitions and ids in other databases.

DEEP_HEADER = (
    "slug,display_name,patronymic,gender,recognised_by,viasna_id,ovd_info_id,cecc_id,wikidata_id\n"
)


def import_rows(text, dry_run=False):
    return PersonResource().import_data(dataset(DEEP_HEADER + text), dry_run=dry_run)


def assert_imported(result):
    assert not result.has_errors(), [error.error for row in result.rows for error in row.errors]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]


def test_patronymic_gender_recognitions_and_ids_come_in_with_a_new_person():
    result = import_rows(
        "ales-bialiatski,Ales Bialiatski,Viktaravich,male,viasna; Memorial,12,,,q1189\n"
    )
    assert_imported(result)
    person = Person.private_objects.get(slug="ales-bialiatski")
    assert (person.patronymic, person.gender) == ("Viktaravich", Gender.MALE)
    recognitions = Recognition.private_objects.filter(person=person)
    assert sorted(recognitions.values_list("recogniser", "standing")) == [
        (Recogniser.MEMORIAL, Standing.REPORTED),
        (Recogniser.VIASNA, Standing.REPORTED),
    ]
    assert sorted(person.external_ids.values_list("scheme", "identifier")) == [
        (IdentifierScheme.VIASNA, "12"),
        (IdentifierScheme.WIKIDATA, "Q1189"),
    ]


def test_an_unknown_gender_is_a_row_error_and_nothing_is_written():
    result = import_rows("a,A Person,,female,,,,,\nb,B Person,,m,,,,,\n")
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert invalid.error_dict["gender"] == [
        "'m' is not a known gender. Use one of: female, male, other."
    ]
    assert not Person.private_objects.exists()


def test_recognised_by_adds_the_missing_recognitions_and_keeps_the_rest(losik):
    viasna = RecognitionFactory(
        person=losik,
        recogniser=Recogniser.VIASNA,
        recognised_on=datetime.date(2020, 6, 25),
        note="Recognised with the other bloggers.",
    )
    result = import_rows("ihar-losik,,,,memorial | VIASNA,,,,\n")
    assert_imported(result)
    assert [row.changes for row in result.rows] == [
        ["recognised_by: 'viasna' → 'memorial; viasna'"]
    ]
    by_body = {r.recogniser: r for r in Recognition.private_objects.filter(person=losik)}
    assert set(by_body) == {Recogniser.MEMORIAL, Recogniser.VIASNA}
    kept = by_body[Recogniser.VIASNA]
    assert (kept.pk, kept.recognised_on, kept.note, kept.version) == (
        viasna.pk,
        datetime.date(2020, 6, 25),
        "Recognised with the other bloggers.",
        viasna.version,
    )
    assert by_body[Recogniser.MEMORIAL].recognised_on is None


def test_recognised_by_never_removes_a_recognition(losik):
    RecognitionFactory(person=losik, recogniser=Recogniser.VIASNA)
    assert_imported(import_rows("ihar-losik,,,,memorial,,,,\n"))
    assert set(losik.recognitions.values_list("recogniser", flat=True)) == {"memorial", "viasna"}
    result = import_rows("ihar-losik,,,,(clear),,,,\n")
    [invalid] = result.invalid_rows
    assert invalid.error_dict["recognised_by"] == [
        "Recognitions are never removed by an import: record a withdrawal or remove one on the "
        "person's page in the admin."
    ]
    assert losik.recognitions.count() == 2


def test_an_unknown_recogniser_is_a_row_error():
    result = import_rows("a,A Person,,,viasna; amnesty international,,,,\n")
    [invalid] = result.invalid_rows
    assert invalid.error_dict["recognised_by"] == [
        "Unknown recogniser(s): amnesty international. Use one of: viasna, belarusian_hr, "
        "memorial, amnesty, cecc, other."
    ]
    assert not Person.private_objects.exists()
    assert not Recognition.private_objects.exists()


def test_an_identifier_is_updated_kept_or_cleared(losik):
    viasna = ExternalIdentifierFactory(
        person=losik, scheme="viasna", identifier="100", url="https://spring96.org/persons/100"
    )
    ExternalIdentifierFactory(person=losik, scheme="ovd_info", identifier="ovd-7")
    ExternalIdentifierFactory(person=losik, scheme="wikidata", identifier="Q5")
    result = import_rows("ihar-losik,,,,,200,,cecc-9,(clear)\n")
    assert_imported(result)
    assert result.rows[0].changes == [
        "viasna_id: '100' → '200'",
        "cecc_id: (empty) → 'cecc-9'",
        "wikidata_id: 'Q5' → (empty)",
    ]
    ids = dict(losik.external_ids.values_list("scheme", "identifier"))
    assert ids == {"viasna": "200", "ovd_info": "ovd-7", "cecc": "cecc-9"}
    viasna.refresh_from_db()
    assert viasna.url == "", "the link pointed at the old record"


def test_an_identifier_of_another_person_is_a_row_error_and_nothing_is_written(losik):
    ExternalIdentifierFactory(person=losik, scheme="viasna", identifier="77")
    text = "a,A Person,,,viasna,,,,\nb,B Person,,,,77,,,\nc,C Person,,,,,,,\n"
    result = import_rows(text)
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert invalid.error_dict["viasna_id"] == [
        "The Viasna political prisoners database id '77' already belongs to Ihar Losik "
        "(ihar-losik). If this row is that person, give the slug 'ihar-losik'; otherwise "
        "check the id."
    ]
    assert list(Person.private_objects.values_list("slug", flat=True)) == ["ihar-losik"]
    assert not Recognition.private_objects.exists()
    assert ExternalIdentifier.private_objects.get().person == losik


def test_the_same_identifier_twice_in_a_file_is_a_row_error_naming_both_rows():
    result = import_rows("a,A Person,,,,,,,Q42\nb,B Person,,,,,,,q42\n")
    [invalid] = result.invalid_rows
    assert invalid.error_dict["wikidata_id"] == [
        "The Wikidata id 'Q42' is in row 1 and again in row 2: two people cannot share it."
    ]
    assert not Person.private_objects.exists()
    assert not ExternalIdentifier.private_objects.exists()


def test_a_malformed_wikidata_id_is_a_row_error():
    result = import_rows("a,A Person,,,,,,,https://www.wikidata.org/wiki/Q42\n")
    [invalid] = result.invalid_rows
    assert invalid.error_dict["wikidata_id"] == [
        "'https://www.wikidata.org/wiki/Q42' is not a Wikidata id: write Q and the digits (Q42)."
    ]


def test_the_deeper_columns_are_exported_for_a_round_trip(losik):
    losik.patronymic, losik.gender = "Uladzimiravich", Gender.MALE
    losik.save()
    RecognitionFactory(person=losik, recogniser=Recogniser.VIASNA)
    ExternalIdentifierFactory(person=losik, scheme="viasna", identifier="321")
    [row] = PersonResource().export().dict
    assert {column: row[column] for column in DEEP_HEADER.strip().split(",")} == {
        "slug": "ihar-losik",
        "display_name": "Ihar Losik",
        "patronymic": "Uladzimiravich",
        "gender": "male",
        "recognised_by": "viasna",
        "viasna_id": "321",
        "ovd_info_id": "",
        "cecc_id": "",
        "wikidata_id": "",
    }


def test_admin_preview_of_a_taken_identifier_is_an_error_not_a_500(publisher_client, losik):
    ExternalIdentifierFactory(person=losik, scheme="viasna", identifier="77")
    preview = upload(publisher_client, DEEP_HEADER + "b,B Person,,,,77,,,\n")
    assert preview.status_code == 200
    page = page_text(preview)
    assert "id '77' already belongs to Ihar Losik (ihar-losik)" in page
    assert "Confirm import" not in page
    assert not Person.private_objects.filter(slug="b").exists()


def test_confirm_is_refused_when_an_identifier_changed_since_the_preview(publisher_client, losik):
    preview = upload(publisher_client, DEEP_HEADER + "ihar-losik,,,,viasna,5,,,\n")
    ExternalIdentifierFactory(person=losik, scheme="ovd_info", identifier="ovd-1")
    response = publisher_client.post(reverse(CONFIRM_URL), preview.context["confirm_form"].initial)
    assert response.status_code == 409
    assert "people in this file were changed after the preview (ihar-losik)" in page_text(response)
    assert not losik.recognitions.exists()
    assert list(losik.external_ids.values_list("scheme", flat=True)) == ["ovd_info"]


def test_a_file_of_only_some_columns_changes_only_those(losik):
    text = "slug,recognised_by,viasna_id,wikidata_id\nihar-losik,viasna; memorial,1234,Q12345\n"
    result = PersonResource().import_data(dataset(text), dry_run=False)
    assert_imported(result)
    losik.refresh_from_db()
    assert (losik.role, losik.visibility, losik.summary) == (
        "blogger",
        Visibility.WITHHELD,
        "Blogger and RFE/RL consultant.",
    )
    assert set(losik.recognitions.values_list("recogniser", flat=True)) == {"viasna", "memorial"}
    assert dict(losik.external_ids.values_list("scheme", "identifier")) == {
        "viasna": "1234",
        "wikidata": "Q12345",
    }


def test_a_file_can_bring_the_translations_of_a_role_and_summary(losik):
    header = "slug,role_be,summary_ru\n"
    row = "ihar-losik,блогер,Блогер и консультант RFE/RL.\n"
    result = PersonResource().import_data(dataset(header + row), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    losik.refresh_from_db()
    assert (losik.role, losik.role_be, losik.summary_ru) == (
        "blogger",
        "блогер",
        "Блогер и консультант RFE/RL.",
    )
    assert losik.summary == "Blogger and RFE/RL consultant."

"""The caseload workbook: a ledger exported and imported into another reads the same; a second
import changes nothing, history included; every problem of a file is named at once with its sheet,
cell and value, and nothing is written while any remains."""

import csv
import datetime
import io
import zipfile

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from interchange.caseload.export import export_caseload, write_template
from interchange.caseload.importing import import_caseload
from interchange.caseload.sheets import SHEETS
from prisoners.models import Detention, Person
from tests import factories as f


def exported(form="xlsx") -> bytes:
    buffer = io.BytesIO()
    export_caseload(buffer, form)
    return buffer.getvalue()


def public_people_csv(client, prefix="syn-"):
    response = client.get(reverse("prisoners:person-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = [row for row in csv.DictReader(io.StringIO(text)) if row["slug"].startswith(prefix)]
    return sorted(rows, key=lambda row: row["slug"])


def wipe_records():
    """Empty both record apps (history and derived tables too), as a new database would be."""
    models = [
        model
        for label in ("prisoners", "releases")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    tables = [model._meta.db_table for model in models]
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys checked at commit
        for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(sql)


def history_count():
    return sum(
        sheet.model.history.model.objects.count()
        for sheet in SHEETS
        if hasattr(sheet.model, "history")
    )


def workbook_bytes(sheets: dict) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db(transaction=True)
def test_a_synthetic_ledger_imported_into_the_seeded_one_reads_the_same(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # a cached file of an earlier test's version would do
    call_command("generate_synthetic", persons=40, verbosity=0)
    data = exported()
    before = public_people_csv(client)
    assert len(before) == Person.public_objects.filter(slug__startswith="syn-").count() > 30
    wipe_records()
    call_command("seed", verbosity=0)
    seeded = Person.private_objects.count()

    result = import_caseload(data, "synthetic.xlsx")

    assert result.problems == []
    assert Person.private_objects.count() == seeded + result.counts["people"]["new"]
    assert public_people_csv(client) == before
    history = history_count()
    again = import_caseload(data, "synthetic.xlsx")
    assert again.problems == []
    assert again.changes_anything is False
    assert again.summary().startswith("Nothing to change")
    assert history_count() == history
    assert public_people_csv(client) == before


@pytest.mark.django_db
def test_the_zip_of_csvs_imports_like_the_workbook():
    person = f.PersonFactory(slug="ihar-losik", display_name="Ihar Losik")
    f.DetentionFactory(person=person, detained_on=datetime.date(2020, 6, 25), place="Minsk")
    with zipfile.ZipFile(io.BytesIO(exported("zip"))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert b"Minsk" in files["data/detentions.csv"]
    files["data/detentions.csv"] = files["data/detentions.csv"].replace(b"Minsk", b"Brest")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)

    result = import_caseload(buffer.getvalue(), "caseload.zip")

    assert result.problems == []
    assert result.counts["detentions"]["changed"] == 1
    assert result.counts["people"]["unchanged"] == 1
    assert Detention.private_objects.get().place == "Brest"


@pytest.mark.django_db
def test_errors_in_several_sheets_are_all_named_and_nothing_is_written():
    person = f.PersonFactory(slug="ihar-losik", display_name="Ihar Losik")
    f.DetentionFactory(person=person)
    workbook = load_workbook(io.BytesIO(exported()))
    workbook["people"]["B2"] = "Ihar Losik renamed"
    workbook["people"]["M2"] = "1992-13-01"  # birth_date
    workbook["detentions"]["C2"] = "31.31.2020"
    workbook["detentions"]["E2"] = "XX"  # country
    buffer = io.BytesIO()
    workbook.save(buffer)
    headers = {sheet.title: [c.value for c in sheet[1]] for sheet in workbook.worksheets}
    assert headers["people"][12] == "birth_date"
    assert headers["detentions"][2] == "detained_on"

    result = import_caseload(buffer.getvalue(), "planted.xlsx")

    messages = [str(problem) for problem in result.problems]
    assert messages == [
        'people!M2: "1992-13-01" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY).',
        'detentions!C2: "31.31.2020" is not a date (write YYYY-MM-DD, YYYY-MM or YYYY).',
        'detentions!E2: "XX" is not a country code (write the two letters of ISO 3166, e.g. BY).',
    ]
    assert Person.private_objects.get().display_name == "Ihar Losik"
    assert "Traceback" not in " ".join(messages)


@pytest.mark.django_db
def test_a_newer_change_in_the_ledger_is_a_conflict_not_overwritten():
    person = f.PersonFactory(slug="ihar-losik", display_name="Ihar Losik")
    workbook = load_workbook(io.BytesIO(exported()))
    workbook["people"]["B2"] = "Ihar Losik (file)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    person.display_name = "Ihar Losik (editor)"
    person.save()

    result = import_caseload(buffer.getvalue(), "stale.xlsx")

    assert len(result.problems) == 1
    assert "changed in the ledger after the file was written" in str(result.problems[0])
    assert "Ihar Losik (editor)" in str(result.problems[0])
    assert Person.private_objects.get().display_name == "Ihar Losik (editor)"


@pytest.mark.django_db
def test_a_namesake_is_shown_for_the_editor_to_decide_never_created_twice():
    f.PersonFactory(slug="ales-bialiatski", display_name="Ales Bialiatski")
    data = workbook_bytes({"people": [["slug", "name"], ["bialiatski-ales", "Алесь Бяляцкі"]]})

    result = import_caseload(data, "namesake.xlsx")

    assert [str(p) for p in result.problems] == [
        'people!B2: "Алесь Бяляцкі" is possibly the same person as Ales Bialiatski '
        "(ales-bialiatski). Write that slug in same_as to update them, or confirm that these "
        "are different people."
    ]
    assert Person.private_objects.count() == 1
    same = workbook_bytes(
        {
            "people": [
                ["slug", "name", "same_as"],
                ["bialiatski-ales", "Ales Bialiatski", "ales-bialiatski"],
            ],
            "names": [
                ["person", "name", "language", "script"],
                ["bialiatski-ales", "Алесь Бяляцкі", "be", "Cyrl"],
            ],
        }
    )
    result = import_caseload(same, "same.xlsx")
    assert result.problems == []
    assert Person.private_objects.count() == 1
    assert list(Person.private_objects.get().names.values_list("name", flat=True)) == [
        "Алесь Бяляцкі"
    ]


@pytest.mark.django_db
def test_a_file_from_a_spreadsheet_program_is_read_as_typed():
    """Dates as Excel dates, numbers as floats, trailing spaces."""
    data = workbook_bytes(
        {
            "people": [
                ["slug", "name ", "birth_date", "visibility"],
                ["ihar-losik ", "Ihar Losik  ", datetime.datetime(1992, 1, 1), "Published"],
            ],
            "detentions": [
                ["person", "number", "detained_on", "country"],
                ["ihar-losik", 1.0, 2020.0, "by "],
            ],
            "verdicts": [
                ["detention", "number", "sentence_months", "decided_on"],
                ["ihar-losik#1", 1, 180.0, "2021-12"],
            ],
        }
    )

    result = import_caseload(data, "excel.xlsx")

    assert result.problems == []
    person = Person.private_objects.get(slug="ihar-losik")
    assert (person.display_name, person.birth_date, person.visibility) == (
        "Ihar Losik",
        datetime.date(1992, 1, 1),
        "published",
    )
    detention = person.detentions.get()
    assert (detention.detained_on, detention.detained_on_precision, detention.country.code) == (
        datetime.date(2020, 1, 1),
        "year",
        "BY",
    )
    verdict = detention.verdicts.get()
    assert (verdict.sentence_months, verdict.decided_on_precision) == (180, "month")


@pytest.mark.django_db
def test_merged_header_cells_and_a_csv_are_refused_in_plain_words():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "people"
    sheet.append(["slug", "name", None])
    sheet.append(["ihar-losik", "Ihar Losik", "x"])
    sheet.merge_cells("B1:C1")
    buffer = io.BytesIO()
    workbook.save(buffer)

    result = import_caseload(buffer.getvalue(), "merged.xlsx")
    assert [str(p) for p in result.problems] == [
        'people!B1: "B1:C1" is a merged cell in the header row: unmerge it and give each column '
        "its own name in row 1."
    ]
    assert Person.private_objects.count() == 0

    refused = import_caseload(b"slug,name\nihar-losik,Ihar Losik\n", "people.csv")
    assert [str(p) for p in refused.problems] == [
        'The file: "people.csv" is a CSV or text file: upload the caseload workbook (.xlsx) or a '
        "zip of its sheets as CSV files (people.csv, detentions.csv...)."
    ]


@pytest.mark.django_db
def test_the_commands_export_and_import(tmp_path):
    f.PersonFactory(slug="ihar-losik")
    path = tmp_path / "caseload.xlsx"
    call_command("export_caseload", str(path))
    out = io.StringIO()
    call_command("import_caseload", str(path), "--dry-run", stdout=out)
    assert out.getvalue().startswith("Nothing to change")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="Nothing was imported: the file has 1 problem."):
        call_command("import_caseload", str(bad), stderr=io.StringIO())


def test_the_template_has_every_sheet_with_its_header_only():
    buffer = io.BytesIO()
    write_template(buffer)
    workbook = load_workbook(buffer)
    assert workbook.sheetnames == [sheet.name for sheet in SHEETS]
    assert [c.value for c in workbook["detentions"][1]][:3] == ["person", "number", "detained_on"]
    assert workbook["people"].max_row == 1


@pytest.mark.django_db
def test_a_withdrawn_person_stays_withdrawn_through_the_workbook():
    moment = datetime.datetime(2026, 6, 30, 12, 0, tzinfo=datetime.UTC)
    f.PersonFactory(slug="ihar-losik", visibility="published", withdrawn_at=moment)
    workbook = load_workbook(io.BytesIO(exported()))
    people = workbook["people"]
    people.cell(row=2, column=people.max_column).value = None  # the version: overwrite
    buffer = io.BytesIO()
    workbook.save(buffer)
    Person.private_objects.update(withdrawn_at=None)

    result = import_caseload(buffer.getvalue(), "withdrawn.xlsx")

    assert result.problems == []
    assert [plan.changes for _, plan in result.changed_rows()] == [
        [("withdrawn_at", "", "2026-06-30 12:00:00+00:00")]
    ]
    assert Person.private_objects.get().withdrawn_at == moment


@pytest.mark.django_db
def test_every_kind_of_problem_in_every_sheet_is_named_at_once():
    data = workbook_bytes(
        {
            "people": [
                ["slug", "name", "visibilty"],
                ["a-person", "A Person", "published"],
                ["a-person", "Again", ""],
            ],
            "detentions": [["number", "detained_on"], [1, "2020"]],
            "stays": [["person", "number", "facility"], ["a-person", 1, "colony-9"]],
            "verdicts": [["detention", "number", "sentence_months"], ["a-person#1", 1, 12.5]],
            "prisons": [["slug"], ["x"]],
        }
    )

    result = import_caseload(data, "many.xlsx")

    messages = [str(problem) for problem in result.problems]
    assert messages[0].startswith("prisons: is not a sheet this import reads")
    assert messages[1:] == [
        'people!C1: "visibilty" is not a column of people (slug, name, sort_name, kind, '
        "visibility, patronymic, gender, role, role_be, role_ru, role_pl, citizenships, "
        "birth_date, died_on, summary, summary_be, summary_ru, summary_pl, withdrawn_at, "
        "occupations, same_as, version).",
        'people!row 3: "a-person" is the key of row 2 too: each row needs its own key.',
        "detentions: has no person column, which identifies each row; add it to row 1.",
        'verdicts!C2: "12.5" is not a whole number.',
        'verdicts!A2: "a-person#1" names no row of the file or the ledger.',
        'stays!C2: "colony-9" is not a key of the facilities sheet nor of a record in the ledger.',
    ]
    assert Person.private_objects.count() == 0

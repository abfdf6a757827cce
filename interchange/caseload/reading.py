"""Opening a caseload file, a workbook (.xlsx) or a zip of CSVs, as sheets of raw cells.

Nothing here raises to the caller: what cannot be read becomes a `Problem` in plain words
(a CSV file, a renamed file, a header with merged cells), and the sheets that can be read are
still read, so that an editor sees every problem of the file at once.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from interchange.caseload.sheets import SHEETS_BY_NAME

MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str  # "C4", "row 4", or "" for the sheet or file as a whole
    value: str
    message: str

    def __str__(self):
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet or "The file"
        shown = f' "{self.value}"' if self.value != "" else ""
        return f"{where}:{shown} {self.message}"


@dataclass
class RawSheet:
    name: str
    header: list  # the cells of row 1
    rows: list  # (row number, [cells])
    merged_header: list  # "A1:B1" for each merge that touches row 1


def cell_name(index, row_number):
    return f"{get_column_letter(index + 1)}{row_number}"


def sniff(data: bytes) -> str:
    if data[:4] == b"PK\x03\x04":
        return "zip"
    return "other"


def read_caseload(data: bytes, filename: str = "") -> tuple[dict[str, RawSheet], list[Problem]]:
    """{sheet name: RawSheet}, problems."""
    if sniff(data) != "zip":
        looks = "a CSV or text file" if b"," in data[:2000] else "not a workbook"
        return {}, [
            Problem(
                "",
                "",
                filename,
                f"is {looks}: upload the caseload workbook (.xlsx) or a zip of its sheets as "
                "CSV files (people.csv, detentions.csv...).",
            )
        ]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        if "[Content_Types].xml" in names:
            return read_workbook(data, archive)
        return read_csv_zip(archive)


def read_workbook(data, archive):
    sheets, problems = {}, []
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        for worksheet in workbook.worksheets:
            name = worksheet.title.strip()
            if name not in SHEETS_BY_NAME:
                problems.append(unknown_sheet(name))
                continue
            rows = worksheet.iter_rows(values_only=True)
            header = list(next(rows, ()) or ())
            body = [
                (number, list(values))
                for number, values in enumerate(rows, start=2)
                if any(value not in (None, "") for value in values)
            ]
            merged = header_merges(archive, worksheet)
            sheets[name] = RawSheet(name, header, body, merged)
    finally:
        workbook.close()
    return sheets, problems


def header_merges(archive, worksheet):
    path = getattr(worksheet, "_worksheet_path", None)
    if not path:
        return []
    xml = archive.read(path.lstrip("/"))
    return [
        f"{a.decode()}{b.decode()}:{c.decode()}{d.decode()}"
        for a, b, c, d in MERGE.findall(xml)
        if b"1" in (b, d)
    ]


def unknown_sheet(name):
    known = ", ".join(SHEETS_BY_NAME)
    return Problem(name, "", "", f"is not a sheet this import reads (the sheets are: {known}).")


def read_csv_zip(archive):
    sheets, problems = {}, []
    for path in archive.namelist():
        if path.endswith("/") or not path.lower().endswith(".csv"):
            continue
        name = path.rsplit("/", 1)[-1][: -len(".csv")]
        if name not in SHEETS_BY_NAME:
            problems.append(unknown_sheet(name))
            continue
        data = archive.read(path)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(name, "", "", "is not in UTF-8: save the CSV as UTF-8."))
            continue
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        body = [
            (number, cells)
            for number, cells in enumerate(reader, start=2)
            if any(cell.strip() for cell in cells)
        ]
        sheets[name] = RawSheet(name, header, body, [])
    if not sheets and not problems:
        problems.append(Problem("", "", "", "holds no sheet: neither an .xlsx nor CSV files."))
    return sheets, problems

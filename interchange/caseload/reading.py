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
from xml.etree.ElementTree import ParseError

from openpyxl.utils import get_column_letter

from interchange.caseload.sheets import SHEETS_BY_NAME
from interchange.caseload.xlsx import read_xlsx

HEADER_MERGE = re.compile(r"^[A-Z]+1:")  # a merge that starts in row 1


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
    try:
        workbook = read_xlsx(data)
    except (KeyError, ValueError, AttributeError, zipfile.BadZipFile, ParseError):
        return {}, [
            Problem(
                "", "", "", "is damaged or not a workbook: save it again as .xlsx and upload it."
            )
        ]
    for title, rows, merges in workbook:
        name = title.strip()
        if name not in SHEETS_BY_NAME:
            problems.append(unknown_sheet(name))
            continue
        header = rows[0][1] if rows and rows[0][0] == 1 else []
        body = [
            (number, values)
            for number, values in rows
            if number > 1 and any(value not in (None, "") for value in values)
        ]
        merged = [ref for ref in merges if HEADER_MERGE.match(ref)]
        sheets[name] = RawSheet(name, header, body, merged)
    return sheets, problems


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

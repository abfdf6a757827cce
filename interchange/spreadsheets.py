"""Spreadsheet downloads (.xlsx, openpyxl): every filtered list in the words its reader sees.

The CSV is for programs: stable codes ('held', 'BY'), dates at their precision in ISO form, the
same file at every address. A spreadsheet is for people: each column's `title` as its header and
its `reader` (`interchange.csv_files.readers`) for each cell, in the language of the page it was
downloaded from ('Held', 'Belarus', '11 September 2025'). Text is stored as text, never as a
formula, whatever it starts with; characters XML cannot hold are dropped.
"""

import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from prisoners.mentions import public_text

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Sheet names are at most 31 characters.
MAX_SHEET_TITLE = 31


def text_cell(sheet, value, public=True):
    # A public file, not a text answer: it names no hidden person on its own (config.redaction).
    # The editors' caseload workbook (public=False) holds withheld people by design.
    if public:
        value = public_text(value)
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"  # openpyxl reads a leading '=' as a formula; this is always text
    return cell


def cells(sheet, row, public=True):
    for value in row:
        if value is None:
            yield None
        elif isinstance(value, str):
            yield text_cell(sheet, value, public) if value else None
        elif isinstance(value, bool | int | float):
            yield value
        else:
            yield text_cell(sheet, str(value), public)


def write_workbook(sheet_title: str, headers, rows):
    """A temporary file holding the workbook (write-only: rows go to disk as they come, so a
    large list never sits in memory whole). The caller serves and closes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:MAX_SHEET_TITLE])
    header = [text_cell(sheet, str(title)) for title in headers]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    for row in rows:
        sheet.append(list(cells(sheet, row)))
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle

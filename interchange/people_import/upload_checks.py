"""What is wrong with an upload before any row is read, in plain words: a workbook or binary file
renamed .csv, a text file in another encoding than UTF-8 (which one it looks like, and how to save
it as UTF-8), a file with neither a slug nor a display_name column, a JSON value that is not
text. The admin's import form calls `upload_problem`; None means the rows can be read."""

import codecs
import csv
import io
import json

SAVE_AS_UTF8 = (
    "Open it in the spreadsheet program and save it again as UTF-8: in Excel, File → Save As → "
    "“CSV UTF-8 (Comma delimited)”; in LibreOffice, Save As → Text CSV, tick “Edit filter "
    "settings” and choose “Unicode (UTF-8)”."
)
WORKBOOK = (
    "This file is a spreadsheet workbook (.xlsx or .ods) renamed, not a CSV file. " + SAVE_AS_UTF8
)
OLD_WORKBOOK = "This file is an old Excel workbook (.xls), not a CSV file. " + SAVE_AS_UTF8


def looks_like(data: bytes) -> str:
    """The single-byte encoding a non-UTF-8 text most likely is. A Cyrillic word in
    Windows-1251 is a run of bytes over 127; in Latin-1 such a byte is an accented letter, mostly
    between plain Latin letters."""
    high = [i for i, byte in enumerate(data) if byte > 127]
    in_runs = sum(
        1
        for i in high
        if (i > 0 and data[i - 1] > 127) or (i + 1 < len(data) and data[i + 1] > 127)
    )
    if high and in_runs * 2 > len(high):
        return "Windows-1251 (Cyrillic)"
    return "Latin-1 (Western European)"


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, None), or (None, why it cannot be read as UTF-8)."""
    try:
        return codecs.decode(data, "utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, (
            f"This file is not in UTF-8: it looks like {looks_like(data)}, and the first "
            f"character that is not UTF-8 is on line {line}. " + SAVE_AS_UTF8
        )


def binary_problem(data: bytes) -> str | None:
    if data.startswith(b"PK\x03\x04"):
        return WORKBOOK
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLD_WORKBOOK
    if b"\x00" in data[:4096]:
        return (
            "This file is not a text file (it holds binary data): upload a CSV, TSV or JSON file."
        )
    return None


def header_problem(text: str, delimiter: str) -> str | None:
    header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    names = [name.strip() for name in header]
    if "slug" not in names and "display_name" not in names:
        shown = ", ".join(names[:8]) or "(nothing)"
        return (
            f"The first row of the file reads “{shown}”: it must name the columns, with at "
            "least slug or display_name (docs/import-format.md lists them all)."
        )
    return None


def json_problem(text: str) -> str | None:
    try:
        rows = json.loads(text)
    except ValueError as error:
        return f"This file is not valid JSON (line {error.lineno}): {error.msg}."
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        return 'A JSON import is a list of objects, one per person: [{"display_name": ...}].'
    problems = []
    for number, row in enumerate(rows, start=1):
        for column, value in row.items():
            if isinstance(value, dict | list):
                shown = json.dumps(value, ensure_ascii=False)[:80]
                problems.append(
                    f"Row {number}, column {column}: {shown} is not text: write the value as "
                    "text (lists as 'a; b')."
                )
    return " ".join(problems[:20]) or None


def upload_problem(data: bytes, format_title: str) -> str | None:
    problem = binary_problem(data)
    if problem:
        return problem
    text, problem = decode(data)
    if problem:
        return problem
    if format_title == "json":
        return json_problem(text)
    return header_problem(text, "\t" if format_title == "tsv" else ",")

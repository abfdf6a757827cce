"""The admin's import and export formats: no cell of an exported file runs as a formula, and the
same file imports back as it was.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run by spreadsheets as
a formula (CSV injection: `=HYPERLINK(...)`, `+cmd|' /C calc'!A0`). On export such a cell gets a
leading `'`, which spreadsheets show as text; a cell that already starts with quotes before one of
those characters gets one more, so that the import can take exactly one off and store what was
exported. The public CSVs neutralise the same characters (`interchange.csv_files.writer`).

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT is left off: it deletes the
`=` (changing the data), leaves `+`, `-` and `@` alone, turns every cell into text, and nothing
undoes it on import.
"""

import tablib
from import_export.formats import base_formats

from interchange.csv_files.writer import FORMULA_TRIGGERS


def runs_as_formula(text: str) -> bool:
    """Whether the cell, after any leading quotes, starts as a spreadsheet formula."""
    return text.lstrip("'").startswith(FORMULA_TRIGGERS)


def quote_formula(value):
    if isinstance(value, str) and runs_as_formula(value):
        return "'" + value
    return value


def unquote_formula(value):
    if isinstance(value, str) and value.startswith("'") and runs_as_formula(value[1:]):
        return value[1:]
    return value


def converted(dataset, convert):
    return tablib.Dataset(
        *([convert(cell) for cell in row] for row in dataset),
        headers=dataset.headers,
        title=dataset.title,
    )


class FormulaSafeFormat:
    """Quotes formula cells on export and unquotes them on import (put it first in the bases)."""

    def export_data(self, dataset, **kwargs):
        return super().export_data(converted(dataset, quote_formula), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        return converted(super().create_dataset(in_stream, **kwargs), unquote_formula)


class CSV(FormulaSafeFormat, base_formats.CSV):
    pass


class TSV(FormulaSafeFormat, base_formats.TSV):
    pass


class JSON(FormulaSafeFormat, base_formats.JSON):
    pass


#: Every format the admin imports and exports. No spreadsheet binary format (XLSX, ODS) is
#: installed; one added here must be a FormulaSafeFormat too (tests/admin/test_admin_export.py).
ADMIN_FORMATS = [CSV, TSV, JSON]

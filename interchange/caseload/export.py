"""Writing the whole record as a caseload workbook (or a zip of CSVs): every record, drafts and
withheld people included with their visibility, for editors; never a public download.

Rows come in primary-key order. A row's key is its slug, or its key columns joined by '#'
(`ihar-losik#1`, the first detention of that person), numbered among its parent's rows in
primary-key order: the order the rows were recorded, which an import keeps.
"""

import csv
import io
import zipfile
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from openpyxl import Workbook
from openpyxl.styles import Font

from interchange.caseload.cells import format_list, format_partial_date
from interchange.caseload.sheets import KEY_JOINER, SHEETS, SHEETS_BY_MODEL
from interchange.spreadsheets import cells, text_cell

CHUNK_SIZE = 2000


class Keys:
    """Each exported row's key text, by sheet and primary key, for the rows that refer to it."""

    def __init__(self):
        self.texts = defaultdict(dict)
        self.content_types = {}

    def of(self, sheet_name, pk):
        return self.texts[sheet_name].get(pk, "") if pk is not None else ""

    def record(self, content_type_id, object_id):
        """(sheet name, key) of a generic reference."""
        if content_type_id is None:
            return "", ""
        if content_type_id not in self.content_types:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            self.content_types[content_type_id] = SHEETS_BY_MODEL.get(model)
        sheet = self.content_types[content_type_id]
        if sheet is None:
            return "", ""
        return sheet.name, self.of(sheet.name, object_id)


def generic_fields(sheet):
    if sheet.parent == "subject":
        return "subject_content_type_id", "subject_object_id"
    return "content_type_id", "object_id"


def parent_id(sheet, record):
    if not sheet.parent:
        return None
    if sheet.parent in ("subject", "record"):
        type_field, id_field = generic_fields(sheet)
        return getattr(record, type_field), getattr(record, id_field)
    return getattr(record, sheet.by_name[sheet.parent].attribute)


def many_to_many(sheet):
    """{column name: {pk: [target pks]}} for the sheet's refs columns."""
    found = {}
    for column in sheet.columns:
        if column.kind != "refs":
            continue
        relation = sheet.model._meta.get_field(column.attribute)
        through = relation.remote_field.through
        own = relation.m2m_field_name() + "_id"
        other = relation.m2m_reverse_field_name() + "_id"
        links = defaultdict(list)
        for pk, target in through.objects.values_list(own, other).order_by(own, other):
            links[pk].append(target)
        found[column.name] = links
    return found


def sheet_rows(sheet, keys):
    """The sheet's rows as lists of cell values, header first; fills `keys` for later sheets."""
    yield [column.name for column in sheet.columns]
    links = many_to_many(sheet)
    numbers = defaultdict(int)
    records = sheet.model.private_objects.order_by("pk")
    for record in records.iterator(chunk_size=CHUNK_SIZE):
        row, key_parts = [], []
        for column in sheet.columns:
            value = cell_value(sheet, column, record, keys, links, numbers)
            if column.kind == "record_type":
                continue  # written with its record
            if column.kind == "record":
                row.extend(value)
                key_parts.extend(value)
                continue
            row.append(value)
            if column.key:
                key_parts.append(str(value))
        key = KEY_JOINER.join(part for part in key_parts) if sheet.parent else key_parts[0]
        keys.texts[sheet.name][record.pk] = key
        yield row


def cell_value(sheet, column, record, keys, links, numbers):
    kind = column.kind
    if kind == "number":
        numbers[parent_id(sheet, record)] += 1
        return numbers[parent_id(sheet, record)]
    if kind == "record":
        return list(keys.record(*[getattr(record, name) for name in generic_fields(sheet)]))
    if kind in ("record_type", "same_as"):
        return ""
    if kind == "ref":
        return keys.of(column.target, getattr(record, column.attribute))
    if kind == "refs":
        return format_list(keys.of(column.target, pk) for pk in links[column.name][record.pk])
    value = getattr(record, column.attribute)
    if kind == "date":
        return format_partial_date(value, getattr(record, column.precision))
    if kind == "datetime":
        return value.isoformat(sep=" ") if value else ""
    if kind == "country":
        return value.code or ""
    if kind == "countries":
        return format_list(sorted(country.code for country in value))
    return value


def write_workbook(out):
    workbook = Workbook(write_only=True)
    keys = Keys()
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(title=sheet.name)
        for index, row in enumerate(sheet_rows(sheet, keys)):
            if index == 0:
                header = [text_cell(worksheet, name, public=False) for name in row]
                for cell in header:
                    cell.font = Font(bold=True)
                worksheet.append(header)
            else:
                worksheet.append(list(cells(worksheet, row, public=False)))
    workbook.save(out)


def write_csv_zip(out):
    keys = Keys()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for sheet in SHEETS:
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            for row in sheet_rows(sheet, keys):
                writer.writerow(["" if value is None else value for value in row])
            archive.writestr(f"data/{sheet.name}.csv", buffer.getvalue().encode("utf-8"))


def export_caseload(out, form="xlsx"):
    """Write every record to `out` (a path or a binary file) as a workbook or a zip of CSVs."""
    if form == "zip":
        write_csv_zip(out)
    else:
        write_workbook(out)


def write_template(out):
    """The empty workbook: each sheet with its header row only."""
    workbook = Workbook(write_only=True)
    for sheet in SHEETS:
        worksheet = workbook.create_sheet(title=sheet.name)
        header = [text_cell(worksheet, column.name, public=False) for column in sheet.columns]
        for cell in header:
            cell.font = Font(bold=True)
        worksheet.append(header)
    workbook.save(out)

"""From raw cells to typed rows: each sheet's header checked, each cell read by its column's kind,
every problem collected with its sheet, cell and value (none stops the reading of the others)."""

from dataclasses import dataclass, field

from interchange.caseload import cells as readers
from interchange.caseload.reading import Problem, cell_name
from interchange.caseload.sheets import KEY_JOINER, SHEETS, SHEETS_BY_NAME

LETTERS = [cell_name(index, "") for index in range(200)]


@dataclass
class ParsedRow:
    sheet: object
    number: int  # the row's number in the sheet (the header is row 1)
    addresses: dict  # column name -> cell address ("C4")
    texts: dict  # column name -> the cell as text
    values: dict = field(default_factory=dict)  # model attribute -> value
    refs: dict = field(default_factory=dict)  # column name -> key text of the row it names
    lists: dict = field(default_factory=dict)  # refs column name -> [key texts]
    record: tuple | None = None  # (sheet name, key) of a generic reference
    key: str = ""
    version: int | None = None
    same_as: str = ""


def check_header(raw, sheet, problems):
    """{column name: index}; a header problem leaves the column out."""
    positions = {}
    last_named = max((i for i, v in enumerate(raw.header) if v not in (None, "")), default=-1)
    for merge in raw.merged_header:
        problems.append(
            Problem(
                sheet.name,
                merge.split(":")[0],
                merge,
                "is a merged cell in the header row: unmerge it and give each column its own "
                "name in row 1.",
            )
        )
    for index, value in enumerate(raw.header[: last_named + 1]):
        name = readers.as_text(value)
        address = cell_name(index, 1)
        if not name:
            if not raw.merged_header:
                problems.append(
                    Problem(sheet.name, address, "", "is an empty header: name the column.")
                )
        elif name not in sheet.by_name:
            known = ", ".join(sheet.by_name)
            problems.append(
                Problem(sheet.name, address, name, f"is not a column of {sheet.name} ({known}).")
            )
        elif name in positions:
            problems.append(
                Problem(sheet.name, address, name, "is a second column of the same name.")
            )
        else:
            positions[name] = index
    for column in sheet.key_columns:
        if column.name not in positions and column.required:
            problems.append(
                Problem(
                    sheet.name,
                    "",
                    "",
                    f"has no {column.name} column, which identifies each row; add it to row 1.",
                )
            )
    return positions


def parse_sheets(raw_sheets, problems) -> dict[str, list[ParsedRow]]:
    parsed = {}
    for sheet in SHEETS:
        raw = raw_sheets.get(sheet.name)
        if raw is None:
            continue
        positions = check_header(raw, sheet, problems)
        missing_key = any(c.required and c.name not in positions for c in sheet.key_columns)
        rows, seen = [], {}
        for number, values in raw.rows:
            row = parse_row(sheet, positions, number, values, problems)
            if missing_key:
                continue
            if row.key in seen:
                problems.append(
                    Problem(
                        sheet.name,
                        f"row {number}",
                        row.key,
                        f"is the key of row {seen[row.key]} too: each row needs its own key.",
                    )
                )
                continue
            seen[row.key] = number
            rows.append(row)
        parsed[sheet.name] = rows
    return parsed


def parse_row(sheet, positions, number, values, problems):
    row = ParsedRow(sheet, number, {}, {})
    key_parts = []
    columns = sheet.by_name
    for name, index in positions.items():
        column = columns[name]
        value = values[index] if index < len(values) else None
        address = f"{LETTERS[index] if index < len(LETTERS) else cell_name(index, '')}{number}"
        row.addresses[name] = address
        row.texts[name] = readers.as_text(value)
        try:
            read_cell(row, column, value)
        except readers.CellError as error:
            problems.append(Problem(sheet.name, address, row.texts[name], f"{error}."))
            continue
        if column.required and row.texts[name] == "":
            problems.append(
                Problem(sheet.name, address, "", f"is empty: every row needs its {name}.")
            )
    for column in sheet.key_columns:
        if column.kind == "record_type":
            continue
        if column.kind == "record":
            key_parts.extend(row.record or ("", ""))
        else:
            key_parts.append(row.texts.get(column.name, ""))
    row.key = KEY_JOINER.join(key_parts)
    return row


def read_cell(row, column, value):
    kind = column.kind
    if kind == "text":
        row.values[column.attribute] = readers.read_text(value, column.max_length)
    elif kind == "integer":
        number = readers.read_integer(value)
        if column.name == "version":
            row.version = number
        else:
            row.values[column.attribute] = number
    elif kind == "number":
        number = readers.read_integer(value)
        if number is not None and number < 1:
            raise readers.CellError("is not a row number (write 1, 2, 3...)")
    elif kind == "boolean":
        if readers.as_text(value) != "":
            row.values[column.attribute] = readers.read_boolean(value)
    elif kind == "choice":
        row.values[column.attribute] = readers.read_choice(value, column.choices)
    elif kind == "country":
        row.values[column.attribute] = readers.read_country(value)
    elif kind == "countries":
        row.values[column.attribute] = readers.read_countries(value)
    elif kind == "date":
        day, precision = readers.read_partial_date(value)
        row.values[column.attribute] = day
        if precision:
            row.values[column.precision] = precision
    elif kind == "datetime":
        row.values[column.attribute] = readers.read_moment(value)
    elif kind == "ref":
        if readers.as_text(value):
            row.refs[column.name] = readers.as_text(value)
    elif kind == "refs":
        row.lists[column.name] = readers.read_list(value)
    elif kind == "record_type":
        text = readers.as_text(value)
        if text and text not in SHEETS_BY_NAME:
            raise readers.CellError(f"is not a sheet ({', '.join(SHEETS_BY_NAME)})")
        row.record = (text, (row.record or ("", ""))[1])
    elif kind == "record":
        row.record = ((row.record or ("", ""))[0], readers.as_text(value))
    elif kind == "same_as":
        row.same_as = readers.as_text(value)

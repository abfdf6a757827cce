"""The people CSV written by PostgreSQL: `COPY (SELECT ...) TO STDOUT WITH (FORMAT csv)`.

The portable query (`person_sql`) asks, for every person, one correlated subquery per list: at
100,000 people that is over a million small index scans and sorts. Here each related table is
read once instead and grouped by person in a derived table (names, recognitions, stays,
detentions, verdicts, charges, release outcomes, occupations), the list of people is joined to
those, and PostgreSQL writes the CSV itself, so Python only passes the bytes on.

Each aggregate reads its rows from a subquery sorted in the order the cell lists them and joins
them with a plain `STRING_AGG`: one sort of the table, where an aggregate with its own
`ORDER BY` sorts each person's handful of rows apart, for each such aggregate (at 100,000
people: twice the time for the release outcomes' two lists, a tenth more for the names).
PostgreSQL's documentation says a sorted subquery "will usually work" to order an aggregate's
input; it does whenever the aggregate reads the subquery directly, with no join or parallel
step between them: every aggregate here does, and the statement runs with parallel workers off
(`csv_export.copied_rows`). tests/test_csv_sql.py holds every cell to the Python values on
records whose orders matter.

A filtered file aggregates only its own people: the list is a materialised CTE and each table
is joined to it first, so a file of a few people costs what their rows cost. The whole list
skips that join (`everyone`). The plain columns (`slug`, `status`, `url`...) are the portable
expressions (`person_sql`), computed in the list's query.

The cells are exactly the Python writer's (`csv_export.sql_rows`): an empty cell is NULL (COPY
quotes an empty string), dates are ISO, a text cell that a spreadsheet would run as a formula
gets a leading `'` (`csv_export.neutralise`), and COPY quotes as the csv module does (a field
with a comma, a quote, CR or LF, quotes doubled). COPY ends lines with LF where the csv module
writes CRLF; `csv_export.copied_lines` puts that right.
"""

from django.db.models import F, Window
from django.db.models.functions import RowNumber

from ..csv_export import FORMULA_TRIGGERS
from ..models import IN_CUSTODY, ChargeQualifier, Person, Standing
from ..models.detentions import CUSTODIAL
from ..sql_aggregates import ordering_expressions

TEXT, DATE, NUMBER = "text", "date", "number"


def literal(value: str) -> str:
    """A constant of the code (a vocabulary value, a separator) as an SQL string literal; a
    control character (tab, carriage return) as `chr()`, so the statement stays readable."""
    if len(value) == 1 and not value.isprintable():
        return f"chr({ord(value)})"
    return "'" + value.replace("'", "''") + "'"


def literals(values) -> str:
    return ", ".join(literal(value) for value in values)


SEPARATOR = literal("; ")


def standing_label(what: str, row: str) -> str:
    """`HasStanding.standing_label` prefixed with what it is about, for a row not reported."""
    return (
        f"CASE WHEN {row}.standing = {literal(Standing.REPORTED)} THEN NULL "
        f"ELSE {literal(what + ' ')} || CASE WHEN {row}.standing = {literal(Standing.INFERRED)} "
        "THEN 'inferred' ELSE 'contested' END || "
        f"CASE WHEN {row}.standing_note = '' THEN '' ELSE ': ' || {row}.standing_note END END"
    )


def charge_label(charge: str) -> str:
    """`Charge.label`: 'Art. 293 part 2'; 'Art. 13 part 1 + Art. 293 part 2 (preparation)'."""
    article = (
        f"'Art. ' || {charge}.article || "
        f"CASE WHEN {charge}.part = '' THEN '' ELSE ' part ' || {charge}.part END"
    )
    qualifiers = " ".join(
        f"WHEN {literal(value)} THEN {literal(f' ({label.lower()})')}"
        for value, label in ChargeQualifier.choices
    )
    return (
        f"CASE WHEN {charge}.qualifier = '' THEN {article} "
        f"ELSE CASE WHEN {charge}.qualifier_article = '' THEN '' "
        f"ELSE 'Art. ' || {charge}.qualifier_article || ' + ' END || {article} "
        f"|| CASE {charge}.qualifier {qualifiers} ELSE '' END END"
    )


def public_releases(connection):
    """The ids of public releases (`Release.public_condition`): (sql, params)."""
    outcome = Person._meta.get_field("release_outcomes").related_model
    release = outcome._meta.get_field("release").related_model
    query = release.private_objects.filter(release.public_condition()).values("pk").query
    return query.get_compiler(connection=connection).as_sql()


def aggregates(releases: str, restricted) -> list[tuple[str, str]]:
    """(alias, `SELECT person_id, ... GROUP BY person_id`) for each related table.

    `releases` selects the ids of the public releases; `restricted(row)` joins a table's rows to
    the people of the file (or is empty when the file has everyone).
    """
    stay_order = "s.from_on ASC NULLS FIRST, s.reported_on ASC NULLS FIRST, s.id"
    return [
        (
            "names",
            f"SELECT person_id, STRING_AGG(spelling, {SEPARATOR}) AS other_names FROM ("
            "SELECT n.person_id, n.name || ' [' || n.language || '-' || n.script "
            "|| CASE WHEN n.is_attested THEN '' ELSE ', constructed' END || ']' AS spelling "
            f"FROM prisoners_personname n{restricted('n')} "
            "ORDER BY n.person_id, n.language, n.id) n GROUP BY person_id",
        ),
        (
            "recognitions",
            "SELECT person_id, STRING_AGG(recogniser, "
            f"{SEPARATOR}) FILTER (WHERE withdrawn_on IS NULL) AS recognised_by, "
            f"STRING_AGG(note, {SEPARATOR}) AS notes FROM ("
            "SELECT r.person_id, r.recogniser, r.withdrawn_on, "
            f"{standing_label('recognition', 'r')} AS note "
            f"FROM prisoners_recognition r{restricted('r')} "
            "ORDER BY r.person_id, r.recogniser, r.id) r GROUP BY person_id",
        ),
        (
            "stays",
            f"SELECT person_id, STRING_AGG(contested, {SEPARATOR}) AS contested, "
            f"STRING_AGG(note, {SEPARATOR}) AS notes FROM ("
            "SELECT s.person_id, CASE WHEN s.until_on IS NULL "
            f"AND s.standing = {literal(Standing.CONTESTED)} "
            "THEN f.slug || ' (contested)' END AS contested, "
            f"{standing_label('place of detention', 's')} AS note "
            f"FROM prisoners_stay s{restricted('s')} "
            "JOIN prisoners_facility f ON f.id = s.facility_id "
            f"ORDER BY s.person_id, {stay_order}) s GROUP BY person_id",
        ),
        (
            # `Person.current_stays` when no open stay is contested: the latest open one.
            "latest_stays",
            "SELECT DISTINCT ON (s.person_id) s.person_id, f.slug "
            f"FROM prisoners_stay s{restricted('s')} "
            "JOIN prisoners_facility f ON f.id = s.facility_id WHERE s.until_on IS NULL "
            "ORDER BY s.person_id, COALESCE(s.reported_on, s.from_on) DESC NULLS LAST, s.id DESC",
        ),
        (
            # `Detention.expected_release`: a running term with a custodial verdict, the months
            # added as `add_months` does (PostgreSQL pins the day to the month's end).
            "detentions",
            "SELECT person_id, MIN(detained_on) AS first_detained_on, "
            "MAX(term_months) AS longest_sentence_months, "
            "MAX(expected_release) AS expected_release, "
            f"STRING_AGG(note, {SEPARATOR}) AS notes FROM ("
            "SELECT d.person_id, d.detained_on, d.term_months, "
            "CASE WHEN d.ended_on IS NULL AND d.term_months IS NOT NULL AND d.id IN ("
            "SELECT v.detention_id FROM prisoners_verdict v "
            f"WHERE v.sentence_kind IN ({literals(CUSTODIAL)})) "
            "THEN (d.detained_on + make_interval(months => d.term_months))::date "
            "END AS expected_release, "
            f"{standing_label('detention', 'd')} AS note "
            f"FROM prisoners_detention d{restricted('d')} "
            "ORDER BY d.person_id, d.detained_on, d.id) d GROUP BY person_id",
        ),
        (
            "verdicts",
            f"SELECT person_id, STRING_AGG(note, {SEPARATOR}) AS notes FROM ("
            f"SELECT d.person_id, {standing_label('verdict', 'v')} AS note "
            "FROM prisoners_verdict v JOIN prisoners_detention d ON d.id = v.detention_id"
            f"{restricted('d')} WHERE v.standing <> {literal(Standing.REPORTED)} "
            "ORDER BY d.person_id, d.detained_on, d.id, v.decided_on ASC NULLS LAST, v.id"
            ") v GROUP BY person_id",
        ),
        (
            # `Person.charge_articles`: each label once, where first seen.
            "charges",
            f"SELECT person_id, STRING_AGG(label, {SEPARATOR}) AS charges FROM ("
            "SELECT * FROM (SELECT DISTINCT ON (d.person_id, label) d.person_id, "
            f"{charge_label('c')} AS label, d.detained_on, d.id AS detention_id, c.id "
            "FROM prisoners_charge c JOIN prisoners_detention d ON d.id = c.detention_id"
            f"{restricted('d')} ORDER BY d.person_id, label, d.detained_on, d.id, c.id) c "
            "ORDER BY person_id, detained_on, detention_id, id) c GROUP BY person_id",
        ),
        (
            "outcomes",
            f"SELECT person_id, STRING_AGG(outcome, {SEPARATOR}) AS releases, "
            f"STRING_AGG(note, {SEPARATOR}) AS notes FROM ("
            "SELECT o.person_id, r.slug || ' (' || o.outcome || ')' AS outcome, "
            f"{standing_label('release outcome', 'o')} AS note "
            f"FROM releases_releasedperson o{restricted('o')} "
            f"JOIN releases_release r ON r.id = o.release_id WHERE o.release_id IN ({releases}) "
            "ORDER BY o.person_id, r.released_on DESC, r.id DESC) o GROUP BY person_id",
        ),
        (
            "occupations",
            f"SELECT person_id, STRING_AGG(name, {SEPARATOR}) AS occupations FROM ("
            f"SELECT po.person_id, oc.name FROM prisoners_person_occupations po{restricted('po')} "
            "JOIN prisoners_occupation oc ON oc.id = po.occupation_id "
            "ORDER BY po.person_id, oc.name, oc.id) o GROUP BY person_id",
        ),
    ]


IN_CUSTODY_SQL = f"p.csv_status IN ({literals(IN_CUSTODY)})"

#: The cells that come from the aggregates: (SQL over `p` (the list's row) and the aliases, kind).
AGGREGATED_CELLS = {
    "other_names": ("names.other_names", TEXT),
    "recognised_by": ("recognitions.recognised_by", TEXT),
    "held_at": (
        f"CASE WHEN {IN_CUSTODY_SQL} THEN COALESCE(stays.contested, latest_stays.slug) END",
        TEXT,
    ),
    "expected_release_computed": (
        f"CASE WHEN {IN_CUSTODY_SQL} THEN detentions.expected_release END",
        DATE,
    ),
    "inferred_or_contested": (
        f"CONCAT_WS({SEPARATOR}, detentions.notes, verdicts.notes, stays.notes, "
        "recognitions.notes, outcomes.notes)",
        TEXT,
    ),
    "occupations": ("occupations.occupations", TEXT),
    "first_detained_on": ("detentions.first_detained_on", DATE),
    "longest_sentence_months": ("detentions.longest_sentence_months", NUMBER),
    "charges": ("charges.charges", TEXT),
    "releases": ("outcomes.releases", TEXT),
}


def kind_of(expression) -> str:
    internal_type = expression.output_field.get_internal_type()
    if internal_type == "DateField":
        return DATE
    if internal_type.endswith("IntegerField"):
        return NUMBER
    return TEXT


#: The first characters that make a text cell a formula, by code (`ascii()` of the cell).
TRIGGER_CODES = ", ".join(str(ord(character)) for character in FORMULA_TRIGGERS)


def formatted(name: str, kind: str) -> str:
    """The cell as the Python writer writes it (NULL for an empty cell). A formula's first
    character is found by its code: integer comparisons rather than six string ones a cell."""
    if kind == DATE:
        return f"to_char({name}, 'YYYY-MM-DD')"
    if kind == NUMBER:
        return name
    return (
        f"CASE WHEN ascii({name}) IN ({TRIGGER_CODES}) THEN '''' || {name} "
        f"ELSE NULLIF({name}, '') END"
    )


def people_in_order(columns, people):
    """The list's query: each person's id, status, rank in the list's order, plain cells.

    The primary key breaks ties (a sort by name alone leaves namesakes in no set order), so the
    same record always gives the same file."""
    order = [*(people.query.order_by or people.model._meta.ordering)]
    if not {"pk", "id", "-pk", "-id"} & {item for item in order if isinstance(item, str)}:
        order.append("pk")
    plain = [column for column in columns if column.label not in AGGREGATED_CELLS]
    return (
        people.order_by()
        .annotate(
            csv_person=F("pk"),
            csv_status=F("status"),
            csv_rank=Window(RowNumber(), order_by=ordering_expressions(order)),
            **{column.annotation_name: column.sql_expression() for column in plain},
        )
        .values("csv_person", "csv_status", "csv_rank", *(c.annotation_name for c in plain))
    )


def joined_to_list(row: str) -> str:
    # A join rather than IN: the planner then counts the list's rows (a CTE has no statistics of
    # its values), reading a few people's rows by index and many by hash.
    return f" JOIN csv_people cp ON cp.csv_person = {row}.person_id"


def copy_statement(columns, people, connection, everyone=False):
    """(sql, params): `COPY ... TO STDOUT` of the rows of `people` (a filtered, ordered Person
    queryset), one line per person with the cells of `columns`, no header.

    `everyone`: no filter narrows the list, so the aggregates read whole tables instead of
    joining each to the list first. A matter of speed only: the rows are the queryset's either
    way, since the file is the list joined to the aggregates.
    """
    listed = people_in_order(columns, people)
    people_sql, people_params = listed.query.get_compiler(connection=connection).as_sql()
    releases_sql, releases_params = public_releases(connection)
    cells = []
    for number, column in enumerate(columns):
        if column.label in AGGREGATED_CELLS:
            sql, kind = AGGREGATED_CELLS[column.label]
        else:
            sql = f"p.{column.annotation_name}"
            kind = kind_of(listed.query.annotations[column.annotation_name])
        cells.append((f"{sql} AS c{number}", formatted(f"c{number}", kind)))
    joins = " ".join(
        f"LEFT JOIN ({sql}) {alias} ON {alias}.person_id = p.csv_person"
        for alias, sql in aggregates(releases_sql, (lambda row: "") if everyone else joined_to_list)
    )
    # OFFSET 0 keeps the inner query whole, so that each cell is computed once and formatted
    # from its column rather than recomputed in every branch of its CASE.
    select = (
        f"SELECT {', '.join(outer for _, outer in cells)} FROM ("
        f"SELECT p.csv_rank, {', '.join(inner for inner, _ in cells)} "
        f"FROM {f'({people_sql}) p' if everyone else 'csv_people p'} {joins} OFFSET 0) cells "
        "ORDER BY csv_rank"
    )
    if not everyone:
        select = f"WITH csv_people AS MATERIALIZED ({people_sql}) {select}"
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv)", [*people_params, *releases_params]

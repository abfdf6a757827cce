"""A release's reported breakdowns laid out for comparison: one table per source, and one table
for sources that break the figure into the same categories.

Sources often give the same breakdown twice (BelTA's 12 of 14 foreigners by country as the
article quotes it, and its full list via Press.lv): as separate tables they repeat five rows and
hide the one that differs. Side by side, a column each, the difference is the row with a dash.
"""

from dataclasses import dataclass, field

from ledger.translated_text import text_in_language


@dataclass
class BreakdownColumn:
    breakdown: object  # a ReportedBreakdown, its items and `reported_by` prefetched
    heading: str


@dataclass
class BreakdownRow:
    label: str
    counts: list  # one per column; None where that breakdown has no such category
    columns: list = field(default_factory=list, repr=False)

    @property
    def cells(self):
        """(column, count) pairs, so that each cell can be labelled with its column."""
        return list(zip(self.columns, self.counts, strict=True))


@dataclass
class BreakdownTable:
    title: str  # what every column breaks down ("Foreign nationals"); "" when they differ
    sources: list
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    totals: list | None = None  # one per column, None when no column gives a total
    unaccounted: list | None = None  # likewise, for what the items leave over

    @property
    def compares(self):
        return len(self.columns) > 1

    @property
    def total_cells(self):
        return list(zip(self.columns, self.totals, strict=True)) if self.totals else []

    @property
    def unaccounted_cells(self):
        return list(zip(self.columns, self.unaccounted, strict=True)) if self.unaccounted else []


def category(item):
    return " ".join(item.label.casefold().split())


def categories(breakdown):
    return frozenset(category(item) for item in breakdown.items.all())


def breakdown_tables(breakdowns):
    """`breakdowns` grouped into tables: those of one source together, and those of different
    sources that give the same categories together; tables and columns in the order given."""
    breakdowns = list(breakdowns)
    groups = []  # lists of breakdowns; a breakdown joins every group it matches, merging them
    for breakdown in breakdowns:
        matching = [g for g in groups if any(belongs_with(breakdown, other) for other in g)]
        merged = [b for g in matching for b in g] + [breakdown]
        groups = [g for g in groups if g not in matching] + [merged]
    groups.sort(key=lambda g: min(breakdowns.index(b) for b in g))
    return [table_of(sorted(g, key=breakdowns.index)) for g in groups]


def belongs_with(breakdown, other):
    if breakdown.reported_by_id == other.reported_by_id:
        return True
    return bool(categories(breakdown)) and categories(breakdown) == categories(other)


def common_title(labels):
    """The words every label starts with, without a dangling bracket or dash: 'Foreign
    nationals' for 'Foreign nationals' and 'Foreign nationals (full BelTA breakdown)'."""
    words = [label.split() for label in labels]
    common = []
    for position in zip(*words, strict=False):
        if len(set(position)) > 1:
            break
        common.append(position[0])
    return " ".join(common).rstrip(" (-–—:,;")


def label_of(record, field_name="label") -> str:
    """A category's or a source's words in the reader's language (or the first that has them)."""
    return text_in_language(record, field_name).text


def table_of(breakdowns):
    sources = list({b.reported_by_id: b.reported_by for b in breakdowns}.values())
    labels = [label_of(b) for b in breakdowns]
    if len(breakdowns) == 1:
        headings = [""]  # the table's title and source say it; the column is just the count
    elif len(sources) == 1:
        headings = labels
    elif len(set(labels)) == 1:
        headings = [label_of(b.reported_by, "name") for b in breakdowns]
    else:
        headings = [f"{label_of(b)} ({label_of(b.reported_by, 'name')})" for b in breakdowns]
    table = BreakdownTable(
        title=common_title(labels),
        sources=sources,
        columns=[BreakdownColumn(b, h) for b, h in zip(breakdowns, headings, strict=True)],
    )

    counts = {}  # category -> [label, counts per column], in order of first appearance
    for index, breakdown in enumerate(breakdowns):
        for item in breakdown.items.all():
            row = counts.setdefault(category(item), [label_of(item), [None] * len(breakdowns)])
            row[1][index] = (row[1][index] or 0) + item.count
    order = list(counts)
    table.rows = [
        BreakdownRow(label, row_counts, table.columns)
        for key, (label, row_counts) in sorted(
            counts.items(),
            key=lambda kv: (-max(c for c in kv[1][1] if c is not None), order.index(kv[0])),
        )
    ]

    totals = [b.total for b in breakdowns]
    table.totals = totals if any(t is not None for t in totals) else None
    unaccounted = [b.unaccounted for b in breakdowns]
    table.unaccounted = unaccounted if any(unaccounted) else None
    return table

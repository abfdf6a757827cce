"""The dataset's tables: for each, the public rows (from `public_objects`) and their columns.

Rows come in primary-key order and lists within a cell are sorted, so the same record gives the
same bytes. People are the public prisoners plus the actors (envoys, officials) a public record
names; for an actor only the name, kind and role are given, as on the site. A person who may not
be named is never in a table: where a public record refers to one, the reference is empty and a
`..._name` column says `WITHHELD_PERSON`, as the pages do.
"""

from interchange.dataset.tables.people import PERSON_TABLES, dataset_people
from interchange.dataset.tables.releases import RELEASE_TABLES
from interchange.dataset.tables.sources import SOURCE_TABLES
from interchange.dataset.tables.table import Table

__all__ = ["TABLES", "TABLES_BY_NAME", "Table", "dataset_people"]

# In the order an import creates them: every table after the ones it refers to.
TABLES = [
    SOURCE_TABLES[0],
    *PERSON_TABLES,
    *RELEASE_TABLES,
    *SOURCE_TABLES[1:],
]
TABLES_BY_NAME = {table.name: table for table in TABLES}

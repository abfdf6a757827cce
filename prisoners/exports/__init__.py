"""The people CSV (/prisoners/export.csv): its columns and the three ways to write them.

- `person_columns`: the columns, declared once, as data (label, Python value, meaning, SQL).
- `person_values`: each cell in Python, from a person with its list details: the reference.
- `person_sql`: the same cells as portable SQL expressions, one query (SQLite writes the file
  from it with the csv module).
- `person_copy`: on PostgreSQL, the whole file from per-person aggregates, written by `COPY`.

tests/test_csv_sql.py holds the file to the Python values cell by cell on either database.
"""

from .person_columns import PERSON_COLUMNS
from .person_copy import copy_statement
from .person_sql import with_sort_keys

__all__ = ["PERSON_COLUMNS", "copy_statement", "with_sort_keys"]

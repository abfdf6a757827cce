"""The people CSV (/prisoners/export.csv): each column declared once (`columns`, in the SQL
parts of `cells`), and the one statement built from them (`statement`), which PostgreSQL writes
as the file itself and SQLite hands to the csv module (`interchange.csv_files.writer`).

tests/interchange/test_csv_sql.py holds every cell to values computed in Python from the records,
on either database.
"""

from interchange.csv_files.people.columns import PERSON_COLUMNS
from interchange.csv_files.people.statement import people_statement, with_sort_keys

__all__ = ["PERSON_COLUMNS", "people_statement", "with_sort_keys"]

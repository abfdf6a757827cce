"""One person, one record: the duplicate finder, the merge and its undo, readers' corrections.

Here, above both record apps, because a merge moves every row that points at a person, the
releases app's included, and `prisoners` may not name those (docs/architecture.md). The public
correction form is a page (`pages.corrections`); the editors' side is the admin
(`interchange.curation.admin`) and two commands (`find_duplicates`, `merge_people`).
"""

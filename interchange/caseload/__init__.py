"""The caseload workbook: the whole record in one file, out and back in (docs/import-format.md).

`sheets` declares the sheets and their columns once; `export` writes them, `reading` and
`parsing` read a file into typed rows with every problem in plain words, `matching` plans each
row against the ledger, `writing` writes a plan in bulk, `importing` ties them together for the
command, the admin (`admin_views`) and the tests.
"""

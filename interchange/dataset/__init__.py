"""The open dataset: a Frictionless Data Package of the public record, and loading one back.

`bundle.export_dataset` writes it (`manage.py export_dataset`), `loader.import_dataset` reads it
into an empty database (`manage.py import_dataset`); `tables` declares what is in it. It spans both
apps, so it lives here: `releases` may import `prisoners`, never the reverse. docs/open-data.md
describes the bundle and how to cite it.
"""

"""docs/fixture-audit.md as data: its tables parsed, and each audited value rendered from the
database the way the table states it, so a test can hold the fixture and the table together.

A row names a record (`app.model pk`), one of its public fields, the value as the table shows it,
and its sources: the slugs in backticks are sources that the record (or the record that carries
its citations, for a charge, a name or a breakdown item) is cited to.
"""

import re
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from prisoners.models import Citation

AUDIT = Path(__file__).resolve().parents[2] / "docs" / "fixture-audit.md"

#: Not public values, or the record's own identity (its row label names it).
SKIPPED = {
    "id",
    # Made by the site, not stated by a source: the random public identifier of a claim or a
    # citation (issue 21) and the language a source writes in, which marks its own words with
    # their `lang` on the pages (issue 25).
    "public_id",
    "language",
    "slug",
    "sort_name",
    "created_at",
    "updated_at",
    "visibility",
    "withdrawn_at",
    "is_published",
    "content_type",
    "object_id",
    "subject_content_type",
    "subject_object_id",
    "status",
    "status_since",
    "status_since_precision",
    "status_as_of",
    "status_as_of_precision",
    "status_country",
    "term_months",
    "sort_key",
    "version",
}

#: Where the citations of a record that is not cited itself are kept.
CITATION_HOLDER = {
    "prisoners.charge": "detention",
    "prisoners.personname": "person",
    "prisoners.externalidentifier": "person",
    "releases.breakdownitem": "breakdown",
}

VERDICTS = {"ok", "labelled", "fixed"}  # "open" is a verdict too; the table has none left
ROW = re.compile(r"^\| (?P<record>[a-z]+\.[a-z]+ \d+)[^|]*\|")


def label(obj):
    return f"{obj._meta.label_lower} {obj.pk}"


def cell(text):
    return " ".join(str(text).split()).replace("|", "\\|")


def public_fields(model):
    for field in model._meta.get_fields():
        if field.auto_created or not field.concrete and not field.many_to_many:
            continue
        if field.name in SKIPPED or field.name.endswith("_precision"):
            continue
        if field.name.startswith("history") or isinstance(field, models.AutoField):
            continue
        yield field


def shown(obj, field):
    """The value of `field` on `obj` as the audit table writes it ('' when empty)."""
    if field.many_to_many:
        return ", ".join(
            sorted(
                getattr(related, "slug", str(related.pk))
                for related in getattr(obj, field.name).all()
            )
        )
    value = getattr(obj, field.name)
    if value is None or value == "":
        return ""
    if isinstance(field, models.ForeignKey):
        return getattr(value, "slug", None) or str(value.pk)
    if isinstance(field, models.BooleanField):
        return "yes" if value else "no"
    if isinstance(field, models.DateField):
        precision = getattr(obj, f"{field.name}_precision", "day")
        return value.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]
    return cell(value)


def record(label_text):
    model_label, pk = label_text.split()
    model = apps.get_model(model_label)
    return model.private_objects.get(pk=int(pk))


def citation_sources(obj):
    """Slugs of the sources the record is cited to (a citation: its own source)."""
    if isinstance(obj, Citation):
        return {obj.source.slug}
    holder = CITATION_HOLDER.get(obj._meta.label_lower)
    target = getattr(obj, holder) if holder else obj
    content_type = ContentType.objects.get_for_model(type(target))
    return set(
        Citation.private_objects.filter(content_type=content_type, object_id=target.pk).values_list(
            "source__slug", flat=True
        )
    )


def split_row(line):
    cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
    return [c.strip() for c in cells]


def parse(text=None):
    """(counts {model label: n}, rows [dict]) from the audit document."""
    text = AUDIT.read_text(encoding="utf-8") if text is None else text
    counts, rows, section = {}, [], None
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:].strip().lower()
            continue
        if not line.startswith("| ") or line.startswith("|---") or line.startswith("| record"):
            continue
        cells = split_row(line)
        if section == "record counts" and cells[0] not in ("model", "**total**"):
            counts[cells[0].strip("`")] = int(cells[1])
        elif ROW.match(line):
            record_cell, field, value, sources, verdict, fix = cells
            rows.append(
                {
                    "record": record_cell.split(" · ")[0],
                    "field": field.strip("`"),
                    "value": value,
                    "sources": set(re.findall(r"`([a-z0-9-]+)`", sources)),
                    "verdict": verdict.strip("*"),
                    "fix": fix,
                }
            )
    return counts, rows

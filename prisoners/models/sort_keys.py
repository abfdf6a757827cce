"""The sort name and the stored key names sort by (see `transliteration.sort_key`)."""

from django.db import models

from transliteration import sort_key

SORT_KEY_LENGTH = 300


class SortKeyField(models.CharField):
    """Computed from the record's `sort_name` (or, while that is empty, its display name) in
    `pre_save`, which Django calls for `save()` and for every row of `bulk_create()` alike: the
    synthetic generator, the dataset loader and the CSV import fill it without knowing of it.
    (`QuerySet.update()` and `bulk_update()` skip `pre_save`: a writer changing names that way
    must set `sort_key` itself.)"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", SORT_KEY_LENGTH)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        kwargs.setdefault(
            "help_text",
            "Derived from the sort name: folded and transliterated to Latin, so that every "
            "script and accent sorts in one alphabet on every database. Never typed.",
        )
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = sort_key_for(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def surname_first(display_name: str) -> str:
    parts = display_name.split()
    if len(parts) < 2:
        return display_name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def sort_key_for(person) -> str:
    name = person.sort_name or surname_first(person.display_name or "")
    return sort_key(name)[:SORT_KEY_LENGTH]

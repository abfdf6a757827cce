"""The seed's texts in Belarusian, Russian and Polish, applied over the base fixture.

`fixtures/translations.yaml` is a list of entries, each naming one record by a stable key rather
than a primary key (a slug, or the model's identifying fields), and the values to set:

    - model: prisoners.facility
      key: {slug: penal-colony-no-1-navapolatsk}
      fields: {name_be: Папраўчая калонія № 1, name_ru: ...}

or, for a text that many records share (a charge's description, a breakdown's category), every
record whose fields equal `every` (at least one must):

    - model: prisoners.charge
      every: {description: mass riots}
      fields: {description_be: масавыя беспарадкі, ...}

It is a file apart from fixtures/article.yaml so that the record and its translations can be
edited independently. `manage.py seed` applies it after loading the fixture; an entry whose key
matches no record, or more than one, or names a field the model lacks, stops the seed with a
message and nothing written (the seed runs in one transaction).
"""

from pathlib import Path

import yaml
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist

TRANSLATIONS_FILE = Path(settings.BASE_DIR) / "fixtures" / "translations.yaml"


class TranslationsDoNotFit(Exception):
    """An entry of the overlay does not name exactly one record, or names an unknown field."""


def apply_translations(path: Path | None = None) -> int:
    """Set every entry's fields on the records its key names; returns the number of entries."""
    path = path or TRANSLATIONS_FILE
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    for number, entry in enumerate(entries, start=1):
        named = entry.get("key", entry.get("every"))
        where = f"{path.name}, entry {number} ({entry.get('model')} {named})"
        try:
            model = apps.get_model(entry["model"])
            many = "every" in entry
            key, fields = dict(entry["every" if many else "key"]), dict(entry["fields"])
        except (KeyError, LookupError, TypeError, ValueError) as error:
            raise TranslationsDoNotFit(
                f"{where}: needs a known model, a key (or every) and fields ({error})."
            ) from error
        for name in fields:
            try:
                model._meta.get_field(name)
            except FieldDoesNotExist as error:
                raise TranslationsDoNotFit(
                    f"{where}: {model.__name__} has no field {name!r}."
                ) from error
        matches = model._default_manager.filter(**key)
        found = matches.count()
        if found == 0 or (found > 1 and not many):
            raise TranslationsDoNotFit(f"{where}: the key matches {found} records, not one.")
        matches.update(**fields)
    return len(entries)

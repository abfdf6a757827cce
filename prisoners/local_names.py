"""The spelling of a person's name that a page in each reader's language shows first.

A Belarusian page shows the Belarusian Cyrillic spelling (Андрэй Пачобут), a Russian page the
Russian one (Андрей Почобут), a Polish page the Polish one (Andrzej Poczobut), where the record
has it; otherwise, and in English, the display name. The choice is stored on the person
(`Person.name_be`, `name_ru`, `name_pl`), derived from their spellings whenever one changes, so
that a list of 50 people, its CSV and the sort need no join to the names.

Which spelling: the language's own, in the language's script (Łacinka is Belarusian too, but
a Belarusian reader's page is in Cyrillic), one found verbatim in a source before one built by
transliteration, and the first entered among equals.
"""

from django.db import models
from django.utils.translation import get_language

from .models.vocabularies import Script
from .row_updates import update_rows

# The reader's language -> the script its pages are written in.
READER_SCRIPTS = {"be": Script.CYRILLIC, "ru": Script.CYRILLIC, "pl": Script.LATIN}
LOCAL_NAME_FIELDS = {language: f"name_{language}" for language in READER_SCRIPTS}
BATCH_SIZE = 2_000


def local_name_field(language_name: str):
    return models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=f"Derived from the person's names: the {language_name} spelling that pages "
        f"in {language_name} show first; empty when the record has none.",
    )


def shown_name(person) -> str:
    """The person's name as the current language's pages show it."""
    field = LOCAL_NAME_FIELDS.get((get_language() or "en").split("-")[0])
    return (getattr(person, field, "") if field else "") or person.display_name


def chosen_spellings(person_ids) -> dict[int, dict[str, str]]:
    """Person id -> {field name: spelling} for these people (every field, blank when none)."""
    from .models import PersonName

    chosen = {pk: dict.fromkeys(LOCAL_NAME_FIELDS.values(), "") for pk in person_ids}
    names = (
        PersonName.private_objects.filter(person_id__in=person_ids, language__in=READER_SCRIPTS)
        .order_by("person_id", "language", "-is_attested", "pk")
        .values_list("person_id", "language", "script", "name")
    )
    for person_id, language, script, name in names:
        field = LOCAL_NAME_FIELDS[language]
        if script == READER_SCRIPTS[language] and not chosen[person_id][field]:
            chosen[person_id][field] = name
    return chosen


def refresh_local_names(person_ids=None) -> int:
    """Store each person's chosen spellings; all people when `person_ids` is None. Returns how
    many people changed. Written as plain rows, like the derived status (prisoners.status): a
    derived value is no editor's save, so it leaves the record's version alone (an open form of
    the person stays valid) and its history too: the change is in the history of the name that
    caused it."""
    from .models import Person

    people = Person.private_objects.all()
    if person_ids is not None:
        people = people.filter(pk__in=list(person_ids))
    ids = list(people.order_by("pk").values_list("pk", flat=True))
    fields = list(LOCAL_NAME_FIELDS.values())
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        wanted = chosen_spellings(batch)
        stale = []
        for person in Person.private_objects.filter(pk__in=batch).only("pk", *fields):
            if any(getattr(person, field) != wanted[person.pk][field] for field in fields):
                for field in fields:
                    setattr(person, field, wanted[person.pk][field])
                stale.append(person)
        update_rows(Person, stale, fields)
        changed += len(stale)
    return changed

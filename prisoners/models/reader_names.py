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

from prisoners.vocabularies import Script

# The reader's language -> the script its pages are written in.
READER_SCRIPTS = {"be": Script.CYRILLIC, "ru": Script.CYRILLIC, "pl": Script.LATIN}
LOCAL_NAME_FIELDS = {language: f"name_{language}" for language in READER_SCRIPTS}


def local_name_field(language_name: str):
    return models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text=f"Derived from the person's names: the {language_name} spelling that pages "
        f"in {language_name} show first; empty when the record has none.",
    )


def reader_language() -> str:
    return (get_language() or "en").split("-")[0]


def shown_name(person) -> str:
    """The person's name as the current language's pages show it."""
    field = LOCAL_NAME_FIELDS.get(reader_language())
    return (getattr(person, field, "") if field else "") or person.display_name


def shown_name_is_constructed(person) -> bool:
    """Whether the name the current language's pages show was built by transliteration rather
    than found in a source: pages mark it so wherever it is the displayed name."""
    language = reader_language()
    field = LOCAL_NAME_FIELDS.get(language)
    if not field or not getattr(person, field, ""):
        return False
    return language in (person.constructed_names or "").split()


def constructed_names_field():
    return models.CharField(
        max_length=20,
        blank=True,
        editable=False,
        help_text="Derived from the person's names: the languages (be, ru, pl) whose shown "
        "spelling was built by transliteration, not found in a source; pages mark it.",
    )

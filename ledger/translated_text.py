"""Texts written per language: every editor-written text a reader sees, in English, Belarusian,
Russian and Polish (docs/languages.md).

A field `role` holds the English text; `role_be`, `role_ru` and `role_pl` hold the others, made
by `translations_of(role)` in the model's body. A page shows the reader's language, and where
that is empty the first language that has the text (English, then Belarusian, Russian, Polish),
marked with its language so the reader sees the fallback (`text_in_language`, and the
`{% translated %}` tag in pages.templatetags.ledger).

Why not django-modeltranslation: it adds its fields after the model class is built, and
django-simple-history builds each historical model from the fields present at that moment, so
the translations would be missing from the history (django-simple-history issues 209, 1299),
and a record's history is a promise here. Declaring the columns in the model's body keeps them
in the history, the migrations, the admin and the imports like any other field.
"""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

ENGLISH = "en"
# The languages with a column of their own, besides the English base field, in column order
# (their names are for the editors' help texts, in English like the rest of the admin).
TRANSLATED_LANGUAGES = {"be": "Belarusian", "ru": "Russian", "pl": "Polish"}
FALLBACK_ORDER = (ENGLISH, *TRANSLATED_LANGUAGES)
# Shown after a text that is not in the page's language.
IN_LANGUAGE = {
    "en": _("in English"),
    "be": _("in Belarusian"),
    "ru": _("in Russian"),
    "pl": _("in Polish"),
}


def translations_of(field, label: str) -> tuple:
    """Copies of `field` for Belarusian, Russian and Polish, always optional, in that order:
    `role_be, role_ru, role_pl = translations_of(role, "role")`."""
    _name, _path, args, kwargs = field.deconstruct()
    copies = []
    for language_name in TRANSLATED_LANGUAGES.values():
        options = dict(kwargs, blank=True, default="", verbose_name=f"{label} ({language_name})")
        options["help_text"] = (
            f"The same in {language_name}; pages in {language_name} show the English text "
            "(marked as English) while this is empty."
        )
        options.pop("db_index", None)
        options.pop("unique", None)  # an untranslated text is "" in many rows
        copies.append(type(field)(*args, **options))
    return tuple(copies)


@dataclass(frozen=True)
class TextInLanguage:
    text: str
    language: str
    is_fallback: bool

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    @property
    def fallback_label(self):
        return IN_LANGUAGE.get(self.language, "")


def text_in_language(record, field_name: str, language: str | None = None) -> TextInLanguage:
    """`record.<field_name>` in `language` (the active one by default), or in the first language
    that has it. The base field is English unless the record's `own_language(field_name)` says
    otherwise (a source's own name is in the source's language)."""
    wanted = (language or get_language() or ENGLISH).split("-")[0]
    order = (wanted, *(code for code in FALLBACK_ORDER if code != wanted))
    own = getattr(record, "own_language", None)
    base = own(field_name) if own else ENGLISH
    for code in order:
        text = getattr(record, field_name if code == ENGLISH else f"{field_name}_{code}", "")
        if text:
            code = base if code == ENGLISH else code
            return TextInLanguage(text, code, is_fallback=code != wanted)
    return TextInLanguage("", wanted, is_fallback=False)


def in_every_language(field_name: str) -> tuple:
    """The field and its translations, in column order:
    ("role", "role_be", "role_ru", "role_pl")."""
    return (field_name, *(f"{field_name}_{code}" for code in TRANSLATED_LANGUAGES))


class TranslationsBesideMixin:
    """For a ModelAdmin (or a stacked inline): each text written per language on one row, the
    English field followed by its Belarusian, Russian and Polish versions, wherever the admin's
    fieldsets place the English one; translations whose English field the form does not show
    stay where the fieldsets put them."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = {field.name for field in self.model._meta.fields}
        translated = {
            name for name in names if all(copy in names for copy in in_every_language(name)[1:])
        }
        placed = {
            name
            for _title, options in fieldsets
            for row in options.get("fields", ())
            for name in (row if isinstance(row, list | tuple) else (row,))
        }
        moved = {copy for base in translated & placed for copy in in_every_language(base)[1:]}
        arranged = []
        for title, options in fieldsets:
            rows = []
            for row in options.get("fields", ()):
                kept = [
                    n for n in (row if isinstance(row, list | tuple) else (row,)) if n not in moved
                ]
                if any(name in translated for name in kept):
                    rows.extend(in_every_language(n) if n in translated else n for n in kept)
                elif kept:
                    rows.append(tuple(kept) if len(kept) > 1 else kept[0])
            if rows:
                arranged.append((title, {**options, "fields": rows}))
        return arranged

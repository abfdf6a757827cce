"""A person's names: every spelling in every script, and the search keys derived from them."""

from django.db import models
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from ledger.publication import PublicationQuerySet, private_manager, public_manager
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models.on_person_page import OnPersonPage
from prisoners.vocabularies import Language, Script


class PersonName(OnPersonPage, Versioned):
    """One way of writing a person's name. Every variant is searchable."""

    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="names",
        help_text="Whose name this is.",
    )
    name = models.CharField(
        max_length=200, help_text="The name exactly as written in this variant."
    )
    language = models.CharField(
        max_length=3, choices=Language.choices, help_text="The language this spelling belongs to."
    )
    script = models.CharField(
        max_length=4, choices=Script.choices, help_text="The writing system of this spelling."
    )
    is_attested = models.BooleanField(
        default=True,
        help_text="Found verbatim in a source. Untick for spellings built from transliteration "
        "conventions: they are searched but shown as constructed.",
    )
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. 'Łacinka', 'used by Polish media'."
    )
    note_be, note_ru, note_pl = translations_of(note, "note")

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "language", "pk"]
        default_manager_name = "private_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name", "language"],
                name="person_name_unique_per_language",
                violation_error_message="This person already has this spelling in this language.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.writing_system})"

    @property
    def writing_system(self):
        if self.language == Language.BELARUSIAN and self.script == Script.LATIN:
            return _("Belarusian Łacinka")
        return f"{self.get_language_display()}, {self.get_script_display()}"


class NameKey(models.Model):
    """A search key derived from one of a person's spellings (see transliteration).

    Rebuilt automatically whenever a name changes; never edited by hand. Every key written here
    also lands in `DistinctNameKey`, which the search compares with a query.
    """

    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="name_keys",
        help_text="Whose name.",
    )
    key = models.CharField(
        max_length=100, help_text="A folded, transliterated skeleton of one word."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="name_key_unique_per_person")
        ]
        indexes = [
            # From a matching key to its people without reading the table (an index-only scan
            # on PostgreSQL): a common surname's key leads to thousands of rows.
            models.Index(fields=["key", "person"], name="name_key_key_person")
        ]

    def __str__(self):
        return self.key


class DistinctNameKey(models.Model):
    """Each search key once, however many people have it.

    Names repeat (a surname is shared by hundreds, a given name by thousands), so the keys in
    `NameKey` repeat too. The search compares a query with these distinct keys (with the pg_trgm
    GIN index on PostgreSQL) and only then reads the people who have the matching keys, by
    equality; comparing with every person's keys would cost as many comparisons as the record
    has people (see `prisoners.models.name_search`).

    Filled by database triggers on `NameKey` (migration 0014), so that every writer of keys
    (a save, a bulk load, a migration, raw SQL) reaches it. Keys nobody has any more are left
    in place: they match no person, and removing them could race with a concurrent writer
    adding the same key back.
    """

    key = models.CharField(
        max_length=100,
        primary_key=True,
        help_text="A search key that some person has, or had (see NameKey.key).",
    )

    def __str__(self):
        return self.key

"""A person's names: every spelling in every script, and the search keys derived from them."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..publication import PublicationQuerySet, private_manager, public_manager
from ..versioning import Versioned
from .people import OnPersonPage, Person
from .vocabularies import Language, Script


class PersonName(OnPersonPage, Versioned):
    """One way of writing a person's name. Every variant is searchable."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="names", help_text="Whose name this is."
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
            return "Belarusian Łacinka"
        return f"{self.get_language_display()}, {self.get_script_display()}"


class NameKey(models.Model):
    """A search key derived from one of a person's spellings (see prisoners.transliteration).

    Rebuilt automatically whenever a name changes; never edited by hand. On PostgreSQL the key
    column has a pg_trgm GIN index (migration 0002), which the model cannot declare because
    SQLite has no such index.
    """

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="name_keys", help_text="Whose name."
    )
    key = models.CharField(
        max_length=100, db_index=True, help_text="A folded, transliterated skeleton of one word."
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="name_key_unique_per_person")
        ]

    def __str__(self):
        return self.key

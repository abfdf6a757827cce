"""Who recognised a person as a political prisoner, and the person's ids in other databases.

Not everyone freed in a release is a recognised political prisoner (Viasna counted 40 of the 52
freed in September 2025): pages say "recognised by Viasna" only where a recognition is recorded.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ledger.partial_dates import format_partial_date, precision_field
from ledger.publication import PublicationQuerySet, private_manager, public_manager
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models.on_person_page import OnPersonPage
from prisoners.models.sources import Citation
from prisoners.models.standing import HasStanding, standing_explained
from prisoners.vocabularies import IdentifierScheme, Recogniser


class RecognitionQuerySet(PublicationQuerySet):
    def current(self):
        return self.filter(withdrawn_on__isnull=True)


class Recognition(OnPersonPage, HasStanding, Versioned):
    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="recognitions",
        help_text="Who was recognised.",
    )
    recogniser = models.CharField(
        max_length=20,
        choices=Recogniser.choices,
        help_text="The body that recognised the person as a political prisoner.",
    )
    recognised_on = models.DateField(
        null=True, blank=True, help_text="When the recognition was announced, if reported."
    )
    recognised_on_precision = precision_field("recognition date")
    withdrawn_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the body withdrew the recognition (not when the person was freed: "
        "a freed person stays recognised as a former political prisoner).",
    )
    withdrawn_on_precision = precision_field("withdrawal date")
    note = models.TextField(blank=True, help_text="Details, with citations below.")
    note_be, note_ru, note_pl = translations_of(note, "note")
    citations = GenericRelation(Citation, help_text="Sources for the recognition.")

    private_objects = private_manager(RecognitionQuerySet)
    public_objects = public_manager(RecognitionQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "recogniser", "pk"]
        default_manager_name = "private_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "recogniser"],
                name="recognition_once_per_body",
                violation_error_message="This body's recognition of this person is already "
                "recorded; edit that one (a withdrawal goes in its withdrawal date).",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_on__isnull=True)
                | Q(recognised_on__isnull=True)
                | Q(withdrawn_on__gte=F("recognised_on")),
                name="recognition_withdrawn_after_given",
                violation_error_message="A recognition cannot be withdrawn before it was given.",
            ),
            standing_explained("recognition"),
        ]

    def __str__(self):
        return f"{self.person}: recognised by {self.get_recogniser_display()}"

    def text(self) -> str:
        """'Recognised by Viasna Human Rights Centre (June 2021; withdrawn March 2024)'."""
        dates = []
        if self.recognised_on:
            dates.append(format_partial_date(self.recognised_on, self.recognised_on_precision))
        if self.withdrawn_on:
            withdrawn = format_partial_date(self.withdrawn_on, self.withdrawn_on_precision)
            dates.append(f"withdrawn {withdrawn}")
        when = f" ({'; '.join(dates)})" if dates else ""
        return f"Recognised by {self.get_recogniser_display()}{when}"


class ExternalIdentifier(OnPersonPage, Versioned):
    """The person's record in another database, for matching and for readers to follow."""

    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="external_ids",
        help_text="Whose record it is.",
    )
    scheme = models.CharField(
        max_length=12, choices=IdentifierScheme.choices, help_text="Which database."
    )
    identifier = models.CharField(
        max_length=100, help_text="The record's identifier there, exactly as that database has it."
    )
    url = models.URLField(
        blank=True, help_text="The record's page there, for the link out (copied, never guessed)."
    )

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "scheme"]
        verbose_name = "identifier in another database"
        default_manager_name = "private_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "identifier"],
                name="external_id_unique_per_scheme",
                violation_error_message="Another person already has this identifier in this "
                "database: is it a duplicate?",
            ),
            models.UniqueConstraint(
                fields=["person", "scheme"],
                name="external_id_once_per_person",
                violation_error_message="This person already has an identifier in this database.",
            ),
        ]

    def __str__(self):
        return f"{self.get_scheme_display()}: {self.identifier}"

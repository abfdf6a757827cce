"""Detentions and the charges brought in them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ..partial_dates import format_partial_date, precision_field
from ..publication import PublicationQuerySet, private_manager, public_manager
from ..status import RemembersPerson, StatusInputQuerySet
from ..versioning import Versioned
from .people import Person
from .sources import Citation
from .vocabularies import CriminalCode, DetentionEnd, Regime, SentenceKind, Status


class Detention(RemembersPerson, Versioned):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="detentions", help_text="Who was detained."
    )
    detained_on = models.DateField(help_text="Date of arrest or abduction.")
    detained_on_precision = precision_field("arrest date")
    place = models.CharField(max_length=200, blank=True, help_text="Where the arrest happened.")
    country = CountryField(default="BY", help_text="The detaining state.")
    court = models.CharField(
        max_length=200, blank=True, help_text="The court that gave the verdict."
    )
    verdict_on = models.DateField(null=True, blank=True, help_text="Date of the verdict.")
    verdict_on_precision = precision_field("verdict date")
    sentence_months = models.IntegerField(
        null=True,
        blank=True,
        help_text="Length of the sentence in months (8 years = 96). Empty before a verdict.",
    )
    sentence_kind = models.CharField(
        max_length=20, choices=SentenceKind.choices, blank=True, help_text="Kind of punishment."
    )
    regime = models.CharField(
        max_length=12, choices=Regime.choices, blank=True, help_text="Regime of the penal colony."
    )
    facility = models.CharField(
        max_length=200, blank=True, help_text="Where the person is or was held (latest known)."
    )
    ended_on = models.DateField(
        null=True, blank=True, help_text="When the detention ended. Empty while held."
    )
    ended_on_precision = precision_field("end date")
    end_reason = models.CharField(
        max_length=20, choices=DetentionEnd.choices, blank=True, help_text="How it ended."
    )
    released_to = CountryField(
        blank=True,
        help_text="The country the person was released into: the detaining state for a release "
        "at home, another for a deportation or transfer.",
    )
    notes = models.TextField(blank=True, help_text="Anything else, with citations below.")
    citations = GenericRelation(Citation, help_text="Sources for this detention.")

    private_objects = private_manager(StatusInputQuerySet)
    public_objects = public_manager(StatusInputQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "detained_on"]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict_on__isnull=True) | Q(verdict_on__gte=F("detained_on")),
                name="detention_verdict_not_before_arrest",
                violation_error_message="The verdict cannot come before the arrest.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("detained_on")),
                name="detention_end_not_before_arrest",
                violation_error_message="A detention cannot end before the arrest.",
            ),
            models.CheckConstraint(
                condition=Q(sentence_months__isnull=True) | Q(sentence_months__gte=0),
                name="detention_sentence_not_negative",
                violation_error_message="A sentence cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=False) | Q(end_reason=""),
                name="detention_end_reason_needs_end_date",
                violation_error_message=(
                    "Give the date the detention ended along with how it ended."
                ),
            ),
        ]

    def __str__(self):
        detained = format_partial_date(self.detained_on, self.detained_on_precision)
        return f"{self.person}: detained {detained}"

    public_related = ("person",)

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    @classmethod
    def public_condition(cls, prefix=""):
        return Person.public_condition(f"{prefix}person__")

    @property
    def is_public(self):
        return self.person.is_public

    def custody_events(self):
        events = [(self.detained_on, 0, Status.HELD, "")]
        if self.ended_on is not None:
            if self.end_reason == DetentionEnd.DIED:
                status, country = Status.DECEASED, ""
            elif not self.released_to:
                status, country = Status.UNKNOWN, ""
            elif self.released_to == self.country:
                status, country = Status.RELEASED_IN_COUNTRY, ""
            else:
                status, country = Status.DEPORTED, str(self.released_to)
            events.append((self.ended_on, 2, status, country))
        return events


class Charge(Versioned):
    detention = models.ForeignKey(
        Detention,
        on_delete=models.CASCADE,
        related_name="charges",
        help_text="The detention this charge belongs to.",
    )
    code = models.CharField(
        max_length=8,
        choices=CriminalCode.choices,
        default=CriminalCode.BELARUS,
        help_text="The code the article belongs to.",
    )
    article = models.CharField(
        max_length=20, db_index=True, help_text="Article number as written: '130', '361-1'."
    )
    part = models.CharField(max_length=40, blank=True, help_text="Part(s): '3', '1 and 3'.")
    description = models.CharField(
        max_length=300, help_text="What the article punishes, in plain words ('inciting hatred')."
    )

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["detention", "pk"]
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.label}: {self.description}"

    public_related = ("detention__person",)

    def get_absolute_url(self):
        return self.detention.person.get_absolute_url()

    @classmethod
    def public_condition(cls, prefix=""):
        return Person.public_condition(f"{prefix}detention__person__")

    @property
    def is_public(self):
        return self.detention.person.is_public

    @property
    def label(self):
        label = f"Art. {self.article}"
        if self.part:
            label += f" part {self.part}"
        return label

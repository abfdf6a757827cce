"""What sources reported about a release: breakdowns of its figure, and who was left behind."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.publication import (
    HasPublicationRule,
    PublicationQuerySet,
    Via,
    private_manager,
    public_manager,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models import Citation, Person, Source
from prisoners.status_inputs import RemembersPerson, StatusInputQuerySet
from releases.models.base import PRISONERS_ONLY, PersonInRelease
from releases.models.releases import Release


class ReportedBreakdown(HasPublicationRule, Versioned):
    """A breakdown of a release's figure as one source reported it (14 foreigners per BelTA)."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="breakdowns", help_text="The release."
    )
    label = models.CharField(max_length=200, help_text="What is broken down: 'Foreign nationals'.")
    label_be, label_ru, label_pl = translations_of(label, "label")
    reported_by = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="breakdowns",
        help_text="Who gave these figures.",
    )
    total = models.PositiveIntegerField(
        null=True, blank=True, help_text="The total the source gave, if it gave one."
    )
    items_partition_total = models.BooleanField(
        default=True,
        help_text="The items are separate parts of the total, so what they leave over is "
        "'unaccounted for'. Untick for overlapping categories.",
    )
    note = models.TextField(
        blank=True, help_text="Caveats, in English: 'as stated in the article'."
    )
    note_be, note_ru, note_pl = translations_of(note, "note")
    citations = GenericRelation(Citation, help_text="Where the breakdown was reported.")

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "pk"]
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.label} ({self.reported_by})"

    public_related = ("release",)

    def get_absolute_url(self):
        return self.release.get_absolute_url()

    publication_rule = Via("release")

    @property
    def items_sum(self):
        return sum(item.count for item in self.items.all())

    @property
    def unaccounted(self):
        """How many of the total the items do not account for (None when not meaningful)."""
        if self.total is None or not self.items_partition_total or not self.items.all():
            return None
        return self.total - self.items_sum


class BreakdownItem(HasPublicationRule, Versioned):
    breakdown = models.ForeignKey(
        ReportedBreakdown,
        on_delete=models.CASCADE,
        related_name="items",
        help_text="The breakdown this line belongs to.",
    )
    label = models.CharField(
        max_length=200, help_text="The category: 'Lithuanian citizens', 'journalists'."
    )
    label_be, label_ru, label_pl = translations_of(label, "label")
    country = CountryField(blank=True, help_text="The country, for a breakdown by citizenship.")
    count = models.IntegerField(help_text="How many, as reported.")

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["breakdown", "-count", "pk"]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gte=0),
                name="breakdown_item_count_not_negative",
                violation_error_message="A count cannot be negative.",
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.count}"

    publication_rule = Via("breakdown__release")


class NotableOmissionQuerySet(StatusInputQuerySet):
    pass  # an omission confirms the person was still held that day (their status's "as of")


class NotableOmission(RemembersPerson, PersonInRelease, Versioned):
    """A person reported as NOT freed in a release (Bialiatski in September 2025)."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="omissions", help_text="The release."
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="omitted_from",
        limit_choices_to=PRISONERS_ONLY,
        help_text="The person left behind.",
    )
    reported_by = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="omissions",
        help_text="Who reported that the person was not freed.",
    )
    note = models.TextField(blank=True, help_text="What was said about it, in English.")
    note_be, note_ru, note_pl = translations_of(note, "note")
    citations = GenericRelation(Citation, help_text="Where the omission was reported.")

    private_objects = private_manager(NotableOmissionQuerySet)
    public_objects = public_manager(NotableOmissionQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "person__sort_key"]
        default_manager_name = "private_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "person"],
                name="omission_once_per_release",
                violation_error_message=(
                    "This person is already listed as omitted from this release."
                ),
            )
        ]

    def __str__(self):
        return f"{self.person} not freed in {self.release}"

    #: What `custody_confirmations` reads, prefetched by the status writer.
    custody_reads = ("release",)

    def custody_confirmations(self):
        """(date, precision) on which the person was still held, for `prisoners.custody`; none
        for a release the public cannot see."""
        if self.release.is_public:
            yield self.release.released_on, self.release.released_on_precision

    def get_absolute_url(self):
        return self.release.get_absolute_url()

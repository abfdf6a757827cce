"""Deals and the concessions traded for releases."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.partial_dates import precision_field
from ledger.publication import (
    FieldsAre,
    HasPublicationRule,
    PublicationQuerySet,
    Via,
    private_manager,
    public_manager,
    withdrawn_at_field,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models import Citation, Person
from releases.models.base import NAMEABLE_ACTORS, claims_relation
from releases.models.releases import Release


class ConcessionKind(models.TextChoices):
    SANCTIONS_RELIEF = "sanctions_relief", _("Sanctions relief")
    DELISTING = "delisting", _("Removal from a sanctions list")
    FLIGHTS = "flights", _("Flights")
    DIPLOMATIC = "diplomatic", _("Diplomatic")
    OTHER = "other", _("Other")


class DealQuerySet(PublicationQuerySet):
    def with_list_details(self):
        return (
            self.with_freed_totals()
            .select_related("announced_by")
            .prefetch_related(
                "concessions",
                models.Prefetch(
                    "releases", queryset=Release.public_objects.all(), to_attr="public_releases"
                ),
            )
        )

    def with_freed_totals(self):
        public_release = Release.public_condition("releases__")
        return self.annotate(
            releases_count=Count("releases", filter=public_release, distinct=True),
            reported_freed=Sum("releases__reported_count", filter=public_release),
        )


class Deal(HasPublicationRule, Versioned):
    title = models.CharField(
        max_length=200, help_text="A short name: 'Sanctions relief for Belavia (GL 11)'."
    )
    title_be, title_ru, title_pl = translations_of(title, "title")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    is_published = models.BooleanField(
        default=False, db_index=True, help_text="Shown on the public site once reviewed."
    )
    parties = CountryField(multiple=True, help_text="The states party to the deal.")
    announced_on = models.DateField(null=True, blank=True, help_text="When it was announced.")
    announced_on_precision = precision_field("announcement date")
    announced_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deals_announced",
        limit_choices_to=NAMEABLE_ACTORS,
        help_text="Who announced it (an actor, not a prisoner).",
    )
    instrument = models.CharField(
        max_length=300,
        blank=True,
        help_text="The legal instrument: 'OFAC Belarus General License No. 11'.",
    )
    instrument_be, instrument_ru, instrument_pl = translations_of(instrument, "instrument")
    instrument_url = models.URLField(
        max_length=500, blank=True, help_text="Where the instrument is published."
    )
    summary = models.TextField(
        blank=True, help_text="What was agreed, for the public page, in English."
    )
    summary_be, summary_ru, summary_pl = translations_of(summary, "summary")
    releases = models.ManyToManyField(
        Release,
        blank=True,
        related_name="deals",
        help_text="The releases this deal bought.",
    )
    citations = GenericRelation(Citation, help_text="Sources for this deal.")
    claims = claims_relation()

    withdrawn_at = withdrawn_at_field()

    private_objects = private_manager(DealQuerySet)
    public_objects = public_manager(DealQuerySet)
    history = HistoricalRecords(m2m_fields=[releases])

    publication_rule = FieldsAre(is_published=True, withdrawn_at__isnull=True)

    class Meta:
        ordering = ["-announced_on", "title"]
        default_manager_name = "private_objects"
        permissions = [("publish_deal", "Can publish, withdraw and restore deals")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:deal-detail", kwargs={"slug": self.slug})


class Concession(HasPublicationRule, Versioned):
    deal = models.ForeignKey(
        Deal, on_delete=models.CASCADE, related_name="concessions", help_text="The deal."
    )
    kind = models.CharField(
        max_length=20, choices=ConcessionKind.choices, help_text="What sort of concession."
    )
    beneficiary = models.CharField(
        max_length=200, blank=True, help_text="Who benefits: 'Belavia Belarusian Airlines'."
    )
    beneficiary_be, beneficiary_ru, beneficiary_pl = translations_of(beneficiary, "beneficiary")
    description = models.TextField(help_text="What was conceded, in plain words.")
    description_be, description_ru, description_pl = translations_of(description, "description")
    effective_on = models.DateField(null=True, blank=True, help_text="When it took effect.")
    effective_on_precision = precision_field("effective date")
    citations = GenericRelation(Citation, help_text="Sources for this concession.")

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deal", "effective_on", "pk"]
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.get_kind_display()}: {self.beneficiary or self.description[:40]}"

    public_related = ("deal",)

    def get_absolute_url(self):
        return self.deal.get_absolute_url()

    publication_rule = Via("deal")

"""Sanctions acts: the official instruments (a general licence, a delisting, an easing) that
deliver, or fail to deliver, what a deal promised."""

import datetime

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ledger.partial_dates import DatePrecision, precision_field
from ledger.publication import (
    FieldsAre,
    HasPublicationRule,
    PublicationQuerySet,
    private_manager,
    public_manager,
    public_related,
    withdrawn_at_field,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models import Citation
from releases.models.entities import SanctionsEntity


class SanctionsAuthority(models.TextChoices):
    OFAC = "ofac", _("OFAC (US Treasury)")
    US = "us", _("United States (office not named by the source)")
    EU_COUNCIL = "eu_council", _("Council of the EU")
    UK_OFSI = "uk_ofsi", _("UK OFSI")
    OTHER = "other", _("Other")


class SanctionsActKind(models.TextChoices):
    GENERAL_LICENCE = "general_licence", _("General licence")
    DELISTING = "delisting", _("Delisting")
    DESIGNATION = "designation", _("Designation")
    EASING = "easing", _("Easing")
    SUSPENSION = "suspension", _("Suspension")


def days_between(
    earlier: datetime.date | None,
    earlier_precision: str | None,
    later: datetime.date | None,
    later_precision: str | None,
) -> int | None:
    """Whole days from one date to another; None unless both are known to the day, so that a
    month ('March 2026') never turns into a count of days no source gave."""
    if earlier is None or later is None:
        return None
    if earlier_precision != DatePrecision.DAY or later_precision != DatePrecision.DAY:
        return None
    return (later - earlier).days


class SanctionsActQuerySet(PublicationQuerySet):
    def with_list_details(self):
        """The entities and the deals it delivered to, public ones only, in two queries more."""
        return self.prefetch_related(
            models.Prefetch(
                "entities",
                queryset=SanctionsEntity.public_objects.all(),
                to_attr="public_entities",
            ),
            models.Prefetch(
                "delivers",
                queryset=public_related(self.model, "delivers").select_related("deal"),
                to_attr="public_concessions",
            ),
        )

    def concerning(self, entities):
        """The acts about any of `entities` (records or a queryset), each once."""
        return self.filter(
            pk__in=SanctionsAct.private_objects.filter(entities__in=entities).values("pk")
        )


class SanctionsAct(HasPublicationRule, Versioned):
    title = models.CharField(
        max_length=200,
        help_text="A short name: 'OFAC Belarus General License No. 11 (Belavia)'.",
    )
    title_be, title_ru, title_pl = translations_of(title, "title")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    authority = models.CharField(
        max_length=20,
        choices=SanctionsAuthority.choices,
        help_text="Who issued it: OFAC, the Council of the EU, the UK's OFSI…",
    )
    kind = models.CharField(
        max_length=20,
        choices=SanctionsActKind.choices,
        help_text="General licence, delisting, designation, easing or suspension.",
    )
    instrument = models.CharField(
        max_length=300,
        blank=True,
        help_text="The instrument's name as published: 'Belarus General License No. 11'.",
    )
    reference = models.CharField(
        max_length=100,
        blank=True,
        help_text="Its official number or reference, where it has one: 'GL 11'.",
    )
    issued_on = models.DateField(help_text="When it was issued (signed or published).")
    issued_on_precision = precision_field("issue date")
    effective_on = models.DateField(
        null=True, blank=True, help_text="When it took effect, where a source says."
    )
    effective_on_precision = precision_field("effective date")
    official_url = models.URLField(
        max_length=500, blank=True, help_text="Where the authority published it."
    )
    entities = models.ManyToManyField(
        SanctionsEntity,
        blank=True,
        related_name="acts",
        help_text="The entities it concerns.",
    )
    delivers = models.ManyToManyField(
        "releases.Concession",
        blank=True,
        related_name="delivered_by",
        help_text="The concessions of deals it delivered, only where a source says so. A "
        "concession no act delivers is shown as not delivered.",
    )
    summary = models.TextField(
        blank=True, help_text="What it does, as the sources say, in English."
    )
    summary_be, summary_ru, summary_pl = translations_of(summary, "summary")
    is_published = models.BooleanField(
        default=False, db_index=True, help_text="Shown on the public site once reviewed."
    )
    citations = GenericRelation(Citation, help_text="Sources for this act.")

    withdrawn_at = withdrawn_at_field()

    private_objects = private_manager(SanctionsActQuerySet)
    public_objects = public_manager(SanctionsActQuerySet)
    history = HistoricalRecords(m2m_fields=[entities, delivers])

    publication_rule = FieldsAre(is_published=True, withdrawn_at__isnull=True)

    class Meta:
        ordering = ["-issued_on", "title"]
        default_manager_name = "private_objects"
        verbose_name = "sanctions act"
        permissions = [("publish_sanctionsact", "Can publish, withdraw and restore sanctions acts")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=True)
                | models.Q(effective_on__gte=models.F("issued_on")),
                name="sanctions_act_effective_not_before_issued",
                violation_error_message="An act cannot take effect before it was issued.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:sanctions-list") + f"#act-{self.slug}"

    def deals(self):
        """The public deals it delivered a concession of (after `with_list_details`)."""
        seen = {}
        for concession in self.public_concessions:
            seen.setdefault(concession.deal.pk, concession.deal)
        return list(seen.values())

    def days_after(self, day: datetime.date | None, precision: str | None) -> int | None:
        """Days from `day` (a release, an announcement) to this act's issue."""
        return days_between(day, precision, self.issued_on, self.issued_on_precision)

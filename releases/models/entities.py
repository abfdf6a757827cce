"""Who sanctions acts are about: companies, banks, state bodies, aircraft, as records of their own,
so that two acts about Belavia are about one Belavia."""

import re

from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.publication import (
    FieldsAre,
    HasPublicationRule,
    PublicationQuerySet,
    private_manager,
    public_manager,
    withdrawn_at_field,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models import Citation


class EntityKind(models.TextChoices):
    COMPANY = "company", _("Company")
    BANK = "bank", _("Bank")
    STATE_BODY = "state_body", _("State body")
    AIRCRAFT = "aircraft", _("Aircraft")
    OTHER = "other", _("Other")


# The FollowTheMoney schema of each kind (docs/open-data.md).
FTM_SCHEMA = {
    EntityKind.COMPANY: "Company",
    EntityKind.BANK: "Company",
    EntityKind.STATE_BODY: "PublicBody",
    EntityKind.AIRCRAFT: "Airplane",
    EntityKind.OTHER: "Organization",
}


class SanctionsEntity(HasPublicationRule, Versioned):
    name = models.CharField(
        max_length=200, help_text="The name in English, as the sources give it: 'Belavia'."
    )
    name_be, name_ru, name_pl = translations_of(name, "name")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    kind = models.CharField(
        max_length=20, choices=EntityKind.choices, help_text="What sort of entity it is."
    )
    country = CountryField(
        blank=True, help_text="The country it belongs to, where a source gives it."
    )
    ofac_sdn_id = models.CharField(
        max_length=20,
        blank=True,
        verbose_name="OFAC SDN entry",
        help_text="Its entry number on OFAC's SDN list, where a source gives it.",
    )
    wikidata_id = models.CharField(
        max_length=20,
        blank=True,
        verbose_name="Wikidata item",
        validators=[RegexValidator(r"^Q[0-9]+$", "A Wikidata item is 'Q' followed by digits.")],
        help_text="Its Wikidata item ('Q…'), where a source gives it.",
    )
    opensanctions_id = models.CharField(
        max_length=100,
        blank=True,
        verbose_name="OpenSanctions id",
        help_text="Its OpenSanctions entity id, where a source gives it.",
    )
    note = models.TextField(blank=True, help_text="What the sources say about it, in English.")
    note_be, note_ru, note_pl = translations_of(note, "note")
    is_published = models.BooleanField(
        default=False, db_index=True, help_text="Shown on the public site once reviewed."
    )
    citations = GenericRelation(Citation, help_text="Sources for this entity.")

    withdrawn_at = withdrawn_at_field()

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    publication_rule = FieldsAre(is_published=True, withdrawn_at__isnull=True)

    class Meta:
        ordering = ["name"]
        default_manager_name = "private_objects"
        verbose_name = "sanctioned entity"
        verbose_name_plural = "sanctioned entities"
        permissions = [
            ("publish_sanctionsentity", "Can publish, withdraw and restore sanctioned entities")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("releases:entity-detail", kwargs={"slug": self.slug})

    @property
    def wikidata_url(self) -> str:
        """The item's page, only for an id of Wikidata's form (a bulk write skips validators)."""
        if re.fullmatch(r"Q[0-9]+", self.wikidata_id or ""):
            return f"https://www.wikidata.org/wiki/{self.wikidata_id}"
        return ""

    @property
    def opensanctions_url(self) -> str:
        """The entity's page, only for an id of OpenSanctions' form (letters, digits, - _ .)."""
        if re.fullmatch(r"[A-Za-z0-9._-]+", self.opensanctions_id or ""):
            return f"https://www.opensanctions.org/entities/{self.opensanctions_id}/"
        return ""

    @property
    def ftm_schema(self) -> str:
        return FTM_SCHEMA[self.kind]

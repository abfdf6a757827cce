"""Places of detention and the dated stays of people in them.

A stay is one report that a person was held somewhere: from when, until when, and as of which
report. Transfers are successive stays; reports that disagree are stays marked contested, each
with its source, so the person page can say "reports differ" instead of picking one.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.partial_dates import DatePrecision, format_partial_date, precision_field
from ledger.publication import (
    Always,
    HasPublicationRule,
    PublicationQuerySet,
    private_manager,
    public_manager,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.models import person_rules
from prisoners.models.on_person_page import OnPersonPage
from prisoners.models.sources import Citation
from prisoners.models.standing import HasStanding, standing_explained
from prisoners.status_inputs import RemembersPerson, StatusInputQuerySet
from prisoners.vocabularies import FacilityKind, Standing


class FacilityQuerySet(PublicationQuerySet):
    def with_held_counts(self):
        """Annotate how many people the public may name are held here now, and how many more
        are held here whose names are withheld (counted, never named)."""
        person = "stays__person__"
        # An open report that others contest places no one: those people are "reports differ".
        disputed = Stay.private_objects.filter(
            person=models.OuterRef("stays__person"),
            until_on__isnull=True,
            standing=Standing.CONTESTED,
        )
        current = (
            Q(stays__until_on__isnull=True)
            & person_rules.HELD_NOW.condition(None, person)
            & ~models.Exists(disputed)
        )
        named = current & person_rules.LISTED.condition(None, person)
        counted = (
            current
            & person_rules.COUNTED.condition(None, person)
            & person_rules.PRISONER.condition(None, person)
        )
        return self.annotate(
            named_held_count=models.Count("stays__person", filter=named, distinct=True),
            withheld_held_count=models.Count(
                "stays__person", filter=counted & ~named, distinct=True
            ),
        )


class Facility(HasPublicationRule, Versioned):
    """A prison, colony or detention centre. Institutions are public: a facility names no one."""

    name = models.CharField(
        max_length=200, help_text="The name in English as commonly reported: 'Penal colony No. 1'."
    )
    name_be, name_ru, name_pl = translations_of(name, "name")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    kind = models.CharField(
        max_length=20,
        choices=FacilityKind.choices,
        default=FacilityKind.PENAL_COLONY,
        help_text="Penal colony, prison, pre-trial detention centre...",
    )
    town = models.CharField(max_length=100, blank=True, help_text="The town it is in.")
    town_be, town_ru, town_pl = translations_of(town, "town")
    country = CountryField(default="BY", help_text="The country it is in.")
    postal_address = models.TextField(
        blank=True,
        help_text="The address letters to prisoners go to, as the prison service publishes it "
        "(in the local language). The prisoner's full name and birth year go above it.",
    )
    notes = models.TextField(blank=True, help_text="Anything else, with citations below.")
    notes_be, notes_ru, notes_pl = translations_of(notes, "notes")
    citations = GenericRelation(Citation, help_text="Sources for this facility.")

    private_objects = private_manager(FacilityQuerySet)
    public_objects = public_manager(FacilityQuerySet)
    history = HistoricalRecords()

    #: Institutions are public: a facility names no one (its counts are `with_held_counts`).
    publication_rule = Always()

    class Meta:
        ordering = ["name", "town"]
        verbose_name_plural = "facilities"
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.name}, {self.town}" if self.town else self.name

    def get_absolute_url(self):
        return reverse("prisoners:facility-detail", kwargs={"slug": self.slug})


class StayQuerySet(StatusInputQuerySet):
    people_lookup = "person"  # a stay dates the status ("held, as of November 2025")


class Stay(OnPersonPage, RemembersPerson, HasStanding, Versioned):
    """A report that a person was held in a facility."""

    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="stays",
        help_text="Who was held.",
    )
    facility = models.ForeignKey(
        Facility, on_delete=models.PROTECT, related_name="stays", help_text="Where."
    )
    from_on = models.DateField(
        null=True, blank=True, help_text="When the person arrived there, if reported."
    )
    from_on_precision = precision_field("arrival date")
    until_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the person left (transfer or release). Empty while still there or "
        "not known to have left.",
    )
    until_on_precision = precision_field("departure date")
    reported_on = models.DateField(
        null=True,
        blank=True,
        help_text="The date of the report that places the person there (its 'as of').",
    )
    reported_on_precision = precision_field("report date")
    note = models.TextField(blank=True, help_text="Details, with citations below.")
    note_be, note_ru, note_pl = translations_of(note, "note")
    citations = GenericRelation(Citation, help_text="Sources that place the person there.")

    private_objects = private_manager(StayQuerySet)
    public_objects = public_manager(StayQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = [
            "person",
            F("from_on").asc(nulls_first=True),
            F("reported_on").asc(nulls_first=True),
            "pk",
        ]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(until_on__isnull=True)
                | Q(from_on__isnull=True)
                | Q(until_on__gte=F("from_on")),
                name="stay_left_after_arrival",
                violation_error_message="A stay cannot end before it began.",
            ),
            standing_explained("stay"),
        ]

    def __str__(self):
        return f"{self.person} at {self.facility}"

    @property
    def dated(self):
        """The date that places this stay in time: the report's, else the arrival."""
        return self.reported_on or self.from_on

    def custody_confirmations(self):
        """A report of where the person is held now confirms they were held on its date
        (prisoners.custody)."""
        if self.until_on is None and self.dated:
            precision = self.reported_on_precision if self.reported_on else self.from_on_precision
            yield self.dated, precision

    def when_text(self) -> str:
        parts = []
        if self.from_on:
            since = format_partial_date(self.from_on, self.from_on_precision, True)
            parts.append(_("from %(date)s") % {"date": since})
        if self.until_on:
            until = format_partial_date(self.until_on, self.until_on_precision, True)
            parts.append(_("until %(date)s") % {"date": until})
        if self.reported_on:
            reported = format_partial_date(self.reported_on, self.reported_on_precision)
            if self.reported_on_precision == DatePrecision.DAY:
                parts.append(_("reported %(date)s") % {"date": reported})
            else:  # "паведамлена верасень" would be wrong: the month stands apart
                parts.append(
                    pgettext("a month or a year", "reported %(date)s") % {"date": reported}
                )
        return ", ".join(parts)

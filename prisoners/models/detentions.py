"""Detentions and the charges brought in them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.partial_dates import add_months, format_partial_date, precision_field
from ledger.publication import PublicationQuerySet, private_manager, public_manager
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.custody import CustodyEvent
from prisoners.models.on_person_page import OnPersonPage
from prisoners.models.sources import Citation
from prisoners.models.standing import HasStanding, standing_explained
from prisoners.status_inputs import RemembersPerson, StatusInputQuerySet
from prisoners.vocabularies import (
    ChargeQualifier,
    ChargeStage,
    CriminalCode,
    DetentionEnd,
    Regime,
    SentenceKind,
    Status,
    VerdictKind,
)

#: Sentences served behind bars: only these have an expected release date.
CUSTODIAL = (SentenceKind.PENAL_COLONY, SentenceKind.PRISON)

#: The general-part article of the Belarusian Criminal Code behind each qualifier.
QUALIFIER_ARTICLES = {
    ChargeQualifier.PREPARATION: "13",
    ChargeQualifier.ATTEMPT: "14",
    ChargeQualifier.COMPLICITY: "16",
}


class Detention(OnPersonPage, RemembersPerson, HasStanding, Versioned):
    """One continuous spell in custody, from arrest to release. Its court decisions are
    `Verdict` rows, where the person was held are `Stay` rows (`prisoners.models.facilities`)."""

    person = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="detentions",
        help_text="Who was detained.",
    )
    detained_on = models.DateField(help_text="Date of arrest or abduction.")
    detained_on_precision = precision_field("arrest date")
    place = models.CharField(max_length=200, blank=True, help_text="Where the arrest happened.")
    place_be, place_ru, place_pl = translations_of(place, "place")
    country = CountryField(default="BY", help_text="The detaining state.")
    term_months = models.IntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="The total term to serve in months, computed from the verdicts (an appeal "
        "sets it, an added sentence lengthens it). Empty before a verdict; never typed.",
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
    notes_be, notes_ru, notes_pl = translations_of(notes, "notes")
    citations = GenericRelation(Citation, help_text="Sources for this detention.")

    private_objects = private_manager(StatusInputQuerySet)
    public_objects = public_manager(StatusInputQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "detained_on"]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("detained_on")),
                name="detention_end_not_before_arrest",
                violation_error_message="A detention cannot end before the arrest.",
            ),
            standing_explained("detention"),
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

    def computed_term_months(self):
        """The term the verdicts add up to (prefetch `verdicts`): a first-instance verdict, an
        appeal or a review sets it, an added sentence lengthens it; None before any sentence."""
        term = None
        for verdict in self.verdicts.all():
            if verdict.sentence_months is None:
                continue
            if verdict.kind == VerdictKind.ADDED:
                term = (term or 0) + verdict.sentence_months
            else:
                term = verdict.sentence_months
        return term

    def expected_release(self):
        """(date, precision) the term runs out, computed as arrest + term; None when the
        detention has ended or no custodial term is known. Not a source's figure: credit for
        pre-trial custody, pardons and further cases are not applied, and pages say so."""
        if self.ended_on is not None or self.term_months is None:
            return None
        custodial = [v for v in self.verdicts.all() if v.sentence_kind in CUSTODIAL]
        if not custodial:
            return None
        end = add_months(self.detained_on, self.term_months)
        return end, self.detained_on_precision

    #: What `custody_events` and `custody_confirmations` read (prisoners.custody).
    custody_reads = ("verdicts",)

    def custody_confirmations(self):
        """The dates of its verdicts: the person was held then."""
        for verdict in self.verdicts.all():
            if verdict.decided_on:
                yield verdict.decided_on, verdict.decided_on_precision

    def custody_events(self):
        where = f" in {self.place}" if self.place else ""
        events = [
            CustodyEvent(
                self.detained_on,
                0,
                Status.HELD,
                "",
                self.detained_on_precision,
                f"arrest{where}",
                self,
            )
        ]
        if self.ended_on is not None:
            if self.end_reason == DetentionEnd.DIED:
                status, country = Status.DECEASED, ""
            elif not self.released_to:
                status, country = Status.RELEASED, ""
            elif self.released_to == self.country:
                status, country = Status.RELEASED_IN_COUNTRY, ""
            else:
                status, country = Status.DEPORTED, str(self.released_to)
            how = self.get_end_reason_display().lower() if self.end_reason else "released"
            events.append(
                CustodyEvent(self.ended_on, 2, status, country, self.ended_on_precision, how, self)
            )
        return events


class VerdictQuerySet(StatusInputQuerySet):
    people_lookup = "detention__person"  # a verdict changes the term and the status's date


class Verdict(OnPersonPage, HasStanding, Versioned):
    """One court decision in a case: the first-instance verdict, an appeal, a review, or a
    sentence added while serving (a new conviction for 'disobeying the colony administration')."""

    detention = models.ForeignKey(
        Detention,
        on_delete=models.CASCADE,
        related_name="verdicts",
        help_text="The detention (case) this decision belongs to.",
    )
    kind = models.CharField(
        max_length=20,
        choices=VerdictKind.choices,
        default=VerdictKind.FIRST_INSTANCE,
        help_text="First-instance verdict, appeal, review, or a sentence added while serving "
        "(which lengthens the term rather than replacing it).",
    )
    court = models.CharField(
        max_length=200, blank=True, help_text="The court: 'Homel Regional Court'."
    )
    court_be, court_ru, court_pl = translations_of(court, "court")
    decided_on = models.DateField(
        null=True, blank=True, help_text="Date of the decision, if reported."
    )
    decided_on_precision = precision_field("decision date")
    sentence_months = models.IntegerField(
        null=True,
        blank=True,
        help_text="The sentence this decision gives, in months (8 years = 96). For an added "
        "sentence: the months added. Empty when the decision gave no term (an appeal upheld "
        "without change is entered with the upheld term).",
    )
    sentence_kind = models.CharField(
        max_length=20, choices=SentenceKind.choices, blank=True, help_text="Kind of punishment."
    )
    regime = models.CharField(
        max_length=12, choices=Regime.choices, blank=True, help_text="Regime of the penal colony."
    )
    notes = models.TextField(blank=True, help_text="Anything else, with citations below.")
    notes_be, notes_ru, notes_pl = translations_of(notes, "notes")
    citations = GenericRelation(Citation, help_text="Sources for this decision.")

    private_objects = private_manager(VerdictQuerySet)
    public_objects = public_manager(VerdictQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = [F("decided_on").asc(nulls_last=True), "pk"]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(sentence_months__isnull=True) | Q(sentence_months__gte=0),
                name="verdict_sentence_not_negative",
                violation_error_message="A sentence cannot be negative.",
            ),
            standing_explained("verdict"),
        ]

    def __str__(self):
        decided = format_partial_date(self.decided_on, self.decided_on_precision)
        return f"{self.detention.person}: {self.get_kind_display().lower()}, {decided}"

    person_path = "detention__person"
    public_related = ("detention__person",)

    def clean(self):
        from django.core.exceptions import ValidationError

        detention = getattr(self, "detention", None)
        if detention is not None and self.decided_on and self.decided_on < detention.detained_on:
            raise ValidationError({"decided_on": "A decision cannot come before the arrest."})


class Charge(OnPersonPage, Versioned):
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
    description_be, description_ru, description_pl = translations_of(description, "description")
    qualifier = models.CharField(
        max_length=12,
        choices=ChargeQualifier.choices,
        blank=True,
        help_text="Preparation, attempt or complicity, when the charge is qualified by the "
        "general part of the code (Art. 13, 14 or 16 of the Belarusian Criminal Code).",
    )
    qualifier_article = models.CharField(
        max_length=40,
        blank=True,
        help_text="The general-part article and part as written ('13 part 1'). Filled from the "
        "qualifier when left empty for the Belarusian Criminal Code.",
    )
    stage = models.CharField(
        max_length=10,
        choices=ChargeStage.choices,
        default=ChargeStage.CONVICTED,
        help_text="Whether the person was only charged, convicted, or the charge was dropped or "
        "ended in acquittal.",
    )

    private_objects = private_manager(PublicationQuerySet)
    public_objects = public_manager(PublicationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["detention", "pk"]
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.label}: {self.description}"

    def save(self, *args, **kwargs):
        if self.qualifier and not self.qualifier_article and self.code == CriminalCode.BELARUS:
            self.qualifier_article = QUALIFIER_ARTICLES[self.qualifier]
        super().save(*args, **kwargs)

    person_path = "detention__person"
    public_related = ("detention__person",)

    @property
    def label(self):
        """'Art. 293 part 2'; qualified: 'Art. 13 part 1 + Art. 293 part 2 (preparation)'."""
        return self.label_of(self.article, self.part, self.qualifier, self.qualifier_article)

    @staticmethod
    def label_of(article, part, qualifier, qualifier_article) -> str:
        """`label` from the values alone (a list reads them without building charges)."""
        label = _("Art. %(article)s") % {"article": article}
        if part:
            label = _("Art. %(article)s part %(part)s") % {"article": article, "part": part}
        if qualifier:
            general = (
                _("Art. %(article)s") % {"article": qualifier_article} + " + "
                if qualifier_article
                else ""
            )
            label = f"{general}{label} ({ChargeQualifier(qualifier).label.lower()})"
        return label

"""People: who they are, their names in every script and the keys that find them."""

from anyascii import anyascii
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ..partial_dates import precision_field
from ..publication import (
    PublicationQuerySet,
    prefixed,
    private_manager,
    public_manager,
    withdrawn_at_field,
)
from ..status import StatusInputQuerySet
from ..versioning import Versioned
from .sources import Citation, Claim
from .vocabularies import IN_CUSTODY, Gender, Language, PersonKind, Script, Status, Visibility


class OccupationQuerySet(PublicationQuerySet):
    pass


class Occupation(Versioned):
    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="An occupation or role: journalist, trade unionist...",
    )
    slug = models.SlugField(max_length=100, unique=True, help_text="Identifier used in filters.")

    private_objects = private_manager(OccupationQuerySet)
    public_objects = public_manager(OccupationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        default_manager_name = "private_objects"

    def __str__(self):
        return self.name

    @classmethod
    def public_condition(cls, prefix=""):
        """Shown (in the people filter) only when a public person holds it: an occupation held
        only by a withheld or draft person would point at them."""
        holders = Person.occupations.through.objects.filter(
            person__in=Person.public_objects.values("pk")
        )
        return prefixed(prefix, pk__in=holders.values("occupation_id"))

    @property
    def is_public(self):
        return self.people.filter(Person.public_condition()).exists()


class PersonQuerySet(StatusInputQuerySet):
    people_lookup = "pk"  # a bulk update of people (a date of death) refreshes their statuses

    def prisoners(self):
        """Political prisoners only: actors (officials, envoys) never appear in lists or counts."""
        return self.filter(kind=PersonKind.PRISONER)

    def nameable(self):
        """People who may be named where they appear on a public record (envoys, claimants)."""
        return self.filter(Person.nameable_condition())

    def counted(self):
        """Everyone who counts in public figures: published and withheld, never drafts or
        withdrawn records."""
        return self.filter(Person.counted_condition())

    def with_list_details(self):
        """What a list row or a CSV line shows, in a fixed number of queries whatever the size.

        Release outcomes come from the `releases` app through the `release_outcomes` related
        name; callers show only those whose release is published (`ReleaseOutcome` rows know).
        """
        return self.annotate(
            first_detained_on=models.Min("detentions__detained_on"),
            longest_sentence_months=models.Max("detentions__sentence_months"),
        ).prefetch_related(
            "names",
            "occupations",
            "detentions__charges",
            "release_outcomes__release",
        )

    def matching_name(self, text):
        """People any of whose spellings matches the text in any script, typos forgiven,
        annotated with `search_rank` and ordered best match first."""
        from ..name_search import person_scores

        scores = person_scores(text)
        if not scores:
            return self.none()
        rank = models.Case(
            *(models.When(pk=pk, then=models.Value(score)) for pk, score in scores.items()),
            default=models.Value(0.0),
            output_field=models.FloatField(),
        )
        return (
            self.filter(pk__in=list(scores))
            .annotate(search_rank=rank)
            .order_by("-search_rank", "sort_name", "pk")
        )

    def with_citizenship(self, code):
        # Codes are stored comma-separated and are all two letters, so a substring match on the
        # code cannot straddle two codes.
        return self.filter(citizenships__contains=str(code).upper()[:2])


class Person(Versioned):
    display_name = models.CharField(
        max_length=200, help_text="The name shown on pages, in the English spelling most used."
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    sort_name = models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        help_text="Surname first, for sorting ('Poczobut, Andrzej'). Filled from the display "
        "name when left empty.",
    )
    kind = models.CharField(
        max_length=10,
        choices=PersonKind.choices,
        default=PersonKind.PRISONER,
        help_text="Prisoners are listed and counted; other actors (officials, envoys) are "
        "recorded for deals and claims only.",
    )
    visibility = models.CharField(
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.DRAFT,
        db_index=True,
        help_text="Draft: not public. Withheld: counted in figures but never named publicly "
        "(at the family's request).",
    )
    patronymic = models.CharField(
        max_length=100,
        blank=True,
        help_text="The father's name as used in Belarusian and Russian records (Viktaravich, "
        "Викторович): it tells apart people with the same name.",
    )
    gender = models.CharField(
        max_length=6,
        choices=Gender.choices,
        blank=True,
        help_text="As the person or the sources give it; empty when not reported.",
    )
    role = models.CharField(
        max_length=300,
        blank=True,
        help_text="A short description of who the person is ('trade union leader').",
    )
    occupations = models.ManyToManyField(
        Occupation,
        blank=True,
        related_name="people",
        help_text="Occupations or roles, for filtering.",
    )
    citizenships = CountryField(
        multiple=True, blank=True, help_text="Every citizenship the person is reported to hold."
    )
    birth_date = models.DateField(null=True, blank=True, help_text="Date of birth, if known.")
    birth_date_precision = precision_field("birth date")
    died_on = models.DateField(null=True, blank=True, help_text="Date of death, if deceased.")
    died_on_precision = precision_field("date of death")
    summary = models.TextField(
        blank=True, help_text="A short, sourced biography for the public page."
    )
    status = models.CharField(
        max_length=20,
        choices=Status.choices,
        default=Status.UNKNOWN,
        db_index=True,
        editable=False,
        help_text="Derived from detentions and the outcomes of published releases "
        "(prisoners.status); never typed.",
    )
    status_country = CountryField(
        blank=True,
        editable=False,
        help_text="Derived with the status: where the person was deported or transferred to.",
    )
    status_since = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Derived with the status: the date of the event that set it.",
    )
    status_since_precision = precision_field("status date", editable=False)
    status_as_of = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="Derived with the status: the latest date the record confirms it (a later "
        "verdict, a report of where the person is held, a release that left them behind).",
    )
    status_as_of_precision = precision_field("as-of date", editable=False)
    citations = GenericRelation(Citation, help_text="Sources for facts about this person.")
    claims = GenericRelation(
        Claim,
        content_type_field="subject_content_type",
        object_id_field="subject_object_id",
        help_text="Claims about this person, including ones that disagree.",
    )
    withdrawn_at = withdrawn_at_field()
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the record was created.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When the record was last changed.")

    private_objects = private_manager(PersonQuerySet)
    public_objects = public_manager(PersonQuerySet)
    history = HistoricalRecords(m2m_fields=[occupations])

    class Meta:
        ordering = ["sort_name", "display_name"]
        verbose_name_plural = "people"
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(died_on__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(died_on__gte=F("birth_date")),
                name="person_died_after_birth",
                violation_error_message="The date of death cannot be before the date of birth.",
            ),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.sort_name and self.display_name:
            self.sort_name = surname_first(self.display_name)
        if not self.slug and self.display_name:
            self.slug = slug_for(self.display_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("prisoners:person-detail", kwargs={"slug": self.slug})

    @classmethod
    def public_condition(cls, prefix=""):
        """Has a public page and appears in lists: a published prisoner (actors have no page)."""
        return cls.nameable_condition(prefix) & prefixed(prefix, kind=PersonKind.PRISONER)

    @classmethod
    def nameable_condition(cls, prefix=""):
        """May be named on a public record: published and not withdrawn."""
        return prefixed(prefix, visibility=Visibility.PUBLISHED, withdrawn_at__isnull=True)

    @classmethod
    def prisoner_condition(cls, prefix=""):
        return prefixed(prefix, kind=PersonKind.PRISONER)

    @classmethod
    def held_now_condition(cls, prefix=""):
        """In custody by the current derived status."""
        return prefixed(prefix, status__in=IN_CUSTODY)

    @classmethod
    def counted_condition(cls, prefix=""):
        """Counts in public figures: published or withheld (never a draft), not withdrawn."""
        return prefixed(
            prefix,
            visibility__in=[Visibility.PUBLISHED, Visibility.WITHHELD],
            withdrawn_at__isnull=True,
        )

    @property
    def is_nameable(self):
        return self.visibility == Visibility.PUBLISHED and self.withdrawn_at is None

    @property
    def is_public(self):
        return self.is_nameable and self.kind == PersonKind.PRISONER

    def derive_status(self):
        """Return (status, country) as the record implies them (see `prisoners.custody`)."""
        derived = self.derive_custody()
        return derived.status, derived.country

    def derive_custody(self):
        from ..custody import derive_custody

        return derive_custody(self)

    def rebuild_name_keys(self):
        """Make the search keys match every spelling of the name (display name included)."""
        from ..transliteration import name_keys

        spellings = [self.display_name, *self.names.values_list("name", flat=True)]
        wanted = set().union(*(name_keys(spelling) for spelling in spellings))
        current = set(self.name_keys.values_list("key", flat=True))
        self.name_keys.filter(key__in=current - wanted).delete()
        NameKey.objects.bulk_create(
            [NameKey(person=self, key=key) for key in sorted(wanted - current)],
            ignore_conflicts=True,
        )

    def possible_duplicates(self):
        """Other people whose names match any of this person's spellings."""
        from ..name_search import person_scores

        spellings = [self.display_name, *self.names.values_list("name", flat=True)]
        matches = {}
        for spelling in spellings:
            for person_id, score in person_scores(spelling).items():
                if person_id != self.pk:
                    matches[person_id] = max(score, matches.get(person_id, 0.0))
        people = Person.private_objects.in_bulk(list(matches))
        return sorted(people.values(), key=lambda p: (-matches[p.pk], p.sort_name))

    def public_release_outcomes(self):
        """Release outcomes whose release is public (prefetch `release_outcomes__release`)."""
        outcomes = getattr(self, "release_outcomes", None)
        if outcomes is None:
            return []
        return [outcome for outcome in outcomes.all() if outcome.release.is_public]

    def charge_articles(self):
        """Distinct charge labels over all detentions (prefetch `detentions__charges`)."""
        labels = []
        for detention in self.detentions.all():
            for charge in detention.charges.all():
                if charge.label not in labels:
                    labels.append(charge.label)
        return labels


def slug_for(name: str) -> str:
    """An ASCII slug for a name in any script: 'Андрэй Пачобут' -> 'andrei-pachobut'."""
    return slugify(anyascii(name))


def surname_first(display_name: str) -> str:
    parts = display_name.split()
    if len(parts) < 2:
        return display_name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class PersonName(Versioned):
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

    @classmethod
    def public_condition(cls, prefix=""):
        return Person.public_condition(f"{prefix}person__")

    @property
    def is_public(self):
        return self.person.is_public

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

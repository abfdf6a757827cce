"""People: who they are, their names in every script and the keys that find them."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.caching.scopes import ScopedTextEdits
from ledger.partial_dates import precision_field
from ledger.publication import (
    AnyRelated,
    HasPublicationRule,
    PublicationQuerySet,
    private_manager,
    public_manager,
    withdrawn_at_field,
)
from ledger.slugs import unique_slug
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.custody import derive_custody
from prisoners.models import name_search, person_rules
from prisoners.models.names import NameKey
from prisoners.models.people_queries import PersonQuerySet
from prisoners.models.reader_names import (
    constructed_names_field,
    local_name_field,
    shown_name,
    shown_name_is_constructed,
)
from prisoners.models.sort_keys import SortKeyField, surname_first
from prisoners.models.sources import Citation, Claim
from prisoners.vocabularies import IN_CUSTODY, Gender, PersonKind, Status, Visibility
from transliteration import name_keys


class OccupationQuerySet(PublicationQuerySet):
    pass


class Occupation(HasPublicationRule, Versioned):
    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="An occupation or role: journalist, trade unionist...",
    )
    name_be, name_ru, name_pl = translations_of(name, "name")
    slug = models.SlugField(max_length=100, unique=True, help_text="Identifier used in filters.")

    private_objects = private_manager(OccupationQuerySet)
    public_objects = public_manager(OccupationQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        default_manager_name = "private_objects"

    def __str__(self):
        return self.name

    #: Shown (in the people filter) only when a public person holds it: an occupation held
    #: only by a withheld or draft person would point at them.
    publication_rule = AnyRelated("people")


def page_scope_of_person(slug) -> str:
    """The scope of the pages that show a person's `page_text_fields`: their own page."""
    return f"person:{slug}"


# The rows of the public people list (`Person.public_condition()` as its indexes need it: a
# condition of the table's own columns).
PUBLIC_PRISONER_ROWS = Q(
    visibility=Visibility.PUBLISHED, withdrawn_at__isnull=True, kind=PersonKind.PRISONER
)


class Person(HasPublicationRule, ScopedTextEdits, Versioned):
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
        help_text="Surname first, for sorting ('Kowalska, Anna'). Filled from the display "
        "name when left empty.",
    )
    sort_key = SortKeyField()
    name_be = local_name_field("Belarusian")
    name_ru = local_name_field("Russian")
    name_pl = local_name_field("Polish")
    constructed_names = constructed_names_field()
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
        help_text="The father's name as used in Belarusian and Russian records (Ivanavich, "
        "Иванович): it tells apart people with the same name.",
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
        help_text="A short description of who the person is, in English ('trade union leader').",
    )
    role_be, role_ru, role_pl = translations_of(role, "role")
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
        blank=True, help_text="A short, sourced biography for the public page, in English."
    )
    summary_be, summary_ru, summary_pl = translations_of(summary, "summary")
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

    #: Has a public page and appears in lists: a published prisoner (actors have no page).
    publication_rule = person_rules.LISTED
    #: May be named where they appear on a public record (an envoy, a claimant).
    naming_rule = person_rules.NAMEABLE
    #: Shown only on the person's own page: a save that changes nothing else leaves every other
    #: cached page warm (ledger.caching.scopes).
    page_text_fields = ("summary", "summary_be", "summary_ru", "summary_pl")

    class Meta:
        ordering = ["sort_key", "display_name"]
        verbose_name_plural = "people"
        default_manager_name = "private_objects"
        # Publishers' and administrators' (docs/roles.md): editors add and change, never publish.
        permissions = [
            ("publish_person", "Can publish, withhold, withdraw and restore people"),
            # Not `view_`: the roles give editors every view_ permission (prisoners.admin.withheld).
            ("see_withheld_person", "Can see withheld people in the admin"),
        ]
        indexes = [
            # The public list in its order (`public_condition`, then sort_key): a page reads
            # its 50 in index order and the count reads the index alone, whatever the size. Not
            # (sort_key, id): an index holding every public id made PostgreSQL hash-join all of
            # them into each per-release count of the release list instead of probing by key.
            models.Index(
                fields=["sort_key"],
                condition=PUBLIC_PRISONER_ROWS,
                name="person_public_by_name",
            ),
            # A list filtered by status (and citizenship, the other filter read most): its page
            # in name order reads that status's people only, and its count the index alone. At
            # 100,000 people, the held Belarusian count went from 8 ms (a bitmap scan of 4,400
            # table pages) to 1.0 ms, the page of deported Poles from 12.6 ms (walking every
            # name) to 4.5 ms (docs/performance.md).
            models.Index(
                fields=["status", "sort_key"],
                include=["citizenships"],
                condition=PUBLIC_PRISONER_ROWS,
                name="person_public_by_status",
            ),
        ]
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

    @property
    def shown_name(self):
        """The name as the current language's pages show it (prisoners.local_names)."""
        return shown_name(self)

    @property
    def shown_name_is_constructed(self):
        return shown_name_is_constructed(self)

    def save(self, *args, **kwargs):
        if not self.sort_name and self.display_name:
            self.sort_name = surname_first(self.display_name)
        if not self.slug and self.display_name:
            self.slug = unique_slug(Person, self.display_name, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("prisoners:person-detail", kwargs={"slug": self.slug})

    def page_text_scopes(self):
        return [page_scope_of_person(self.slug)]

    @classmethod
    def nameable_condition(cls, prefix=""):
        return person_rules.NAMEABLE.condition(cls, prefix)

    @classmethod
    def prisoner_condition(cls, prefix=""):
        return person_rules.PRISONER.condition(cls, prefix)

    @classmethod
    def held_now_condition(cls, prefix=""):
        return person_rules.HELD_NOW.condition(cls, prefix)

    @classmethod
    def counted_condition(cls, prefix=""):
        return person_rules.COUNTED.condition(cls, prefix)

    @property
    def is_nameable(self):
        return person_rules.NAMEABLE.holds(self)

    def derive_status(self):
        """Return (status, country) as the record implies them (see `prisoners.custody`)."""
        derived = self.derive_custody()
        return derived.status, derived.country

    def derive_custody(self):
        return derive_custody(self)

    def rebuild_name_keys(self):
        """Make the search keys match every spelling of the name (display name included)."""
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
        spellings = [self.display_name, *self.names.values_list("name", flat=True)]
        return Person.matching_any(spellings, exclude_pk=self.pk)

    @classmethod
    def matching_any(cls, spellings, exclude_pk=None):
        """People whose names match any of `spellings` (in any script), best match first."""
        matches = {}
        for spelling in filter(None, spellings):
            for person_id, score in name_search.person_scores(spelling).items():
                if person_id != exclude_pk:
                    matches[person_id] = max(score, matches.get(person_id, 0.0))
        people = Person.private_objects.in_bulk(list(matches))
        return sorted(people.values(), key=lambda p: (-matches[p.pk], p.sort_key))

    def current_stay(self):
        """Where the record establishes the person is held now (prefetch `stays__facility`): the
        latest open stay. None when not held, when no place is reported, or when reports of
        where they are disagree (`disputed_stays`): then no place is "current"."""
        if self.status not in IN_CUSTODY:
            return None
        open_stays = [stay for stay in self.stays.all() if stay.until_on is None]
        if any(stay.is_contested for stay in open_stays):
            return None
        dated = sorted(open_stays, key=lambda stay: (stay.dated is not None, stay.dated, stay.pk))
        return dated[-1] if dated else None

    def disputed_stays(self):
        """Reports of where the person is held now that disagree (open contested stays), oldest
        report first: shown side by side as reports, never as places where they are."""
        if self.status not in IN_CUSTODY:
            return []
        disputed = [s for s in self.stays.all() if s.until_on is None and s.is_contested]
        return sorted(disputed, key=lambda stay: (stay.dated is None, stay.dated, stay.pk))

    def standing_recognitions(self):
        """Recognitions not withdrawn (prefetch `recognitions`)."""
        return [r for r in self.recognitions.all() if r.withdrawn_on is None]

    def expected_release(self):
        """(date, precision) the current term runs out, computed (see Detention); or None."""
        if self.status not in IN_CUSTODY:
            return None
        ends = [d.expected_release() for d in self.detentions.all()]
        ends = [end for end in ends if end is not None]
        return max(ends) if ends else None

    def charge_articles(self):
        """Distinct charge labels over all detentions (prefetch `detentions__charges`)."""
        labels = []
        for detention in self.detentions.all():
            for charge in detention.charges.all():
                if charge.label not in labels:
                    labels.append(charge.label)
        return labels

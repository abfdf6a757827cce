"""People, their names in every script, detentions, charges, sources, citations and claims.

This app knows nothing of releases or deals (`releases` imports `prisoners`, never the reverse).
Where a person's status depends on a release, the `releases` app supplies custody events through
the `release_outcomes` related name (see `Person.custody_events`).
"""

import datetime
from dataclasses import dataclass

from anyascii import anyascii
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .partial_dates import DatePrecision, format_partial_date, precision_field

# --- Vocabularies -------------------------------------------------------------------------------


class SourceKind(models.TextChoices):
    GOVERNMENT = "government", "Government or official body"
    STATE_MEDIA = "state_media", "State or public media"
    INDEPENDENT_MEDIA = "independent_media", "Independent media"
    NGO = "ngo", "NGO or human-rights group"
    INTERNATIONAL_BODY = "international_body", "International body"
    AGENCY = "agency", "News or photo agency"
    OTHER = "other", "Other"


class PersonKind(models.TextChoices):
    PRISONER = "prisoner", "Political prisoner (current or former)"
    ACTOR = "actor", "Other actor (official, negotiator, public figure)"


class Visibility(models.TextChoices):
    DRAFT = "draft", "Draft: not public"
    PUBLISHED = "published", "Published"
    WITHHELD = "withheld", "Withheld: counted in figures, never named in public"


class Status(models.TextChoices):
    """A person's situation, derived from detentions and release outcomes (never typed by hand)."""

    HELD = "held", "Held"
    RELEASED_IN_COUNTRY = "released_in_country", "Released inside the country"
    DEPORTED = "deported", "Released and deported or transferred abroad"
    REFUSED_DEPORTATION = "refused_deportation", "Refused deportation, returned to custody"
    DECEASED = "deceased", "Deceased"
    UNKNOWN = "unknown", "Unknown"


class ReleaseOutcome(models.TextChoices):
    """What became of a person freed in a release. Used by `releases.ReleasedPerson`."""

    DEPORTED = "deported", "Deported or transferred abroad"
    REFUSED_RETURNED = "refused_returned", "Refused to leave, taken back into custody"
    RELEASED_IN_COUNTRY = "released_in_country", "Released inside the country"
    UNKNOWN = "unknown", "Unknown"


class Language(models.TextChoices):
    BELARUSIAN = "be", "Belarusian"
    RUSSIAN = "ru", "Russian"
    POLISH = "pl", "Polish"
    ENGLISH = "en", "English"
    LITHUANIAN = "lt", "Lithuanian"
    UKRAINIAN = "uk", "Ukrainian"
    GERMAN = "de", "German"
    FRENCH = "fr", "French"
    LATVIAN = "lv", "Latvian"
    OTHER = "und", "Other or undetermined"


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", "Cyrillic"
    LATIN = "Latn", "Latin"  # Belarusian in Latin script is Łacinka


class CriminalCode(models.TextChoices):
    BELARUS = "BY-CC", "Criminal Code of the Republic of Belarus"
    BELARUS_ADMIN = "BY-CAO", "Code of Administrative Offences of the Republic of Belarus"
    RUSSIA = "RU-CC", "Criminal Code of the Russian Federation"
    OTHER = "other", "Other"


class SentenceKind(models.TextChoices):
    PENAL_COLONY = "penal_colony", "Penal colony"
    PRISON = "prison", "Prison"
    RESTRICTED_FREEDOM = "restricted_freedom", "Restricted freedom (\u201chimia\u201d)"
    HOME_CONFINEMENT = "home_confinement", "Home confinement"
    FINE = "fine", "Fine"
    OTHER = "other", "Other"


class Regime(models.TextChoices):
    GENERAL = "general", "General regime"
    REINFORCED = "reinforced", "Reinforced regime"
    STRICT = "strict", "Strict regime"
    SPECIAL = "special", "Special regime"
    PRISON = "prison", "Prison regime"
    OPEN = "open", "Open-type correctional facility"


class DetentionEnd(models.TextChoices):
    PARDONED = "pardoned", "Pardoned"
    SENTENCE_SERVED = "sentence_served", "Sentence served"
    RELEASED_EARLY = "released_early", "Released early (health, parole, other)"
    ACQUITTED = "acquitted", "Acquitted or case closed"
    DIED = "died", "Died in custody"
    OTHER = "other", "Other"


class ValueQualifier(models.TextChoices):
    EXACTLY = "exactly", "exactly"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    ABOUT = "about", "about"
    FEWER_THAN = "fewer_than", "fewer than"


class Assessment(models.TextChoices):
    UNASSESSED = "unassessed", "Not assessed"
    CORROBORATED = "corroborated", "Corroborated by other sources"
    DISPUTED = "disputed", "Disputed by other sources"
    CONTRADICTED = "contradicted", "Contradicted by later reports"


# --- Sources, citations, claims ------------------------------------------------------------------


class SourceQuerySet(models.QuerySet):
    def search(self, text):
        return self.filter(Q(name__icontains=text) | Q(other_names__icontains=text))


class Source(models.Model):
    name = models.CharField(max_length=200, help_text="The outlet's or organisation's usual name.")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    other_names = models.CharField(
        max_length=500,
        blank=True,
        help_text="Other names and spellings, separated by ' / ' (Белсат / Biełsat).",
    )
    kind = models.CharField(
        max_length=20, choices=SourceKind.choices, help_text="What sort of source this is."
    )
    country = CountryField(
        blank=True, help_text="Country the source is based in or speaks for, if any."
    )
    url = models.URLField(max_length=500, blank=True, help_text="The source's home page.")
    description = models.TextField(
        blank=True, help_text="Who runs it and anything a reader should know when weighing it."
    )

    objects = SourceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("prisoners:source-detail", kwargs={"slug": self.slug})

    is_public = True


class CitationQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("source")

    def attach_to(self, objects):
        """Set `obj.cited` (a list of citations) on each object, in one query for them all."""
        objects = [obj for obj in objects if obj is not None and obj.pk is not None]
        for obj in objects:
            obj.cited = []
        if not objects:
            return objects
        by_type = {}
        for obj in objects:
            content_type = ContentType.objects.get_for_model(obj)
            by_type.setdefault(content_type.pk, {})[obj.pk] = obj
        condition = Q()
        for content_type_id, by_pk in by_type.items():
            condition |= Q(content_type_id=content_type_id, object_id__in=list(by_pk))
        for citation in self.filter(condition).select_related("source"):
            target = by_type[citation.content_type_id].get(citation.object_id)
            if target is not None:
                target.cited.append(citation)
        return objects

    def public(self):
        """Citations of records that are public, with their records loaded.

        Whether a record is public is each model's own `is_public`; the records come with what
        that check reads (`public_related`), so the check adds no query per citation.
        """
        citations = list(self.select_related("source", "content_type"))
        by_type = {}
        for citation in citations:
            by_type.setdefault(citation.content_type, set()).add(citation.object_id)
        records = {}
        for content_type, ids in by_type.items():
            model = content_type.model_class()
            if model is None:
                continue
            records_of_type = model._default_manager.select_related(
                *getattr(model, "public_related", ())
            ).prefetch_related(*getattr(model, "public_prefetch", ()))
            for record in records_of_type.filter(pk__in=ids):
                records[(content_type.pk, record.pk)] = record
        public = []
        for citation in citations:
            record = records.get((citation.content_type_id, citation.object_id))
            if record is not None and getattr(record, "is_public", False):
                citation.record = record
                public.append(citation)
        return public


class Citation(models.Model):
    """Where a fact about any record (person, detention, release, deal, claim...) comes from."""

    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="citations",
        help_text="Who published the cited material.",
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        help_text="The kind of record this citation supports.",
    )
    object_id = models.PositiveBigIntegerField(help_text="The id of the record it supports.")
    content_object = GenericForeignKey("content_type", "object_id")
    url = models.URLField(max_length=1000, blank=True, help_text="Address of the cited page.")
    title = models.CharField(max_length=500, blank=True, help_text="Headline or document title.")
    published_on = models.DateField(
        null=True, blank=True, help_text="When the cited material was published."
    )
    published_on_precision = precision_field("publication date")
    quote = models.TextField(
        blank=True, help_text="The passage that supports the fact, quoted exactly."
    )
    note = models.TextField(
        blank=True,
        help_text="What this citation supports, or a caveat (e.g. 'citing Belsat').",
    )

    objects = CitationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["published_on", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.source}: {self.title or self.url or 'citation'}"

    @property
    def published_on_display(self):
        return format_partial_date(self.published_on, self.published_on_precision)


class ClaimQuerySet(models.QuerySet):
    def about(self, obj):
        return self.filter(
            subject_content_type=ContentType.objects.get_for_model(obj), subject_object_id=obj.pk
        )

    def headline(self):
        return self.filter(subject_content_type__isnull=True)

    def featured_headline(self):
        """The headline figure for the home page: a human-rights group's figure before any
        official's, the most recent first."""
        from_ngo = models.Case(
            models.When(claimed_by__kind=SourceKind.NGO, then=models.Value(0)),
            default=models.Value(1),
        )
        return (
            self.headline()
            .filter(value__isnull=False)
            .select_related("claimed_by", "claimed_by_person")
            .order_by(from_ngo, models.F("as_of").desc(nulls_last=True), "pk")
            .first()
        )


class Claim(models.Model):
    """A statement attributed to a source, kept beside the statements that disagree with it.

    Claims sharing a `topic` (and subject) answer the same question and are shown side by side;
    none is overwritten by another.
    """

    topic = models.CharField(
        max_length=200,
        help_text="The question this claim answers; claims with the same topic are shown "
        "side by side (e.g. 'Who refused to leave Belarus').",
    )
    statement = models.TextField(help_text="What the source says, in a sentence.")
    subject_content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="The kind of record the claim is about; empty for a headline figure.",
    )
    subject_object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The id of the record the claim is about."
    )
    subject = GenericForeignKey("subject_content_type", "subject_object_id")
    value = models.PositiveIntegerField(
        null=True, blank=True, help_text="The figure claimed, if the claim is a number."
    )
    value_qualifier = models.CharField(
        max_length=10,
        choices=ValueQualifier.choices,
        default=ValueQualifier.EXACTLY,
        help_text="How the figure is hedged ('more than 1,100').",
    )
    as_of = models.DateField(null=True, blank=True, help_text="The date the claim speaks for.")
    as_of_precision = precision_field("as-of date")
    claimed_by = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="The source making the claim.",
    )
    claimed_by_person = models.ForeignKey(
        "Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_made",
        help_text="The person making the claim, when it is a person (an official, an envoy).",
    )
    assessment = models.CharField(
        max_length=12,
        choices=Assessment.choices,
        default=Assessment.UNASSESSED,
        help_text="How the claim stands against other sources. A contradicted claim is kept.",
    )
    assessment_note = models.TextField(
        blank=True, help_text="Why it is assessed so, with reference to the other claims."
    )
    citations = GenericRelation(Citation, help_text="Where the claim was reported.")

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "as_of", "pk"]
        indexes = [models.Index(fields=["subject_content_type", "subject_object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(claimed_by__isnull=False) | Q(claimed_by_person__isnull=False),
                name="claim_has_claimant",
                violation_error_message="A claim needs a source or a person who made it.",
            ),
            models.CheckConstraint(
                condition=Q(subject_content_type__isnull=True, subject_object_id__isnull=True)
                | Q(subject_content_type__isnull=False, subject_object_id__isnull=False),
                name="claim_subject_complete",
                violation_error_message="A claim's subject needs both its kind and its id.",
            ),
        ]

    def __str__(self):
        return f"{self.topic}: {self.claimant}"

    def get_absolute_url(self):
        subject = self.subject if self.subject_content_type_id else None
        return subject.get_absolute_url() if subject is not None else reverse("releases:home")

    public_prefetch = ("subject",)

    @property
    def claimant(self):
        return self.claimed_by or self.claimed_by_person

    @property
    def is_public(self):
        """A headline figure is public; a claim about a record is public when the record is."""
        if self.subject_content_type_id is None:
            return True
        subject = self.subject
        return subject is not None and getattr(subject, "is_public", False)

    @property
    def value_display(self):
        if self.value is None:
            return ""
        figure = f"{self.value:,}"
        if self.value_qualifier == ValueQualifier.EXACTLY:
            return figure
        return f"{self.get_value_qualifier_display()} {figure}"

    @property
    def as_of_display(self):
        return format_partial_date(self.as_of, self.as_of_precision) if self.as_of else ""


# --- People --------------------------------------------------------------------------------------


class Occupation(models.Model):
    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="An occupation or role: journalist, trade unionist...",
    )
    slug = models.SlugField(max_length=100, unique=True, help_text="Identifier used in filters.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def prisoners(self):
        """Political prisoners only: actors (officials, envoys) never appear in lists or counts."""
        return self.filter(kind=PersonKind.PRISONER)

    def published(self):
        return self.filter(visibility=Visibility.PUBLISHED)

    def counted(self):
        """Everyone who counts in public figures: published and withheld, never drafts."""
        return self.filter(visibility__in=[Visibility.PUBLISHED, Visibility.WITHHELD])

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
        from .name_search import person_scores

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


class PublicPersonManager(models.Manager.from_queryset(PersonQuerySet)):
    """Only people who may be named on a public page; public views start here, not `objects`."""

    def get_queryset(self):
        return super().get_queryset().filter(visibility=Visibility.PUBLISHED)


class Person(models.Model):
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
        help_text="Derived from detentions and release outcomes by refresh_status(); never typed.",
    )
    status_country = CountryField(
        blank=True,
        editable=False,
        help_text="Derived with the status: where the person was deported or transferred to.",
    )
    citations = GenericRelation(Citation, help_text="Sources for facts about this person.")
    claims = GenericRelation(
        Claim,
        content_type_field="subject_content_type",
        object_id_field="subject_object_id",
        help_text="Claims about this person, including ones that disagree.",
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text="When the record was created.")
    updated_at = models.DateTimeField(auto_now=True, help_text="When the record was last changed.")

    objects = PersonQuerySet.as_manager()
    public = PublicPersonManager()
    history = HistoricalRecords(m2m_fields=[occupations])

    class Meta:
        ordering = ["sort_name", "display_name"]
        verbose_name_plural = "people"
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

    @property
    def is_public(self):
        """May be named on a public page: published, and a prisoner (actors have no page)."""
        return self.visibility == Visibility.PUBLISHED and self.kind == PersonKind.PRISONER

    @property
    def birth_date_display(self):
        return format_partial_date(self.birth_date, self.birth_date_precision)

    def custody_events(self):
        """Dated facts that change where the person stands, oldest first.

        Each event is (date, order, status, country). Detentions are this app's own; release
        outcomes come from the `releases` app through the `release_outcomes` related name, each
        answering `custody_event()` in the same shape.
        """
        events = []
        for detention in self.detentions.all():
            events.extend(detention.custody_events())
        outcomes = getattr(self, "release_outcomes", None)
        if outcomes is not None:
            for outcome in outcomes.all():
                event = outcome.custody_event()
                if event is not None:
                    events.append(event)
        return sorted(events, key=lambda event: (event[0], event[1]))

    def derive_status(self):
        """Return (status, country) as the record implies them. The latest custody event wins."""
        if self.died_on is not None:
            return Status.DECEASED, ""
        events = self.custody_events()
        if not events:
            return Status.UNKNOWN, ""
        _, _, status, country = events[-1]
        return status, country

    def rebuild_name_keys(self):
        """Make the search keys match every spelling of the name (display name included)."""
        from .transliteration import name_keys

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
        from .name_search import person_scores

        spellings = [self.display_name, *self.names.values_list("name", flat=True)]
        matches = {}
        for spelling in spellings:
            for person_id, score in person_scores(spelling).items():
                if person_id != self.pk:
                    matches[person_id] = max(score, matches.get(person_id, 0.0))
        people = Person.objects.in_bulk(list(matches))
        return sorted(people.values(), key=lambda p: (-matches[p.pk], p.sort_name))

    def refresh_status(self, save=True):
        status, country = self.derive_status()
        changed = (self.status, str(self.status_country or "")) != (status, str(country or ""))
        self.status, self.status_country = status, country
        if save and changed and self.pk:
            # update() skips history: the status is a cache of facts that are themselves recorded.
            Person.objects.filter(pk=self.pk).update(status=status, status_country=country)
        return changed

    def public_release_outcomes(self):
        """Release outcomes whose release is published (prefetch `release_outcomes__release`)."""
        outcomes = getattr(self, "release_outcomes", None)
        if outcomes is None:
            return []
        return [outcome for outcome in outcomes.all() if outcome.release.is_published]

    def public_timeline(self):
        """Detentions, verdicts, releases and omissions in date order, for the public page.

        Reads prefetched `detentions`, `release_outcomes__release` and `omitted_from__release`.
        """
        events = []
        for detention in self.detentions.all():
            where = f" in {detention.place}" if detention.place else ""
            events.append(
                TimelineEvent(
                    detention.detained_on,
                    detention.detained_on_display,
                    "arrest",
                    f"Detained{where}",
                    detention,
                )
            )
            if detention.verdict_on:
                sentence = detention.sentence_display
                detail = ", ".join(
                    part
                    for part in [
                        f"sentenced to {sentence}" if sentence else "",
                        detention.get_sentence_kind_display() if detention.sentence_kind else "",
                        detention.get_regime_display() if detention.regime else "",
                        detention.court,
                    ]
                    if part
                )
                events.append(
                    TimelineEvent(
                        detention.verdict_on,
                        detention.verdict_on_display,
                        "verdict",
                        f"Verdict: {detail}" if detail else "Verdict",
                        detention,
                    )
                )
            if detention.ended_on:
                how = detention.get_end_reason_display() if detention.end_reason else "Released"
                where = f", to {detention.released_to.name}" if detention.released_to else ""
                events.append(
                    TimelineEvent(
                        detention.ended_on,
                        detention.ended_on_display,
                        "end",
                        f"Detention ended: {how}{where}",
                        detention,
                    )
                )
        for outcome in self.public_release_outcomes():
            release = outcome.release
            events.append(
                TimelineEvent(
                    release.released_on,
                    release.released_on_display,
                    "release",
                    f"{release.title}: {outcome.get_outcome_display().lower()}"
                    + (f" ({outcome.destination.name})" if outcome.destination else ""),
                    outcome,
                    release.get_absolute_url(),
                )
            )
        omissions = getattr(self, "omitted_from", None)
        for omission in omissions.all() if omissions is not None else []:
            release = omission.release
            if release.is_published:
                events.append(
                    TimelineEvent(
                        release.released_on,
                        release.released_on_display,
                        "omission",
                        f"Not among those freed in {release.title}",
                        omission,
                        release.get_absolute_url(),
                    )
                )
        events.sort(key=lambda event: (event.date, TimelineEvent.ORDER[event.kind]))
        # A detention's sources cover its arrest, verdict and end: list them once, at the first.
        seen = set()
        for event in events:
            identity = (type(event.record), event.record.pk)
            event.first_of_record = identity not in seen
            seen.add(identity)
        return events

    def charge_articles(self):
        """Distinct charge labels over all detentions (prefetch `detentions__charges`)."""
        labels = []
        for detention in self.detentions.all():
            for charge in detention.charges.all():
                if charge.label not in labels:
                    labels.append(charge.label)
        return labels

    @property
    def status_display(self):
        if self.status == Status.DEPORTED and self.status_country:
            return f"Released and sent to {self.status_country.name}"
        return self.get_status_display()


@dataclass
class TimelineEvent:
    ORDER = {"arrest": 0, "verdict": 1, "omission": 2, "release": 3, "end": 4}

    date: datetime.date
    date_display: str
    kind: str
    title: str
    record: models.Model
    url: str = ""
    first_of_record: bool = True


def slug_for(name: str) -> str:
    """An ASCII slug for a name in any script: 'Андрэй Пачобут' -> 'andrei-pachobut'."""
    return slugify(anyascii(name))


def surname_first(display_name: str) -> str:
    parts = display_name.split()
    if len(parts) < 2:
        return display_name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


class PersonName(models.Model):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "language", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "name", "language"],
                name="person_name_unique_per_language",
                violation_error_message="This person already has this spelling in this language.",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.writing_system})"

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


class Detention(models.Model):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "detained_on"]
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
        return f"{self.person}: detained {self.detained_on_display}"

    public_related = ("person",)

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    @property
    def is_public(self):
        return self.person.is_public

    @property
    def detained_on_display(self):
        return format_partial_date(self.detained_on, self.detained_on_precision)

    @property
    def verdict_on_display(self):
        return format_partial_date(self.verdict_on, self.verdict_on_precision)

    @property
    def ended_on_display(self):
        return format_partial_date(self.ended_on, self.ended_on_precision)

    @property
    def sentence_display(self):
        if self.sentence_months is None:
            return ""
        years, months = divmod(self.sentence_months, 12)
        parts = []
        if years:
            parts.append(f"{years} year{'s' if years != 1 else ''}")
        if months:
            parts.append(f"{months} month{'s' if months != 1 else ''}")
        return " ".join(parts) or "0 months"

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


class Charge(models.Model):
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

    history = HistoricalRecords()

    class Meta:
        ordering = ["detention", "pk"]

    def __str__(self):
        return f"{self.label}: {self.description}"

    public_related = ("detention__person",)

    def get_absolute_url(self):
        return self.detention.person.get_absolute_url()

    @property
    def is_public(self):
        return self.detention.person.is_public

    @property
    def label(self):
        label = f"Art. {self.article}"
        if self.part:
            label += f" part {self.part}"
        return label


__all__ = [
    "Assessment",
    "Charge",
    "Citation",
    "Claim",
    "CriminalCode",
    "DatePrecision",
    "Detention",
    "DetentionEnd",
    "Language",
    "Occupation",
    "Person",
    "PersonKind",
    "PersonName",
    "Regime",
    "ReleaseOutcome",
    "Script",
    "SentenceKind",
    "Source",
    "SourceKind",
    "Status",
    "ValueQualifier",
    "Visibility",
]

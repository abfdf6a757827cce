"""Sources, the citations that tie any record to them, and claims that may disagree."""

from django.conf import global_settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.partial_dates import precision_field
from ledger.publication import (
    Always,
    FieldsAre,
    GenericTarget,
    HasPublicationRule,
    PublicationQuerySet,
    PublicGenericManager,
    private_manager,
    public_manager,
)
from ledger.slugs import PUBLIC_ID_LENGTH, new_public_id
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.vocabularies import Assessment, SourceKind, ValueQualifier, Visibility

# The languages a source may write in: Django's list (ISO 639 codes, the values of `lang`).
SOURCE_LANGUAGES = [(code, name) for code, name in global_settings.LANGUAGES if "-" not in code]


class SourceQuerySet(PublicationQuerySet):
    def search(self, text):
        return self.filter(Q(name__icontains=text) | Q(other_names__icontains=text))

    def with_public_counts(self):
        """How many public records cite each source, and how many public claims it makes."""
        return self.annotate(
            citation_count=models.Count(
                "citations",
                filter=Q(citations__in=Citation.public_objects.values("pk")),
                distinct=True,
            ),
            claim_count=models.Count(
                "claims", filter=Q(claims__in=Claim.public_objects.values("pk")), distinct=True
            ),
        )


class Source(HasPublicationRule, Versioned):
    name = models.CharField(max_length=200, help_text="The outlet's or organisation's usual name.")
    name_be, name_ru, name_pl = translations_of(name, "name")
    language = models.CharField(
        max_length=12,
        choices=SOURCE_LANGUAGES,
        default="en",
        help_text="The language of the source's own name, titles and quotes, which pages keep "
        "as they are and mark with it (lang), so screen readers pronounce them.",
    )
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
    description_be, description_ru, description_pl = translations_of(description, "description")

    private_objects = private_manager(SourceQuerySet)
    public_objects = public_manager(SourceQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        default_manager_name = "private_objects"
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in SOURCE_LANGUAGES]),
                name="source_language_known",
                violation_error_message="Choose the language from the list.",
            )
        ]

    def __str__(self):
        return self.name

    def own_language(self, field_name):
        """The source's name is in its own language; its description is the editors' English."""
        return self.language if field_name == "name" else "en"

    def get_absolute_url(self):
        return reverse("prisoners:source-detail", kwargs={"slug": self.slug})

    #: Sources are public: outlets and organisations, never private persons.
    publication_rule = Always()


class CitationQuerySet(PublicationQuerySet):
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

    def with_records(self):
        """The citations as a list, each with `record` set to what it supports.

        One query per kind of record, each record loaded with what its page link reads
        (`public_related`). Callers filter first: `source.citations.published().with_records()`.
        """
        citations = list(self.select_related("source", "content_type"))
        ids_by_type = {}
        for citation in citations:
            ids_by_type.setdefault(citation.content_type, set()).add(citation.object_id)
        records = {}
        for content_type, ids in ids_by_type.items():
            model = content_type.model_class()
            found = model._default_manager.select_related(*getattr(model, "public_related", ()))
            for record in found.filter(pk__in=ids):
                records[(content_type.pk, record.pk)] = record
        for citation in citations:
            citation.record = records.get((citation.content_type_id, citation.object_id))
        return [citation for citation in citations if citation.record is not None]


class PublicCitationManager(PublicGenericManager):
    def attach_to(self, objects):
        """`CitationQuerySet.attach_to` with the public test on the cited records' own rows.

        A page passes records it shows, but they are tested again, in the same query: only their
        kinds, each row's record by its primary key (`of_kinds`), never the public set of every
        kind of record.
        """
        kinds = {type(obj) for obj in objects if obj is not None}
        return self.of_kinds(*kinds).attach_to(objects)


class Citation(HasPublicationRule, Versioned):
    """Where a fact about any record (person, detention, release, deal, claim...) comes from."""

    public_id = models.CharField(
        max_length=PUBLIC_ID_LENGTH,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text="The citation's public identifier in the API and the data: random and stable, "
        "unlike the database key.",
    )
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
    note_be, note_ru, note_pl = translations_of(note, "note")

    private_objects = private_manager(CitationQuerySet)
    public_objects = public_manager(CitationQuerySet, PublicCitationManager)
    history = HistoricalRecords()

    class Meta:
        ordering = ["published_on", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]
        default_manager_name = "private_objects"

    def __str__(self):
        return f"{self.source}: {self.title or self.url or 'citation'}"

    #: Public when the record it supports is public (`kinds`: `public_generic_condition`).
    publication_rule = GenericTarget("content_type", "object_id", "content_object")


class ClaimQuerySet(PublicationQuerySet):
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


class Claim(HasPublicationRule, Versioned):
    """A statement attributed to a source, kept beside the statements that disagree with it.

    Claims sharing a `topic` (and subject) answer the same question and are shown side by side;
    none is overwritten by another.
    """

    public_id = models.CharField(
        max_length=PUBLIC_ID_LENGTH,
        unique=True,
        default=new_public_id,
        editable=False,
        help_text="The claim's public identifier in the API and the data: random and stable, "
        "unlike the database key.",
    )
    topic = models.CharField(
        max_length=200,
        help_text="The question this claim answers; claims with the same topic are shown "
        "side by side (e.g. 'Who refused to leave Belarus').",
    )
    topic_be, topic_ru, topic_pl = translations_of(topic, "topic")
    statement = models.TextField(help_text="What the source says, in a sentence.")
    statement_be, statement_ru, statement_pl = translations_of(statement, "statement")
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
        limit_choices_to=~Q(visibility=Visibility.WITHHELD),
        help_text="The person making the claim, when it is a person (an official, an envoy). "
        "A withheld person cannot be chosen; one withheld later is shown unnamed.",
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
    assessment_note_be, assessment_note_ru, assessment_note_pl = translations_of(
        assessment_note, "assessment note"
    )
    citations = GenericRelation(Citation, help_text="Where the claim was reported.")

    private_objects = private_manager(ClaimQuerySet)
    public_objects = public_manager(ClaimQuerySet, PublicGenericManager)
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "as_of", "pk"]
        default_manager_name = "private_objects"
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
        return subject.get_absolute_url() if subject is not None else reverse("pages:home")

    #: A headline figure (no subject) is public; a claim about a record is public when the
    #: record is (`kinds`: `public_generic_condition`). Who made it is shown through
    #: `public_name`, never by this rule.
    publication_rule = FieldsAre(subject_content_type__isnull=True) | GenericTarget(
        "subject_content_type", "subject_object_id", "subject"
    )

    @property
    def claimant(self):
        return self.claimed_by or self.claimed_by_person

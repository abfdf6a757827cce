"""Releases and the people they freed, with what became of each."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from ledger.caching.scopes import ScopedTextEdits
from ledger.partial_dates import precision_field
from ledger.publication import (
    FieldsAre,
    HasPublicationRule,
    private_manager,
    private_related,
    public_manager,
    public_related,
    withdrawn_at_field,
)
from ledger.translated_text import translations_of
from ledger.versioning import Versioned
from prisoners.custody import CustodyEvent
from prisoners.models import Citation, Person, ReleaseKind, ReleaseOutcome, Source, Status
from prisoners.models.standing import HasStanding, standing_explained
from prisoners.status_inputs import RemembersPerson, StatusInputQuerySet
from releases.models.base import NAMEABLE_ACTORS, PRISONERS_ONLY, PersonInRelease, claims_relation


def rows_of_release(rows, condition):
    """How many of `rows` (freed people, omissions) of each release meet `condition`.

    A subquery per release rather than a join grouped by release: a page of 50 releases counts
    the rows of those 50 only, and counting the releases reads no row of theirs.
    """
    per_release = rows.filter(condition, release=OuterRef("pk")).order_by().values("release")
    return Coalesce(Subquery(per_release.annotate(n=Count("pk")).values("n")), 0)


class ReleaseQuerySet(StatusInputQuerySet):
    people_lookup = "freed__person"  # a release's date and publication feed the freed's status

    def with_counts(self):
        """Annotate how many freed people are named publicly and how many are withheld.

        Drafts and withdrawn people are in neither figure; actors cannot be freed.
        """
        named = Person.public_condition("person__")
        counted = Person.counted_condition("person__")
        freed = ReleasedPerson.private_objects.all()
        return self.annotate(
            named_count=rows_of_release(freed, named),
            withheld_count=rows_of_release(freed, counted & ~named),
        )

    def with_list_details(self):
        """What a timeline entry or a CSV line shows, in a fixed number of queries."""
        # Deals and omissions point at releases (their modules import this one): reached
        # through the relations.
        model = self.model
        return (
            self.with_counts()
            .annotate(
                withheld_omissions=rows_of_release(
                    private_related(model, "omissions"),
                    Person.counted_condition("person__") & ~Person.public_condition("person__"),
                )
            )
            .select_related("reported_count_source")
            .prefetch_related(
                models.Prefetch(
                    "deals",
                    queryset=public_related(model, "deals").prefetch_related("concessions"),
                    to_attr="public_deals",
                ),
                models.Prefetch(
                    "omissions",
                    queryset=public_related(model, "omissions").select_related(
                        "person", "reported_by"
                    ),
                    to_attr="public_omissions",
                ),
                models.Prefetch(
                    "envoys", queryset=Person.private_objects.nameable(), to_attr="public_envoys"
                ),
            )
        )


# The scope of every page that shows a release's summary (ledger.caching.scopes).
RELEASE_TEXTS = "release-texts"


class Release(HasPublicationRule, HasStanding, ScopedTextEdits, Versioned):
    """A release of prisoners. Its `standing` is that of its date: the 250 freed in March 2026
    have a date inferred from the reports, and pages say so."""

    title = models.CharField(
        max_length=200, help_text="A short name: 'Release of 52 prisoners, September 2025'."
    )
    title_be, title_ru, title_pl = translations_of(title, "title")
    slug = models.SlugField(
        max_length=200, unique=True, help_text="Stable identifier used in URLs."
    )
    is_published = models.BooleanField(
        default=False, db_index=True, help_text="Shown on the public site once reviewed."
    )
    released_on = models.DateField(help_text="When the people were freed.")
    released_on_precision = precision_field("release date")
    kind = models.CharField(
        max_length=20,
        choices=ReleaseKind.choices,
        blank=True,
        help_text="The legal form, as reported: pardon with forced expulsion, transfer to a "
        "third state, end of term... Empty when not reported.",
    )
    releasing_state = CountryField(default="BY", help_text="The state that freed them.")
    reported_count = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people were reported freed."
    )
    reported_count_source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="release_counts",
        help_text="Who reported that number. Other figures go in claims.",
    )
    broker = CountryField(blank=True, help_text="The state that brokered the release, if any.")
    broker_description = models.CharField(
        max_length=200,
        blank=True,
        help_text="Who brokered it, in words: 'United States (the White House)'.",
    )
    broker_description_be, broker_description_ru, broker_description_pl = translations_of(
        broker_description, "broker description"
    )
    envoys = models.ManyToManyField(
        Person,
        blank=True,
        related_name="releases_negotiated",
        limit_choices_to=NAMEABLE_ACTORS,
        help_text="Envoys and officials who negotiated the release (actors, not prisoners).",
    )
    destinations = CountryField(
        multiple=True, blank=True, help_text="Countries the freed people were sent to."
    )
    summary = models.TextField(
        blank=True, help_text="What happened, for the public page, in English."
    )
    summary_be, summary_ru, summary_pl = translations_of(summary, "summary")
    citations = GenericRelation(Citation, help_text="Sources for this release.")
    claims = claims_relation()
    withdrawn_at = withdrawn_at_field()

    private_objects = private_manager(ReleaseQuerySet)
    public_objects = public_manager(ReleaseQuerySet)
    history = HistoricalRecords(m2m_fields=[envoys])

    publication_rule = FieldsAre(is_published=True, withdrawn_at__isnull=True)

    class Meta:
        ordering = ["-released_on", "-pk"]
        default_manager_name = "private_objects"
        permissions = [("publish_release", "Can publish, withdraw and restore releases")]
        constraints = [standing_explained("release")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("releases:release-detail", kwargs={"slug": self.slug})

    #: Shown on the pages registered for "release-texts" (pages.apps): a save that changes
    #: nothing else leaves the people lists and pages warm (ledger.caching.scopes).
    page_text_fields = ("summary", "summary_be", "summary_ru", "summary_pl")

    def page_text_scopes(self):
        return [RELEASE_TEXTS]

    def outcome_counts(self):
        """How many freed people had each outcome, withheld people included (they are counted,
        never named); drafts are not counted."""
        rows = (
            self.freed.filter(Person.counted_condition("person__"))
            .values("outcome")
            .annotate(count=Count("pk"))
            .order_by("-count")
        )
        labels = dict(ReleaseOutcome.choices)
        return [(labels[row["outcome"]], row["count"]) for row in rows]


class ReleasedPersonQuerySet(StatusInputQuerySet):
    pass


class ReleasedPerson(RemembersPerson, PersonInRelease, HasStanding, Versioned):
    """A person freed in a release, and what became of them. Its `standing` is that of the
    outcome: an outcome the sources give only for the group is inferred, or left unknown."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="freed", help_text="The release."
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="release_outcomes",
        limit_choices_to=PRISONERS_ONLY,
        help_text="The person freed.",
    )
    outcome = models.CharField(
        max_length=20,
        choices=ReleaseOutcome.choices,
        default=ReleaseOutcome.UNKNOWN,
        help_text="What became of them: deported, refused to leave, released at home.",
    )
    destination = CountryField(blank=True, help_text="Where they were deported or transferred to.")
    note = models.TextField(blank=True, help_text="Details, with citations below, in English.")
    note_be, note_ru, note_pl = translations_of(note, "note")
    citations = GenericRelation(Citation, help_text="Sources for this outcome.")

    private_objects = private_manager(ReleasedPersonQuerySet)
    public_objects = public_manager(ReleasedPersonQuerySet)
    history = HistoricalRecords()

    class Meta:
        ordering = ["release", "person__sort_key"]
        verbose_name = "freed person"
        default_manager_name = "private_objects"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "person"],
                name="released_person_once_per_release",
                violation_error_message="This person is already listed in this release.",
            ),
            models.CheckConstraint(
                condition=~Q(outcome=ReleaseOutcome.DEPORTED) | ~Q(destination=""),
                name="released_person_deportation_has_destination",
                violation_error_message="Say where the person was deported to.",
            ),
            standing_explained("released_person"),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_outcome_display()})"

    def get_absolute_url(self):
        return self.person.get_absolute_url()

    #: What `custody_events` reads, prefetched by the status writer (`prisoners.custody`).
    custody_reads = ("release",)

    @staticmethod
    def public_outcomes_of(person):
        """The person's release outcomes whose release is public (prefetch
        `release_outcomes__release`)."""
        return [outcome for outcome in person.release_outcomes.all() if outcome.release.is_public]

    def custody_events(self):
        """This outcome as a custody event for `prisoners.custody`; none when its release is
        not public: an unpublished fact never changes a public status."""
        if not self.release.is_public:
            return []
        status = {
            ReleaseOutcome.DEPORTED: Status.DEPORTED,
            ReleaseOutcome.RELEASED_IN_COUNTRY: Status.RELEASED_IN_COUNTRY,
            ReleaseOutcome.STAYED_VOLUNTARILY: Status.RELEASED_IN_COUNTRY,
            ReleaseOutcome.EXIT_BAN: Status.RELEASED_IN_COUNTRY,
            ReleaseOutcome.REFUSED_RETURNED: Status.REFUSED_DEPORTATION,
        }.get(self.outcome, Status.RELEASED)
        country = str(self.destination) if status == Status.DEPORTED else ""
        release = self.release
        return [
            CustodyEvent(
                release.released_on,
                1,
                status,
                country,
                release.released_on_precision,
                release.title,
                self,
            )
        ]

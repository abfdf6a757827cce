"""What the editors decided: pairs that are not the same person, merges (to undo them and to send
the old address on), and the corrections readers sent."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q


class DismissedPair(models.Model):
    """Two people an editor said are not the same person: the finder never lists them again."""

    first = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The person with the lower id.",
    )
    second = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The person with the higher id.",
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who said they are two people.",
    )
    reason = models.CharField(
        max_length=300, blank=True, help_text="Why they are two people (a different birth date…)."
    )
    dismissed_at = models.DateTimeField(auto_now_add=True, help_text="When it was dismissed.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="dismissed_pair_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")),
                name="dismissed_pair_ordered",
                violation_error_message="A pair is stored lower id first, and not with itself.",
            ),
        ]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"

    @classmethod
    def dismiss(cls, one, other, user=None, reason=""):
        first, second = sorted(getattr(person, "pk", person) for person in (one, other))
        return cls.objects.get_or_create(
            first_id=first, second_id=second, defaults={"dismissed_by": user, "reason": reason}
        )[0]


class PersonMergeQuerySet(models.QuerySet):
    def standing(self):
        """Merges not undone: the ones that send the loser's address on."""
        return self.filter(undone_at__isnull=True)


class PersonMerge(models.Model):
    """One merge: who was folded into whom, and exactly what moved, so that it can be undone.

    The loser's row is never deleted: it is withdrawn (off every public surface, its own rows
    that were exact copies of the survivor's left with it) and its address answers 301 to the
    survivor's while the merge stands.
    """

    loser = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The record merged away (withdrawn, its address sent on to the survivor).",
    )
    survivor = models.ForeignKey(
        "prisoners.Person",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The record that holds everything now.",
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who merged them (empty from the command line).",
    )
    merged_at = models.DateTimeField(auto_now_add=True, help_text="When they were merged.")
    moved = models.JSONField(
        default=list,
        blank=True,
        help_text="Rows moved to the survivor: [model label, id, field], to move them back.",
    )
    added = models.JSONField(
        default=list,
        blank=True,
        help_text="Rows the merge created (the other spelling, claims of conflicting values) "
        "and many-to-many links it added: [model label, id] or [model label, field, id].",
    )
    folded = models.JSONField(
        default=list,
        blank=True,
        help_text="Rows of the loser left with it as exact copies of the survivor's.",
    )
    survivor_before = models.JSONField(
        default=dict,
        blank=True,
        help_text="The survivor's fields the merge changed, as they were.",
    )
    unsourced_values = models.JSONField(
        default=dict,
        blank=True,
        help_text="The loser's values that lost and that no source backs (not made claims).",
    )
    loser_withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="The loser's withdrawal before the merge (usually none)."
    )
    undone_at = models.DateTimeField(
        null=True, blank=True, help_text="When a publisher undid the merge; empty while it stands."
    )
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The publisher who undid it.",
    )

    objects = PersonMergeQuerySet.as_manager()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        indexes = [models.Index(fields=["loser", "undone_at"], name="merge_by_loser")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(loser=F("survivor")),
                name="merge_of_two_people",
                violation_error_message="A person cannot be merged into themselves.",
            ),
        ]

    def __str__(self):
        return f"Merge {self.pk}: {self.loser_id} → {self.survivor_id}"


class CorrectionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class CorrectionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=CorrectionStatus.OPEN)


class Correction(models.Model):
    """A reader's suggestion about a public record. Private: never shown on the site, never
    changes a record by itself; an editor accepts it (by editing the record) or dismisses it."""

    record_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, help_text="The kind of record it is about."
    )
    record_id = models.PositiveBigIntegerField(help_text="The id of the record it is about.")
    record = GenericForeignKey("record_type", "record_id")
    what_is_wrong = models.TextField(
        max_length=2000, help_text="What the reader says is wrong or missing."
    )
    source = models.CharField(
        max_length=500, blank=True, help_text="Where the reader read it (an address or a title)."
    )
    contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="How to reach the reader, if they gave it. Never published; deleted when the "
        "suggestion is closed.",
    )
    status = models.CharField(
        max_length=10,
        choices=CorrectionStatus.choices,
        default=CorrectionStatus.OPEN,
        db_index=True,
        help_text="Open until an editor accepts or dismisses it.",
    )
    decision_note = models.TextField(
        blank=True,
        help_text="What was changed (accepted) or why not (dismissed: required).",
    )
    received_at = models.DateTimeField(auto_now_add=True, help_text="When it was sent.")
    closed_at = models.DateTimeField(null=True, blank=True, help_text="When it was closed.")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The editor who closed it.",
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["record_type", "record_id"], name="correction_record")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CorrectionStatus.OPEN)
                | (Q(closed_at__isnull=False) & Q(contact="")),
                name="correction_closed_without_contact",
                violation_error_message="A closed suggestion has a closing date and no contact.",
            ),
            models.CheckConstraint(
                condition=~Q(status=CorrectionStatus.DISMISSED) | ~Q(decision_note=""),
                name="correction_dismissed_with_reason",
                violation_error_message="A dismissed suggestion needs the reason.",
            ),
        ]

    def __str__(self):
        return f"Correction {self.pk} ({self.get_status_display()})"

"""A person's status as dated history: one row per period between two custody events.

Written only by the status writer (`prisoners.status.refresh_statuses`), from the same events
that give the current status (arrests, ends of detention, outcomes of published releases), so the
history and the status cannot disagree. It answers "who was held on 1 June 2024" (`held_on`) and
draws the held-over-time chart without replaying every record.
"""

from django.db import models

from ..partial_dates import precision_field
from .people import Person
from .vocabularies import Status


class StatusPeriod(models.Model):
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="status_periods",
        help_text="Whose status.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, db_index=True, help_text="The status held."
    )
    country = models.CharField(
        max_length=2, blank=True, help_text="For a deportation: the ISO code of the country."
    )
    started_on = models.DateField(db_index=True, help_text="The date of the event that set it.")
    started_on_precision = precision_field("start")
    ended_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The date of the next event; empty for the current status.",
    )
    event = models.CharField(
        max_length=300, help_text="What set it, in words: 'arrest', 'release of 11 September 2025'."
    )

    class Meta:
        ordering = ["person", "started_on", "pk"]
        indexes = [models.Index(fields=["status", "started_on", "ended_on"])]

    def __str__(self):
        return f"{self.person}: {self.get_status_display()} from {self.started_on}"

    @classmethod
    def public_condition(cls, prefix=""):
        return Person.public_condition(f"{prefix}person__")

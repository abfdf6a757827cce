"""A person's status as dated history: one row per period between two custody events.

Written only by the status writer (`prisoners.status.refresh_statuses`), from the same events
that give the current status (arrests, ends of detention, outcomes of published releases), so the
history and the status cannot disagree. It answers "who was held on 1 June 2024" (`held_on`) and
draws the held-over-time chart without replaying every record.
"""

import datetime

from django.db import models
from django.db.models.functions import TruncMonth

from ledger.partial_dates import precision_field
from prisoners.models import person_rules
from prisoners.vocabularies import IN_CUSTODY, Status


class StatusPeriod(models.Model):
    """Never shown by itself: public surfaces reach it through public people (`held_on`) or
    as counts (`held_per_month`), so it has no public projection of its own."""

    person = models.ForeignKey(
        "prisoners.Person",
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


def held_per_month(until: datetime.date | None = None):
    """[(first day of month, people held at its end, of them not confirmed since)] from the first
    arrest to `until`'s month.

    Counts everyone who counts in public figures (published and withheld prisoners; never
    drafts or withdrawn records), in three grouped queries whatever the number of people. Someone
    still held is confirmed held only up to their status's "as of" date (the latest verdict,
    report or omission): after that month they count as held but unconfirmed, so the chart never
    draws a stretch no report covers as if one did.
    """
    periods = StatusPeriod.objects.filter(
        (person_rules.COUNTED & person_rules.PRISONER).condition(None, "person__"),
        status__in=IN_CUSTODY,
    )
    starts = dict(
        periods.annotate(month=TruncMonth("started_on"))
        .values("month")
        .annotate(n=models.Count("pk"))
        .values_list("month", "n")
    )
    ends = dict(
        periods.filter(ended_on__isnull=False)
        .annotate(month=TruncMonth("ended_on"))
        .values("month")
        .annotate(n=models.Count("pk"))
        .values_list("month", "n")
    )
    # People held now, by the month their custody was last confirmed: from the next month on
    # they are held by the last report, not by a confirmed one.
    last_confirmed = dict(
        periods.filter(ended_on__isnull=True)
        .annotate(month=TruncMonth("person__status_as_of"))
        .values("month")
        .annotate(n=models.Count("pk"))
        .values_list("month", "n")
    )
    if not starts:
        return []
    month, last = min(starts), (until or datetime.date.today()).replace(day=1)
    series, held, unconfirmed = [], 0, 0
    while month <= last:
        held += starts.get(month, 0) - ends.get(month, 0)
        series.append((month, held, unconfirmed))
        # Confirmed in this month: unconfirmed from the next one.
        unconfirmed += last_confirmed.get(month, 0)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return series

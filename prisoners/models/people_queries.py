"""What lists, filters and exports ask of people, as QuerySet methods (`Person.private_objects`
and `Person.public_objects` both have them)."""

from django.db import connections, models
from django.db.models import Q

from prisoners.models import name_search
from prisoners.models.detentions import Detention
from prisoners.models.facilities import Stay
from prisoners.models.history import StatusPeriod
from prisoners.models.recognition import Recognition
from prisoners.status_inputs import StatusInputQuerySet
from prisoners.vocabularies import FREED, IN_CUSTODY, PersonKind


class PersonQuerySet(StatusInputQuerySet):
    people_lookup = "pk"  # a bulk update of people (a date of death) refreshes their statuses

    def prisoners(self):
        """Political prisoners only: actors (officials, envoys) never appear in lists or counts."""
        return self.filter(kind=PersonKind.PRISONER)

    def nameable(self):
        """People who may be named where they appear on a public record (envoys, claimants)."""
        return self.filter(self.model.nameable_condition())

    def counted(self):
        """Everyone who counts in public figures: published and withheld, never drafts or
        withdrawn records."""
        return self.filter(self.model.counted_condition())

    def with_list_rows(self):
        """What a row of the people list shows of the person's own columns (name, role,
        status) and their first arrest and longest term, as subqueries: the charges and the
        term's standing come from `attach_list_rows` on the page's people
        (prisoners.list_rows), or from the detentions `with_list_details` prefetches."""
        # Per-person subqueries rather than a join grouped by person: a page of 50 sorted by
        # name then reads 50 people in index order and its count reads no detention, whatever
        # the number of people (a GROUP BY aggregates every matching person first).
        detentions = Detention.private_objects.filter(person=models.OuterRef("pk")).order_by()
        by_person = detentions.values("person")
        return self.annotate(
            first_detained_on=models.Subquery(
                by_person.annotate(first=models.Min("detained_on")).values("first")
            ),
            longest_sentence_months=models.Subquery(
                by_person.annotate(longest=models.Max("term_months")).values("longest")
            ),
        )

    def with_list_details(self):
        """What a list row, a CSV line or an API item shows, in a fixed number of queries
        whatever the size.

        Records of the apps above (release outcomes) are theirs to add.
        """
        return self.with_list_rows().prefetch_related(
            "detentions__charges",
            "detentions__verdicts",
            "names",
            "occupations",
            models.Prefetch("stays", queryset=Stay.private_objects.select_related("facility")),
            models.Prefetch("recognitions", queryset=Recognition.private_objects.all()),
            "external_ids",
        )

    def held_on(self, date):
        """People the record shows in custody on that day (from their status history)."""
        periods = StatusPeriod.objects.filter(
            person=models.OuterRef("pk"), status__in=IN_CUSTODY, started_on__lte=date
        ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=date))
        return self.filter(models.Exists(periods))

    def freed_between(self, start=None, end=None):
        """People freed between the two days (either may be open): a period of their status
        history out of custody and alive (`FREED`) began then. Freed means custody ended, not
        being named in a release: a pardon refused and followed by a return to custody frees no
        one; the day they went home does."""
        periods = StatusPeriod.objects.filter(person=models.OuterRef("pk"), status__in=FREED)
        if start is not None:
            periods = periods.filter(started_on__gte=start)
        if end is not None:
            periods = periods.filter(started_on__lte=end)
        return self.filter(models.Exists(periods))

    def recognised_by(self, recogniser):
        """People whose recognition as political prisoners by that body stands (not withdrawn)."""
        recognitions = Recognition.private_objects.filter(
            person=models.OuterRef("pk"), recogniser=recogniser, withdrawn_on__isnull=True
        )
        return self.filter(models.Exists(recognitions))

    def held_at(self, facility):
        """People reported in that facility now: an open stay, and in custody by their status."""
        stays = Stay.private_objects.filter(
            person=models.OuterRef("pk"), facility=facility, until_on__isnull=True
        )
        return self.filter(models.Exists(stays), self.model.held_now_condition())

    def matching_name(self, text):
        """People any of whose spellings matches the text in any script, typos forgiven,
        annotated with `search_rank` and ordered best match first."""
        scores = name_search.person_scores(text)
        if not scores:
            return self.none()
        if connections[self.db].vendor == "postgresql":
            # Two parameters (the ids, their scores): a thousand candidates as a thousand
            # parameters and a CASE branch per score took Python longer to compile and bind
            # than PostgreSQL to run.
            ids = list(scores)
            return (
                self.filter(name_search.AmongIds(ids))
                .annotate(search_rank=name_search.ScoreOf(scores))
                .order_by("-search_rank", "sort_key", "pk")
            )
        # One branch per distinct score, not per person: namesakes share a score, and each
        # branch costs the ORM as much to build as the database to run.
        by_score = {}
        for pk, score in scores.items():
            by_score.setdefault(score, []).append(pk)
        rank = models.Case(
            *(models.When(pk__in=pks, then=models.Value(score)) for score, pks in by_score.items()),
            default=models.Value(0.0),
            output_field=models.FloatField(),
        )
        return (
            self.filter(pk__in=list(scores))
            .annotate(search_rank=rank)
            .order_by("-search_rank", "sort_key", "pk")
        )

    def with_citizenship(self, code):
        # Codes are stored comma-separated and are all two letters, so a substring match on the
        # code cannot straddle two codes.
        return self.filter(citizenships__contains=str(code).upper()[:2])

"""Writes that touch several models at once, callable from the admin, a command and a test."""

from dataclasses import dataclass, field

from django.db import transaction

from prisoners.models import Person, Visibility
from releases.models import Release


@dataclass
class ReleasePublication:
    """What publishing a release with everyone in it would do, for the confirmation page."""

    release: Release
    to_publish: list[Person] = field(default_factory=list)
    unsourced: list = field(default_factory=list)
    withheld_count: int = 0


def plan_release_publication(release) -> ReleasePublication:
    """The release's draft people (withdrawn ones stay out) and, of those and the release, each
    record with no citation at all: it would go public on no one's word."""
    freed = Person.private_objects.filter(release_outcomes__release=release).distinct()
    plan = ReleasePublication(
        release=release,
        to_publish=list(
            freed.filter(visibility=Visibility.DRAFT, withdrawn_at__isnull=True).order_by(
                "sort_key", "pk"
            )
        ),
        withheld_count=freed.filter(visibility=Visibility.WITHHELD).count(),
    )
    cited_people = set(
        Person.private_objects.filter(
            pk__in=[person.pk for person in plan.to_publish], citations__isnull=False
        ).values_list("pk", flat=True)
    )
    if not release.citations.exists():
        plan.unsourced.append(release)
    plan.unsourced += [person for person in plan.to_publish if person.pk not in cited_people]
    return plan


def publish_release_with_people(release) -> ReleasePublication:
    """Publish the release and its draft people in one transaction. A withheld person stays
    withheld, a withdrawn one withdrawn; each save is in its record's history, with the reason."""
    with transaction.atomic():
        plan = plan_release_publication(release)
        reason = f"Published with the release “{release.title}”"[:100]
        for person in plan.to_publish:
            person.visibility = Visibility.PUBLISHED
            person._change_reason = reason
            person.save()
        if not release.is_published:
            release.is_published = True
            release._change_reason = "Published with everyone in it"
            release.save()
    return plan

"""Claims as pages show them: those answering one question side by side, oldest first."""

from itertools import groupby

from prisoners.models import Claim


def claims_side_by_side(claims):
    """Group claims by topic, each group in date order, so disagreeing sources sit together."""
    claims = sorted(claims, key=lambda c: (c.topic, c.as_of is None, c.as_of, c.pk))
    return [(topic, list(group)) for topic, group in groupby(claims, key=lambda c: c.topic)]


def claim_queryset():
    return Claim.public_objects.select_related("claimed_by", "claimed_by_person")

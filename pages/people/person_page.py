"""Everything a person's page shows, in as few queries as the person's record needs.

A page reads up to a dozen kinds of related rows (names, occupations, detentions with their
charges and verdicts, places of detention, recognitions, ids elsewhere, release outcomes,
omissions, claims). Prefetching all of them costs a query each even when most are empty, so the
person's own query also asks, with one EXISTS each, which kinds the person has; only those are
fetched, and the rest are set to empty without a query. A typical page makes at most 10.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from prisoners.models import (
    Charge,
    Claim,
    Detention,
    ExternalIdentifier,
    Person,
    PersonName,
    Recognition,
    Stay,
    Verdict,
)
from releases.models import NotableOmission, ReleasedPerson


def page_relations():
    """{related name on Person: (Prefetch, the rows that would be fetched, for EXISTS)}."""
    names = PersonName.public_objects.order_by("script", "language")
    stays = Stay.private_objects.select_related("facility")
    outcomes = ReleasedPerson.private_objects.select_related("release")
    omissions = NotableOmission.private_objects.select_related("release", "reported_by")
    # The claims about the person: their public test reads the person's row, not every person.
    claims = (
        Claim.public_objects.of_kinds(Person)
        .select_related("claimed_by", "claimed_by_person")
        .filter(subject_content_type=ContentType.objects.get_for_model(Person))
    )
    return {
        "names": (Prefetch("names", queryset=names), names, "person"),
        "occupations": (
            "occupations",
            Person.occupations.through.objects.all(),
            "person",
        ),
        "detentions": ("detentions", Detention.private_objects.all(), "person"),
        "stays": (Prefetch("stays", queryset=stays), stays, "person"),
        "recognitions": (
            "recognitions",
            Recognition.private_objects.all(),
            "person",
        ),
        "external_ids": (
            "external_ids",
            ExternalIdentifier.private_objects.all(),
            "person",
        ),
        "release_outcomes": (Prefetch("release_outcomes", queryset=outcomes), outcomes, "person"),
        "omitted_from": (Prefetch("omitted_from", queryset=omissions), omissions, "person"),
        "claims": (Prefetch("claims", queryset=claims), claims, "subject_object_id"),
    }


DETENTION_RELATIONS = {
    "charges": Charge.private_objects.all(),
    "verdicts": Verdict.private_objects.all(),
}


def with_presence_flags(queryset):
    """Annotate `has_<relation>` for each kind of row a person page may show."""
    flags = {
        f"has_{name}": Exists(rows.filter(**{field: OuterRef("pk")}))
        for name, (_, rows, field) in page_relations().items()
    }
    flags.update(
        {
            f"has_{name}": Exists(rows.filter(detention__person=OuterRef("pk")))
            for name, rows in DETENTION_RELATIONS.items()
        }
    )
    return queryset.annotate(**flags)


def leave_empty(instance, name):
    """Make `instance.<name>.all()` an empty list without a query."""
    manager = getattr(instance, name)
    cache = instance.__dict__.setdefault("_prefetched_objects_cache", {})
    cache[manager.prefetch_cache_name if hasattr(manager, "prefetch_cache_name") else name] = (
        manager.none()
    )


def load_page_details(person):
    """Fetch only the related rows the person has (`with_presence_flags` set the flags)."""
    for name, (lookup, _, _) in page_relations().items():
        if getattr(person, f"has_{name}"):
            prefetch_related_objects([person], lookup)
        else:
            leave_empty(person, name)
    detentions = list(person.detentions.all())
    for name in DETENTION_RELATIONS:
        if getattr(person, f"has_{name}"):
            prefetch_related_objects(detentions, name)
        else:
            for detention in detentions:
                leave_empty(detention, name)
    return person

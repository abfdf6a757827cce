"""The public projection: the one place that decides what the public may see.

Every model that can reach a public surface (a page, a CSV, a filter's choices, and later the API,
the feeds and the dataset) declares `public_condition(prefix="")`, a `Q` that holds for the rows
the public may see, written against the row's own fields and, through `prefix`, usable from any
model that reaches it by a relation. The same rule is mirrored on the instance as `is_public`
(for records already in memory), and a test holds the two to agreement.

Each such model has two managers and no `objects`, so that every query has to choose
(DemocracyClub EveryElection's public/private managers):

- `public_objects`: only what the public may see. Public views, exports and filter choices start
  here, so a forgotten relation cannot leak a draft or withheld record by default.
- `private_objects`: everything, for the admin, commands, imports and tests. It is the default
  manager, so Django's own machinery (admin, loaddata, related managers) sees every row.

A person may be *named* on a public record (an envoy, the official who announced a deal, the
person making a claim) only when published; any other person in such a place is shown as
`WITHHELD_PERSON`: counted, never named.
"""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Q

WITHHELD_PERSON = "a person whose name is withheld"


def prefixed(prefix: str, **lookups) -> Q:
    """`Q(**lookups)` with every lookup reached through `prefix` ('person__', 'release__')."""
    return Q(**{f"{prefix}{lookup}": value for lookup, value in lookups.items()})


class PublicationQuerySet(models.QuerySet):
    """`published()` for every model: one definition, each model's own `public_condition`."""

    def published(self):
        return self.filter(self.model.public_condition())

    def update(self, **kwargs):
        # A bulk change is a save too: it makes forms opened before it stale (prisoners.versioning).
        if "version" not in kwargs and any(f.name == "version" for f in self.model._meta.fields):
            kwargs["version"] = models.F("version") + 1
        return super().update(**kwargs)


class PublicManager(models.Manager):
    """Only the rows the public may see (`Model.public_condition`)."""

    def get_queryset(self):
        return super().get_queryset().filter(self.model.public_condition())


class PublicGenericManager(PublicManager):
    """`public_objects` of a model that may point at any kind of record (Citation, Claim)."""

    def of_kinds(self, *kinds):
        """The public rows that point at records of these kinds (models), tested row by row: for
        a query narrowed to a few records (`public_generic_condition`, `kinds`)."""
        kinds = {model._meta.concrete_model for model in kinds}
        unfiltered = super(PublicManager, self).get_queryset()
        return unfiltered.filter(self.model.public_condition(kinds=kinds))


def public_manager(queryset_class, manager_class=PublicManager):
    return manager_class.from_queryset(queryset_class)()


def private_manager(queryset_class):
    return models.Manager.from_queryset(queryset_class)()


def generic_targets(target_model):
    """The models that hold a generic relation to `target_model` (Citation, Claim)."""
    return [
        model
        for model in apps.get_models()
        for field in model._meta.private_fields
        if isinstance(field, GenericRelation) and field.related_model is target_model
    ]


def public_generic_condition(target_model, type_field, id_field, prefix="", kinds=None):
    """Rows of a generic relation whose target record is public.

    One test per kind of target, each the target's own `public_condition`: so a citation of a
    draft person, or a claim about an unpublished release, is never public.

    By default each test is `IN (the public ids of that kind)`, which PostgreSQL hashes once: the
    right plan for a query over many rows (the sources list counts every citation). `kinds`
    (models) is for a query already narrowed to a few records (a page's citations, a person's
    claims): only those kinds are tested, each with an EXISTS on the row's one target, so neither
    planning nor execution touches the other kinds or builds a whole public set (~0.3 s at
    100,000 people). Over a whole table, the probe per row is the slower plan (7x at 10,000).
    """
    if kinds is not None and prefix:
        raise ValueError("`kinds` tests the row's own target: an EXISTS cannot follow `prefix`.")
    condition = Q(pk__in=[])
    for model in generic_targets(target_model):
        if kinds is not None and model not in kinds:
            continue
        content_type = ContentType.objects.get_for_model(model)
        if kinds is None:
            public_ids = model.private_objects.filter(model.public_condition()).values("pk")
            condition |= prefixed(
                prefix, **{type_field: content_type, f"{id_field}__in": public_ids}
            )
        else:
            target = Exists(public_target(model, id_field))
            condition |= Q(**{type_field: content_type}) & target
    return condition


def public_target(model, id_field):
    """The row's own target of `model`, when public; a target that may itself point at any
    record (a cited claim) is tested on its own target's row in turn."""
    if isinstance(model.public_objects, PublicGenericManager):
        condition = model.public_condition(kinds=set(generic_targets(model)))
    else:
        condition = model.public_condition()
    return model.private_objects.filter(condition, pk=OuterRef(id_field))


def withdrawn_at_field():
    """When a record was withdrawn: the admin's delete for people, releases and deals.

    A withdrawn record leaves every public surface and the admin's lists but keeps everything
    attached to it (names, detentions, citations...), so restoring it brings all of it back.
    """
    return models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the record was withdrawn (the admin's delete). A withdrawn record is "
        "not public and keeps everything attached to it, so it can be restored whole.",
    )


def public_name(person) -> str:
    """A person's name where the public may see it, or `WITHHELD_PERSON`."""
    if person is None:
        return ""
    return person.shown_name if person.is_nameable else WITHHELD_PERSON

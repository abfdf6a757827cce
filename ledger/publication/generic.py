"""Citations and claims may point at any kind of record: they are public when that record is."""

from django.apps import apps
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q

from ledger.publication.lookups import prefixed
from ledger.publication.managers import PublicGenericManager


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

"""Lookups through relations, for rules that other models reach by a path ('person__')."""

from django.db.models import Q


def prefixed(prefix: str, **lookups) -> Q:
    """`Q(**lookups)` with every lookup reached through `prefix` ('person__', 'release__')."""
    return Q(**{f"{prefix}{lookup}": value for lookup, value in lookups.items()})


def related_model(model, path: str):
    """The model at the end of a relation path ('breakdown__release') from `model`."""
    for step in path.split("__"):
        model = model._meta.get_field(step).related_model
    return model


def follow(record, path: str):
    """The record at the end of a relation path from `record` (None when a step is empty)."""
    for step in path.split("__"):
        if record is None:
            return None
        record = getattr(record, step)
    return record


def public_related(model, relation: str):
    """`public_objects` of the model a relation of `model` leads to: for a query verb that
    prefetches records pointing back at its own (a release's deals), whose module imports it."""
    return related_model(model, relation).public_objects.all()


def private_related(model, relation: str):
    """`private_objects` of the model a relation of `model` leads to (for counts that name no
    one: the withheld people left behind by each release)."""
    return related_model(model, relation).private_objects.all()

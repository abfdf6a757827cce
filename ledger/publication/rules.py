"""A publication rule, stated once, read two ways: as SQL and on a record in memory.

A model says when the public may see a row with `publication_rule`, built from a few parts:

- `FieldsAre(visibility=..., withdrawn_at__isnull=True, kind__in=[...])`: the row's own fields,
  with exact, `__isnull` and `__in` lookups;
- `Via("release")`: the rule of the record a relation leads to ("public when its release is");
- `AnyRelated("people")`: at least one related record is public (an occupation is shown when a
  public person holds it);
- `GenericTarget(...)`: the record a generic relation points at is public (citations, claims);
- `Always()`, and `&` / `|` to combine them.

`rule.condition(model, prefix)` is a `Q` over the row's fields, usable from any model that reaches
the row through a relation (`prefix`: "person__", "release__"); `rule.holds(record)` answers the
same question for a record already loaded. `HasPublicationRule` gives a model both as
`public_condition()` and `is_public`, so the two can never be written apart (a test still holds
them to agreement on random records, tests/ledger/test_leaks.py).

A rule names relations, never models: `Via("person")` finds the person's model through the
relation when asked, so this module, beneath both record apps, knows neither.
"""

from django.db.models import Q

from ledger.publication.generic import public_generic_condition
from ledger.publication.lookups import follow, prefixed, related_model


class Rule:
    def condition(self, model, prefix="", **options) -> Q:
        raise NotImplementedError

    def holds(self, record) -> bool:
        raise NotImplementedError

    def __and__(self, other):
        return AllOf(self, other)

    def __or__(self, other):
        return AnyOf(self, other)


class Always(Rule):
    """Every row (sources: outlets and organisations, never private persons)."""

    def condition(self, model, prefix="", **options):
        return Q()

    def holds(self, record):
        return True


class FieldsAre(Rule):
    """The row's own fields have these values: `field=value`, `field__isnull=bool`,
    `field__in=[values]`."""

    LOOKUPS = ("", "isnull", "in")

    def __init__(self, **lookups):
        for lookup in lookups:
            if lookup.partition("__")[2] not in self.LOOKUPS:
                raise ValueError(f"FieldsAre reads exact, __isnull and __in lookups: {lookup}")
        self.lookups = lookups

    def condition(self, model=None, prefix="", **options):
        return prefixed(prefix, **self.lookups)

    def holds(self, record):
        for lookup, wanted in self.lookups.items():
            field, _, kind = lookup.partition("__")
            value = getattr(record, field)
            if kind == "isnull":
                matches = (value is None) == wanted
            elif kind == "in":
                matches = value in wanted
            else:
                matches = value == wanted
            if not matches:
                return False
        return True


class AllOf(Rule):
    def __init__(self, *rules):
        self.rules = rules

    def condition(self, model, prefix="", **options):
        condition = Q()
        for rule in self.rules:
            condition &= rule.condition(model, prefix, **options)
        return condition

    def holds(self, record):
        return all(rule.holds(record) for rule in self.rules)


class AnyOf(Rule):
    def __init__(self, *rules):
        self.rules = rules

    def condition(self, model, prefix="", **options):
        condition = Q(pk__in=[])
        for rule in self.rules:
            condition |= rule.condition(model, prefix, **options)
        return condition

    def holds(self, record):
        return any(rule.holds(record) for rule in self.rules)


class Via(Rule):
    """Public when the record that `path` leads to is public by its model's rule
    (`rule_name`: another rule of that model, such as a person's `naming_rule`)."""

    def __init__(self, path: str, rule_name: str = "publication_rule"):
        self.path = path
        self.rule_name = rule_name

    def target_rule(self, model):
        target = related_model(model, self.path)
        return target, getattr(target, self.rule_name)

    def condition(self, model, prefix="", **options):
        target, rule = self.target_rule(model)
        return rule.condition(target, f"{prefix}{self.path}__")

    def holds(self, record):
        target = follow(record, self.path)
        return target is not None and getattr(type(target), self.rule_name).holds(target)


class AnyRelated(Rule):
    """At least one record reached by the many-valued relation `name` is public."""

    def __init__(self, name: str):
        self.name = name

    def condition(self, model, prefix="", **options):
        relation = model._meta.get_field(self.name)
        target = relation.related_model
        # A reverse relation (Occupation.people) is read back through the field that made it
        # (Person.occupations); a forward one through its related query name.
        back = relation.field.name if not relation.concrete else relation.related_query_name()
        public = target._default_manager.filter(target.publication_rule.condition(target))
        return prefixed(prefix, pk__in=public.values(back))

    def holds(self, record):
        return any(
            type(related).publication_rule.holds(related)
            for related in getattr(record, self.name).all()
        )


class GenericTarget(Rule):
    """The record a generic relation points at is public (`ledger.publication.generic`)."""

    def __init__(self, type_field: str, id_field: str, name: str):
        self.type_field, self.id_field, self.name = type_field, id_field, name

    def condition(self, model, prefix="", kinds=None, **options):
        return public_generic_condition(model, self.type_field, self.id_field, prefix, kinds)

    def holds(self, record):
        target = getattr(record, self.name)
        return target is not None and target.is_public


class HasPublicationRule:
    """`public_condition()` and `is_public`, both from the model's one `publication_rule`. No
    default: a model that forgets to state its rule fails loudly rather than being public."""

    publication_rule: Rule

    @classmethod
    def public_condition(cls, prefix="", **options):
        return cls.publication_rule.condition(cls, prefix, **options)

    @property
    def is_public(self):
        return self.publication_rule.holds(self)

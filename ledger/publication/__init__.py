"""The public projection: the one place that decides what the public may see.

Every model that can reach a public surface (a page, a CSV, a filter's choices, the API, the feeds
and the dataset) states its `publication_rule` once (`ledger.publication.rules`); from it come
`public_condition(prefix="")`, a `Q` usable from any model that reaches the row by a relation,
and `is_public`, the same rule on a record in memory.

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

from django.db import models

from ledger.publication.generic import generic_targets, public_generic_condition
from ledger.publication.lookups import prefixed, private_related, public_related
from ledger.publication.managers import (
    PublicationQuerySet,
    PublicGenericManager,
    PublicManager,
    private_manager,
    public_manager,
)
from ledger.publication.rules import (
    Always,
    AnyRelated,
    FieldsAre,
    GenericTarget,
    HasPublicationRule,
    Rule,
    Via,
)

WITHHELD_PERSON = "a person whose name is withheld"

__all__ = [
    "WITHHELD_PERSON",
    "Always",
    "AnyRelated",
    "FieldsAre",
    "GenericTarget",
    "HasPublicationRule",
    "PublicGenericManager",
    "PublicManager",
    "PublicationQuerySet",
    "Rule",
    "Via",
    "generic_targets",
    "prefixed",
    "private_related",
    "public_related",
    "private_manager",
    "public_generic_condition",
    "public_manager",
    "public_name",
    "withdrawn_at_field",
]


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

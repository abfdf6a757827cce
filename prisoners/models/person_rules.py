"""Who the public may see, name and count: the rules about people every public surface applies.

Stated once here (`ledger.publication.rules`), so that the models pointing at people (detentions,
stays, facilities' counts) apply them without importing the `Person` class.
"""

from ledger.publication import FieldsAre
from prisoners.vocabularies import IN_CUSTODY, PersonKind, Visibility

#: May be named where they appear on a public record (an envoy, a claimant): published, not
#: withdrawn.
NAMEABLE = FieldsAre(visibility=Visibility.PUBLISHED, withdrawn_at__isnull=True)
PRISONER = FieldsAre(kind=PersonKind.PRISONER)
#: Has a public page and appears in lists: a nameable prisoner (actors have no page).
LISTED = NAMEABLE & PRISONER
#: Counts in public figures: published or withheld (never a draft), not withdrawn.
COUNTED = FieldsAre(
    visibility__in=[Visibility.PUBLISHED, Visibility.WITHHELD], withdrawn_at__isnull=True
)
#: In custody by the current derived status.
HELD_NOW = FieldsAre(status__in=IN_CUSTODY)

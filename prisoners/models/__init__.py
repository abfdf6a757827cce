"""People, their names in every script, detentions, charges, sources, citations and claims.

One module per concept; everything is importable from `prisoners.models`. This app knows nothing
of releases or deals (`releases` imports `prisoners`, never the reverse): where a person's status
depends on a release, the `releases` app supplies custody events through the `release_outcomes`
related name (see `Person.custody_events`).

What the public may see is decided in `prisoners.publication`; each model has `public_objects`
and `private_objects` and no `objects`.
"""

from ..partial_dates import DatePrecision
from . import accounts  # noqa: F401  (history of users and groups)
from .detentions import Charge, Detention
from .people import NameKey, Occupation, Person, PersonName, slug_for, surname_first
from .sources import Citation, Claim, Source
from .vocabularies import (
    Assessment,
    CriminalCode,
    DetentionEnd,
    Language,
    PersonKind,
    Regime,
    ReleaseOutcome,
    Script,
    SentenceKind,
    SourceKind,
    Status,
    ValueQualifier,
    Visibility,
)

__all__ = [
    "Assessment",
    "Charge",
    "Citation",
    "Claim",
    "CriminalCode",
    "DatePrecision",
    "Detention",
    "DetentionEnd",
    "Language",
    "NameKey",
    "Occupation",
    "Person",
    "PersonKind",
    "PersonName",
    "Regime",
    "ReleaseOutcome",
    "Script",
    "SentenceKind",
    "Source",
    "SourceKind",
    "Status",
    "ValueQualifier",
    "Visibility",
    "slug_for",
    "surname_first",
]

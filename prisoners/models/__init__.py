"""People, their names in every script, detentions, charges, sources, citations and claims.

One module per concept; everything is importable from `prisoners.models`. This app knows nothing
of releases or deals (`releases` imports `prisoners`, never the reverse): where a person's status
depends on a release, the release's records say so themselves (`prisoners.custody`).

What the public may see is decided in `ledger.publication`; each model has `public_objects`
and `private_objects` and no `objects`.
"""

from ledger.partial_dates import DatePrecision
from ledger.slugs import slug_for
from prisoners.models.detentions import Charge, Detention, Verdict
from prisoners.models.facilities import Facility, Stay
from prisoners.models.history import StatusPeriod
from prisoners.models.names import DistinctNameKey, NameKey, PersonName
from prisoners.models.people import Occupation, Person
from prisoners.models.recognition import ExternalIdentifier, Recognition
from prisoners.models.sort_keys import surname_first
from prisoners.models.sources import Citation, Claim, Source
from prisoners.vocabularies import (
    FREED,
    IN_CUSTODY,
    Assessment,
    ChargeQualifier,
    ChargeStage,
    CriminalCode,
    DetentionEnd,
    FacilityKind,
    Gender,
    IdentifierScheme,
    Language,
    PersonKind,
    Recogniser,
    Regime,
    ReleaseKind,
    ReleaseOutcome,
    Script,
    SentenceKind,
    SourceKind,
    Standing,
    Status,
    ValueQualifier,
    VerdictKind,
    Visibility,
)

__all__ = [
    "Assessment",
    "Charge",
    "ChargeQualifier",
    "ChargeStage",
    "Citation",
    "Claim",
    "CriminalCode",
    "DatePrecision",
    "Detention",
    "DetentionEnd",
    "DistinctNameKey",
    "ExternalIdentifier",
    "Facility",
    "FacilityKind",
    "Gender",
    "FREED",
    "IN_CUSTODY",
    "IdentifierScheme",
    "Language",
    "NameKey",
    "Occupation",
    "Person",
    "PersonKind",
    "PersonName",
    "Recogniser",
    "Recognition",
    "Regime",
    "ReleaseKind",
    "ReleaseOutcome",
    "Script",
    "SentenceKind",
    "Source",
    "SourceKind",
    "Standing",
    "Status",
    "StatusPeriod",
    "Stay",
    "ValueQualifier",
    "Verdict",
    "VerdictKind",
    "Visibility",
    "slug_for",
    "surname_first",
]

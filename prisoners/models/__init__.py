"""People, their names in every script, detentions, charges, sources, citations and claims.

One module per concept; everything is importable from `prisoners.models`. This app knows nothing
of releases or deals (`releases` imports `prisoners`, never the reverse): where a person's status
depends on a release, the `releases` app supplies custody events through the `release_outcomes`
related name (see `Person.custody_events`).

What the public may see is decided in `prisoners.publication`; each model has `public_objects`
and `private_objects` and no `objects`.
"""

from ..partial_dates import DatePrecision
from ..slugs import slug_for
from . import accounts  # noqa: F401  (history of users and groups)
from .detentions import Charge, Detention, Verdict
from .facilities import Facility, Stay
from .history import StatusPeriod
from .names import DistinctNameKey, NameKey, PersonName
from .people import Occupation, Person, surname_first
from .recognition import ExternalIdentifier, Recognition
from .site_version import SiteVersion
from .sources import Citation, Claim, Source
from .vocabularies import (
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
    "SiteVersion",
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

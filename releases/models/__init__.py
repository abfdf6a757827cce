"""Release events, the people they freed and what became of them, omissions, deals, concessions.

One module per concept; everything is importable from `releases.models`.
"""

from releases.models.deals import Concession, ConcessionKind, Deal
from releases.models.entities import EntityKind, SanctionsEntity
from releases.models.releases import Release, ReleasedPerson
from releases.models.reports import BreakdownItem, NotableOmission, ReportedBreakdown
from releases.models.sanctions import (
    SanctionsAct,
    SanctionsActKind,
    SanctionsAuthority,
    days_between,
)

__all__ = [
    "BreakdownItem",
    "Concession",
    "ConcessionKind",
    "Deal",
    "EntityKind",
    "NotableOmission",
    "Release",
    "ReleasedPerson",
    "ReportedBreakdown",
    "SanctionsAct",
    "SanctionsActKind",
    "SanctionsAuthority",
    "SanctionsEntity",
    "days_between",
]

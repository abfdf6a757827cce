"""The editors' admin for people, detentions, facilities, sources and accounts.

One module per part of the record; importing this package registers them all. The inlines live
in `inlines` because several admins share them (`releases.admin` uses the citation and claim
inlines too). Every admin and inline puts `VersionedAdminMixin` first in its bases (optimistic
locking, `prisoners.versioning`); people carry withdraw-instead-of-delete (`prisoners.withdrawal`).
"""

from . import accounts, detentions, facilities, people, recognition, sources  # noqa: F401
from .accounts import GroupAdmin, UserAdmin
from .detentions import ChargeAdmin, DetentionAdmin, VerdictAdmin
from .facilities import FacilityAdmin, StayAdmin
from .inlines import (
    ChargeInline,
    CitationInline,
    ClaimInline,
    DetentionInline,
    ExternalIdentifierInline,
    PersonNameInline,
    RecognitionInline,
    StayInline,
    VerdictInline,
)
from .people import CitizenshipFilter, OccupationAdmin, PersonAdmin, PersonNameAdmin
from .recognition import ExternalIdentifierAdmin, RecognitionAdmin
from .sources import CitationAdmin, ClaimAdmin, SourceAdmin

__all__ = [
    "ChargeAdmin",
    "ChargeInline",
    "CitationAdmin",
    "CitationInline",
    "CitizenshipFilter",
    "ClaimAdmin",
    "ClaimInline",
    "DetentionAdmin",
    "DetentionInline",
    "ExternalIdentifierAdmin",
    "ExternalIdentifierInline",
    "FacilityAdmin",
    "GroupAdmin",
    "OccupationAdmin",
    "PersonAdmin",
    "PersonNameAdmin",
    "PersonNameInline",
    "RecognitionAdmin",
    "RecognitionInline",
    "SourceAdmin",
    "StayAdmin",
    "StayInline",
    "UserAdmin",
    "VerdictAdmin",
    "VerdictInline",
]

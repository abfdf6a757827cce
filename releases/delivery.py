"""Promised and delivered: for a deal, what each concession was and which acts delivered it, and
every act about the deal's entities, each placed in days after the release and the announcement.

The ledger links an act to a concession only where a source says so (`SanctionsAct.delivers`).
The deal's entities are those of the acts that delivered it; every other act about them is
listed beside those, unlinked, so a reader sees what followed without the ledger claiming a link
its sources do not make.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from releases.models import Concession, Deal, Release, SanctionsAct, SanctionsEntity


@dataclass(frozen=True)
class ActInTime:
    act: SanctionsAct
    days_after_release: int | None
    days_after_announcement: int | None
    delivers: bool  # a source says it delivered one of the deal's concessions


@dataclass
class ConcessionDelivery:
    concession: Concession
    acts: list[ActInTime] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        return bool(self.acts)


@dataclass
class DealDelivery:
    deal: Deal
    release: Release | None
    concessions: list[ConcessionDelivery]
    acts: list[ActInTime]
    as_of: datetime.date

    @property
    def outstanding(self) -> list[ConcessionDelivery]:
        return [each for each in self.concessions if not each.delivered]


def first_release(deal: Deal) -> Release | None:
    """The deal's earliest public release: the day the days are counted from."""
    releases = getattr(deal, "public_releases", None)
    if releases is None:
        releases = list(Release.public_objects.filter(deals=deal))
    return min(releases, key=lambda r: (r.released_on, r.pk), default=None)


def place(act: SanctionsAct, deal: Deal, release: Release | None, delivering: set) -> ActInTime:
    return ActInTime(
        act=act,
        days_after_release=act.days_after(release.released_on, release.released_on_precision)
        if release
        else None,
        days_after_announcement=act.days_after(deal.announced_on, deal.announced_on_precision),
        delivers=act.pk in delivering,
    )


def concessions_of(deal: Deal):
    return Concession.public_objects.filter(deal=deal).prefetch_related(
        Prefetch(
            "delivered_by",
            queryset=SanctionsAct.public_objects.order_by("issued_on", "pk"),
            to_attr="public_acts",
        ),
    )


def deal_delivery(deal: Deal, as_of: datetime.date) -> DealDelivery:
    release = first_release(deal)
    concessions = list(concessions_of(deal))
    delivering = {act.pk for c in concessions for act in c.public_acts}
    entities = SanctionsEntity.public_objects.filter(acts__in=delivering)
    acts = (
        (
            SanctionsAct.public_objects.filter(pk__in=delivering)
            | SanctionsAct.public_objects.concerning(entities)
        )
        .with_list_details()
        .order_by("issued_on", "pk")
    )
    return DealDelivery(
        deal=deal,
        release=release,
        concessions=[
            ConcessionDelivery(c, [place(a, deal, release, delivering) for a in c.public_acts])
            for c in concessions
        ],
        acts=[place(act, deal, release, delivering) for act in acts],
        as_of=as_of,
    )

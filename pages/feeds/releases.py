"""The Atom feed of releases: each public release, newest first."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from ledger.site_urls import absolute_url
from pages.feeds.people import midnight
from prisoners.wording import partial_date
from releases.models import Release

FEED_LENGTH = 50


class ReleaseFeed(Feed):
    feed_type = Atom1Feed
    title = "Releases of political prisoners: Release Ledger"
    subtitle = (
        "Each release of political prisoners from Belarus the ledger records: how many were "
        "freed and named, where they were sent, who brokered it."
    )

    def link(self):
        return absolute_url(reverse("releases:release-list"))

    def feed_url(self):
        return absolute_url(reverse("feeds:releases"))

    def items(self):
        return Release.public_objects.with_counts().order_by("-released_on", "-pk")[:FEED_LENGTH]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        parts = [partial_date(release, "released_on")]
        if release.standing_label:
            parts.append(f"Date {release.standing_label}")
        if release.reported_count:
            parts.append(f"{release.reported_count} reported freed")
        parts.append(f"{release.named_count} named here, {release.withheld_count} not named")
        text = ". ".join(parts) + "."
        return f"{text} {release.summary}" if release.summary else text

    def item_link(self, release):
        return absolute_url(release.get_absolute_url())

    def item_guid(self, release):
        return absolute_url(release.get_absolute_url())

    item_guid_is_permalink = True

    def item_pubdate(self, release):
        return midnight(release.released_on)

    def item_updateddate(self, release):
        return midnight(release.released_on)

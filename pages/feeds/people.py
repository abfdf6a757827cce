"""The Atom feed of one person's events: detentions, verdicts, releases and omissions, as the
person's page lists them (readers follow a person without visiting the page)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from interchange.curation.redirects import public_survivor
from ledger.site_urls import absolute_url
from pages.people.person_page import load_page_details, with_presence_flags
from pages.people.timeline import person_timeline
from pages.people.views import public_people
from prisoners.wording import status_with_date


def midnight(day: datetime.date) -> datetime.datetime:
    """Atom wants a time: an event's date at midnight UTC (sources give days, not hours)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


class PersonFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            # A merged record's feed goes on to the survivor's (interchange.curation.redirects).
            survivor = public_survivor(kwargs.get("slug", ""))
            if survivor is None:
                raise
            target = reverse("feeds:person", kwargs={"slug": survivor.slug})
            return HttpResponsePermanentRedirect(target)

    def get_object(self, request, slug):
        # Only a public person has a feed: any other slug is a 404, as their page is.
        return load_page_details(get_object_or_404(with_presence_flags(public_people()), slug=slug))

    def title(self, person):
        return f"{person.display_name}: Release Ledger"

    def subtitle(self, person):
        return f"{status_with_date(person)}. Each detention, verdict and release, with sources."

    def link(self, person):
        return absolute_url(person.get_absolute_url())

    def feed_url(self, person):
        return absolute_url(reverse("feeds:person", kwargs={"slug": person.slug}))

    def items(self, person):
        # Newest first, as feed readers expect; the page reads them oldest first.
        return list(reversed(person_timeline(person)))

    def item_title(self, event):
        return f"{event.date_display}: {event.title}"

    def item_description(self, event):
        return event.standing_label.capitalize() if event.standing_label else ""

    def item_link(self, event):
        return absolute_url(event.url or event.record.get_absolute_url())

    def item_guid(self, event):
        # Unique and stable per event: a detention gives an arrest and an end, a release one.
        record = event.record
        page = absolute_url(record.get_absolute_url())
        return f"{page}#{event.kind}-{record._meta.model_name}-{record.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return midnight(event.date)

    def item_updateddate(self, event):
        return midnight(event.date)

"""Atom feeds: each new release, and the events of one person; nothing the public may not see."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from prisoners.models import PersonKind, Visibility
from tests import factories as f

ATOM = "{http://www.w3.org/2005/Atom}"


def feed(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    if status != 200:
        return None
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "id": entry.findtext(f"{ATOM}id"),
            "link": entry.find(f"{ATOM}link").get("href"),
            "updated": entry.findtext(f"{ATOM}updated"),
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


def test_releases_feed_lists_public_releases_newest_first(client, db, settings):
    settings.SITE_BASE_URL = "https://ledger.example"
    f.ReleaseFactory(title="June release", slug="june", released_on=datetime.date(2025, 6, 21))
    f.ReleaseFactory(title="September release", slug="sept")
    f.ReleaseFactory(title="Zqdraft release", is_published=False)
    root = feed(client, reverse("feeds:releases"))
    assert [e["title"] for e in entries(root)] == ["September release", "June release"]
    [first, _] = entries(root)
    assert first["id"] == first["link"] == "https://ledger.example/releases/sept/"
    assert first["updated"].startswith("2025-09-11")
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == (
        "https://ledger.example/feeds/releases/"
    )


def test_person_feed_has_each_public_event(client, db):
    person = f.PersonFactory(slug="ihar")
    f.DetentionFactory(person=person, detained_on=datetime.date(2020, 6, 25), place="Baranavichy")
    public = f.ReleaseFactory(title="Release of September", released_on=datetime.date(2025, 9, 11))
    f.ReleasedPersonFactory(release=public, person=person)
    hidden = f.ReleaseFactory(title="Zqsecret release", is_published=False)
    f.NotableOmissionFactory(release=hidden, person=person)
    root = feed(client, reverse("feeds:person", kwargs={"slug": "ihar"}))
    titles = [e["title"] for e in entries(root)]
    assert titles[0] == (
        "11 September 2025: Release of September: deported or transferred abroad (Lithuania)"
    )
    assert titles[1].startswith("25 June 2020: First-instance verdict: 8 years")
    assert titles[2:] == ["25 June 2020: Detained in Baranavichy"]
    assert (
        "Zqsecret"
        not in client.get(reverse("feeds:person", kwargs={"slug": "ihar"})).content.decode()
    )
    ids = [e["id"] for e in entries(root)]
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    "how",
    [
        {"visibility": Visibility.WITHHELD},
        {"visibility": Visibility.DRAFT},
        {"kind": PersonKind.ACTOR},
    ],
)
def test_no_feed_for_a_person_without_a_public_page(client, db, how):
    person = f.PersonFactory(display_name="Zqhidden Person", slug="zq-hidden", **how)
    f.DetentionFactory(person=person)
    response = client.get(reverse("feeds:person", kwargs={"slug": "zq-hidden"}))
    assert response.status_code == 404
    assert "Zqhidden" not in response.content.decode()


def test_the_person_page_links_its_feed_and_says_how_to_cite(client, db, settings):
    settings.SITE_BASE_URL = "https://ledger.example"
    person = f.PersonFactory(display_name="Ihar Losik", slug="ihar-losik")
    body = client.get(person.get_absolute_url()).content.decode()
    assert 'href="/feeds/prisoners/ihar-losik/"' in body
    assert "How to cite this record" in body
    assert re.search(r"Release Ledger, “(<bdi>)?Ihar Losik(</bdi>)?”, ", body)
    assert 'href="https://ledger.example/prisoners/ihar-losik/"' in body
    assert "dataset revision" in body

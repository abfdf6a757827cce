"""The release page: who was freed first, a contents list, one breakdown table per source (or per
set of categories), and each note on the freed table written once."""

import re

import pytest

from pages.releases.breakdown_tables import breakdown_tables
from pages.releases.footnotes import freed_with_notes
from prisoners import models as p
from releases.models import Release, ReportedBreakdown
from tests import factories as f
from tests.factories import load_article

pytestmark = pytest.mark.django_db

SEPTEMBER_PATH = "/releases/2025-09-11-release-of-52/"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def september_breakdowns():
    release = Release.public_objects.get(slug="2025-09-11-release-of-52")
    return list(
        ReportedBreakdown.public_objects.filter(release=release)
        .select_related("reported_by")
        .prefetch_related("items")
    )


def rows(table):
    return [(row.label, row.counts) for row in table.rows]


class TestBreakdownTables:
    def test_the_two_belta_breakdowns_of_september_are_one_table_side_by_side(self):
        load_article()
        belta, polish_mfa = breakdown_tables(september_breakdowns())

        assert belta.title == "Foreign nationals"
        assert [source.name for source in belta.sources] == ["BelTA"]
        assert [column.heading for column in belta.columns] == [
            "Foreign nationals",
            "Foreign nationals (full BelTA breakdown)",
        ]
        assert rows(belta) == [
            ("Lithuanian citizens", [6, 6]),
            ("Latvian citizens", [2, 2]),
            ("German citizens", [2, 2]),
            ("Polish citizens", [None, 2]),
            ("French citizens", [1, 1]),
            ("British citizens", [1, 1]),
        ]
        assert belta.totals == [14, 14]
        assert belta.unaccounted == [2, 0]

        assert polish_mfa.title == "Polish citizens and journalists of Polish media"
        assert [s.name for s in polish_mfa.sources] == [
            "Ministry of Foreign Affairs of the Republic of Poland"
        ]
        assert len(polish_mfa.columns) == 1
        assert polish_mfa.totals is None
        assert polish_mfa.unaccounted is None  # overlapping categories leave nothing over

    def test_two_sources_giving_the_same_categories_share_a_table_with_a_column_each(self):
        release = f.ReleaseFactory()
        first = f.SourceFactory(name="Viasna")
        second = f.SourceFactory(name="Nasha Niva")
        for source, (lithuania, ukraine) in ((first, (9, 114)), (second, (10, 113))):
            breakdown = f.ReportedBreakdownFactory(
                release=release, label="Where the freed went", reported_by=source, total=123
            )
            f.BreakdownItemFactory(breakdown=breakdown, label="Sent to Lithuania", count=lithuania)
            f.BreakdownItemFactory(
                breakdown=breakdown, label="Sent to Ukraine", country="UA", count=ukraine
            )
        other = f.ReportedBreakdownFactory(release=release, label="Journalists", total=None)
        f.BreakdownItemFactory(breakdown=other, label="Belsat TV", country="", count=3)

        (where, journalists) = breakdown_tables(
            ReportedBreakdown.private_objects.filter(release=release)
            .select_related("reported_by")
            .prefetch_related("items")
        )

        assert where.title == "Where the freed went"
        assert [s.name for s in where.sources] == ["Viasna", "Nasha Niva"]
        assert [column.heading for column in where.columns] == ["Viasna", "Nasha Niva"]
        assert rows(where) == [("Sent to Ukraine", [114, 113]), ("Sent to Lithuania", [9, 10])]
        assert where.totals == [123, 123]
        assert rows(journalists) == [("Belsat TV", [3])]

    def test_the_page_shows_belta_once_and_polish_citizens_as_not_in_the_first_breakdown(
        self, client
    ):
        load_article()
        body = page(client, SEPTEMBER_PATH)
        breakdowns = body[body.index('id="breakdowns-heading"') :]
        breakdowns = breakdowns[: breakdowns.index("</section>")]
        assert breakdowns.count("<table") == 2
        assert breakdowns.count("<caption") == 2
        assert re.search(
            r"<caption[^>]*><bdi>Foreign nationals</bdi>, <bdi>BelTA</bdi></caption>", breakdowns
        )
        # Both BelTA notes, each once, under the one table.
        assert breakdowns.count("BelTA&#x27;s full breakdown as reported by Press.lv") == 1
        assert breakdowns.count("As stated in the article, citing BelTA") == 1


class TestFreedNotes:
    def test_a_note_shared_by_rows_is_numbered_once_and_each_row_points_to_it(self):
        release = f.ReleaseFactory()
        shared = "Named among those freed; where this person went was not reported."
        people = [
            f.ReleasedPersonFactory(
                release=release,
                outcome=p.ReleaseOutcome.UNKNOWN,
                destination="",
                note=shared,
                standing=p.Standing.INFERRED,
                standing_note="the group was taken to Lithuania",
            )
            for _ in range(3)
        ]
        alone = f.ReleasedPersonFactory(release=release, note="Refused to leave.")
        plain = f.ReleasedPersonFactory(release=release, note="")

        rows, notes = freed_with_notes([*people, alone, plain])

        assert [str(note.text) for note in notes] == [
            "Inferred: the group was taken to Lithuania",
            shared,
            "Refused to leave.",
        ]
        assert [note.number for note in notes] == [1, 2, 3]
        assert [note.is_standing for note in notes] == [True, False, False]
        assert [[note.number for note in row.notes] for row in rows] == [
            [1, 2],
            [1, 2],
            [1, 2],
            [3],
            [],
        ]
        assert [row.freed for row in rows] == [*people, alone, plain]

    def test_the_page_writes_a_note_shared_by_forty_freed_people_once(self, client):
        release = f.ReleaseFactory(reported_count=40)
        shared = "Named among the 40 freed; where this person went was not individually reported."
        for _ in range(40):
            f.ReleasedPersonFactory(
                release=release,
                outcome=p.ReleaseOutcome.UNKNOWN,
                destination="",
                note=shared,
                standing=p.Standing.INFERRED,
                standing_note="freed with the group",
            )

        body = page(client, release.get_absolute_url())

        assert body.count(shared) == 1
        assert body.count("Inferred: freed with the group") == 1
        assert body.count('<a href="#freed-note-1"') == 40
        assert body.count('<a href="#freed-note-2"') == 40
        assert body.count('id="freed-note-1"') == 1


class TestOrder:
    def test_people_freed_comes_first_after_the_figures_and_the_contents_list(self, client):
        load_article()
        body = page(client, SEPTEMBER_PATH)
        order = [
            'id="figures-heading"',
            'id="contents-heading"',
            'id="freed-heading"',
            'id="omissions-heading"',
            'id="deal-heading"',
            'id="breakdowns-heading"',
            'id="claims-heading"',
            'id="how-to-cite-heading"',
        ]
        positions = [body.index(marker) for marker in order]
        assert positions == sorted(positions), dict(zip(order, positions, strict=True))

    def test_the_contents_list_links_each_section_present(self, client):
        load_article()
        body = page(client, SEPTEMBER_PATH)
        nav = re.search(r'<nav [^>]*aria-labelledby="contents-heading".*?</nav>', body, re.S)
        links = re.findall(r'<a href="(#[^"]+)">([^<]+)</a>', nav.group(0))
        assert links == [
            ("#freed-heading", "People freed"),
            ("#omissions-heading", "Not freed"),
            ("#deal-heading", "The deal"),
            ("#breakdowns-heading", "Breakdowns as reported"),
            ("#claims-heading", "Where sources disagree"),
            ("#how-to-cite-heading", "How to cite this record"),
        ]

    def test_the_contents_list_leaves_out_sections_a_release_does_not_have(self, client):
        release = f.ReleaseFactory()
        f.ReleasedPersonFactory(release=release)
        body = page(client, release.get_absolute_url())
        nav = re.search(r'<nav [^>]*aria-labelledby="contents-heading".*?</nav>', body, re.S)
        assert re.findall(r'<a href="(#[^"]+)"', nav.group(0)) == [
            "#freed-heading",
            "#how-to-cite-heading",
        ]

    def test_each_freed_cell_is_labelled_with_its_column_for_phones(self, client):
        load_article()
        body = page(client, "/be" + SEPTEMBER_PATH)
        table = re.search(r'<table class="data stack" role="table">.*?</table>', body, re.S)
        cells = re.findall(r'<t[hd] [^>]*data-label="([^"]+)"', table.group(0))
        headers = re.findall(r'<th scope="col" role="columnheader">([^<]+)</th>', table.group(0))
        assert len(headers) == 4
        assert cells == headers * 11
        assert headers[0] != "Name"  # translated, like the headers it repeats

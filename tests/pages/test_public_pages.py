"""The public site as a visitor sees it: pages, filters, CSV, and what must never leak."""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interchange.csv_files.writer import neutralise
from prisoners import models as p
from prisoners.models import ReleaseOutcome, Visibility
from tests import factories as f

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def make_people(count, release):
    """People with everything a list row shows: names, occupations, charges, releases."""
    occupation = f.OccupationFactory(name="journalist", slug="journalist")
    for n in range(count):
        person = f.PersonFactory(display_name=f"Person {n:03d}", slug=f"person-{n:03d}")
        person.occupations.add(occupation)
        f.PersonNameFactory(person=person, name=f"Асоба {n}", language="be", script="Cyrl")
        detention = f.DetentionFactory(person=person)
        f.ChargeFactory(detention=detention)
        f.VerdictFactory(detention=detention, kind="added", sentence_months=18)
        f.StayFactory(person=person, facility=prison())
        f.RecognitionFactory(person=person)
        p.ExternalIdentifier.private_objects.create(person=person, scheme="viasna", identifier=n)
        f.ReleasedPersonFactory(person=person, release=release)


def prison():
    return p.Facility.private_objects.first() or f.FacilityFactory()


def count_queries(client, url):
    client.get(url)  # warm per-process caches (content types) so only per-request work counts
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


class TestQueryCounts:
    @pytest.mark.parametrize(
        "url_name",
        [
            "prisoners:person-list",
            "prisoners:person-csv",
            "releases:release-list",
            "releases:release-csv",
            "pages:home",
        ],
    )
    def test_queries_do_not_grow_with_the_number_of_rows(self, client, url_name):
        release = f.ReleaseFactory()
        make_people(3, release)
        url = reverse(url_name)
        few = count_queries(client, url)
        make_people_more = 40
        for _ in range(make_people_more):
            person = f.PersonFactory()
            f.ChargeFactory(detention=f.DetentionFactory(person=person))
            f.StayFactory(person=person, facility=prison())
            f.RecognitionFactory(person=person)
            f.ReleasedPersonFactory(person=person, release=f.ReleaseFactory())
        many = count_queries(client, url)
        assert few == many

    def test_person_list_page_runs_a_fixed_number_of_queries(
        self, client, django_assert_num_queries
    ):
        make_people(60, f.ReleaseFactory())
        # count, page rows, then one query each for names, occupations, detentions, charges,
        # verdicts, release outcomes and their releases, stays with their facilities,
        # recognitions and external ids, plus the filter form's choice lists.
        expected = count_queries(client, reverse("prisoners:person-list"))
        with django_assert_num_queries(expected):
            client.get(reverse("prisoners:person-list"), {"page": 2})
        assert expected <= 17

    @pytest.mark.parametrize("url_name", ["prisoners:facility-list", "prisoners:facility-detail"])
    def test_facility_pages_run_a_fixed_number_of_queries(self, client, url_name):
        make_people(3, f.ReleaseFactory(is_published=False))
        facility = prison()
        url = reverse(url_name, kwargs={"slug": facility.slug} if "detail" in url_name else {})
        few = count_queries(client, url)
        make_people_more = 15
        for _ in range(make_people_more):
            f.StayFactory(person=f.DetentionFactory().person, facility=facility)
        assert count_queries(client, url) == few

    def test_person_page_runs_a_fixed_number_of_queries(self, client):
        person = f.PersonFactory()
        f.StayFactory(person=person, facility=prison())
        detention = f.DetentionFactory(person=person)
        f.ChargeFactory(detention=detention)
        f.RecognitionFactory(person=person, recogniser="viasna")
        url = person.get_absolute_url()
        few = count_queries(client, url)
        for year in (2022, 2023, 2024):
            f.VerdictFactory(detention=detention, decided_on=datetime.date(year, 1, 5))
            f.StayFactory(person=person, facility=f.FacilityFactory())
            f.ChargeFactory(detention=detention)
        f.RecognitionFactory(person=person, recogniser="amnesty")
        f.DetentionFactory(person=person, detained_on=datetime.date(2019, 1, 1))
        assert count_queries(client, url) == few

    def test_release_page_runs_a_fixed_number_of_queries(self, client):
        release = f.ReleaseFactory()
        make_people(3, release)
        url = release.get_absolute_url()
        few = count_queries(client, url)
        make_people_again = [f.ReleasedPersonFactory(release=release) for _ in range(20)]
        assert make_people_again
        assert count_queries(client, url) == few


class TestPersonList:
    def test_fifty_a_page_with_the_total_count(self, client):
        for n in range(55):
            f.PersonFactory(display_name=f"Person {n:03d}")
        response = client.get(reverse("prisoners:person-list"))
        assert len(response.context["object_list"]) == 50
        assert "55 people" in response.content.decode()
        second = client.get(reverse("prisoners:person-list"), {"page": 2})
        assert len(second.context["object_list"]) == 5

    def test_a_page_number_past_the_end_shows_the_last_page(self, client):
        f.PersonFactory()
        response = client.get(reverse("prisoners:person-list"), {"page": "999"})
        assert response.status_code == 200
        response = client.get(reverse("prisoners:person-list"), {"page": "abc"})
        assert response.status_code == 200

    @pytest.mark.parametrize(
        "params",
        [
            {"status": "bogus"},
            {"sentence_min": "abc"},
            {"detained_from": "yesterday"},
            {"citizenship": "XX"},
            {"occupation": "no-such-occupation"},
            {"release": "no-such-release"},
            {"sort": "password"},
            {"sentence_max": "-5"},
        ],
    )
    def test_an_invalid_value_is_a_form_error_never_a_500(self, client, params):
        f.PersonFactory()
        response = client.get(reverse("prisoners:person-list"), params)
        assert response.status_code == 200
        assert "Some filters could not be used" in response.content.decode()
        csv_response = client.get(reverse("prisoners:person-csv"), params)
        assert csv_response.status_code == 400
        assert "not valid" in csv_response.content.decode()

    def test_filters_combine(self, client):
        release = f.ReleaseFactory(slug="sept")
        journalist = f.OccupationFactory(name="journalist", slug="journalist")
        wanted = f.PersonFactory(display_name="Wanted Person", citizenships=["BY", "PL"])
        wanted.occupations.add(journalist)
        f.ChargeFactory(
            detention=f.DetentionFactory(
                person=wanted, detained_on=datetime.date(2021, 3, 25), sentence_months=96
            ),
            article="130",
        )
        f.ReleasedPersonFactory(person=wanted, release=release)
        other = f.PersonFactory(display_name="Other Person", citizenships=["BY"])
        f.ChargeFactory(
            detention=f.DetentionFactory(
                person=other, detained_on=datetime.date(2020, 5, 31), sentence_months=168
            ),
            article="293",
        )
        cases = [
            ({"citizenship": "PL"}, ["Wanted Person"]),
            ({"occupation": "journalist"}, ["Wanted Person"]),
            ({"release": "sept"}, ["Wanted Person"]),
            ({"article": "130"}, ["Wanted Person"]),
            ({"article": "Art. 293"}, ["Other Person"]),
            ({"detained_from": "2021-01-01"}, ["Wanted Person"]),
            ({"detained_to": "2020-12-31"}, ["Other Person"]),
            ({"sentence_min": "10"}, ["Other Person"]),
            ({"sentence_max": "8"}, ["Wanted Person"]),
            ({"sentence_min": "7.5", "sentence_max": "8"}, ["Wanted Person"]),
            ({"sort": "-sentence"}, ["Other Person", "Wanted Person"]),
            ({"sort": "detained"}, ["Other Person", "Wanted Person"]),
            ({"q": "wanted"}, ["Wanted Person"]),
        ]
        for params, expected in cases:
            response = client.get(reverse("prisoners:person-list"), params)
            names = [p.display_name for p in response.context["object_list"]]
            assert names == expected, params
            rows = read_csv(client.get(reverse("prisoners:person-csv"), params))
            assert [row["name"] for row in rows] == expected, params

    def test_download_link_carries_the_filters(self, client):
        f.PersonFactory()
        response = client.get(reverse("prisoners:person-list"), {"status": "held", "page": 1})
        assert 'href="/prisoners/export.csv?status=held"' in response.content.decode()

    def test_a_name_nobody_has_says_so(self, client):
        f.PersonFactory()
        response = client.get(reverse("prisoners:person-list"), {"q": "Nobodyatall"})
        assert "Nobody matches" in response.content.decode()

    def test_releases_and_places_are_no_options_yet_still_filter_from_links(self, client):
        """The form's size does not grow with the releases and places of detention: a year
        select, and one release or place set by the link on its page, shown as a removable line."""
        releases = [
            f.ReleaseFactory(
                title=f"Zqrelease {n:02d}",
                slug=f"zq-release-{n:02d}",
                released_on=datetime.date(2020 + n % 6, 1 + n % 12, 1 + n),
            )
            for n in range(30)
        ]
        places = [f.FacilityFactory(name=f"Zqplace {n:02d}") for n in range(30)]
        freed = f.PersonFactory(display_name="Freed Person")
        f.ReleasedPersonFactory(person=freed, release=releases[7])  # 2021
        also_2021 = f.PersonFactory(display_name="Also Freed")
        f.ReleasedPersonFactory(person=also_2021, release=releases[13])  # 2021
        held = f.PersonFactory(display_name="Held Person")
        f.DetentionFactory(person=held)
        f.StayFactory(person=held, facility=places[3])
        url, csv_url = reverse("prisoners:person-list"), reverse("prisoners:person-csv")

        body = client.get(url).content.decode()
        assert "Zqrelease" not in body and "Zqplace" not in body
        assert '<option value="zq-release' not in body and '<option value="penal' not in body
        # "Freed in year" offers the years someone's custody ended, not every year with a
        # release: here only 2021.
        assert body.count('<option value="2021">') == 1
        assert '<option value="2025">' not in body and '<option value="2020">' not in body

        cases = [
            ({"release": "zq-release-07"}, ["Freed Person"]),
            ({"released_in": "2021"}, ["Also Freed", "Freed Person"]),
            ({"facility": places[3].slug}, ["Held Person"]),
        ]
        for params, expected in cases:
            response = client.get(url, params)
            assert [p.display_name for p in response.context["object_list"]] == expected, params
            rows = read_csv(client.get(csv_url, params))
            assert [row["name"] for row in rows] == expected, params

        # A year no one was freed in is no choice: the page lists no one, the CSV says why.
        assert list(client.get(url, {"released_in": "2024"}).context["object_list"]) == []
        refused = client.get(csv_url, {"released_in": "2024"})
        assert refused.status_code == 400 and b"not valid" in refused.content

        page = client.get(url, {"release": "zq-release-07", "status": "deported"})
        text = page.content.decode()
        assert "Freed in: <strong><bdi>Zqrelease 07</bdi></strong>" in text
        assert '<a href="?status=deported">(remove' in text
        assert '<input type="hidden" name="release" value="zq-release-07"' in text
        place = client.get(url, {"facility": places[3].slug}).content.decode()
        assert f"Held now at: <strong><bdi>{places[3]}</bdi></strong>" in place
        assert "Zqplace 04" not in place


class TestCSV:
    def test_every_matching_row_is_exported_not_just_the_first_page(self, client):
        for n in range(120):
            f.PersonFactory(display_name=f"Person {n:03d}")
        response = client.get(reverse("prisoners:person-csv"))
        rows = read_csv(response)
        assert len(rows) == 120
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        # Named for what it holds (every person), not for the day it was downloaded.
        assert response["Content-Disposition"] == 'attachment; filename="people.csv"'

    def test_header_lists_the_declared_columns_and_cyrillic_survives(self, client):
        person = f.PersonFactory(display_name="Andrzej Poczobut")
        f.PersonNameFactory(person=person, name="Андрэй Пачобут", language="be", script="Cyrl")
        [row] = read_csv(client.get(reverse("prisoners:person-csv")))
        assert row["name"] == "Andrzej Poczobut"
        assert "Андрэй Пачобут [be-Cyrl]" in row["other_names"]
        assert row["url"] == f"{settings.SITE_BASE_URL}{person.get_absolute_url()}"

    @pytest.mark.parametrize("dangerous", ['=HYPERLINK("x")', "+1+1", "-2+3", "@SUM(A1)"])
    def test_cells_that_spreadsheets_would_run_are_neutralised(self, client, dangerous):
        f.PersonFactory(display_name="Formula Person", role=dangerous)
        [row] = read_csv(client.get(reverse("prisoners:person-csv")))
        assert row["role"] == "'" + dangerous
        assert neutralise("plain") == "plain"

    def test_release_and_deal_exports(self, client):
        release = f.ReleaseFactory(slug="sept", reported_count=52)
        f.ReleasedPersonFactory(release=release)
        f.ReleasedPersonFactory(
            release=release, person=f.PersonFactory(visibility=Visibility.WITHHELD)
        )
        deal = f.DealFactory(slug="gl11")
        deal.releases.add(release)
        f.ConcessionFactory(deal=deal)
        [row] = read_csv(client.get(reverse("releases:release-csv")))
        assert row["reported_count"] == "52"
        assert row["named_count"] == "1"
        assert row["withheld_count"] == "1"
        assert row["deals"] == "gl11"
        [deal_row] = read_csv(client.get(reverse("releases:deal-csv")))
        assert deal_row["releases"] == "sept"
        assert deal_row["reported_freed"] == "52"
        assert read_csv(client.get(reverse("releases:release-csv"), {"deal": "gl11"}))
        assert client.get(reverse("releases:release-csv"), {"year": "1800"}).status_code == 400

    def test_columns_are_documented_on_the_data_page(self, client):
        from interchange.csv_files.people import PERSON_COLUMNS

        page = client.get(reverse("pages:data")).content.decode()
        for column in PERSON_COLUMNS:
            assert f"<code>{column.label}</code>" in page


class TestWithheldAndDrafts:
    """A withheld person is counted, never named; a draft is neither."""

    @pytest.fixture
    def world(self):
        release = f.ReleaseFactory(slug="sept", reported_count=52)
        source = f.SourceFactory(slug="viasna", name="Viasna")
        named = f.PersonFactory(display_name="Named Prisoner", slug="named")
        withheld = f.PersonFactory(
            display_name="Secret Withheld", slug="secret", visibility=Visibility.WITHHELD
        )
        draft = f.PersonFactory(
            display_name="Draft Unreviewed", slug="draft", visibility=Visibility.DRAFT
        )
        for person in (named, withheld, draft):
            f.ReleasedPersonFactory(release=release, person=person)
            f.CitationFactory(content_object=person, source=source, note=person.display_name)
            f.NotableOmissionFactory(release=f.ReleaseFactory(), person=person, reported_by=source)
        f.ClaimFactory(
            claimed_by=source,
            subject=withheld,
            statement="Secret Withheld was seen",
            topic="Secret",
        )
        return {"release": release, "withheld": withheld, "draft": draft}

    def test_withheld_person_is_named_nowhere(self, client, world):
        urls = [
            reverse("pages:home"),
            reverse("prisoners:person-list"),
            reverse("prisoners:person-list") + "?q=Secret",
            reverse("prisoners:person-csv"),
            reverse("releases:release-list"),
            reverse("releases:release-csv"),
            world["release"].get_absolute_url(),
            reverse("prisoners:source-detail", args=["viasna"]),
            reverse("prisoners:source-list"),
            reverse("releases:deal-list"),
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            body = (
                b"".join(response.streaming_content) if response.streaming else response.content
            ).decode()
            for secret in ("Secret Withheld", "/prisoners/secret/", "Draft Unreviewed"):
                assert secret not in body, (url, secret)
        assert client.get(reverse("prisoners:person-detail", args=["secret"])).status_code == 404
        assert client.get(reverse("prisoners:person-detail", args=["draft"])).status_code == 404

    def test_withheld_people_are_counted(self, client, world):
        page = client.get(world["release"].get_absolute_url()).content.decode()
        assert "1 more recorded whose names are withheld" in page
        assert "Deported or transferred abroad: 2" in page  # named + withheld, not the draft

    def test_actors_have_no_prisoner_page(self, client):
        actor = f.ActorFactory(slug="envoy")
        assert client.get(reverse("prisoners:person-detail", args=[actor.slug])).status_code == 404
        assert (
            actor.display_name not in client.get(reverse("prisoners:person-list")).content.decode()
        )

    def test_unpublished_release_and_deal_are_not_public(self, client):
        release = f.ReleaseFactory(is_published=False, title="Hidden Release")
        deal = f.DealFactory(is_published=False, title="Hidden Deal")
        assert client.get(release.get_absolute_url()).status_code == 404
        assert client.get(deal.get_absolute_url()).status_code == 404
        assert "Hidden Release" not in client.get(reverse("releases:release-list")).content.decode()
        assert "Hidden Deal" not in client.get(reverse("releases:deal-list")).content.decode()


class TestPages:
    def test_unknown_slugs_get_the_sites_own_404(self, client):
        for url in ["/prisoners/nobody/", "/releases/never/", "/deals/none/", "/sources/x/"]:
            response = client.get(url)
            assert response.status_code == 404
            assert "Page not found" in response.content.decode()
            assert "Release Ledger" in response.content.decode()

    def test_every_page_has_a_title_description_and_open_graph_tags(self, client):
        release = f.ReleaseFactory(title="Release of 52 prisoners")
        person = f.PersonFactory(display_name="Andrzej Poczobut")
        f.ReleasedPersonFactory(release=release, person=person, outcome=ReleaseOutcome.DEPORTED)
        deal = f.DealFactory(title="Belavia relief")
        source = f.SourceFactory(name="Viasna")
        pages = {
            reverse("pages:home"): "Release Ledger",
            reverse("releases:release-list"): "Release timeline",
            release.get_absolute_url(): "Release of 52 prisoners",
            reverse("prisoners:person-list"): "People",
            person.get_absolute_url(): "Andrzej Poczobut",
            reverse("releases:deal-list"): "Deals",
            deal.get_absolute_url(): "Belavia relief",
            reverse("prisoners:source-list"): "Sources",
            source.get_absolute_url(): "Viasna",
            reverse("pages:data"): "Data",
        }
        for url, title in pages.items():
            page = client.get(url).content.decode()
            assert f"<title>{title}" in page, url
            assert '<meta name="description" content="' in page
            assert f'<meta property="og:title" content="{title}' in page, url
            assert '<meta property="og:description"' in page
            assert "<main" in page and "<nav" in page and "<footer" in page

    def test_release_timeline_is_newest_first_unless_asked(self, client):
        f.ReleaseFactory(title="June", released_on=datetime.date(2025, 6, 21))
        f.ReleaseFactory(title="September", released_on=datetime.date(2025, 9, 11))
        newest = client.get(reverse("releases:release-list")).context["object_list"]
        assert [r.title for r in newest] == ["September", "June"]
        oldest = client.get(reverse("releases:release-list"), {"order": "oldest"})
        assert [r.title for r in oldest.context["object_list"]] == ["June", "September"]

    def test_release_filters(self, client):
        june = f.ReleaseFactory(title="June", released_on=datetime.date(2025, 6, 21))
        dec = f.ReleaseFactory(
            title="December", released_on=datetime.date(2025, 12, 13), destinations=["LT", "UA"]
        )
        old = f.ReleaseFactory(title="Old", released_on=datetime.date(2024, 1, 1), broker="")
        deal = f.DealFactory(slug="gl11")
        deal.releases.add(june)

        def titles(params):
            response = client.get(reverse("releases:release-list"), params)
            return [r.title for r in response.context["object_list"]]

        assert titles({"year": "2024"}) == ["Old"]
        assert titles({"deal": "gl11"}) == ["June"]
        assert titles({"destination": "UA"}) == ["December"]
        assert titles({"broker": "US"}) == ["December", "June"]
        assert dec and old

    def test_chart_is_server_rendered_svg(self, client):
        f.ReleaseFactory(title="June", reported_count=14, released_on=datetime.date(2025, 6, 21))
        f.ReleaseFactory(title="Sept", reported_count=52)
        page = client.get(reverse("releases:release-list")).content.decode()
        assert "<svg" in page and '<title id="chart-title">' in page
        assert "June: 14" in page and "Sept: 52" in page

    def test_many_releases_are_charted_per_month_or_year_in_a_fixed_size(self, client):
        from pages.releases.charts import MAX_BARS

        for n in range(30):  # two a month for 15 months: 24 in 2020, 6 in 2021
            month = n // 2
            f.ReleaseFactory(
                title=f"Zqcharted {n:02d}",
                reported_count=10 + n,
                released_on=datetime.date(2020 + month // 12, 1 + month % 12, 1 + 10 * (n % 2)),
            )

        def chart(params):
            page = client.get(reverse("releases:release-list"), params).content.decode()
            return page[page.index('<figure class="chart">') : page.index("</figure>")]

        every = chart({})
        assert "Zqcharted" not in every
        assert '<title id="chart-title">People reported freed per month</title>' in every
        assert every.count("<rect ") == 15 <= MAX_BARS
        assert 'aria-label="January 2020: 2 releases: 21 freed"' in every
        assert 'href="/releases/?year=2020"' in every
        assert chart({"year": "2020"}).count("<rect ") == 12
        in_2021 = chart({"year": "2021"})
        assert '<title id="chart-title">People reported freed per release</title>' in in_2021
        assert in_2021.count("<rect ") == 6 and "Zqcharted 29" in in_2021

    def test_static_css_is_served_locally(self, client):
        page = client.get(reverse("pages:home")).content.decode()
        assert 'href="/static/css/ledger.css"' in page
        assert "https://" not in page.split("<body")[0].replace('content="https://', "")


class TestReportedPageBugs:
    def test_home_lists_the_newest_releases(self, client):
        for day in [
            datetime.date(2025, 6, 21),
            datetime.date(2025, 9, 11),
            datetime.date(2025, 12, 13),
            datetime.date(2026, 3, 5),
        ]:
            f.ReleaseFactory(title=f"Release {day}", released_on=day)
        latest = client.get(reverse("pages:home")).context["latest_releases"]
        assert [r.released_on.isoformat() for r in latest] == [
            "2026-03-05",
            "2025-12-13",
            "2025-09-11",
        ]

    def test_submitting_the_form_without_a_year_does_not_filter_by_year(self, client):
        f.ReleaseFactory(title="Old", released_on=datetime.date(2024, 1, 1))
        f.ReleaseFactory(title="New", released_on=datetime.date(2026, 3, 5))
        response = client.get(
            reverse("releases:release-list"),
            {"year": "", "broker": "", "deal": "", "destination": "", "order": ""},
        )
        assert {r.title for r in response.context["object_list"]} == {"Old", "New"}
        assert '<option value="" selected>' in response.content.decode()

    def test_chart_bars_of_close_releases_do_not_overlap(self):
        from pages.releases.charts import BAR_WIDTH, freed_per_release_chart
        from releases.models import Release

        releases = [
            Release(title="A", released_on=datetime.date(2025, 6, 21), reported_count=14),
            Release(title="B", released_on=datetime.date(2026, 3, 1), reported_count=250),
            Release(title="C", released_on=datetime.date(2026, 3, 5), reported_count=18),
            Release(title="D", released_on=datetime.date(2026, 3, 19), reported_count=5),
        ]
        for n, release in enumerate(releases):
            release.slug = f"r{n}"
        bars = freed_per_release_chart(releases)["bars"]
        xs = [bar.x for bar in bars]
        assert all(b - a >= BAR_WIDTH + 16 for a, b in zip(xs, xs[1:], strict=False))
        assert xs[-1] <= 640

    def test_a_source_cited_twice_on_one_page_is_listed_once(self):
        from pages.templatetags.ledger import citations

        source = f.SourceFactory()
        record = f.PersonFactory()
        record.cited = [
            f.CitationFactory(source=source, url="https://example.org/a", quote="one"),
            f.CitationFactory(source=source, url="https://example.org/a", quote="two"),
            f.CitationFactory(source=source, url="https://example.org/b"),
        ]
        assert len(citations(record)["citations"]) == 2

"""The record says what its sources say, where it says it: freed means custody ended; a status
cites the event that set it and carries its label; a spelling no source gives is marked; two
reports of where someone is held are two reports, not two places; downloads that researchers can
use (sorted names, absolute addresses, file names that say what they hold, a spreadsheet)."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from prisoners.models import Facility, Person, ReleaseOutcome, Source, Standing
from prisoners.models.history import held_per_month
from releases.models import Deal, Release
from tests import factories as f

pytestmark = pytest.mark.django_db

SITE = "http://ledger.example.org"


@pytest.fixture
def seeded(settings):
    settings.SITE_BASE_URL = SITE
    f.load_article()


def csv_of(client, name, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    return response, list(csv.DictReader(io.StringIO(body)))


def slugs(rows):
    return [row["slug"] for row in rows]


# -- freed: the day custody ended -----------------------------------------------------------------


def test_statkevich_was_freed_in_2026_not_in_2025(client, seeded):
    _, freed_2025 = csv_of(
        client, "prisoners:person-csv", freed_from="2025-01-01", freed_to="2025-12-31"
    )
    _, freed_2026 = csv_of(
        client, "prisoners:person-csv", freed_from="2026-01-01", freed_to="2026-12-31"
    )

    assert "mikalai-statkevich" not in slugs(freed_2025)
    assert "mikalai-statkevich" in slugs(freed_2026)
    assert "ales-bialiatski" in slugs(freed_2025)  # freed and deported in December 2025
    # Named in the September release all the same: that is its own fact and filter.
    _, named = csv_of(client, "prisoners:person-csv", release="2025-09-11-release-of-52")
    assert "mikalai-statkevich" in slugs(named)


def test_a_pardon_refused_then_a_release_home_is_freed_on_the_later_day(client):
    person = f.PersonFactory(display_name="Refused Then Freed")
    detention = f.DetentionFactory(
        person=person, detained_on=datetime.date(2020, 5, 31), sentence_months=None
    )
    pardon = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
    f.ReleasedPersonFactory(release=pardon, person=person, outcome=ReleaseOutcome.REFUSED_RETURNED)
    detention.ended_on = datetime.date(2026, 2, 19)
    detention.released_to = "BY"
    detention.save()

    assert (
        list(
            Person.public_objects.freed_between(
                datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)
            )
        )
        == []
    )
    assert list(Person.public_objects.freed_between(datetime.date(2026, 1, 1))) == [person]
    _, rows = csv_of(client, "prisoners:person-csv")
    assert rows[0]["freed_on"] == "2026-02-19"


def test_freed_in_year_counts_custody_not_membership(client, seeded):
    page = client.get(reverse("prisoners:person-list"), {"released_in": "2026"})

    assert "mikalai-statkevich" in page.content.decode()


# -- values carry their source or their label where they are shown ------------------------------


def test_a_status_cites_the_event_that_set_it_and_says_when_it_is_inferred(client):
    person = f.PersonFactory(display_name="Inferred Destination")
    f.DetentionFactory(person=person, detained_on=datetime.date(2021, 1, 22))
    release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
    outcome = f.ReleasedPersonFactory(
        release=release,
        person=person,
        outcome=ReleaseOutcome.DEPORTED,
        destination="LT",
        standing=Standing.INFERRED,
        standing_note="left with the group",
    )
    source = f.SourceFactory(name="Outcome Reporter")
    f.CitationFactory(content_object=outcome, source=source)
    f.CitationFactory(content_object=person, source=f.SourceFactory(name="Biography Source"))

    page = client.get(person.get_absolute_url()).content.decode()
    status_line = page[page.index('class="status status-') : page.index('class="recognition"')]

    assert "inferred: left with the group" in status_line
    assert "Outcome Reporter" in status_line
    assert "Biography Source" not in status_line  # the person's own sources go with the summary


def test_no_page_shows_a_value_as_sourced_by_nothing_or_a_recognition_as_denied(client, seeded):
    people = Person.public_objects.all()

    for person in people:
        page = client.get(person.get_absolute_url()).content.decode()
        assert "none recorded" not in page
        assert "No recognition" not in page
    release = client.get("/releases/2025-09-11-release-of-52/").content.decode()
    assert "none recorded" not in release


def test_a_status_cites_the_outcome_of_that_day_not_the_detention_that_ended_with_it(client):
    person = f.PersonFactory(display_name="Deported Same Day")
    detention = f.DetentionFactory(person=person, detained_on=datetime.date(2021, 8, 4))
    f.CitationFactory(content_object=detention, source=f.SourceFactory(name="Arrest Reporter"))
    release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
    outcome = f.ReleasedPersonFactory(
        release=release, person=person, outcome=ReleaseOutcome.DEPORTED, destination="LT"
    )
    f.CitationFactory(content_object=outcome, source=f.SourceFactory(name="Outcome Reporter"))
    detention.ended_on = datetime.date(2025, 9, 11)
    detention.released_to = "LT"
    detention.save()

    page = client.get(person.get_absolute_url()).content.decode()
    status_line = page[page.index('class="status status-') : page.index('class="recognition"')]

    assert "Outcome Reporter" in status_line
    assert "Arrest Reporter" not in status_line
    # With no outcome reporting the day, the detention that ended is what the line cites.
    outcome.delete()
    person.refresh_from_db()
    page = client.get(person.get_absolute_url()).content.decode()
    status_line = page[page.index('class="status status-') : page.index('class="recognition"')]
    assert "Arrest Reporter" in status_line


def seeded_record_pages():
    """The address of every public record page of the seed: people, sources, places, releases,
    deals."""
    records = [
        *Person.public_objects.all(),
        *Source.public_objects.all(),
        *Facility.public_objects.all(),
        *Release.public_objects.all(),
        *Deal.public_objects.all(),
    ]
    return [record.get_absolute_url() for record in records]


@pytest.mark.parametrize("language", ["en", "be", "ru", "pl"])
def test_no_seeded_page_shows_a_value_without_its_source_in_any_language(client, seeded, language):
    with translation.override(language):
        addresses = seeded_record_pages()
    assert len(addresses) >= 79
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        page = response.content.decode()
        # The marker every language shares: a value shown with no source behind it.
        assert 'class="standing unsourced"' not in page, address
        if language == "en":
            assert "none recorded" not in page, address
            assert "no source recorded" not in page, address
            assert "No recognition" not in page, address


def test_the_unsourced_marker_the_walk_looks_for_is_what_an_uncited_value_shows(client):
    person = f.PersonFactory(display_name="Uncited Arrest")
    f.DetentionFactory(person=person, detained_on=datetime.date(2021, 1, 22))

    page = client.get(person.get_absolute_url()).content.decode()

    assert 'class="standing unsourced"' in page


def test_a_release_date_the_sources_do_not_give_is_labelled_on_the_deal_page(client):
    release = f.ReleaseFactory(
        released_on=datetime.date(2026, 3, 19),
        standing=Standing.INFERRED,
        standing_note="The day is inferred.",
    )
    deal = f.DealFactory()
    deal.releases.add(release)

    page = client.get(deal.get_absolute_url()).content.decode()

    assert "19 March 2026" in page
    assert "date inferred" in page


def test_a_term_with_a_contested_added_sentence_is_labelled_in_the_list(client):
    person = f.PersonFactory(display_name="Added Sentence")
    detention = f.DetentionFactory(person=person, sentence_months=216)
    f.VerdictFactory(
        detention=detention,
        kind="added",
        decided_on=None,
        sentence_months=18,
        standing=Standing.CONTESTED,
        standing_note="one source says 20 years in all",
    )

    page = client.get(reverse("prisoners:person-list")).content.decode()

    assert "19 years 6 months" in page
    assert "(contested)" in page[page.index("19 years 6 months") :][:200]


# -- spellings no source gives are marked wherever they are the name shown ---------------------


def test_a_constructed_spelling_is_marked_as_the_belarusian_heading(client):
    person = f.PersonFactory(display_name="Ales Bialiatski")
    f.PersonNameFactory(
        person=person, name="Алесь Бяляцкі", language="be", script="Cyrl", is_attested=False
    )

    page = client.get(f"/be/prisoners/{person.slug}/").content.decode()
    heading = page[page.index("<h1>") : page.index("</h1>")]

    assert "Алесь Бяляцкі" in heading
    assert 'class="constructed"' in heading
    _, rows = csv_of(client, "prisoners:person-csv")
    assert (rows[0]["name_be"], rows[0]["constructed_names"]) == ("Алесь Бяляцкі", "be")
    api = client.get(f"/api/people/{person.slug}/").json()
    assert api["constructed_names"] == ["be"]


def test_an_attested_spelling_is_not_marked(client):
    person = f.PersonFactory(display_name="Andrzej Poczobut")
    f.PersonNameFactory(person=person, name="Андрэй Пачобут", language="be", script="Cyrl")

    page = client.get(f"/be/prisoners/{person.slug}/").content.decode()

    assert 'class="constructed"' not in page[page.index("<h1>") : page.index("</h1>")]


# -- reports that disagree are reports, not places -----------------------------------------------


def test_two_disagreeing_reports_of_where_someone_is_held_name_no_current_place(client):
    person = f.PersonFactory(display_name="Reports Differ")
    f.DetentionFactory(person=person, detained_on=datetime.date(2021, 3, 25))
    first = f.StayFactory(
        person=person,
        reported_on=datetime.date(2025, 3, 27),
        standing=Standing.CONTESTED,
        standing_note="two reports",
    )
    second = f.StayFactory(
        person=person,
        reported_on=datetime.date(2025, 11, 1),
        reported_on_precision="month",
        standing=Standing.CONTESTED,
        standing_note="two reports",
    )

    page = client.get(person.get_absolute_url()).content.decode()
    _, rows = csv_of(client, "prisoners:person-csv")
    facility_page = client.get(first.facility.get_absolute_url()).content.decode()

    assert "Not established" in page
    assert rows[0]["held_at"] == ""
    assert rows[0]["held_at_reports"] == (
        f"{first.facility.slug} (reported 2025-03-27); {second.facility.slug} (reported 2025-11)"
    )
    assert "other reports place them elsewhere" in facility_page


def test_the_held_over_time_series_never_counts_an_unconfirmed_month_as_confirmed():
    person = f.PersonFactory()
    f.DetentionFactory(person=person, detained_on=datetime.date(2025, 1, 10))
    f.StayFactory(person=person, reported_on=datetime.date(2025, 3, 5), from_on=None)

    series = held_per_month(until=datetime.date(2025, 6, 1))

    assert [(month.month, held, unconfirmed) for month, held, unconfirmed in series] == [
        (1, 1, 0),
        (2, 1, 0),
        (3, 1, 0),  # confirmed by the report of 5 March
        (4, 1, 1),
        (5, 1, 1),
        (6, 1, 1),
    ]


# -- downloads people can use ---------------------------------------------------------------------


def test_sort_by_name_orders_the_seeded_people_as_a_reader_expects(client, seeded):
    _, rows = csv_of(client, "prisoners:person-csv", sort="name")
    order = slugs(rows)

    wanted = ["emils-asars", "ales-bialiatski", "ivars-sumass", "siarhei-tsikhanouski"]
    assert sorted(wanted, key=order.index) == wanted


def test_every_seeded_person_has_a_sort_key():
    f.load_article()

    assert not Person.private_objects.filter(sort_key="").exists()


@pytest.mark.parametrize(
    "name", ["prisoners:person-csv", "releases:release-csv", "releases:deal-csv"]
)
def test_every_address_in_every_csv_is_absolute(client, seeded, name):
    _, rows = csv_of(client, name)

    assert rows
    assert all(row["url"].startswith(f"{SITE}/") for row in rows)


def test_a_file_is_named_for_what_it_holds(client):
    response = client.get(
        reverse("prisoners:person-csv"), {"freed_from": "2025-01-01", "freed_to": "2025-12-31"}
    )
    plain = client.get(reverse("releases:deal-csv"))

    assert 'filename="people-freed-2025-01-01-to-2025-12-31.csv"' in response["Content-Disposition"]
    assert 'filename="deals.csv"' in plain["Content-Disposition"]


def test_a_date_known_to_the_month_is_written_to_the_month(client):
    deal = f.DealFactory(announced_on=datetime.date(2026, 3, 1), announced_on_precision="month")

    _, rows = csv_of(client, "releases:deal-csv")

    assert (rows[0]["slug"], rows[0]["announced_on"]) == (deal.slug, "2026-03")
    assert rows[0]["announced_on_precision"] == "month"


def spreadsheet(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return response, list(workbook.active.iter_rows(values_only=True))


def test_the_spreadsheet_of_a_filtered_list_has_the_csv_rows_in_the_readers_words(client, seeded):
    query = {"freed_from": "2025-01-01", "freed_to": "2025-12-31"}
    _, rows = csv_of(client, "prisoners:person-csv", **query)

    response, sheet = spreadsheet(client, "/be/prisoners/export.xlsx", **query)
    header, *cells = sheet

    assert "people-freed-2025-01-01-to-2025-12-31.xlsx" in response["Content-Disposition"]
    assert [row[0] for row in cells] == slugs(rows)
    assert "Стан" in header  # the column titles in the page's language
    statuses = {row[header.index("Стан")] for row in cells}
    assert "Вызвалены і дэпартаваны або перададзены за мяжу" in statuses  # words, not codes
    assert "deported" not in statuses


def test_a_formula_in_a_record_is_text_in_the_spreadsheet(client):
    f.PersonFactory(role='=HYPERLINK("http://evil")')

    _, sheet = spreadsheet(client, reverse("prisoners:person-xlsx"))
    header, row = sheet

    assert row[header.index("Who")] == '=HYPERLINK("http://evil")'


def test_the_spreadsheet_of_releases_and_deals_opens(client, seeded):
    _, releases = spreadsheet(client, reverse("releases:release-xlsx"))
    _, deals = spreadsheet(client, reverse("releases:deal-xlsx"))
    _, release_rows = csv_of(client, "releases:release-csv")

    assert len(releases) == len(release_rows) + 1
    assert len(deals) > 1

"""The people list: filters through the GET form, the CSV that carries them, bad filter values."""

import csv
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
SEPTEMBER_RELEASE = "2025-09-11-release-of-52"


def listed_names(page):
    table = page.get_by_role("table", name="People matching the filters")
    # The row header holds the name link, then (optionally) the role under it.
    return table.get_by_role("rowheader").get_by_role("link").all_inner_texts()


def download_csv(page, tmp_path):
    link = page.get_by_role("link", name="Download CSV")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename.endswith(".csv"), download.suggested_filename
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    raw = target.read_bytes()
    text = raw.decode("utf-8")  # must be UTF-8: a decode error fails the test
    with target.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader), text


@pytest.mark.parametrize(
    ("fill", "expected_query", "expected_count"),
    [
        pytest.param(
            {"Freed in year": ("label", "2025"), "Citizenship": ("value", "BY")},
            {"released_in": ["2025"], "citizenship": ["BY"]},
            6,
            id="freed-in-2025-and-belarusian",
        ),
        pytest.param(
            {"Status": ("label", "Held (1)")},
            {"status": ["held"]},
            1,
            id="still-held",
        ),
    ],
)
def test_filter_then_download_csv(page, tmp_path, screenshot, fill, expected_query, expected_count):
    page.goto("/prisoners/")
    everyone = len(listed_names(page))
    assert everyone > expected_count

    for label, (how, choice) in fill.items():
        page.get_by_label(label, exact=True).select_option(**{how: choice})
    page.get_by_role("button", name="Apply filters").click()

    page.wait_for_url(re.compile(r"/prisoners/\?"))
    query = {k: v for k, v in parse_qs(urlsplit(page.url).query).items() if v != [""]}
    assert query == expected_query, page.url
    noun = "person" if expected_count == 1 else "people"
    expect(page.get_by_role("heading", name=f"{expected_count} {noun}", exact=True)).to_be_visible()
    names = listed_names(page)
    assert len(names) == expected_count, names
    # The form keeps what was chosen, and a "Clear all" link appears.
    for label, (how, choice) in fill.items():
        field = page.get_by_label(label, exact=True)
        if how == "value":
            expect(field).to_have_value(choice)
        else:
            assert field.evaluate("el => el.selectedOptions[0].label") == choice
    expect(page.get_by_role("link", name="Clear all")).to_be_visible()
    screenshot(page, f"people-filtered-{'-'.join(sorted(expected_query))}")

    csv_link = page.get_by_role("link", name="Download CSV")
    csv_query = parse_qs(urlsplit(csv_link.get_attribute("href")).query)
    assert urlsplit(csv_link.get_attribute("href")).path == "/prisoners/export.csv"
    assert {k: v for k, v in csv_query.items() if v != [""]} == expected_query

    header, rows, text = download_csv(page, tmp_path)
    assert {"name", "status", "other_names", "slug"} <= set(header), header
    assert [row["name"] for row in rows] == names
    for row in rows:  # the full address, usable away from the site
        assert row["url"].startswith("http"), row
        assert row["url"].endswith(f"/prisoners/{row['slug']}/"), row
    if "status" in expected_query:
        assert {row["status"] for row in rows} == set(expected_query["status"])
    if "citizenship" in expected_query:
        assert all("BY" in row["citizenships"].split("; ") for row in rows), rows
    if "released_in" in expected_query:
        assert all("2025-" in row["releases"] for row in rows), rows
        # Cyrillic spellings survive the round trip through the file.
        fiadynich = next(row for row in rows if row["name"] == "Henadz Fiadynich")
        assert "Генадзь Фядыніч [be-Cyrl]" in fiadynich["other_names"], fiadynich
        # Pardoned in September 2025 but taken back into custody: freed in 2026, not 2025.
        assert "Mikalai Statkevich" not in names
    assert any(CYRILLIC.search(row["other_names"]) for row in rows), rows
    assert "\ufffd" not in text


def test_a_release_page_lists_its_people_with_a_filter_that_can_be_removed(page, tmp_path):
    page.goto(f"/releases/{SEPTEMBER_RELEASE}/")
    page.get_by_role("link", name="List the people freed").click()
    page.wait_for_url(re.compile(r"/prisoners/\?release="))
    chosen = page.locator(".link-filters li")
    expect(chosen).to_have_text(
        "Freed in: Release of 52 prisoners, September 2025 (remove the filter “Freed in”)"
    )

    # A results page shows the results first, the filters folded behind their button.
    expect(page.get_by_label("Citizenship", exact=True)).to_be_hidden()
    page.locator("details.filters-fold > summary").click()
    page.get_by_label("Citizenship", exact=True).select_option(value="BY")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"citizenship=BY"))
    query = {k: v for k, v in parse_qs(urlsplit(page.url).query).items() if v != [""]}
    assert query == {"release": [SEPTEMBER_RELEASE], "citizenship": ["BY"]}, page.url
    names = listed_names(page)
    assert len(names) == 4, names
    _, rows, _ = download_csv(page, tmp_path)
    assert [row["name"] for row in rows] == names
    assert all(SEPTEMBER_RELEASE in row["releases"] for row in rows), rows

    chosen.get_by_role("link").click()
    page.wait_for_url(re.compile(r"/prisoners/\?citizenship=BY$"))
    expect(page.locator(".link-filters")).to_have_count(0)
    assert len(listed_names(page)) > 4


def test_sort_link_keeps_filters(page):
    page.goto(f"/prisoners/?release={SEPTEMBER_RELEASE}")
    before = listed_names(page)
    page.get_by_role("link", name="Longest term").click()
    page.wait_for_url(re.compile(r"sort=-sentence"))
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("release") == [SEPTEMBER_RELEASE], page.url
    after = listed_names(page)
    assert sorted(after) == sorted(before)


@pytest.mark.parametrize(
    ("query", "messages"),
    [
        ("sentence_min=abc", ["Sentence from (years): Enter a number."]),
        (
            "status=bogus",
            ["Status: Select a valid choice. bogus is not one of the available choices."],
        ),
        (
            "detained_from=31-31-2020&status=bogus",
            ["Detained from: Enter a valid date.", "Status: Select a valid choice."],
        ),
    ],
    ids=["sentence-not-a-number", "unknown-status", "bad-date-and-status"],
)
def test_invalid_filter_shows_form_error(page, query, messages, screenshot):
    response = page.goto(f"/prisoners/?{query}")
    assert response.status == 200, response.status
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Some filters could not be used")
    for message in messages:
        expect(alert).to_contain_text(message)
    expect(page.get_by_role("heading", name="No results: fix the filters above")).to_be_visible()
    expect(page.get_by_role("table", name="People matching the filters")).to_have_count(0)
    field_name = query.split("=", 1)[0]
    expect(page.locator(f'[name="{field_name}"]')).to_have_attribute("aria-invalid", "true")
    if query == "sentence_min=abc":
        screenshot(page, "people-invalid-filter")

    # The CSV of the same filters refuses plainly instead of failing with a 500.
    href = page.get_by_role("link", name="Download CSV").get_attribute("href")
    csv_response = page.request.get(href)
    assert csv_response.status == 400, csv_response.status
    assert "The filters are not valid" in csv_response.text()

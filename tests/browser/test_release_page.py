"""The release page as a reader meets it (issue 12): who was freed within the first screenful, a
contents list that leads to each section, and on a phone no sideways scroll and every freed
person's name on screen."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_page

pytestmark = pytest.mark.browser

SEPTEMBER = "/releases/2025-09-11-release-of-52/"
PHONE = {"width": 375, "height": 812}
NAMED_FREED = 11
# The heading of "People freed" starts within the first screenful and a bit at 1280x900: before
# issue 12 it started 2,040 px down, under the figures and two near-identical breakdowns.
FREED_WITHIN_PX = 1000

TOP_OF = "el => el.getBoundingClientRect().top + window.scrollY"


def test_people_freed_starts_within_the_first_screenful(page):
    page.goto(SEPTEMBER)
    heading = page.get_by_role("heading", name=f"People freed ({NAMED_FREED} named)")
    expect(heading).to_be_visible()
    top = heading.evaluate(TOP_OF)
    assert 0 < top <= FREED_WITHIN_PX, top


def test_the_contents_list_leads_to_each_section(page):
    page.goto(SEPTEMBER)
    contents = page.get_by_role("navigation", name="On this page")
    links = contents.get_by_role("link")
    expect(links).to_have_text(
        [
            "People freed",
            "Not freed",
            "The deal",
            "Breakdowns as reported",
            "Where sources disagree",
            "How to cite this record",
        ]
    )
    for name, heading_id in [
        ("Where sources disagree", "claims-heading"),
        ("Breakdowns as reported", "breakdowns-heading"),
        ("Not freed", "omissions-heading"),
        ("How to cite this record", "how-to-cite-heading"),
        ("People freed", "freed-heading"),
    ]:
        contents.get_by_role("link", name=name, exact=True).click()
        assert page.url.endswith(f"#{heading_id}"), page.url
        heading = page.locator(f"#{heading_id}")
        # The section's heading is in view, near the top (or as near as the page's end allows).
        expect(heading).to_be_in_viewport()
        top, at_end = heading.evaluate(
            """el => [el.getBoundingClientRect().top,
                      window.scrollY + window.innerHeight >= document.body.scrollHeight - 1]"""
        )
        assert top < 100 or at_end, (name, top)


def test_the_two_belta_breakdowns_are_one_table_side_by_side(page):
    page.goto(SEPTEMBER)
    section = page.get_by_role("region", name="Breakdowns as reported")
    expect(section.get_by_role("table")).to_have_count(2)
    belta = section.get_by_role("table", name="Foreign nationals, BelTA", exact=True)
    expect(belta.get_by_role("columnheader")).to_have_text(
        ["Category", "Foreign nationals", "Foreign nationals (full BelTA breakdown)"]
    )
    polish = belta.get_by_role("row").filter(has_text="Polish citizens")
    # The article's version has no Polish row: a dash, read out as "not reported".
    expect(polish.get_by_role("cell")).to_have_text([re.compile(r"^—\s*not reported$"), "2"])


@pytest.mark.parametrize("language", ["en", "be"])
def test_on_a_phone_the_page_fits_and_every_name_shows(browser, ledger_server, language):
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    try:
        page.goto(SEPTEMBER if language == "en" else f"/{language}{SEPTEMBER}")
        expect(page.locator("html")).to_have_attribute("lang", language)
        measured = page.evaluate(
            """() => ({
                scrollWidth: document.documentElement.scrollWidth,
                names: [...document.querySelectorAll(
                        'section[aria-labelledby=freed-heading] table tbody th[role=rowheader]')]
                    .map(th => { const box = th.getBoundingClientRect();
                                 return [th.textContent.trim(), box.left, box.right]; }),
                // Every other table's row headers too (the breakdowns' categories).
                rowHeaders: [...document.querySelectorAll('main table tbody th')]
                    .map(th => { const box = th.getBoundingClientRect();
                                 return [th.textContent.trim(), box.left, box.right]; }),
            })"""
        )
        assert measured["scrollWidth"] <= PHONE["width"], measured["scrollWidth"]
        assert len(measured["names"]) == NAMED_FREED
        off_screen = [
            (name, left, right)
            for name, left, right in measured["names"] + measured["rowHeaders"]
            if left < 0 or right > PHONE["width"]
        ]
        assert off_screen == []
    finally:
        context.close()

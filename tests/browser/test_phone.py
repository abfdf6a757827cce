"""Phones first (issue 12): at 375 px no page scrolls sideways and no key column is off screen,
tables become stacked cards, the filters fold behind one button, the chart stays readable."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import new_page
from tests.browser.test_accessibility import PAGES, axe_problems

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = ["en", "be", "ru", "pl"]
PHONE_PATHS = [path for _, path, *_ in PAGES] + [
    "/releases/2025-12-13-release-of-123/",
    "/deals/",
    "/sources/brussels-signal/",
]
# The smallest chart label a reader can make out on a phone, in CSS pixels as rendered.
MIN_LABEL_PX = 11

# Everything measured in one round trip: the page's own width, the key cell of every table row
# (the row header, or the first cell) and any element in <main> that sticks out of the viewport.
# A chart may be wider than the phone only inside its own scrollable box (.chart-scroll).
MEASURE = """() => {
    const width = window.innerWidth;
    const outside = box => box.left < -1 || box.right > width + 1;
    const describe = el => el.tagName.toLowerCase()
        + (el.className && typeof el.className === 'string' ? '.' + el.className.trim() : '')
        + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    const clipped = el => el.closest('.chart-scroll, .visually-hidden, table.stack thead');
    const keyCells = [...document.querySelectorAll('main table tbody tr')]
        .map(row => row.querySelector('th, td'))
        .filter(cell => cell && !clipped(cell))
        .filter(cell => outside(cell.getBoundingClientRect()))
        .map(cell => describe(cell) + ' ' + JSON.stringify(cell.getBoundingClientRect()));
    const wide = [...document.querySelectorAll('main *')]
        .filter(el => !clipped(el))
        .filter(el => { const box = el.getBoundingClientRect();
                        return box.width > 0 && outside(box); })
        .slice(0, 5)
        .map(el => describe(el) + ' right=' + Math.round(el.getBoundingClientRect().right));
    return {scrollWidth: document.documentElement.scrollWidth, keyCells, wide};
}"""


def prefixed(language, path):
    return path if language == "en" else f"/{language}{path}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(browser, ledger_server, language):
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    problems = []
    try:
        for path in PHONE_PATHS:
            address = prefixed(language, path)
            response = page.goto(address)
            assert response is not None and response.status in (200, 404), address
            measured = page.evaluate(MEASURE)
            if measured["scrollWidth"] > PHONE["width"]:
                problems.append(f"{address} scrolls sideways: {measured['scrollWidth']} px")
            if measured["keyCells"]:
                problems.append(f"{address} key cells off screen: {measured['keyCells'][:3]}")
            if measured["wide"]:
                problems.append(f"{address} wider than the phone: {measured['wide']}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_tables_stack_into_cards_with_their_column_titles(browser, ledger_server):
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    try:
        page.goto("/prisoners/")
        table = page.get_by_role("table", name="People matching the filters")
        # Still a table to a screen reader: rows, row headers, the column headers.
        expect(table.get_by_role("columnheader", name="Status")).to_have_count(1)
        first_row = table.get_by_role("row").nth(1)
        expect(first_row.get_by_role("rowheader")).to_have_count(1)
        cards = page.evaluate(
            """() => {
                const table = document.querySelector('main table.stack');
                const head = table.tHead.getBoundingClientRect();
                const row = table.tBodies[0].rows[0];
                const cell = row.cells[1];
                return {
                    headHeight: head.height,
                    rowDisplay: getComputedStyle(row).display,
                    rowBorder: getComputedStyle(row).borderTopWidth,
                    label: getComputedStyle(cell, '::before').content,
                    dataLabel: cell.dataset.label,
                };
            }"""
        )
        assert cards["headHeight"] <= 1
        assert cards["rowDisplay"] == "block"
        assert cards["rowBorder"] != "0px"
        assert cards["dataLabel"] == "Status"
        assert cards["label"].startswith('"Status')
        # Labels are translated like the column headers.
        page.goto("/be/facilities/")
        labels = page.evaluate(
            """() => [...document.querySelectorAll('main table.stack tbody tr:first-child td')]
                .map(cell => cell.dataset.label)"""
        )
        headers = page.evaluate(
            """() => [...document.querySelectorAll('main table.stack thead th')]
                .slice(1).map(th => th.textContent.trim())"""
        )
        assert labels == headers
        assert "Kind" not in labels
    finally:
        context.close()


def first_result_top(page):
    return page.evaluate(
        """() => document.querySelector('main table tbody tr').getBoundingClientRect().top
            + window.scrollY"""
    )


def test_filters_fold_behind_one_button_on_a_phone(browser, ledger_server):
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    try:
        page.goto("/prisoners/?status=released_in_country")
        summary = page.locator("details.filters-fold > summary")
        expect(summary).to_have_text("Filters (1 active)")
        fold = page.locator("details.filters-fold")
        expect(fold).not_to_have_attribute("open", "")
        status = page.get_by_label("Status", exact=True)
        expect(status).to_be_hidden()
        assert first_result_top(page) <= 900
        # The summary is a keyboard-reachable button-like control that opens them.
        summary.focus()
        page.keyboard.press("Enter")
        expect(status).to_be_visible()
        summary.click()
        expect(status).to_be_hidden()
        summary.click()
        expect(status).to_be_visible()
        # With a mistake in the filters, they stay open to show it.
        page.goto("/prisoners/?sentence_min=abc")
        expect(page.get_by_role("alert")).to_be_visible()
        expect(page.get_by_label("Sentence from (years)", exact=True)).to_be_visible()
    finally:
        context.close()


def test_filters_stay_open_on_a_phone_without_javascript(browser, ledger_server):
    context = browser.new_context(
        base_url=ledger_server.url, viewport=PHONE, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/prisoners/")
        expect(page.locator("details.filters-fold")).to_have_attribute("open", "")
        expect(page.get_by_label("Status", exact=True)).to_be_visible()
    finally:
        context.close()


def test_filters_stay_open_on_a_wide_screen(browser, ledger_server):
    context, page = new_page(browser, ledger_server.url, viewport=DESKTOP)
    try:
        for path in ["/prisoners/", "/deals/", "/releases/"]:
            page.goto(path)
            expect(page.locator("details.filters-fold")).to_have_attribute("open", "")
            expect(page.locator("details.filters-fold > summary")).to_have_text("Filters")
            expect(page.get_by_role("button", name="Apply filters")).to_be_visible()
    finally:
        context.close()


def chart_label_sizes(page):
    """The rendered size of each chart label: its font size times the SVG's scale."""
    return page.evaluate(
        """() => [...document.querySelectorAll('main .chart svg')].flatMap(svg => {
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')]
                .map(text => parseFloat(getComputedStyle(text).fontSize) * scale);
        })"""
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_chart_labels_stay_readable(browser, ledger_server, viewport):
    context, page = new_page(browser, ledger_server.url, viewport=viewport)
    try:
        page.goto("/releases/")
        sizes = chart_label_sizes(page)
        assert len(sizes) > 4
        assert min(sizes) >= MIN_LABEL_PX, sizes
        # The chart scrolls inside its own box; the page does not.
        assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_serious_on_a_phone(browser, ledger_server, language):
    prefix = "" if language == "en" else f"/{language}"
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    problems = []
    try:
        for path in [
            "/prisoners/",
            "/releases/",
            "/releases/2025-09-11-release-of-52/",
            "/deals/",
            "/facilities/",
            "/sources/",
        ]:
            page.goto(prefix + path)
            problems += axe_problems(page, f"{prefix}{path} at 375 px")
        page.goto(f"{prefix}/prisoners/")
        page.locator("details.filters-fold > summary").click()
        problems += axe_problems(page, f"{prefix}/prisoners/ with the filters opened at 375 px")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_a_wide_chart_opens_at_its_latest_end_and_says_it_scrolls(browser, ledger_server):
    context, page = new_page(browser, ledger_server.url, viewport=PHONE)
    try:
        page.goto("/releases/")
        box = page.locator(".chart-scroll").first
        page.wait_for_function(
            "() => document.querySelector('.chart-scroll').dataset.opened === 'true'"
        )
        scroll = box.evaluate("b => [b.scrollLeft, b.scrollWidth - b.clientWidth]")
        assert scroll[1] > 0 and scroll[0] == scroll[1]
        expect(page.locator(".chart-hint").first).to_be_visible()
    finally:
        context.close()
    wide, page = new_page(browser, ledger_server.url)
    try:
        page.goto("/releases/")
        expect(page.locator(".chart-hint").first).to_be_hidden()
    finally:
        wide.close()

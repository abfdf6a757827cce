"""Accessibility of every main page: axe-core, a 375 px viewport, a visible keyboard focus.

Each page is saved as a full-page screenshot to artifacts/screenshots/<name>.png (1280 px wide);
a page that overflows at 375 px is also saved as <name>-375.png.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}
MOBILE_WIDTH = 375

# (screenshot name, path, expected HTTP status, expected <h1>)
PAGES = [
    ("home", "/", 200, "Who is held, who was freed, and on whose word"),
    ("releases", "/releases/", 200, "Release timeline"),
    (
        "release-2025-09",
        "/releases/2025-09-11-release-of-52/",
        200,
        "Release of 52 prisoners, September 2025",
    ),
    ("person-statkevich", "/prisoners/mikalai-statkevich/", 200, "Mikalai Statkevich"),
    ("people", "/prisoners/", 200, "People"),
    ("people-empty", "/prisoners/?q=zzzz", 200, "People"),
    ("deals", "/deals/", 200, "Deals"),
    (
        "deal-belavia",
        "/deals/belavia-sanctions-relief-gl-11/",
        200,
        "Belavia sanctions relief (OFAC General License No. 11)",
    ),
    ("sources", "/sources/", 200, "Sources"),
    ("facilities", "/facilities/", 200, "Places of detention"),
    ("facility", "/facilities/penal-colony-no-13-hlybokaye/", 200, "Penal colony No. 13"),
    ("held-on", "/prisoners/?held_on=2024-01-01", 200, "People"),
    ("source-viasna", "/sources/viasna/", 200, 'Human Rights Centre "Viasna"'),
    ("data", "/data/", 200, "Data and CSV columns"),
    ("not-found", "/prisoners/no-such-person/", 404, "Page not found"),
]
PAGE_IDS = [name for name, *_ in PAGES]

_axe = Axe()


def open_page(page, path, status, heading):
    response = page.goto(path)
    assert response is not None and response.status == status, (path, response and response.status)
    # Every page, the 404 included, is in the site's design: header, navigation, one <h1>.
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("link", name="Release Ledger")).to_be_visible()


def aria_reference_problems(page, where):
    """Every id named by aria-labelledby / aria-describedby exists (axe lets a broken one pass)."""
    broken = page.evaluate(
        """() => [...document.querySelectorAll('[aria-labelledby], [aria-describedby]')]
            .flatMap(el => ['aria-labelledby', 'aria-describedby'].flatMap(attr =>
                (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
                    .filter(id => !document.getElementById(id))
                    .map(id => `${el.tagName.toLowerCase()}[${attr}=${id}]`)))"""
    )
    return [f"aria references to missing ids on {where}: {broken}"] if broken else []


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} node(s)] {violation.get('helpUrl', '')}"
        )
        for node in violation["nodes"][:3]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def axe_problems(page, where):
    violations = _axe.run(page).response["violations"]
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        print(f"axe violations on {where}:\n{describe(violations)}")
        return [f"serious/critical axe violations on {where}:\n{describe(blocking)}"]
    return []


def overflow_problems(page, where):
    widths = page.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth,
                  client: document.documentElement.clientWidth})"""
    )
    if widths["scroll"] <= MOBILE_WIDTH + 1:
        return []
    culprits = page.evaluate(
        """limit => [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > limit)
            .slice(0, 5)
            .map(el => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')
                 + ' right=' + Math.round(el.getBoundingClientRect().right))""",
        MOBILE_WIDTH + 1,
    )
    return [f"{where} overflows horizontally: {widths}; widest elements: {culprits}"]


def focus_problems(page, where):
    """The first Tab from the top lands on the skip link, which shows with a visible focus."""
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                text: el.innerText.trim(), href: el.getAttribute('href'),
                outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                boxShadow: style.boxShadow,
                onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                    && box.right <= window.innerWidth,
            };
        }"""
    )
    if focused["text"] != "Skip to content" or focused["href"] != "#main":
        return [f"{where}: the first Tab focuses {focused}, not the skip link"]
    problems = []
    has_outline = focused["outlineStyle"] != "none" and focused["outlineWidth"] > 0
    has_shadow = focused["boxShadow"] not in ("", "none")
    if not (has_outline or has_shadow):
        problems.append(f"{where}: no visible focus indicator on the skip link: {focused}")
    if not focused["onScreen"]:
        problems.append(f"{where}: the focused skip link is not on screen: {focused}")
    # Following it puts the focus on the main content.
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "main":
        problems.append(f"{where}: the skip link does not move the focus to <main>")
    return problems


@pytest.mark.parametrize(("name", "path", "status", "heading"), PAGES, ids=PAGE_IDS)
def test_page_accessibility(page, screenshot, name, path, status, heading):
    """axe at 1280 px and at 375 px, no sideways scrolling at 375 px, a visible keyboard focus.

    Problems are collected and reported together, so one run shows everything to fix on a page.
    """
    open_page(page, path, status, heading)
    screenshot(page, name)
    problems = axe_problems(page, f"{path} at 1280 px")
    problems += aria_reference_problems(page, path)

    page.set_viewport_size({"width": MOBILE_WIDTH, "height": 812})
    page.goto(path)  # a fresh load: nothing focused yet, layout computed for the small screen
    where = f"{path} at {MOBILE_WIDTH} px"
    overflow = overflow_problems(page, where)
    if overflow:
        screenshot(page, f"{name}-{MOBILE_WIDTH}")
    problems += overflow
    problems += focus_problems(page, where)
    problems += axe_problems(page, where)

    assert not problems, "\n".join(problems)

"""Under the site's Content-Security-Policy (no inline script or style) nothing the reader or the
editor sees is refused by the browser: the public pages, the admin sign-in, the lists, a change
form with its widgets, and the import page."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.conftest import new_page
from tests.second_factor import CODE_LABEL, confirmed_device, current_code

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/releases/",
    "/releases/2025-09-11-release-of-52/",
    "/prisoners/",
    "/deals/",
    "/facilities/",
    "/sources/",
    "/data/",
]
ADMIN = [
    "/admin/",
    "/admin/prisoners/person/",
    "/admin/prisoners/person/add/",
    "/admin/releases/release/add/",
    "/admin/prisoners/person/import/",
]


def watch_violations(page):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def test_public_pages_break_no_rule_of_the_policy(page):
    refused = watch_violations(page)
    for path in PUBLIC:
        response = page.goto(path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
    assert refused == []


def test_the_admin_breaks_no_rule_of_the_policy(browser, ledger_server):
    user = get_user_model().objects.create_superuser("csp-editor", password="a long sign-in phrase")
    device = confirmed_device(user)
    context, page = new_page(browser, ledger_server.url)
    refused = watch_violations(page)
    try:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("csp-editor")
        page.get_by_label("Password").fill("a long sign-in phrase")
        page.get_by_label(CODE_LABEL).fill(current_code(device))
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        for path in ADMIN:
            response = page.goto(path)
            assert response.status == 200, path
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert refused == []


def test_the_second_factor_enrolment_breaks_no_rule_of_the_policy(browser, ledger_server):
    """A first sign-in of an administrator lands on the enrolment page, whose QR code is an
    inline SVG: drawn, and nothing refused."""
    get_user_model().objects.create_superuser("new-admin", password="a long sign-in phrase")
    context, page = new_page(browser, ledger_server.url)
    refused = watch_violations(page)
    try:
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("new-admin")
        page.get_by_label("Password").fill("a long sign-in phrase")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/second-factor/")
        page.wait_for_load_state("networkidle")
        assert page.locator(".second-factor-qr svg").bounding_box()["width"] > 80
    finally:
        context.close()
    assert refused == []


def test_the_api_documentation_renders_under_its_own_policy(page):
    """Redoc draws the documentation in the browser from /api/schema/: with the exceptions its
    page is given (inline styles, data: icons, a blob: worker) and nothing more."""
    refused = watch_violations(page)
    response = page.goto("/api/docs/")
    assert response.status == 200
    policy = dict(
        rule.strip().split(" ", 1)
        for rule in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    page.get_by_role("heading", name="Release Ledger API").first.wait_for(timeout=30_000)
    assert "Number of results to return per page." in page.inner_text("body")
    # Redoc's "API docs by Redocly" link shows a logo from its CDN: the policy keeps the reader's
    # browser from fetching it (no third party learns who reads the docs), and nothing else.
    assert [line for line in refused if "cdn.redoc.ly/redoc/logo-mini.svg" not in line] == []

"""The admin's forms fit a 1,280 px window: no sideways scroll on the release add and change
forms (the release form was 1,948 px wide), and countries are picked from a filtered list, not a
250-item Ctrl-click multi-select."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from releases.models import Release
from tests.browser.conftest import new_page
from tests.second_factor import CODE_LABEL, confirmed_device, current_code

pytestmark = pytest.mark.browser

WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .slice(0, 5)
    .map(e => `${e.tagName}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
"""


@pytest.fixture
def admin_page(browser, ledger_server):
    user = get_user_model().objects.create_superuser(
        "width-editor", password="a long sign-in phrase"
    )
    device = confirmed_device(user)
    context, page = new_page(browser, ledger_server.url)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("width-editor")
    page.get_by_label("Password").fill("a long sign-in phrase")
    page.get_by_label(CODE_LABEL).fill(current_code(device))
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    yield page
    context.close()


def release_forms():
    release = Release.private_objects.annotate(freed_count=Count("freed")).latest("freed_count")
    return ["/admin/releases/release/add/", f"/admin/releases/release/{release.pk}/change/"]


def test_the_release_forms_fit_a_1280_px_window(admin_page, screenshot):
    for number, path in enumerate(release_forms()):
        assert admin_page.goto(path).status == 200, path
        admin_page.wait_for_load_state("load")
        width = admin_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1280, (path, width, admin_page.evaluate(WIDEST))
        # Nor does an inline hide columns in a box of its own that scrolls.
        inlines = admin_page.evaluate(
            "[...document.querySelectorAll('.inline-group .tabular')]"
            ".map(e => [e.id, e.scrollWidth, e.clientWidth])"
        )
        overflowing = admin_page.evaluate(
            """() => [...document.querySelectorAll('.inline-group .tabular')].flatMap(box =>
                [...box.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > box.getBoundingClientRect().right)
                .map(e => `${e.tagName}.${e.className}`))
            """
        )
        assert inlines and all(inner <= outer for _, inner, outer in inlines), (path, overflowing)
        screenshot(admin_page, f"admin-release-form-1280-{number}")


def test_countries_are_picked_from_a_filtered_list(admin_page):
    admin_page.goto("/admin/releases/release/add/")
    admin_page.wait_for_load_state("networkidle")
    assert admin_page.locator("#id_destinations_input").is_visible()  # the filter box
    admin_page.locator("#id_destinations_input").press_sequentially("Lithua")
    assert admin_page.locator("#id_destinations_from option").all_inner_texts() == ["Lithuania"]

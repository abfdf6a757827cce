"""The duplicate warning as the name is typed: on the person add form, a name matching someone
already in the record (here in another script) lists them before anything is submitted."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_admin_width import admin_page  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def test_typing_a_known_name_lists_the_person_before_the_save(admin_page):  # noqa: F811
    admin_page.goto("/admin/prisoners/person/add/")
    warning = admin_page.locator("#possible-duplicates")
    admin_page.locator("#id_display_name").press_sequentially("Андрэй Пачобут", delay=20)
    expect(warning).to_contain_text("Possible duplicate")
    expect(warning.get_by_role("link", name="Andrzej Poczobut")).to_have_attribute(
        "href", "/admin/prisoners/person/" + warning_target(admin_page) + "/change/"
    )
    # A name nobody has: the list empties.
    admin_page.locator("#id_display_name").fill("Zzyzx Qwertyuiop")
    admin_page.locator("#id_display_name").press("End")
    admin_page.locator("#id_display_name").press_sequentially("a", delay=20)
    expect(warning).to_be_empty()


def warning_target(page):
    from prisoners.models import Person

    return str(Person.private_objects.get(slug="andrzej-poczobut").pk)

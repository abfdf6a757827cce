"""The language switch as a reader uses it, the first visit in the browser's language, and axe in
every language (docs/languages.md)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import axe_problems

pytestmark = pytest.mark.browser

HOME_HEADINGS = {
    "en": "Who is held, who was freed, and on whose word",
    "be": "Хто за кратамі, хто вызвалены і паводле чыіх слоў",
    "ru": "Кто в заключении, кто освобождён и по чьим словам",
    "pl": "Kto jest więziony, kto został uwolniony i według czyich słów",
}
SWITCH_NAMES = {"en": "English", "be": "Беларуская", "ru": "Русский", "pl": "Polski"}


def switch(page):
    return page.get_by_role("navigation", name=re.compile("^(Language|Мова|Язык|Język)$"))


def test_the_switch_leads_to_the_same_page_in_each_language(page, screenshot):
    page.goto("/")
    for language in ["be", "ru", "pl", "en"]:
        switch(page).get_by_role("link", name=SWITCH_NAMES[language]).click()
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS[language])
        screenshot(page, f"home-{language}")
        expect(page).to_have_url(
            re.compile(r"^http://[^/]+/$" if language == "en" else f"/{language}/$")
        )
    # A person's page keeps the person across the switch.
    page.goto("/prisoners/mikalai-statkevich/")
    switch(page).get_by_role("link", name="Беларуская").click()
    expect(page).to_have_url(re.compile("/be/prisoners/mikalai-statkevich/$"))
    expect(page.get_by_role("heading", level=2, name="Храналогія")).to_be_visible()
    screenshot(page, "person-be")


def test_a_first_visit_opens_in_the_browsers_language(browser, ledger_server):
    context = browser.new_context(base_url=ledger_server.url, locale="ru-RU")
    try:
        page = context.new_page()
        page.goto("/")
        expect(page).to_have_url(re.compile("/ru/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS["ru"])
        # Choosing English on the Russian page is respected: no redirect back.
        switch(page).get_by_role("link", name="English").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(HOME_HEADINGS["en"])
    finally:
        context.close()


@pytest.mark.parametrize("language", ["be", "ru", "pl"])
def test_axe_finds_nothing_serious_in_each_language(page, language):
    for path in [f"/{language}/", f"/{language}/prisoners/", f"/{language}/releases/"]:
        page.goto(path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert axe_problems(page, path) == []

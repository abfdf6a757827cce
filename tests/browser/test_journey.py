"""A reader's journey: home -> release timeline -> the September 2025 release -> a freed person."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RELEASE_TITLE = "Release of 52 prisoners, September 2025"
RELEASE_PATH = "/releases/2025-09-11-release-of-52/"
NAMED_FREED = 11  # people freed on 11 September 2025 whom the seed data names
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def facts(region):
    """A <dl>'s terms mapped to their definitions, as the reader sees them."""
    return region.evaluate(
        """el => Object.fromEntries([...el.querySelectorAll('dt')].map(
            dt => [dt.innerText.trim(), dt.nextElementSibling.innerText.trim()]))"""
    )


def test_home_to_release_to_person(page):
    # Home: the headline figure, with who gives it.
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Who is held, who was freed, and on whose word"
    )
    hero = page.get_by_role("region", name="Who is held, who was freed, and on whose word")
    expect(hero).to_contain_text("at least 1,184 political prisoners still held in Belarus")
    expect(hero).to_contain_text('According to Human Rights Centre "Viasna"')
    expect(hero.get_by_role("link", name='Human Rights Centre "Viasna"')).to_have_attribute(
        "href", "/sources/viasna/"
    )

    # Home -> timeline.
    hero.get_by_role("link", name="Release timeline", exact=True).click()
    expect(page).to_have_url(re.compile(r"/releases/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Release timeline")
    expect(page.get_by_role("group", name="People reported freed per release")).to_be_visible()

    # Timeline -> the September 2025 release (the heading link, not the chart bar).
    page.get_by_role("link", name=RELEASE_TITLE, exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(RELEASE_PATH) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(RELEASE_TITLE)

    figures = page.get_by_role("region", name="Figures")
    figure_facts = facts(figures)
    assert figure_facts["Reported freed"].startswith("52 according to US Embassy in Vilnius"), (
        figure_facts
    )
    assert figure_facts["Named in this ledger"] == str(NAMED_FREED), figure_facts
    assert figure_facts["Sent to"] == "Lithuania", figure_facts

    freed_table = page.get_by_role("table", name="People freed and what became of them")
    expect(page.get_by_role("heading", name=f"People freed ({NAMED_FREED} named)")).to_be_visible()
    expect(freed_table.get_by_role("row")).to_have_count(NAMED_FREED + 1)  # + header row
    expect(
        page.get_by_text(f"52 were reported freed; {NAMED_FREED} are named here.")
    ).to_be_visible()

    # BelTA's breakdown as the article gives it: 12 of 14 by country, 2 unaccounted for.
    breakdown = page.get_by_role("table", name="Foreign nationals, BelTA", exact=True)
    expect(breakdown.get_by_role("row").filter(has_text="Total reported")).to_have_text(
        re.compile(r"Total reported\s*14")
    )
    expect(breakdown.get_by_role("row").filter(has_text="Unaccounted for")).to_have_text(
        re.compile(r"Unaccounted for\s*2")
    )

    # Who was left behind.
    not_freed = page.get_by_role("region", name="Not freed")
    for name in ("Ales Bialiatski", "Maria Kalesnikava", "Andrzej Poczobut"):
        expect(not_freed.get_by_role("link", name=name)).to_be_visible()

    # The deal behind it.
    deal = page.get_by_role("region", name="The deal")
    expect(
        deal.get_by_role("link", name="Belavia sanctions relief (OFAC General License No. 11)")
    ).to_have_attribute("href", "/deals/belavia-sanctions-relief-gl-11/")
    expect(deal).to_contain_text("Sanctions relief for Belavia Belarusian Airlines")

    # Conflicting claims about who refused to leave: both kept, side by side.
    claims = page.get_by_role("region", name="Where sources disagree")
    expect(claims.get_by_role("heading", name="Who refused to leave Belarus")).to_be_visible()
    belsat = claims.get_by_role("article").filter(has_text="According to Belsat TV")
    insider = claims.get_by_role("article").filter(has_text="According to The Insider")
    expect(belsat).to_have_count(1)
    expect(insider).to_have_count(1)
    assert belsat.inner_text().split("\n", 1)[0].strip() == "at least 4"
    assert insider.inner_text().split("\n", 1)[0].strip() == "1"
    expect(belsat).to_contain_text("Contradicted by later reports")
    expect(insider).to_contain_text("Corroborated by other sources")
    belsat_box, insider_box = belsat.bounding_box(), insider.bounding_box()
    assert abs(belsat_box["y"] - insider_box["y"]) < 2, (belsat_box, insider_box)
    assert belsat_box["x"] + belsat_box["width"] <= insider_box["x"] + 1, (belsat_box, insider_box)

    # A freed person.
    freed_table.get_by_role("link", name="Mikalai Statkevich", exact=True).click()
    expect(page).to_have_url(re.compile(r"/prisoners/mikalai-statkevich/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mikalai Statkevich")

    names = page.get_by_role("region", name="Names in every script").get_by_role("listitem")
    expect(names.filter(has_text="Мікалай Статкевіч")).to_contain_text("Belarusian, Cyrillic")
    expect(names.filter(has_text="Николай Статкевич")).to_contain_text("Russian, Cyrillic")
    expect(names.filter(has_text="Mikałaj Statkiewicz")).to_contain_text("Polish")
    name_texts = names.all_inner_texts()
    assert any(CYRILLIC.search(text) for text in name_texts), name_texts
    assert any(re.search(r"[A-Za-z]", text.split(" ")[0]) for text in name_texts), name_texts
    expect(page.locator('[lang="be"]', has_text="Мікалай Статкевіч")).to_have_count(1)

    timeline = page.get_by_role("region", name="Timeline")
    events = timeline.get_by_role("list").first.locator(":scope > li")
    event_texts = [text.strip() for text in events.all_inner_texts()]
    detained = next(
        i for i, t in enumerate(event_texts) if re.match(r"31 May 2020\s+Detained\b", t)
    )
    released = next(i for i, t in enumerate(event_texts) if RELEASE_TITLE in t)
    assert detained < released, event_texts
    assert "refused to leave, taken back into custody" in event_texts[released], event_texts
    expect(
        timeline.get_by_role("link", name=re.compile(re.escape(RELEASE_TITLE)))
    ).to_have_attribute("href", RELEASE_PATH)

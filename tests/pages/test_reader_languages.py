"""Names in the reader's script and texts written per language (issue 12, docs/languages.md):
a Belarusian page shows Андрэй Пачобут, a Russian one Андрей Почобут; a role entered in
Belarusian shows on Belarusian pages, and elsewhere the English one, marked as English."""

import csv
import io
from html import unescape

import pytest
from django.utils import translation

from ledger.translated_text import text_in_language
from prisoners.local_names import refresh_local_names
from prisoners.models import Language, Person, Script, Visibility
from tests import factories as f
from tests.factories import load_article

pytestmark = pytest.mark.django_db

POCZOBUT = "/prisoners/andrzej-poczobut/"


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return unescape(response.content.decode())


def address(record):
    """A record's English address (a request in another language leaves it active)."""
    with translation.override("en"):
        return record.get_absolute_url()


def title_of(html):
    return html.split("<title>", 1)[1].split("</title>", 1)[0]


def h1_of(html):
    return html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_each_language_stores_its_own_spelling_from_the_seed():
    load_article()
    person = Person.private_objects.get(slug="andrzej-poczobut")
    assert (person.name_be, person.name_ru, person.name_pl) == (
        "Андрэй Пачобут",
        "Андрей Почобут",
        "Andrzej Poczobut",
    )


def test_the_spelling_follows_the_names_as_they_change():
    person = f.PersonFactory(display_name="Ihar Losik")
    # Łacinka is Belarusian, but a Belarusian page is in Cyrillic.
    f.PersonNameFactory(person=person, name="Ihar Losik", language=Language.BELARUSIAN)
    person.refresh_from_db()
    assert person.name_be == ""
    constructed = f.PersonNameFactory(
        person=person,
        name="Игар Лосик",
        language=Language.BELARUSIAN,
        script=Script.CYRILLIC,
        is_attested=False,
    )
    person.refresh_from_db()
    assert person.name_be == "Игар Лосик"
    attested = f.PersonNameFactory(
        person=person, name="Ігар Лосік", language=Language.BELARUSIAN, script=Script.CYRILLIC
    )
    person.refresh_from_db()
    assert person.name_be == "Ігар Лосік"
    attested.delete()
    constructed.delete()
    person.refresh_from_db()
    assert person.name_be == ""


def test_refreshing_puts_back_a_spelling_changed_behind_its_back():
    person = f.PersonFactory(display_name="Maria Kalesnikava")
    f.PersonNameFactory(
        person=person, name="Марыя Калеснікава", language="be", script=Script.CYRILLIC
    )
    Person.private_objects.filter(pk=person.pk).update(name_be="wrong")
    assert refresh_local_names() == 1
    person.refresh_from_db()
    assert person.name_be == "Марыя Калеснікава"


@pytest.mark.parametrize(
    "language, spelling",
    [("be", "Андрэй Пачобут"), ("ru", "Андрей Почобут"), ("pl", "Andrzej Poczobut")],
)
def test_the_person_page_leads_with_the_readers_spelling(client, language, spelling):
    load_article()
    html = page(client, f"/{language}{POCZOBUT}")
    assert spelling in h1_of(html)
    assert spelling in title_of(html)
    # The English spelling stays on the page, with the others.
    assert "Andrzej Poczobut" in html


def test_english_pages_keep_the_english_spelling(client):
    load_article()
    html = page(client, POCZOBUT)
    assert "Andrzej Poczobut" in h1_of(html)
    assert "Андрэй Пачобут" not in h1_of(html)


def test_lists_and_release_pages_use_the_readers_spelling(client):
    load_article()
    assert "Андрэй Пачобут" in page(client, "/be/prisoners/?q=Poczobut")
    assert "Андрей Почобут" in page(client, "/ru/prisoners/?q=Poczobut")
    assert "Андрей Почобут" in page(client, "/ru/releases/")


def test_the_csv_has_a_column_per_readers_spelling(client):
    load_article()
    for path in ["/prisoners/export.csv", "/be/prisoners/export.csv"]:
        response = client.get(path, {"q": "Poczobut"})
        body = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(body)))
        poczobut = next(row for row in rows if row["slug"] == "andrzej-poczobut")
        assert poczobut["name"] == "Andrzej Poczobut"
        assert (poczobut["name_be"], poczobut["name_ru"], poczobut["name_pl"]) == (
            "Андрэй Пачобут",
            "Андрей Почобут",
            "Andrzej Poczobut",
        )


def test_a_withheld_persons_spelling_is_shown_nowhere(client):
    hidden = f.PersonFactory(display_name="Zqhidden Person", visibility=Visibility.WITHHELD)
    f.PersonNameFactory(person=hidden, name="Зкхідэн Асоба", language="be", script="Cyrl")
    release = f.ReleaseFactory()
    f.ReleasedPersonFactory(release=release, person=hidden)
    for path in ["/be/prisoners/", "/be/prisoners/?q=Zqhidden", f"/be{address(release)}"]:
        html = page(client, path)
        assert "Зкхідэн" not in html and "Zqhidden Person" not in html


def test_a_text_in_the_readers_language_or_the_first_that_has_it():
    person = f.PersonFactory(role="journalist", role_be="журналіст")
    assert text_in_language(person, "role", "be").text == "журналіст"
    english = text_in_language(person, "role", "ru")
    assert (english.text, english.language, english.is_fallback) == ("journalist", "en", True)
    only_belarusian = f.PersonFactory(role="", role_be="журналіст")
    fallback = text_in_language(only_belarusian, "role", "en")
    assert (fallback.text, fallback.language, fallback.is_fallback) == ("журналіст", "be", True)
    assert not text_in_language(f.PersonFactory(role=""), "role", "pl")


def test_pages_show_the_translation_and_mark_a_fallback(client):
    person = f.PersonFactory(
        display_name="Zqtext Person",
        role="trade union leader",
        role_be="лідар прафсаюза",
        summary="Arrested in 2022.",
        summary_ru="Арестован в 2022 году.",
    )
    belarusian = page(client, f"/be{address(person)}")
    assert "лідар прафсаюза" in belarusian
    assert "trade union leader" not in belarusian
    # No Belarusian summary: the English one, in its language, saying so.
    assert '<span lang="en">Arrested in 2022.</span>' in belarusian
    with translation.override("be"):
        assert f"({translation.gettext('in English')})" in belarusian
    russian = page(client, f"/ru{address(person)}")
    assert "Арестован в 2022 году." in russian
    assert '<span lang="en">trade union leader</span>' in russian
    english = page(client, address(person))
    assert "trade union leader" in english and "лідар" not in english


def test_release_and_deal_texts_per_language(client):
    release = f.ReleaseFactory(summary="Fifty-two were freed.", summary_pl="Uwolniono 52 osoby.")
    freed = f.ReleasedPersonFactory(release=release, note="Left at the border.")
    freed.note_be = "Пакінуты на мяжы."
    freed.save()
    polish = page(client, f"/pl{address(release)}")
    assert "Uwolniono 52 osoby." in polish and "Fifty-two were freed." not in polish
    belarusian = page(client, f"/be{address(release)}")
    assert "Пакінуты на мяжы." in belarusian
    assert "Left at the border." not in belarusian
    deal = f.DealFactory(summary="Sanctions eased.", summary_ru="Санкции ослаблены.")
    deal.releases.add(release)
    assert "Санкции ослаблены." in page(client, f"/ru{address(deal)}")


def test_each_language_is_a_field_in_the_admin_and_in_the_history(editor_client):
    person = f.PersonFactory(role="journalist")
    form = editor_client.get(f"/admin/prisoners/person/{person.pk}/change/").content.decode()
    for field in ["role_be", "role_ru", "role_pl", "summary_be", "summary_ru", "summary_pl"]:
        assert f'name="{field}"' in form
    person.role_be = "журналіст"
    person.save()
    assert [entry.role_be for entry in person.history.all()][:2] == ["журналіст", ""]


def test_the_api_gives_each_spelling_and_each_text(client):
    load_article()
    person = client.get("/api/people/andrzej-poczobut/").json()
    assert (person["name"], person["name_be"], person["name_ru"]) == (
        "Andrzej Poczobut",
        "Андрэй Пачобут",
        "Андрей Почобут",
    )
    assert {"role_be", "role_ru", "role_pl", "summary_be", "summary_ru", "summary_pl"} <= set(
        person
    )


def test_a_new_spelling_leaves_an_open_copy_of_the_person_saveable():
    person = f.PersonFactory(display_name="Andrzej Poczobut")
    f.PersonNameFactory(person=person, name="Андрэй Пачобут", language="be", script="Cyrl")
    person.display_name = "Andrei Poczobut"
    person.save()  # the copy from before the spelling: not made stale by a derived value
    person.refresh_from_db()
    assert (person.display_name, person.name_be) == ("Andrei Poczobut", "Андрэй Пачобут")

"""Country names on Belarusian pages (docs/languages.md, "Country names in Belarusian"):
django-countries has no Belarusian catalogue, so the project's own (locale_countries/) gives
every name it declares."""

import re
from html import unescape

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django_countries import countries
from django_countries.base import CountriesBase
from django_countries.data import COUNTRIES
from django_countries.fields import Country

from prisoners.models import Person, Status
from prisoners.wording import status_text
from tests import factories as f

COUNTRY_CATALOGUE = settings.BASE_DIR / "locale_countries" / "be" / "LC_MESSAGES" / "django.po"
LATIN = re.compile(r"[A-Za-z]")


def declared_names():
    """Every country name django-countries marks for translation: the ISO names, the common
    names it shows instead of some of them, and the older names it falls back on."""
    names = [*COUNTRIES.values(), *CountriesBase.COMMON_NAMES.values()]
    names += [name for older in CountriesBase.OLD_NAMES.values() for name in older]
    with translation.override(None):  # the msgids themselves
        return {str(name) for name in names}


@pytest.mark.parametrize(
    "code, name",
    [
        ("BY", "Беларусь"),
        ("LT", "Літва"),
        ("PL", "Польшча"),
        ("LV", "Латвія"),
        ("UA", "Украіна"),
        ("RU", "Расія"),
        ("US", "Злучаныя Штаты Амерыкі"),
        ("DE", "Германія"),
    ],
)
def test_a_country_is_named_in_belarusian(code, name):
    with translation.override("be"):
        assert countries.name(code) == name
        assert Country(code).name == name
    with translation.override("en"):
        assert countries.name(code) != name


def test_every_country_has_a_belarusian_name():
    with translation.override("en"):
        english = dict(countries)
    with translation.override("be"):
        belarusian = dict(countries)
    assert len(belarusian) == len(english) == 249
    assert [code for code in english if belarusian[code] == english[code]] == []
    assert [name for name in belarusian.values() if LATIN.search(name)] == []


def test_the_catalogue_holds_every_declared_name_and_nothing_else():
    catalogue = polib.pofile(str(COUNTRY_CATALOGUE))
    entries = [entry for entry in catalogue if not entry.obsolete]
    assert {entry.msgid for entry in entries} == declared_names()
    assert [entry.msgid for entry in entries if not entry.msgstr or entry.fuzzy] == []
    assert [entry.msgstr for entry in entries if LATIN.search(entry.msgstr)] == []


def test_the_country_catalogue_comes_after_the_interface_catalogue():
    assert settings.LOCALE_PATHS == [
        settings.BASE_DIR / "locale",
        settings.BASE_DIR / "locale_countries",
    ]


def test_the_compiler_builds_the_country_catalogue():
    from config.catalogues import catalogues, compile_catalogues, is_stale

    mo = COUNTRY_CATALOGUE.with_suffix(".mo")
    assert (COUNTRY_CATALOGUE, mo) in list(catalogues())
    compile_catalogues()
    assert not is_stale(COUNTRY_CATALOGUE, mo)
    assert polib.mofile(str(mo)).find("Lithuania").msgstr == "Літва"


@pytest.mark.django_db
def test_a_belarusian_person_page_names_the_citizenship_in_belarusian(client):
    person = f.PersonFactory(display_name="Zqcountry Person", citizenships=["LT"])
    with translation.override("en"):
        path = person.get_absolute_url()
    html = unescape(client.get(f"/be{path}").content.decode())
    assert "Літва" in html
    assert "Lithuania" not in html
    assert "Lithuania" in unescape(client.get(path).content.decode())


@pytest.mark.django_db
def test_the_belarusian_citizenship_filter_offers_belarusian_names(client):
    f.PersonFactory(display_name="Zqcountry First", citizenships=["LT"])
    f.PersonFactory(display_name="Zqcountry Second", citizenships=["PL", "BY"])
    html = unescape(client.get("/be/prisoners/", {"citizenship": "LT"}).content.decode())
    options = re.findall(r'<option value="(LT|PL|BY)"[^>]*>([^<]*)</option>', html)
    assert {code: label.split(" (")[0].strip() for code, label in options} == {
        "BY": "Беларусь",
        "LT": "Літва",
        "PL": "Польшча",
    }
    for english in ("Lithuania", "Poland", "Belarus"):
        assert english not in html


def test_a_deported_persons_status_names_the_country_in_belarusian():
    person = Person(display_name="Zqcountry Third", status=Status.DEPORTED, status_country="LT")
    with translation.override("be"):
        text = status_text(person)
    assert "Літва" in text
    assert "Lithuania" not in text

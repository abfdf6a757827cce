"""The interface in Belarusian, Russian, English and Polish (issue 12, docs/languages.md):
prefixed addresses, the first visit's language, the switch, hreflang, and catalogues with no
string left in English."""

import datetime
import re
from html import unescape

import polib
import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from tests import factories as f
from tests.hostile import body_of, build_ledger, public_addresses

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["be", "ru", "pl"]
CATALOGUES = {
    code: settings.BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    for code in OTHER_LANGUAGES
}


def prefixed(language, path):
    return path if language == "en" else f"/{language}{path}"


def test_english_stays_unprefixed_and_the_others_are_prefixed(client):
    path = f.PersonFactory(display_name="Zqlang Person").get_absolute_url()
    assert client.get(path).status_code == 200
    for language in OTHER_LANGUAGES:
        response = client.get(prefixed(language, path))
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()
        assert response.headers["Content-Language"] == language
    assert '<html lang="en">' in client.get("/").content.decode()


def test_data_and_machine_addresses_keep_their_place(client):
    f.PersonFactory()
    for path in ["/prisoners/export.csv", "/feeds/releases/", "/api/"]:
        assert client.get(path).status_code in (200, 301, 302)
    for path in ["/be/api/", "/be/feeds/releases/", "/be/admin/"]:
        assert client.get(path).status_code == 404


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_a_first_visit_follows_the_browsers_language(client, language):
    response = client.get("/", headers={"accept-language": f"{language},en;q=0.5"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/{language}/"
    assert "private" in response.headers["Cache-Control"]
    deep = client.get("/prisoners/?status=held", headers={"accept-language": language})
    assert deep.headers["Location"] == f"/{language}/prisoners/?status=held"


def test_english_browsers_and_visits_from_inside_the_site_stay(client):
    assert client.get("/", headers={"accept-language": "en-GB,be;q=0.5"}).status_code == 200
    from_inside = client.get(
        "/", headers={"accept-language": "be", "referer": "http://testserver/be/"}
    )
    assert from_inside.status_code == 200
    assert '<html lang="en">' in from_inside.content.decode()
    # A malformed Referer is a visit from outside, not an error.
    odd = client.get("/", headers={"accept-language": "ru", "referer": "http://[bad"})
    assert odd.status_code == 302
    # Data and machine addresses are never redirected.
    csv = client.get("/prisoners/export.csv", headers={"accept-language": "be"})
    assert csv.status_code == 200
    assert client.get("/api/", headers={"accept-language": "be"}).status_code != 302


def switch_links(html):
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', nav)[i][::-1] for i in range(4))


def test_the_switch_and_hreflang_name_the_same_page_in_each_language(client):
    person = f.PersonFactory(display_name="Zqswitch Person")
    path = person.get_absolute_url()
    for language in ["en", *OTHER_LANGUAGES]:
        html = client.get(prefixed(language, path) + "?x=1").content.decode()
        links = switch_links(html)
        assert links == {code: prefixed(code, path) + "?x=1" for code in ["en", "be", "ru", "pl"]}
        assert re.search(rf'<a href="{re.escape(links[language])}" [^>]*aria-current="true"', html)
        for code in ["en", "be", "ru", "pl"]:
            href = f"http://testserver{prefixed(code, path)}?x=1"
            assert f'<link rel="alternate" hreflang="{code}" href="{href}">' in html
        assert f'hreflang="x-default" href="http://testserver{path}?x=1"' in html


def test_the_page_cache_keeps_each_language_apart(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSION_TTL = 0
    caches[settings.PAGE_CACHE_ALIAS].clear()
    f.PersonFactory()
    visitor = Client()
    english = visitor.get("/prisoners/")
    assert english.headers["X-Cache"] == "miss"
    belarusian = visitor.get("/be/prisoners/")
    assert belarusian.headers["X-Cache"] == "miss"
    assert '<html lang="be">' in belarusian.content.decode()
    assert visitor.get("/be/prisoners/").content == belarusian.content
    again = visitor.get("/prisoners/", headers={"referer": "http://testserver/be/"})
    assert again.headers["X-Cache"] == "hit"
    assert '<html lang="en">' in again.content.decode()
    # A Belarusian browser's first visit is redirected, never served the cached English page.
    first = visitor.get("/prisoners/", headers={"accept-language": "be"})
    assert first.status_code == 302
    caches[settings.PAGE_CACHE_ALIAS].clear()


# -- the catalogues --------------------------------------------------------------------------


def catalogue(language):
    return polib.pofile(str(CATALOGUES[language]))


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_interface_string_is_translated(language):
    untranslated = [
        entry.msgid
        for entry in catalogue(language)
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert untranslated == []


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder_and_link(language):
    for entry in catalogue(language):
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(entry.msgid)), text
            assert text.count("<a ") == entry.msgid.count("<a "), text
            assert text.count("<bdi>") == entry.msgid.count("<bdi>"), text


def test_the_compiled_catalogues_are_up_to_date():
    from config.catalogues import catalogues, is_stale

    found = list(catalogues())
    assert {po.parent.parent.name for po, _mo in found} == set(OTHER_LANGUAGES)
    assert [str(mo) for po, mo in found if is_stale(po, mo)] == []


def test_a_catalogue_edited_since_is_compiled_again(tmp_path):
    from config.catalogues import compile_catalogues

    folder = tmp_path / "be" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = catalogue("be")
    po.save(str(folder / "django.po"))
    assert [path.name for path in compile_catalogues(tmp_path)] == ["django.mo"]
    assert compile_catalogues(tmp_path) == []
    mo = polib.mofile(str(folder / "django.mo"))
    assert mo.find("Places of detention").msgstr == "Месцы зняволення"


# -- every public page in every language -----------------------------------------------------

# Interface words that must not stay English on a Belarusian or Russian page.
ENGLISH_CHROME = ["Status", "Held", "Released", "Citizenship", "Sources", "People", "Download"]


def interface_text(html, data_texts):
    """The page's text without the records' own words: <bdi> holds names, titles and notes."""
    for text in data_texts:
        html = html.replace(text, " ")
    html = re.sub(r"<bdi\b[^>]*>.*?</bdi>", " ", html, flags=re.S)
    html = re.sub(r"<(script|style|code)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    # Parts marked as English on purpose (the CSV columns' documentation, the switch's "English").
    html = re.sub(r'<(\w+)\b[^>]*\blang="en"[^>]*>.*?</\1>', " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def ledger_pages():
    records = build_ledger()
    with translation.override("en"):  # the unprefixed addresses, whatever ran before
        addresses = public_addresses(records)
    pages = {
        name: path
        for name, path in addresses.items()
        if name.split(":")[0] in {"pages", "prisoners", "releases"}
        and not name.endswith(("-csv", "-xlsx"))
    }
    # A record's own words are data, not interface ("Penal colony No. 1" names a prison).
    return pages, [str(record) for record in records.values()]


def test_every_public_page_renders_in_every_language(client, ledger_pages):
    ledger_pages, data_texts = ledger_pages
    assert {"pages:home", "prisoners:person-detail", "releases:release-detail"} <= set(ledger_pages)
    english = {
        entry.msgid
        for entry in catalogue("be")
        if len(entry.msgid) >= 12 and "%(" not in entry.msgid and "<" not in entry.msgid
    }
    problems = []
    for language in OTHER_LANGUAGES:
        for name, path in ledger_pages.items():
            response = client.get(prefixed(language, path))
            if response.status_code != 200:
                problems.append((language, name, response.status_code))
                continue
            html = body_of(response)
            if f'<html lang="{language}">' not in html:
                problems.append((language, name, "html lang"))
            text = interface_text(html, data_texts)
            left = sorted(msgid for msgid in english if msgid in text)
            if left:
                problems.append((language, name, left))
            if language in ("be", "ru"):
                words = [word for word in ENGLISH_CHROME if re.search(rf"\b{word}\b", text)]
                if words:
                    problems.append((language, name, words))
    assert problems == [], "\n".join(map(repr, problems))


# -- dates and numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, day, term",
    [
        ("en", "25 March 2021", "7 years 6 months"),
        ("be", "25 сакавіка 2021", "7 гадоў 6 месяцаў"),
        ("ru", "25 марта 2021", "7 лет 6 месяцев"),
        ("pl", "25 marca 2021", "7 lat 6 miesięcy"),
    ],
)
def test_dates_and_terms_read_in_the_readers_language(client, language, day, term):
    person = f.PersonFactory(display_name="Zqdates Person")
    f.DetentionFactory(person=person, sentence_months=90)
    with translation.override("en"):
        path = person.get_absolute_url()
    html = unescape(client.get(prefixed(language, path)).content.decode())
    assert day in html
    assert term in html


def test_the_csv_is_the_same_file_at_every_address(client):
    f.PersonFactory(display_name="Zqcsv Person")
    english = body_of(client.get("/prisoners/export.csv"))
    assert "Zqcsv Person" in english
    for language in OTHER_LANGUAGES:
        response = client.get(f"/{language}/prisoners/export.csv")
        assert body_of(response) == english
        assert response.headers["Content-Language"] == "en"


@pytest.mark.parametrize(
    "language, day, month",
    [
        ("en", "11 September 2025", "September 2025"),
        ("be", "11 верасня 2025", "верасень 2025"),
        ("ru", "11 сентября 2025", "сентябрь 2025"),
        ("pl", "11 września 2025", "wrzesień 2025"),
    ],
)
def test_a_day_takes_the_genitive_and_a_month_alone_the_nominative(language, day, month):
    from ledger.partial_dates import DatePrecision, format_partial_date

    date = datetime.date(2025, 9, 11)
    with translation.override(language):
        assert format_partial_date(date, DatePrecision.DAY) == day
        assert format_partial_date(date, DatePrecision.MONTH) == month

"""Pages in the reader's language, all of them (issue 25, docs/languages.md): the seeded record
in Belarusian, Russian and Polish, words said of a person in their gender, months in their case
after a preposition, and the crawler that measures what is left in a foreign script."""

import datetime
from html import unescape

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from interchange.seed_translations import TranslationsDoNotFit, apply_translations
from pages.latin_share import OVERALL_LIMIT, PAGE_LIMIT, Counter, crawl, overall, public_paths
from prisoners.models import Facility, Person, Source
from tests import factories as f

pytestmark = pytest.mark.django_db


def page(client, language, path):
    prefix = "" if language == "en" else f"/{language}"
    return unescape(client.get(f"{prefix}{path}").content.decode())


# -- the crawler's counting --------------------------------------------------------------------


def test_words_outside_marked_text_names_addresses_and_acronyms_count():
    counter = Counter("be", names={"ihar", "losik"})
    html = (
        '<html lang="be"><head><title>Ignored title words</title></head><body>'
        "<p>Затрыманы ў Мінску penal colony</p>"
        '<p><span lang="en">Marked English words</span> Ihar Losik OFAC https://example.org/x</p>'
        "<script>var notCounted = 1;</script></body></html>"
    )
    share = counter.measure("/x/", html)
    # Затрыманы ў Мінску penal colony Ihar Losik OFAC: 8 words, "penal colony" foreign.
    assert (share.words, share.foreign) == (8, 2)
    assert share.examples == ("penal", "colony")


def test_on_a_polish_page_only_english_words_are_foreign():
    counter = Counter("pl", names=set(), english={"penal", "colony"})
    share = counter.measure("/x/", "<body><p>Kolonia karna nr 1 penal colony</p></body>")
    assert (share.words, share.foreign) == (5, 2)


def test_the_crawler_walks_every_named_page_and_every_public_record():
    f.load_article()
    paths = set(public_paths())
    with translation.override("en"):
        for person in Person.public_objects.all():
            assert person.get_absolute_url() in paths
        for record in [*Facility.public_objects.all(), *Source.public_objects.all()]:
            assert record.get_absolute_url() in paths
    assert {"/", "/prisoners/", "/releases/", "/deals/", "/facilities/", "/sources/"} <= paths
    # Downloads are not pages; the crawler skips what is not HTML.
    assert "/prisoners/export.csv" in paths


# -- the seeded record in the reader's language ------------------------------------------------


@pytest.mark.parametrize("language", ["be", "ru", "pl"])
def test_the_seeded_pages_are_in_the_readers_language(language, capsys):
    f.load_article()
    shares = crawl(language)
    with capsys.disabled():
        print(f"\n/{language}/: {overall(shares):.1%} of words foreign over {len(shares)} pages")
        for share in sorted(shares, key=lambda share: -share.share)[:5]:
            print(f"  {share.share:6.1%}  {share.path}  {', '.join(share.examples)}")
    assert len(shares) > 80  # every page of the seed was read, not an error page
    assert overall(shares) < OVERALL_LIMIT
    over = [(share.path, f"{share.share:.1%}", share.examples) for share in shares]
    assert [row for row, share in zip(over, shares, strict=True) if share.share > PAGE_LIMIT] == []


def test_places_charges_and_titles_are_in_belarusian_and_russian(client):
    f.load_article()
    poczobut = "/prisoners/andrzej-poczobut/"
    belarusian = page(client, "be", poczobut)
    russian = page(client, "ru", poczobut)
    assert "Папраўчая калонія № 1, Наваполацк" in belarusian
    assert "Исправительная колония № 1, Новополоцк" in russian
    assert "Penal colony No. 1" not in belarusian.split("<main")[1]
    assert "арт. 130 ч. 3</bdi>: <bdi>распальванне варожасці" in belarusian
    assert "ст. 130 ч. 3</bdi>: <bdi>разжигание вражды" in russian
    # A source's own name keeps its language, marked for screen readers (WCAG 3.1.2).
    assert '<span lang="pl">Gazeta Wyborcza</span>' in belarusian


def test_a_text_left_untranslated_is_marked_as_english(client):
    deal = f.DealFactory(title="Zqdeal relief", title_be="")
    with translation.override("en"):
        path = deal.get_absolute_url()
    html = page(client, "be", path)
    assert '<span lang="en">Zqdeal relief</span>' in html
    deal.title_be = "Зкпагадненне"
    deal.save()
    html = page(client, "be", path)
    assert "Зкпагадненне" in html
    assert '<span lang="en">Zqdeal relief</span>' not in html


# -- grammar -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, feminine, masculine",
    [
        ("be", ["Вызвалена", "Затрымана: Мінск"], ["Вызвалены", "Затрыманы"]),
        ("ru", ["Освобождена", "Задержана: Минск"], ["Освобождён", "Задержан:"]),
        ("pl", ["Uwolniona", "Zatrzymana: Mińsk"], ["Uwolniony", "Zatrzymany"]),
    ],
)
def test_kalesnikavas_page_speaks_of_her_in_the_feminine(client, language, feminine, masculine):
    f.load_article()
    html = page(client, language, "/prisoners/maria-kalesnikava/").split("<main")[1]
    for word in feminine:
        assert word in html
    for word in masculine:
        assert word not in html
    # A man's page keeps the masculine.
    statkevich = page(client, language, "/prisoners/mikalai-statkevich/").split("<main")[1]
    assert masculine[0] in statkevich


def test_born_agrees_with_the_persons_gender(client):
    woman = f.PersonFactory(gender="female", birth_date=datetime.date(1982, 4, 24))
    man = f.PersonFactory(gender="male", birth_date=datetime.date(1956, 8, 12))
    with translation.override("en"):
        paths = woman.get_absolute_url(), man.get_absolute_url()
    assert "Нарадзілася" in page(client, "be", paths[0])
    assert "Нарадзіўся" in page(client, "be", paths[1])
    assert "Родилась" in page(client, "ru", paths[0])
    assert "Urodzona" in page(client, "pl", paths[0])


@pytest.mark.parametrize(
    "language, since, until",
    [
        ("en", "from May 2023", "until November 2025"),
        ("be", "з мая 2023", "да лістапада 2025"),
        ("ru", "с мая 2023", "до ноября 2025"),
        ("pl", "od maja 2023", "do listopada 2025"),
    ],
)
def test_a_month_after_a_preposition_takes_its_case(client, language, since, until):
    stay = f.StayFactory(
        from_on=datetime.date(2023, 5, 1),
        from_on_precision="month",
        until_on=datetime.date(2025, 11, 1),
        until_on_precision="month",
        reported_on=None,
    )
    with translation.override("en"):
        path = stay.person.get_absolute_url()
    html = page(client, language, path)
    assert since in html
    assert until in html


def test_release_counts_take_each_languages_plural_forms():
    from pages.releases.charts import period_points

    releases = [
        f.ReleaseFactory(released_on=datetime.date(2025, 9, day), reported_count=1)
        for day in (1, 2, 3, 4, 5)
    ]
    with translation.override("ru"):
        label = period_points(releases, "month")[0].label
    assert label == "сентябрь 2025: 5 освобождений"
    with translation.override("pl"):
        assert period_points(releases[:2], "month")[0].label == "wrzesień 2025: 2 uwolnienia"


# -- the seed's translations overlay -----------------------------------------------------------


def write(tmp_path, entries):
    path = tmp_path / "translations.yaml"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    return path


def test_an_overlay_entry_that_matches_nothing_stops_with_a_message(tmp_path):
    f.FacilityFactory(slug="zq-colony", name="Zq colony")
    path = write(
        tmp_path,
        [
            {
                "model": "prisoners.facility",
                "key": {"slug": "zq-colony"},
                "fields": {"name_be": "А"},
            },
            {"model": "prisoners.facility", "key": {"slug": "nowhere"}, "fields": {"name_be": "Б"}},
        ],
    )
    with pytest.raises(TranslationsDoNotFit, match=r"entry 2 .*matches 0 records"):
        apply_translations(path)
    unknown = write(
        tmp_path,
        [{"model": "prisoners.facility", "key": {"slug": "zq-colony"}, "fields": {"nme_be": "А"}}],
    )
    with pytest.raises(TranslationsDoNotFit, match="has no field 'nme_be'"):
        apply_translations(unknown)


def test_the_seed_is_not_half_written_when_the_overlay_does_not_fit(tmp_path, monkeypatch):
    path = write(
        tmp_path,
        [{"model": "prisoners.source", "every": {"name": "No such source"}, "fields": {}}],
    )
    monkeypatch.setattr("interchange.seed_translations.TRANSLATIONS_FILE", path)
    with pytest.raises(CommandError, match="The seed was not loaded"):
        call_command("seed", verbosity=0)
    assert Person.private_objects.count() == 0


def test_the_seed_applies_the_translations():
    f.load_article()
    kalesnikava = Person.private_objects.get(slug="maria-kalesnikava")
    assert kalesnikava.gender == "female"
    colony = Facility.private_objects.get(name="Penal colony No. 1")
    assert (colony.name_be, colony.name_ru, colony.town_be, colony.town_ru) == (
        "Папраўчая калонія № 1",
        "Исправительная колония № 1",
        "Наваполацк",
        "Новополоцк",
    )


# -- the header's search box -------------------------------------------------------------------


def test_the_header_search_box_keeps_the_query_on_the_results_page(client):
    f.PersonFactory(display_name="Ihar Losik")
    html = client.get("/prisoners/", {"q": "Losik <b>"}).content.decode()
    assert 'id="site-search" value="Losik &lt;b&gt;"' in html
    # Elsewhere, a `q` that is not a people search leaves the box empty.
    home = client.get("/", {"q": "Losik"}).content.decode()
    assert 'id="site-search" value=' not in home

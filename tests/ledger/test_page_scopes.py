"""Invalidation that follows what changed (ledger.caching.scopes): a save that changes only a
person's summary makes stale their own page, not the lists; any other change still makes every
page stale; and two app servers with caches of their own never serve a stale page after an edit
through either."""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse
from django.utils import translation

from ledger.caching.pages import current_version
from ledger.caching.scopes import scope_versions, scopes_of_page
from ledger.models import PageScope
from prisoners.models import Person, Status
from releases.models import Release
from tests import factories as f
from tests.admin.test_editing import change_form, person_url
from tests.hostile import body_of, build_ledger, public_addresses

pytestmark = pytest.mark.django_db

SENTINEL = "Zqxjkvw"
# Twenty list pages no person's summary is on: filters, sorts and pages of the people list.
LIST_PAGES = [
    "/prisoners/",
    "/prisoners/?status=held",
    "/prisoners/?status=freed",
    "/prisoners/?sort=name",
    "/prisoners/?sort=-sentence",
    "/prisoners/?sort=detained",
    "/prisoners/?citizenship=BY",
    "/prisoners/?q=Kavalenka",
    "/prisoners/?page=2",
    "/releases/",
    "/deals/",
    "/facilities/",
    "/sources/",
    "/",
    "/be/prisoners/",
    "/ru/prisoners/",
    "/pl/prisoners/",
    "/be/prisoners/?status=held",
    "/ru/releases/",
    "/data/",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_VERSION_TTL = 0
    settings.CACHES = {
        **settings.CACHES,
        # Two app servers, each with a cache of its own (local memory is per process).
        "server-a": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "a"},
        "server-b": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "b"},
    }
    for alias in (settings.PAGE_CACHE_ALIAS, "server-a", "server-b"):
        caches[alias].clear()
    yield
    for alias in (settings.PAGE_CACHE_ALIAS, "server-a", "server-b"):
        caches[alias].clear()


def page_of(person):
    """The English address (a page served before may have left another language active)."""
    return f"/prisoners/{person.slug}/"


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.fixture
def people():
    held = f.PersonFactory(display_name="Ales Kavalenka", summary="Held since 2021.")
    other = f.PersonFactory(display_name="Maria Lis", summary="A teacher.")
    f.DetentionFactory(person=held)
    # As an editor's form loads it: after the detention set the person's status.
    held.refresh_from_db()
    return held, other


def test_a_summary_only_save_leaves_the_site_version_and_moves_the_persons_scope(
    people, django_capture_on_commit_callbacks
):
    held, _other = people
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        held.summary = "Held since 2021; moved to a colony."
        held.save()

    assert current_version() == version
    assert PageScope.objects.get(name=f"person:{held.slug}").version == 1


def test_a_save_that_changes_more_than_the_summary_moves_the_whole_site_on(
    people, django_capture_on_commit_callbacks
):
    held, _other = people
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        held.summary = "New summary."
        held.role = "journalist"  # shown in every list row
        held.save()

    assert current_version() > version


def test_an_unchanged_save_is_still_a_write_to_the_whole_site(
    people, django_capture_on_commit_callbacks
):
    held, _other = people
    version = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        held.save()
    assert current_version() > version


def test_lists_stay_warm_after_a_summary_edit_and_the_persons_page_follows(
    people, editor_client, django_capture_on_commit_callbacks
):
    held, other = people
    visitor = Client()
    for url in LIST_PAGES:
        get(visitor, url)
    own, others = page_of(held), page_of(other)
    get(visitor, own), get(visitor, others)

    # An editor fixes a typo in the summary, through the admin as editors do.
    data = change_form(editor_client, person_url(held))
    data["summary"] = f"Held since 2021. {SENTINEL}"
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(person_url(held), data)
    assert response.status_code == 302

    for url in LIST_PAGES:
        assert get(visitor, url).headers["X-Cache"] == "hit", url
    assert get(visitor, others).headers["X-Cache"] == "hit"
    page = get(visitor, own)
    assert page.headers["X-Cache"] == "miss"
    assert SENTINEL in page.content.decode()
    for language in ("be", "ru", "pl"):
        assert SENTINEL in get(visitor, f"/{language}{own}").content.decode()


def test_a_status_change_makes_the_lists_stale(people, django_capture_on_commit_callbacks):
    held, _other = people
    visitor = Client()
    get(visitor, "/prisoners/?status=held")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        Person._base_manager.filter(pk=held.pk).update(status=Status.RELEASED_IN_COUNTRY)
    assert get(visitor, "/prisoners/?status=held").headers["X-Cache"] == "miss"


def on_server(settings, alias):
    settings.PAGE_CACHE_ALIAS = alias
    return Client()


@pytest.mark.parametrize("field", ["summary", "role"])
def test_two_app_servers_never_serve_a_stale_page_after_an_edit_through_one(
    people, editor, settings, django_capture_on_commit_callbacks, field
):
    """Each server keeps its pages in its own memory; the versions live in the shared database,
    so an edit through server A (narrow or not) is seen at once on server B."""
    held, _other = people
    pages = [page_of(held), "/prisoners/", f"/be{page_of(held)}"]
    for alias in ("server-a", "server-b"):
        visitor = on_server(settings, alias)
        for url in pages:
            get(visitor, url), get(visitor, url)

    on_server(settings, "server-a")
    editor_client = Client()
    editor_client.force_login(editor)
    data = change_form(editor_client, person_url(held))
    data[field] = f"{data.get(field, '')} {SENTINEL}".strip()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(person_url(held), data).status_code == 302

    for alias in ("server-b", "server-a"):
        visitor = on_server(settings, alias)
        assert SENTINEL in get(visitor, page_of(held)).content.decode(), alias
        assert SENTINEL in get(visitor, f"/be{page_of(held)}").content.decode(), alias
        if field == "role":  # shown in the list rows: the list is stale on every server
            assert SENTINEL in get(visitor, "/prisoners/").content.decode(), alias


@pytest.mark.parametrize("model, kind", [(Person, "person"), (Release, "release")])
def test_every_page_that_shows_a_scoped_text_holds_its_scope(settings, model, kind):
    """A sentinel in every declared text of a record: every public address that shows it must be
    registered for the record's scopes, or an edit of that text would leave it stale."""
    settings.PAGE_CACHE_ENABLED = False
    records = build_ledger()
    record = records[kind]
    model._base_manager.filter(pk=record.pk).update(
        **{name: f"{SENTINEL} {name}" for name in model.page_text_fields}
    )
    scopes = set(record.page_text_scopes())
    visitor = Client()
    shown, unregistered = [], []
    for name, path in public_addresses(records).items():
        if path.startswith("/api/"):  # never cached (PAGE_CACHE_EXCLUDED_PATHS)
            continue
        with translation.override("en"):
            kwargs = resolve(path).kwargs
        for prefix in ("", "/be", "/ru", "/pl"):
            response = visitor.get(prefix + path)
            if response.status_code != 200 or SENTINEL not in body_of(response):
                continue
            shown.append(prefix + path)
            if not scopes <= set(scopes_of_page(name, kwargs)):
                unregistered.append(f"{prefix}{path} ({name})")
    assert shown, "the sentinel is on no page: the test would pass whatever the registry says"
    assert unregistered == []


def test_scope_versions_read_in_their_order():
    PageScope.objects.create(name="b", version=7)
    assert scope_versions(["a", "b"], "default") == "0.7"


def test_the_person_page_key_holds_its_scope(people, django_capture_on_commit_callbacks):
    held, _other = people
    url = reverse("prisoners:person-detail", kwargs={"slug": held.slug})
    visitor = Client()
    get(visitor, url)
    assert get(visitor, url).headers["X-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        held.summary = "Changed."
        held.save()
    assert get(visitor, url).headers["X-Cache"] == "miss"

import pytest
from django.test import Client

from tests.factories import AdministratorFactory, EditorFactory, PublisherFactory


@pytest.fixture
def editor(db):
    return EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def publisher_client(db):
    return logged_in(PublisherFactory())


@pytest.fixture
def administrator_client(db):
    return logged_in(AdministratorFactory())


@pytest.fixture(autouse=True, scope="session")
def compiled_catalogues():
    """The interface catalogues compiled before any page is rendered (config.catalogues): a
    .po edited since the last run would otherwise be tested through its old .mo."""
    from config.catalogues import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def no_api_rate_limit():
    """The API's rate limit counts every request a test process makes: off, except in the tests
    that set `API_ANON_RATE` themselves (tests/api/test_api.py), each from a clean count."""
    from django.core.cache import caches
    from django.test import override_settings

    caches["api-throttle"].clear()
    with override_settings(API_ANON_RATE=None):
        yield


@pytest.fixture(autouse=True)
def fresh_derived_values(settings):
    """Values kept per site version (`ledger.caching.derived`) outlive each test's rolled-back
    database, whose version starts over: each test starts from an empty cache."""
    from django.core.cache import caches

    caches[settings.PAGE_CACHE_ALIAS].clear()


@pytest.fixture(autouse=True)
def english_afterwards():
    """A /be/ request leaves Belarusian active in the test's thread (LocaleMiddleware activates
    and does not reset): the next test starts in the default language, whatever ran before."""
    from django.utils import translation

    yield
    translation.deactivate()

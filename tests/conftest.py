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
    """Signed in as the sign-in form does it: a publisher or administrator with a confirmed
    second factor, in a session verified by it (ledger.second_factor)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="test app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def publisher_client(db):
    return logged_in(PublisherFactory())


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's superuser client, verified with a second factor as a superuser must be."""
    return logged_in(admin_user)


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
    """The rate limits count every request a test process makes: off, except in the tests that
    set `API_ANON_RATE` or the others themselves (tests/api/test_api.py, tests/security), each
    from a clean count."""
    from django.core.cache import caches
    from django.test import override_settings

    caches["limits"].clear()
    with override_settings(API_ANON_RATE=None, DOWNLOAD_ANON_RATE=None, SEARCH_ANON_RATE=None):
        yield


@pytest.fixture(autouse=True)
def fresh_derived_values(settings):
    """Values kept per site version (`ledger.caching.derived`) outlive each test's rolled-back
    database, whose version starts over: each test starts from an empty cache."""
    from django.core.cache import caches

    from ledger.caching import derived

    caches[settings.PAGE_CACHE_ALIAS].clear()
    derived.forget()


@pytest.fixture(autouse=True)
def english_afterwards():
    """A /be/ request leaves Belarusian active in the test's thread (LocaleMiddleware activates
    and does not reset): the next test starts in the default language, whatever ran before."""
    from django.utils import translation

    yield
    translation.deactivate()

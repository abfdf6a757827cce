"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

No browser is downloaded: Playwright launches /usr/bin/chromium through `executable_path`, with
flags that stop it from reaching the network. Without that binary the tests are skipped, unless
CI=true, where a missing browser is an error.

Each test gets a fresh browser context (1280x900, downloads accepted) and a database holding the
seed fixture (fixtures/article.yaml), committed so that the live server's thread can read it.
"""

import os
from pathlib import Path

import pytest

from tests.factories import load_article

# Debian's Chromium; CHROMIUM_PATH points elsewhere (e.g. to check the skip when it is missing).
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Short on purpose: a page that hangs should fail the test in seconds, not stall the suite.
TIMEOUT_MS = 10_000
LAUNCH_TIMEOUT_MS = 30_000
VIEWPORT = {"width": 1280, "height": 900}

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"


def _missing_browser(reason):
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, closed (with Playwright's driver) at the end."""
    if not CHROMIUM.exists():
        _missing_browser(
            f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        _missing_browser("playwright is not installed (pip install -e '.[test]')")

    # Playwright's sync API runs an asyncio loop in this thread, which makes Django refuse ORM
    # calls from the test (loaddata, the transactional flush). Allow them while the browser
    # runs, and put the setting back afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=LAUNCH_TIMEOUT_MS,
        )
    except Exception as exc:
        playwright.stop()
        _restore_env("DJANGO_ALLOW_ASYNC_UNSAFE", previous)
        _missing_browser(f"Chromium at {CHROMIUM} did not start: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        _restore_env("DJANGO_ALLOW_ASYNC_UNSAFE", previous)


def _restore_env(name, value):
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


@pytest.fixture
def ledger_server(transactional_db, live_server):
    """The live server, with the seed fixture loaded into the database it reads."""
    load_article()
    return live_server


def new_page(browser, base_url, viewport=VIEWPORT):
    context = browser.new_context(
        base_url=base_url,
        viewport=viewport,
        accept_downloads=True,
        locale="en-GB",
        service_workers="block",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser, ledger_server):
    """A page in a new context per test, at 1280x900, against the loaded live server."""
    context, page = new_page(browser, ledger_server.url)
    yield page
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def screenshot(screenshot_dir):
    """screenshot(page, name): save a full-page PNG to artifacts/screenshots/<name>.png."""

    def take(page, name):
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take

"""What every response tells the browser and the caches in front of it: a Content-Security-Policy
without inline script, the browser features the site never uses switched off, and public pages
cacheable for a minute with an ETag while anything for a signed-in editor stays private.

The page cache (ledger.caching.pages) stores whole responses with their headers, so each header
here must be the same for every visitor: no per-request nonce, nothing keyed on the user.
"""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PUBLIC_PAGES = ["/", "/prisoners/", "/releases/", "/deals/", "/sources/", "/data/"]


def directives(response):
    policy = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_a_strict_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "nonce-" not in response.headers["Content-Security-Policy"]


def test_the_admin_carries_the_same_policy(editor_client):
    response = editor_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'"]


def test_public_pages_switch_off_what_the_site_never_uses(client):
    response = client.get("/prisoners/")

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    features = dict(
        part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(",")
    )
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def cache_control(response):
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")} - {""}


@pytest.mark.parametrize("path", PUBLIC_PAGES + ["/prisoners/export.csv"])
def test_anonymous_public_responses_may_be_cached_for_a_minute(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert cache_control(response) == {"public", "max-age=60"}


def test_public_pages_have_an_etag_and_answer_304_when_unchanged(client):
    f.PersonFactory(display_name="Etag Person")
    first = client.get("/prisoners/")
    etag = first.headers["ETag"]

    again = client.get("/prisoners/", headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""

    f.PersonFactory(display_name="Another Person")
    changed = client.get("/prisoners/", headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_a_signed_in_editor_gets_private_pages(editor_client):
    public_page = editor_client.get("/prisoners/")
    assert "private" in cache_control(public_page)
    assert "public" not in cache_control(public_page)

    admin_page = editor_client.get(reverse("admin:prisoners_person_changelist"))
    assert {"private", "no-store"} <= cache_control(admin_page)
    assert "public" not in cache_control(admin_page)


def test_the_admin_login_page_is_never_public(client):
    response = client.get(reverse("admin:login"))
    assert "public" not in cache_control(response)


def test_not_found_pages_are_not_made_cacheable(client):
    response = client.get("/prisoners/no-such-person/")
    assert response.status_code == 404
    assert "public" not in cache_control(response)


def test_a_page_cache_hit_replays_the_same_headers_and_honours_the_etag(settings):
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    visitor = Client()
    miss = visitor.get("/releases/")
    hit = visitor.get("/releases/")
    assert (miss.headers["X-Cache"], hit.headers["X-Cache"]) == ("miss", "hit")

    for name in ("Content-Security-Policy", "Permissions-Policy", "Cache-Control", "ETag"):
        assert hit.headers[name] == miss.headers[name]
    assert visitor.get("/releases/", headers={"if-none-match": hit["ETag"]}).status_code == 304
    caches[settings.PAGE_CACHE_ALIAS].clear()


# Inline script is what the policy forbids; an inline style would be silently dropped.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle\s*=|\son[a-z]+\s*=|javascript:",
    re.IGNORECASE,
)


def test_no_template_has_inline_script_or_style():
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []

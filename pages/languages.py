"""The interface languages: which one a first visit gets, and the same page in each of them.

English pages are unprefixed and /be/, /ru/, /pl/ hold the others (config.urls). Django's
LocaleMiddleware with `prefix_default_language=False` serves every unprefixed address in English
whatever the browser asks, so a Belarusian reader following a plain link would never see the
Belarusian pages. `FirstVisitLanguageMiddleware` sends such a reader to the prefixed page once:
when the visit comes from outside the site (no Referer from this host). A reader who then picks
English with the language switch arrives with this site as the Referer and stays in English.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import Resolver404, resolve, translate_url
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

# The URL namespaces that are served in every language (config.urls `i18n_patterns`).
TRANSLATED_NAMESPACES = {"pages", "prisoners", "releases"}


def is_translated_page(path):
    """An interface page (not a download, the admin, the API or a feed) at `path`."""
    try:
        # In the language an unprefixed address is in: this runs before LocaleMiddleware, while
        # the thread may still hold the language of its previous request.
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(path)
    except Resolver404:
        return False
    downloads = ("-csv", "-xlsx")
    return match.namespace in TRANSLATED_NAMESPACES and not match.url_name.endswith(downloads)


def language_links(request):
    """(code, name, url) of this page in each interface language, in settings.LANGUAGES order."""
    path = request.get_full_path()
    links = []
    for code, name in settings.LANGUAGES:
        links.append((code, name, translate_url(path, code)))
    return links


def comes_from_this_site(request):
    """A link followed on this site (the Referer names this host); a malformed one counts as
    outside, never as an error."""
    referer = request.META.get("HTTP_REFERER", "")
    try:
        return bool(referer) and urlsplit(referer).netloc == request.get_host()
    except ValueError:
        return False


class FirstVisitLanguageMiddleware:
    """Redirect a visit from outside the site to an unprefixed page to the same page in the
    browser's language, when that is one of the other interface languages.

    Placed before the page cache, so that a cached English page is never served to a reader
    who should have been redirected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = self.redirect_target(request)
        if target is None:
            return self.get_response(request)
        response = HttpResponseRedirect(target)
        # It depends on the visitor's headers: no shared cache may keep it.
        patch_vary_headers(response, ("Accept-Language", "Referer"))
        patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def redirect_target(request):
        if request.method not in ("GET", "HEAD"):
            return None
        if translation.get_language_from_path(request.path_info):
            return None
        if comes_from_this_site(request):
            return None
        language = translation.get_language_from_request(request)
        if language == settings.LANGUAGE_CODE:
            return None
        if not is_translated_page(request.path_info):
            return None
        with translation.override(settings.LANGUAGE_CODE):
            return translate_url(request.get_full_path(), language)

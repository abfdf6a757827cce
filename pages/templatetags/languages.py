"""The language switch and the hreflang alternates of every public page (pages.languages)."""

from django import template

from pages.languages import language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """[(code, name, url)] of the current page in each interface language; empty off a request."""
    request = context.get("request")
    if request is None:
        return []
    return language_links(request)

"""Template helpers for the public pages."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ledger import invisible_characters, publication, translated_text
from prisoners import wording

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one); page resets."""
    query = context["request"].GET.copy()
    if "page" not in changes:
        query.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("includes/citations.html")
def citations(record):
    """The sources behind one record (set by Citation.objects.attach_to as `record.cited`)."""
    # One entry per cited page: a page cited for two quotes is still one source here.
    unique = {}
    for citation in getattr(record, "cited", []):
        unique.setdefault((citation.source_id, citation.url or citation.pk), citation)
    return {"citations": list(unique.values())}


# The wording pages share with the CSVs lives in prisoners.wording; templates use it as
# filters: {{ release|partial_date:"released_on" }}, {{ claim|figure }}, {{ person|public_name }}.
register.filter("partial_date", wording.partial_date)
register.filter("figure", wording.figure_text)
register.filter("status_text", wording.status_text)
register.filter("public_label", wording.public_label)
register.filter("public_name", publication.public_name)
register.filter("status_with_date", wording.status_with_date)
register.filter("status_date", wording.status_date_text)
register.filter("expected_release", wording.expected_release_text)
register.filter("sentence", wording.sentence_text)
register.filter("standing_word", wording.standing_word)


@register.filter
def marked_name(person):
    """The name this page's language shows, isolated, and marked when no source gives that
    spelling verbatim (built by transliteration): `{{ person|marked_name }}`."""
    if not person.shown_name_is_constructed:
        return format_html("<bdi>{}</bdi>", person.shown_name)
    return format_html(
        '<bdi>{}</bdi> <small class="constructed">({})</small>',
        person.shown_name,
        _("constructed spelling"),
    )


# Bidi isolation for plain text where <bdi> cannot go (titles, attributes).
register.filter("isolated", invisible_characters.isolated)


@register.simple_tag
def translated(record, field_name):
    """A text written per language (ledger.translated_text), in the page's language or the
    first that has it: `{% translated person "role" as role %}{% if role %}…{{ role }}…`.
    A fallback is wrapped in its own language and says which one it is, so a Belarusian reader
    knows the English role is English and a screen reader pronounces it as English."""
    text = translated_text.text_in_language(record, field_name)
    if not text.is_fallback:
        return text.text
    return format_html(
        '<span lang="{}">{}</span> <small class="fallback">({})</small>',
        text.language,
        text.text,
        text.fallback_label,
    )


@register.simple_tag
def text(record, field_name):
    """A text written per language, inline (a title, a place, a label): the page's language, or
    the first that has it, marked with its language (`lang`) but without the "(in English)"
    note that `translated` adds, which would crowd a list of places or titles."""
    if record is None:
        return ""
    shown = translated_text.text_in_language(record, field_name)
    if not shown.is_fallback:
        return shown.text
    return format_html('<span lang="{}">{}</span>', shown.language, shown.text)


register.filter("facility_text", wording.facility_text)
# A word said of a person, in the form that agrees with their recorded gender:
# `{{ person|said_of:"Born" }}` (prisoners.wording.said_of; the msgid is in the catalogue).
register.filter("said_of", wording.said_of)

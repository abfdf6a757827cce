"""Template helpers for the public pages."""

from django import template

from prisoners import presentation, publication

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


@register.filter
def partial_date(record, field):
    """`{{ release|partial_date:"released_on" }}`: the date no more precisely than known."""
    return presentation.partial_date(record, field)


@register.filter
def sentence(months):
    """`{{ detention.sentence_months|sentence }}`: '1 year 6 months'."""
    return presentation.sentence_text(months)


@register.filter
def figure(claim):
    """`{{ claim|figure }}`: the claimed figure with its hedge ('more than 1,100')."""
    return presentation.figure_text(claim)


@register.filter
def status_text(person):
    return presentation.status_text(person)


@register.filter
def public_name(person):
    """A person's name, or 'a person whose name is withheld' where the public may not see it."""
    return publication.public_name(person)


@register.filter
def claimant(claim):
    return presentation.claimant_name(claim)


@register.filter
def public_label(record):
    """How a cited record is named in public (a claim by its topic, never by who made it)."""
    return presentation.public_label(record)

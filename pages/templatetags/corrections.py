"""`{% suggest_correction record %}`: the short form on every public record page that opens the
reader's correction form (pages.corrections)."""

from django import template

from pages.corrections import correction_url

register = template.Library()


@register.inclusion_tag("includes/suggest_correction.html")
def suggest_correction(record):
    return {"url": correction_url(record)}

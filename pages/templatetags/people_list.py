"""`{% people_rows object_list %}`: the rows of the people list, written in Python rather than
through the template engine.

A list page shows 50 people in six cells each; through `{% for %}` with filters and tags, those
rows were the largest part of a page rendered cold (about 300 template nodes per row at every
first visit after a save, docs/performance.md). This writes the same markup with the same
helpers (`prisoners.wording`, the `ledger` template tags), every value escaped by `format_html`:
tests/pages/test_people_rows.py holds it to the template's output.
"""

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from pages.templatetags.ledger import marked_name, translated
from prisoners import wording

register = template.Library()

ROW = (
    '\n      <tr role="row">\n'
    '        <th scope="row" role="rowheader" data-label="{name_label}"><a href="{url}">{name}</a>'
    "{role}</th>\n"
    '        <td role="cell" data-label="{status_label}"><span class="status status-{status}">'
    "{status_text}</span>{when}</td>\n"
    '        <td role="cell" data-label="{citizenship_label}">{countries}</td>\n'
    '        <td role="cell" data-label="{detained_label}">{detained}</td>\n'
    '        <td role="cell" data-label="{term_label}">{term}</td>\n'
    '        <td role="cell" data-label="{charges_label}"><bdi>{charges}</bdi></td>\n'
    "      </tr>\n    "
)


@register.simple_tag
def people_rows(people) -> SafeString:
    """The `<tr>` of each person (after `with_list_rows` and `attach_list_rows`)."""
    labels = {
        "name_label": gettext("Name"),
        "status_label": gettext("Status"),
        "citizenship_label": gettext("Citizenship"),
        "detained_label": gettext("Detained"),
        "term_label": gettext("Longest term"),
        "charges_label": gettext("Charges"),
    }
    # The same country or day recurs down a page: each written once (in the page's language).
    countries, days = {}, {}
    written = (person_row(person, labels, countries, days) for person in people)
    return mark_safe("".join(written))  # noqa: S308 - format_html escaped every value


def person_row(person, labels, countries, days) -> str:
    role = translated(person, "role")
    when = wording.status_date_text(person)
    detained = person.first_detained_on
    return format_html(
        ROW,
        url=person.get_absolute_url(),
        name=marked_name(person),
        role=format_html("<br><small><bdi>{}</bdi></small>", role) if role else "",
        status=person.status,
        status_text=wording.status_text(person),
        when=format_html("<br><small>{}</small>", when) if when else "",
        countries=", ".join(
            countries.get(country.code) or countries.setdefault(country.code, str(country.name))
            for country in person.citizenships
        ),
        detained=(days.get(detained) or days.setdefault(detained, date_format(detained, "j M Y")))
        if detained
        else "—",
        term=longest_term(person),
        charges=", ".join(person.row_charges) or "—",
        **labels,
    )


def longest_term(person) -> str:
    if person.longest_sentence_months is None:
        return "—"
    standing = wording.standing_word(person.row_term_standing)
    return format_html(
        "{}{}",
        wording.sentence_text(person.longest_sentence_months),
        format_html(' <small class="standing">({})</small>', standing) if standing else "",
    )

"""`{% people_rows object_list %}`: the rows of the people list, written in Python rather than
through the template engine.

A list page shows 50 people in six cells each; through `{% for %}` with filters and tags, those
rows were the largest part of a page rendered cold (about 300 template nodes per row at every
first visit after a save, docs/performance.md). This writes the same markup with the same
helpers (`prisoners.wording`, the `ledger` template tags), every value escaped by `format_html`:
tests/pages/test_people_rows.py holds it to the template's output.
"""

import datetime
import re

from django import template
from django.urls import reverse
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
    words = RowWords()
    written = (person_row(person, labels, words) for person in people)
    return mark_safe("".join(written))  # noqa: S308 - format_html escaped every value


class RowWords:
    """The words a page's rows repeat, each written once per page (in its language): the same
    country, day, status, date and term recur down a list, and each costs catalogue lookups."""

    def __init__(self):
        self.memo = {}
        # A person's address is the same pattern with their slug (reversed once, not per row).
        placeholder = "slug-of-the-person"
        self.url_parts = reverse("prisoners:person-detail", kwargs={"slug": placeholder}).split(
            placeholder
        )

    def once(self, key, write):
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = write()
            return value

    def url(self, person) -> str:
        if len(self.url_parts) == 2 and PLAIN_SLUG.fullmatch(person.slug or ""):
            return person.slug.join(self.url_parts)
        return person.get_absolute_url()

    def status(self, person) -> str:
        key = ("status", person.status, person.status_country, person.gender)
        return self.once(key, lambda: wording.status_text(person))

    def when(self, person) -> str:
        key = (
            "when",
            person.status,
            person.status_as_of,
            person.status_as_of_precision,
            person.status_since,
            person.status_since_precision,
        )
        return self.once(key, lambda: wording.status_date_text(person))

    def countries(self, person) -> str:
        names = (
            self.once(("country", country.code), lambda country=country: str(country.name))
            for country in person.citizenships
        )
        return ", ".join(names)

    def day(self, day) -> str:
        """`date_format(day, "j M Y")`: the month's abbreviation looked up once a page."""
        if not day:
            return "—"
        month = self.once(
            ("month", day.month), lambda: date_format(datetime.date(2000, day.month, 1), "M")
        )
        return f"{day.day} {month} {day.year:04d}"

    def term(self, person) -> str:
        key = ("term", person.longest_sentence_months, person.row_term_standing)
        return self.once(key, lambda: longest_term(person))


PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def person_row(person, labels, words: RowWords) -> str:
    role = translated(person, "role")
    when = words.when(person)
    return format_html(
        ROW,
        url=words.url(person),
        name=marked_name(person),
        role=format_html("<br><small><bdi>{}</bdi></small>", role) if role else "",
        status=person.status,
        status_text=words.status(person),
        when=format_html("<br><small>{}</small>", when) if when else "",
        countries=words.countries(person),
        detained=words.day(person.first_detained_on),
        term=words.term(person),
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

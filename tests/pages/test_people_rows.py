"""The people list's rows, written in Python (pages.templatetags.people_list), are the markup
the template wrote: every person of the seeded record and a few built to reach the edges (a
contested and an inferred term, a qualified charge, a role only in another language, markup in a
role), in every language, byte for byte against the template loop they replaced."""

import datetime

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

from pages.templatetags.people_list import people_rows
from prisoners.list_rows import attach_list_rows
from prisoners.models import ChargeQualifier, Person, Standing
from prisoners.wording import standing_word
from tests import factories as f

pytestmark = pytest.mark.django_db

# The loop of templates/prisoners/person_list.html before the rows moved to Python: the objects
# prefetched, each value through the template's own filters and tags.
TEMPLATE_LOOP = """{% load i18n ledger %}{% for person in object_list %}
      <tr role="row">
        <th scope="row" role="rowheader" data-label="{% translate "Name" %}"><a href="{{ person.get_absolute_url }}">{{ person|marked_name }}</a>{% translated person "role" as role %}{% if role %}<br><small><bdi>{{ role }}</bdi></small>{% endif %}</th>
        <td role="cell" data-label="{% translate "Status" %}"><span class="status status-{{ person.status }}">{{ person|status_text }}</span>{% with when=person|status_date %}{% if when %}<br><small>{{ when }}</small>{% endif %}{% endwith %}</td>
        <td role="cell" data-label="{% translate "Citizenship" %}">{% for country in person.citizenships %}{{ country.name }}{% if not forloop.last %}, {% endif %}{% endfor %}</td>
        <td role="cell" data-label="{% translate "Detained" %}">{{ person.first_detained_on|date:"j M Y"|default:"—" }}</td>
        <td role="cell" data-label="{% translate "Longest term" %}">{% if person.longest_sentence_months is not None %}{{ person.longest_sentence_months|sentence }}{% if person.template_standing %} <small class="standing">({{ person.template_standing }})</small>{% endif %}{% else %}—{% endif %}</td>
        <td role="cell" data-label="{% translate "Charges" %}"><bdi>{{ person.charge_articles|join:", "|default:"—" }}</bdi></td>
      </tr>
    {% endfor %}"""  # noqa: E501


def template_standing(person) -> str:
    """What the template's `term_standing` filter said, from the prefetched objects: the
    longest term's verdicts, contested before inferred."""
    longest = max(
        (d for d in person.detentions.all() if d.term_months is not None),
        key=lambda d: d.term_months,
        default=None,
    )
    verdicts = (
        [v for v in longest.verdicts.all() if v.sentence_months is not None] if longest else []
    )
    for standing in (Standing.CONTESTED, Standing.INFERRED):
        if any(v.standing == standing for v in verdicts):
            return standing_word(standing)
    return ""


def detained_with_verdict(person, months, standing, note):
    """A detention whose term is a verdict of that standing."""
    detention = f.DetentionFactory(person=person, sentence_months=None)
    f.VerdictFactory(
        detention=detention, sentence_months=months, standing=standing, standing_note=note
    )
    return detention


def edge_people():
    contested = detained_with_verdict(
        f.PersonFactory(display_name="Zq Contested", role="<script>x</script> & co"),
        120,
        Standing.CONTESTED,
        "Two reports",
    )
    f.VerdictFactory(detention=contested, sentence_months=60)
    # Contested and inferred on one term: "contested" is the word shown.
    f.VerdictFactory(
        detention=contested, sentence_months=100, standing=Standing.INFERRED, standing_note="Guess"
    )
    qualified = {"article": "342", "part": "1", "qualifier": ChargeQualifier.PREPARATION}
    f.ChargeFactory(detention=contested, **qualified)
    f.ChargeFactory(detention=contested, article="130", part="3")
    later = f.DetentionFactory(
        person=contested.person, detained_on="2023-01-05", sentence_months=24
    )
    f.ChargeFactory(detention=later, article="130", part="3")  # the same label: shown once
    detained_with_verdict(
        f.PersonFactory(display_name="Zq Inferred", role_be="Журналістка", citizenships=[]),
        36,
        Standing.INFERRED,
        "From the term",
    )
    f.PersonFactory(display_name="Zq Never Detained")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_rows_are_the_markup_the_template_wrote(language):
    f.load_article()
    edge_people()
    people = Person.public_objects.with_list_rows().order_by("sort_key", "pk")
    objects = list(people.prefetch_related("detentions__charges", "detentions__verdicts"))
    rows = list(people)
    assert len(rows) > 20
    with translation.override(language):
        attach_list_rows(rows)  # in the reader's language, as the view does
        for person in objects:
            person.template_standing = template_standing(person)
        expected = engines["django"].from_string(TEMPLATE_LOOP).render({"object_list": objects})
        written = people_rows(rows)
    assert written == expected
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in written  # escaped once, as before
    with translation.override("en"):
        attach_list_rows(rows)
    contested = next(person for person in rows if person.display_name == "Zq Contested")
    assert contested.row_term_standing == Standing.CONTESTED
    assert contested.row_charges == [
        "Art. 13 + Art. 342 part 1 (preparation)",
        "Art. 130 part 3",
    ]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_day_is_written_as_djangos_date_filter_writes_it(language):
    from django.utils.formats import date_format

    from pages.templatetags.people_list import RowWords

    days = [datetime.date(2025, month, day) for month in range(1, 13) for day in (1, 9, 28)]
    days += [datetime.date(999, 3, 4), datetime.date(2024, 2, 29)]
    with translation.override(language):
        words = RowWords()
        assert [words.day(day) for day in days] == [date_format(day, "j M Y") for day in days]
        assert words.day(None) == "—"

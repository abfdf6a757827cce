"""Values kept per site version (ledger.caching.derived): the held-over-time chart is computed
once, read from the cache while the record stays the same, and computed again after a save.

The page cache stays off (the suite's default): this cache works on every rendered page. Inside
a test's transaction nothing commits, so writes run under
`django_capture_on_commit_callbacks(execute=True)`, which moves the version on as a commit would.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prisoners.models import StatusPeriod
from tests import factories as f

pytestmark = pytest.mark.django_db

PERIODS = f'FROM "{StatusPeriod._meta.db_table}"'


def held_chart(client):
    """The chart's latest figure, and how many queries read the status periods to draw it."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(reverse("releases:release-list"))
    assert response.status_code == 200
    reads = [q["sql"] for q in context.captured_queries if PERIODS in q["sql"]]
    return response.context["held_chart"]["latest"], len(reads)


def test_the_held_chart_is_computed_once_per_version_and_again_after_a_save(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        held = [f.DetentionFactory(detained_on=datetime.date(2021, 3, 1)).person for _ in range(2)]
    # Computed: the chart's three grouped queries, and the years anyone was freed in.
    assert held_chart(client) == (2, 4)
    assert held_chart(client) == (2, 0)  # the same version: from the cache

    with django_capture_on_commit_callbacks(execute=True):
        release = f.ReleaseFactory(released_on=datetime.date(2025, 9, 11))
        f.ReleasedPersonFactory(person=held[0], release=release)
    assert held_chart(client) == (1, 4)  # the save moved the version on: computed again
    assert held_chart(client) == (1, 0)


def test_counted_filter_choices_are_read_once_per_version(
    client, django_capture_on_commit_callbacks
):
    """The citizenship and occupation choices count every public person (0.5 s a page at
    1,000,000 people): once per version of the record, then from the cache."""

    def choices_and_counting_queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(reverse("prisoners:person-list"))
        counting = [
            q for q in context.captured_queries if "COUNT(" in q["sql"] and "GROUP BY" in q["sql"]
        ]
        return dict(response.context["filter"].form.fields["citizenship"].choices), len(counting)

    with django_capture_on_commit_callbacks(execute=True):
        f.PersonFactory(citizenships=["BY"])
    first, counted = choices_and_counting_queries()
    # One GROUP BY per counted filter: citizenship, occupation, status, recognised by.
    assert first["BY"] == "Belarus (1)" and counted == 4
    assert choices_and_counting_queries() == (first, 0)
    with django_capture_on_commit_callbacks(execute=True):
        f.PersonFactory(citizenships=["BY", "PL"])
    after, counted = choices_and_counting_queries()
    assert (after["BY"], after["PL"], counted) == ("Belarus (2)", "Poland (1)", 4)


def test_a_served_page_checks_the_kept_values_generation_once(client, settings, monkeypatch):
    """A list page reads seven values kept per version; whether this process's copies still
    hold (the shared cache's generation) is read once for the page, not once per value, and
    read again for the next page, which sees a cache cleared in between."""
    from django.core.cache import caches

    settings.PAGE_CACHE_ENABLED = True
    cache = caches[settings.PAGE_CACHE_ALIAS]
    reads = []
    read = cache.get

    def counting_get(key, *args, **kwargs):
        if key.endswith(":generation"):
            reads.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    f.PersonFactory(citizenships=["BY"])
    assert client.get(reverse("prisoners:person-list")).status_code == 200  # values kept
    reads.clear()
    assert client.get(reverse("prisoners:person-list"), {"status": "held"}).status_code == 200
    assert len(reads) == 1
    cache.clear()
    response = client.get(reverse("prisoners:person-list"), {"status": "deported"})
    assert response.status_code == 200 and len(reads) > 1
    # Read again after the clear, and what was read is the record's.
    assert dict(response.context["filter"].form.fields["citizenship"].choices)["BY"] == (
        "Belarus (1)"
    )

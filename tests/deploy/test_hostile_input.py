"""Hostile input: every public address (from the URLconf) with random and malicious values in
every filter parameter, and XSS payloads in every text an editor can fill, rendered on every
public page, CSV, feed, API answer and admin view. No 5xx, nothing unescaped, nothing run.

Hypothesis draws the query strings (a bounded number of examples, derandomized so that CI sees
the same ones); a fixed sweep tries each kind of bad value in each parameter of each address.
"""

import re
from urllib.parse import quote

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.test import override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from ledger.withdrawal import withdraw
from tests import factories as f
from tests.admin.test_admin_export import export
from tests.admin.test_editing import change_form
from tests.hostile import (
    UNESCAPED,
    XSS,
    body_of,
    build_ledger,
    domain_models,
    fill_every_text_field,
    filter_parameters,
    public_addresses,
)

# Parameters any address may read besides its FilterSet's: paging, sorting, format, the API's.
EXTRA_PARAMETERS = ["page", "sort", "q", "format", "page_size", "limit", "offset", "cursor"]
# Each kind of trouble once, tried in every filter parameter: a number no column holds, an
# impossible date, a year past 9999, SQL with a NUL byte (PostgreSQL refuses NULs in text), and
# 10 kB behind a right-to-left override.
CORE = ["9" * 40, "2025-13-45", "99999-01-01", "' OR 1=1--\x00", "\u202e" + "x" * 10_000]
# More values for the random queries (percent-encoded on the way).
NASTY = [
    *CORE,
    "-99999999999999999999",
    "-1",
    "0",
    "1e400",
    "NaN",
    "0000-00-00",
    "2025-02-30",
    "1; DROP TABLE prisoners_person; --",
    "%_\\",
    "\ufeff\u200b",
    "𝕏𝕐ℤ",
    XSS[0],
    XSS[1],
    "../../etc/passwd",
    " ",
]
# What a detail address may be given instead of a slug or an id.
BAD_KEYS = ["9" * 40, "-1", "0", "%00", "x" * 300, "%E2%80%AEevil", "%ED%A0%80", "a%2Fb"]
# Query strings a browser cannot type: bytes that are no UTF-8 (a lone surrogate, encoded).
RAW_VALUES = ["%ED%A0%80", "%FF%FE%00", "%C0%AF"]


def query_string(pairs):
    return "&".join(f"{quote(key)}={quote(value, safe='')}" for key, value in pairs)


class HostileQueries:
    """GETs an address with a query and checks the answer."""

    def get(self, path, query):
        response = self.client.get(f"{path}?{query}" if query else path)
        body = body_of(response)  # a streamed CSV fails while streaming, if it fails
        where = f"{path}?{query[:200]}"
        assert response.status_code < 500, f"{where}: {response.status_code}"
        if response["Content-Type"].startswith("text/html"):
            for raw in UNESCAPED:
                assert raw not in body, f"{where} shows {raw!r} unescaped"
        return response


@override_settings(API_ANON_RATE=None)
class TestHostileQueries(HostileQueries, TestCase):
    @classmethod
    def setUpTestData(cls):
        f.load_article()
        cls.addresses = public_addresses(build_ledger())
        cls.parameters = {
            name: filter_parameters(name) + EXTRA_PARAMETERS for name in cls.addresses
        }

    def test_the_addresses_cover_every_public_surface(self):
        expected = {
            "pages:home",
            "prisoners:person-list",
            "prisoners:person-csv",
            "prisoners:person-detail",
            "prisoners:facility-list",
            "prisoners:facility-detail",
            "prisoners:source-list",
            "prisoners:source-detail",
            "releases:release-list",
            "releases:release-csv",
            "releases:release-detail",
            "releases:deal-list",
            "releases:deal-csv",
            "releases:deal-detail",
            "pages:data",
        }
        assert expected <= set(self.addresses)
        assert {"q", "held_on", "sentence_min"} <= set(self.parameters["prisoners:person-csv"])

    def test_each_kind_of_bad_value_in_each_filter_parameter(self):
        """Each (parameter, value) once, on the page, the CSV or the API in turn (they share the
        FilterSet; a value valid for one field must not break the query of another)."""
        families = {}
        for name, path in self.addresses.items():
            filters = tuple(self.parameters[name][: -len(EXTRA_PARAMETERS)])
            if filters:
                families.setdefault(filters, []).append(path)
        turn = 0
        for filters, paths in families.items():
            for parameter in filters:
                for value in CORE:
                    self.get(paths[turn % len(paths)], query_string([(parameter, value)]))
                    turn += 1
        assert len(families) >= 3  # people, releases, deals (and the API's own lists)

    def test_bad_paging_sorting_and_bytes_on_every_address(self):
        for name, path in self.addresses.items():
            parameters = self.parameters[name]
            repeated = [(p, v) for p in parameters for v in ("9" * 40, "-1")]
            self.get(path, query_string(repeated))
            raw = RAW_VALUES[len(path) % len(RAW_VALUES)]
            self.get(path, "&".join(f"{p}={raw}" for p in parameters) + "&page=%00")

    def test_bad_slugs_and_ids_in_every_detail_address(self):
        details = {n: p for n, p in self.addresses.items() if p.endswith("/") and p.count("/") > 2}
        assert {"prisoners:person-detail", "api:claim-detail"} <= set(details)
        for path in details.values():
            parent = path.rstrip("/").rsplit("/", 1)[0]
            for key in BAD_KEYS:
                response = self.get(f"{parent}/{key}/", "")
                assert response.status_code in (400, 404), f"{parent}/{key}/"

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_random_queries_on_random_addresses(self, data):
        name = data.draw(st.sampled_from(sorted(self.addresses)))
        values = st.one_of(
            st.sampled_from(NASTY),
            st.integers().map(str),
            st.dates().map(str),
            st.text(max_size=50),
            st.from_regex(r"-?[0-9]{1,30}(\.[0-9]{0,5})?(e[0-9]{1,4})?", fullmatch=True),
        )
        pairs = data.draw(
            st.lists(st.tuples(st.sampled_from(self.parameters[name]), values), max_size=6)
        )
        self.get(self.addresses[name], query_string(pairs))


class TestUrlFields:
    @pytest.mark.django_db
    def test_a_javascript_address_is_refused_in_every_url_field(self):
        build_ledger()
        checked = []
        for model in domain_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, models.URLField)]
            record = model._base_manager.first()
            for field in fields:
                setattr(record, field.attname, "javascript:alert(1)")
                with pytest.raises(ValidationError) as refused:
                    record.full_clean()
                assert field.name in refused.value.error_dict
                setattr(record, field.attname, "")
                checked.append(f"{model.__name__}.{field.name}")
        assert {"Source.url", "Citation.url", "Deal.instrument_url"} <= set(checked)

    @pytest.mark.django_db
    def test_the_admin_refuses_a_javascript_address(self, editor_client):
        source = f.SourceFactory()
        url = reverse("admin:prisoners_source_change", args=[source.pk])
        data = {**change_form(editor_client, url), "url": "javascript:alert(1)"}
        response = editor_client.post(url, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["url"] == ["Enter a valid URL."]


@pytest.mark.django_db
def test_payloads_in_every_text_field_are_escaped_everywhere(client, admin_client):
    records = build_ledger()
    filled = fill_every_text_field(XSS)
    assert {"Person", "Source", "Release", "Deal", "Facility", "Citation"} <= {m for m, _ in filled}
    checker = HostileQueries()
    checker.client = client
    with override_settings(API_ANON_RATE=None):
        for path in public_addresses(records).values():
            response = checker.get(path, "")
            if not response["Content-Type"].startswith("text/html"):
                body = body_of(response)
                assert "html" not in response["Content-Type"]
                if "xml" in response["Content-Type"]:  # a feed: text is escaped XML
                    assert not re.search(r"<(script|img)\b", body), path
    checker.client = admin_client
    for model in admin.site._registry:
        info = model._meta.app_label, model._meta.model_name
        checker.get(reverse("admin:{}_{}_changelist".format(*info)), "")
        checker.get(reverse("admin:{}_{}_changelist".format(*info)), "q=a")
        record = model._base_manager.first()
        if record is not None:
            for view in ("change", "history"):
                checker.get(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[record.pk]), "")
    person = records["person"]
    checker.get(reverse("admin:prisoners_person_delete", args=[person.pk]), "")
    person.names.first().delete()
    checker.get(reverse("deleted-records"), "")
    withdraw(records["release"])
    checker.get(reverse("admin:releases_release_changelist"), "withdrawn=yes")
    exported = export(admin_client, "csv")
    assert XSS[0] in exported  # as data, in a file served as CSV

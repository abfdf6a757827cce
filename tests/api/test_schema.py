"""schemathesis against the API's own OpenAPI schema: for every operation, requests generated from
the schema (valid ones, and ones that break it) never get a 5xx, and every response matches the
schema (status code, content type, headers, body); invalid input is refused with a 4xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.interchange.test_dataset import rich_ledger

# Per operation and mode (14 operations valid, 9 invalid): about 80 s a database on 2 cores.
EXAMPLES = 20


def check_operation(operation, mode):
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,  # the same requests on every run
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate()

    try:
        check()
    except Unsatisfiable:
        # Nothing in this operation can break the schema: there is no invalid request to send.
        assert mode == GenerationMode.NEGATIVE, operation.label


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, which keeps the test's database connection open between
    requests as Django's test client does (each request would otherwise close it, ending the
    test's transaction on PostgreSQL)."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield get_wsgi_application()
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_honours_its_schema(db, wsgi_app, mode):
    # A ledger with every kind of record, public and not, so lists and details have content.
    rich_ledger()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 18  # a list and a detail for each of the 9 kinds of record
    for operation in operations:
        if mode == GenerationMode.NEGATIVE and operation.path.endswith("{slug}/"):
            continue  # a free-text slug is the only parameter: no request can break the schema
        check_operation(operation, mode)


def test_the_schema_is_generated_without_guesses(db, tmp_path):
    """Every parameter's type is declared, not guessed: a guess (drf-spectacular's warning,
    "Defaulting to string") would tell clients that `?year=` takes any text."""
    from django.core.management import call_command

    call_command("spectacular", "--fail-on-warn", "--validate", "--file", tmp_path / "schema.yml")
    assert "name: year" in (tmp_path / "schema.yml").read_text()

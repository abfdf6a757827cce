"""No real person is named in the code's help texts or in the API's schema: an example names an
invented person. The real people are those of the seeded record (fixtures/article.yaml)."""

import re

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

PROJECT_APPS = {"ledger", "prisoners", "releases", "interchange", "pages"}


def real_name_words():
    """Every word of at least four letters in any spelling of a seeded person's name."""
    records = yaml.safe_load((settings.BASE_DIR / "fixtures" / "article.yaml").read_text())
    names = [
        record["fields"].get("display_name") or record["fields"].get("name")
        for record in records
        if record["model"] in {"prisoners.person", "prisoners.personname"}
    ]
    words = {word for name in names for word in re.findall(r"\w{4,}", name)}
    # A given name alone names no one (and "Maria" is a word of many texts); surnames do.
    return {word for word in words if word.lower() not in {"maria", "john", "donald"}}


def named_in(text, words):
    return sorted(word for word in words if re.search(rf"\b{re.escape(word)}\b", text))


def test_the_seed_names_are_read():
    words = real_name_words()
    assert {"Poczobut", "Bialiatski", "Пачобут"} <= words


def test_no_help_text_names_a_real_person():
    words = real_name_words()
    found = {}
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            text = f"{getattr(field, 'help_text', '')} {getattr(field, 'verbose_name', '')}"
            if named := named_in(text, words):
                found[f"{model._meta.label}.{field.name}"] = named
    assert found == {}


@pytest.mark.django_db
def test_the_openapi_schema_names_no_real_person(tmp_path):
    call_command("spectacular", "--file", tmp_path / "schema.yml")
    schema = (tmp_path / "schema.yml").read_text()
    assert "sort_name" in schema  # the help text that used to name one is in it
    assert named_in(schema, real_name_words()) == []

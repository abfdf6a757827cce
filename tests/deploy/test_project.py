import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_editors_group_is_created_by_migration():
    from django.contrib.auth.models import Group

    editors = Group.objects.get(name="Editors")
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_person", "change_release", "add_citation", "view_historicalperson"} <= codenames
    assert "delete_citation" not in codenames  # editors delete nothing (docs/roles.md)
    assert "change_historicalperson" not in codenames
    assert "add_user" not in codenames

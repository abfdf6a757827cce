"""Names and free text are shown in bidi isolation, so a direction control in one (a
right-to-left override) cannot turn the text around it; the admin warns about such characters."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from ledger.invisible_characters import invisible_characters, isolated
from prisoners.models import Person
from tests import factories as f
from tests.admin.test_editing import change_form
from tests.hostile import RLO, body_of, build_ledger, exposed_controls, fill_every_text_field
from tests.hostile import public_addresses as addresses_of

pytestmark = pytest.mark.django_db

SPOOFED = f"Ivan{RLO}vokitep"


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return body_of(response)


def test_a_name_with_a_right_to_left_override_is_isolated_on_every_page_naming_it(client):
    person = f.PersonFactory(display_name=SPOOFED, role=f"{RLO}role")
    release = f.ReleaseFactory()
    f.ReleasedPersonFactory(release=release, person=person)
    for url in (
        reverse("prisoners:person-list"),
        person.get_absolute_url(),
        release.get_absolute_url(),
    ):
        html = page(client, url)
        assert f"<bdi>{SPOOFED}</bdi>" in html, url
        assert exposed_controls(html) == [], url


def test_the_page_title_isolates_the_name_and_leaves_plain_names_alone(client):
    person = f.PersonFactory(display_name=SPOOFED)
    html = page(client, person.get_absolute_url())
    assert f"<title>\u2068{SPOOFED}\u2069 · Release Ledger</title>" in html
    assert isolated("Андрэй Пачобут") == "Андрэй Пачобут"


def test_every_text_an_editor_fills_is_isolated_on_every_public_page(client):
    records = build_ledger()
    fill_every_text_field(f"Zq{RLO}gnp")
    exposed = {}
    for name, url in addresses_of(records).items():
        response = client.get(url)
        assert response.status_code < 500, url
        if response["Content-Type"].startswith("text/html"):
            found = exposed_controls(body_of(response))
            if found:
                exposed[name] = found
    assert exposed == {}, "\n".join(f"{k}: {v}" for k, v in exposed.items())


def test_the_admin_overrides_isolate_names(publisher_client):
    person = f.PersonFactory(display_name=SPOOFED)
    html = page(publisher_client, reverse("admin:prisoners_person_delete", args=[person.pk]))
    assert f"“<bdi>{SPOOFED}</bdi>”" in html


def test_invisible_and_direction_characters_are_named():
    assert invisible_characters("An\u00addrzej\u200b Poczo\u202ebut\u2066") == [
        "U+00AD SOFT HYPHEN",
        "U+200B ZERO WIDTH SPACE",
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+2066 LEFT-TO-RIGHT ISOLATE",
    ]
    assert invisible_characters("Андрэй Пачобут, Łukašenka") == []


class TestAdminWarning:
    def messages(self, response):
        return [str(message) for message in get_messages(response.wsgi_request)]

    def test_saving_a_name_with_an_override_warns_and_still_saves(self, editor_client):
        person = f.PersonFactory(display_name="Ivan Petrov")
        url = reverse("admin:prisoners_person_change", args=[person.pk])
        data = {**change_form(editor_client, url), "display_name": SPOOFED}
        response = editor_client.post(url, data)
        assert response.status_code == 302
        assert Person.private_objects.get(pk=person.pk).display_name == SPOOFED
        [warning] = [m for m in self.messages(response) if "invisible" in m]
        assert warning == (
            f"The display name “<bdi>{SPOOFED}</bdi>” holds invisible or direction-changing "
            "characters (U+202E RIGHT-TO-LEFT OVERRIDE). They can make a name look like "
            "another, or turn the text around it: retype it unless a source really spells it so."
        )

    def test_a_spelling_with_a_zero_width_space_warns(self, editor_client):
        person = f.PersonFactory()
        f.PersonNameFactory(person=person, name="Andrzej\u200bPoczobut")
        url = reverse("admin:prisoners_person_change", args=[person.pk])
        response = editor_client.post(url, change_form(editor_client, url))
        assert response.status_code == 302
        [warning] = [m for m in self.messages(response) if "invisible" in m]
        assert "U+200B ZERO WIDTH SPACE" in warning and warning.startswith("The spelling")

    def test_a_plain_name_gives_no_warning(self, editor_client):
        person = f.PersonFactory(display_name="Андрэй Пачобут")
        url = reverse("admin:prisoners_person_change", args=[person.pk])
        response = editor_client.post(url, change_form(editor_client, url))
        assert response.status_code == 302
        assert not [m for m in self.messages(response) if "invisible" in m]

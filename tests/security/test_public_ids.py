"""Citations and claims are shown by a random public id, not by their database key, whose
sequence would tell how many there are and, by its gaps, that some are hidden."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from ledger.slugs import PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH
from prisoners.models import Citation, Claim
from tests import factories as f

pytestmark = pytest.mark.django_db


def is_public_id(value):
    return len(value) == PUBLIC_ID_LENGTH and set(value) <= set(PUBLIC_ID_ALPHABET)


def test_each_claim_and_citation_gets_its_own_random_id():
    claims = [f.ClaimFactory() for _ in range(3)]
    citations = [f.CitationFactory() for _ in range(3)]
    ids = [record.public_id for record in claims + citations]
    assert all(is_public_id(value) for value in ids)
    assert len(set(ids)) == 6
    claims[0].refresh_from_db()
    assert claims[0].public_id == ids[0]  # stable: saved, not made per read


def test_the_api_shows_and_finds_claims_by_public_id_only(client):
    claim = f.ClaimFactory()
    [shown] = client.get("/api/claims/").json()["results"]
    assert shown["id"] == claim.public_id
    assert shown["url"].endswith(f"/api/claims/{claim.public_id}/")
    assert client.get(f"/api/claims/{claim.public_id}/").status_code == 200
    assert client.get(f"/api/claims/{claim.pk}/").status_code == 404


def test_the_api_shows_and_finds_citations_by_public_id_only(client):
    citation = f.CitationFactory()
    [shown] = client.get("/api/citations/").json()["results"]
    assert shown["id"] == citation.public_id
    assert shown["api_url"].endswith(
        reverse("api:citation-detail", kwargs={"public_id": citation.public_id})
    )
    assert client.get(f"/api/citations/{citation.public_id}/").status_code == 200
    assert client.get(f"/api/citations/{citation.pk}/").status_code == 404
    [embedded] = client.get(f"/api/people/{citation.content_object.slug}/").json()["citations"]
    assert embedded["id"] == citation.public_id


def test_the_migration_gives_existing_rows_ids_and_their_history_the_same():
    migration = importlib.import_module("prisoners.migrations.0023_i21_public_ids")
    claim, other = f.ClaimFactory(), f.ClaimFactory()
    citation = f.CitationFactory()
    Claim.private_objects.filter(pk=claim.pk).update(public_id="old1")
    Claim.private_objects.filter(pk=other.pk).update(public_id="old2")
    Citation.private_objects.filter(pk=citation.pk).update(public_id="old3")
    Claim.history.filter(id=claim.pk).update(public_id="old1")

    migration.fill_public_ids(apps, None)

    claim.refresh_from_db()
    other.refresh_from_db()
    citation.refresh_from_db()
    assert all(is_public_id(r.public_id) for r in (claim, other, citation))
    assert len({claim.public_id, other.public_id, citation.public_id}) == 3
    assert set(Claim.history.filter(id=claim.pk).values_list("public_id", flat=True)) == {
        claim.public_id
    }


def test_a_release_on_a_list_is_anchored_by_its_slug(client):
    release = f.ReleaseFactory()
    page = client.get(reverse("releases:release-list")).content.decode()
    assert f'id="release-{release.slug}"' in page
    assert f'id="release-{release.pk}"' not in page

"""The dataset bundle: a valid Frictionless Data Package of the public record only, the same bytes
for the same records, and a round trip through an empty database that gives the bundle back."""

import csv
import datetime
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from frictionless import validate

from interchange.dataset.bundle import build_bundle
from interchange.dataset.tables import TABLES
from ledger.models import SiteVersion
from ledger.publication import WITHHELD_PERSON
from prisoners.models import Person, Visibility
from releases.models import Release
from tests import factories as f

AS_OF = "2026-03-19T12:00:00Z"


def rich_ledger():
    """At least one row for every table, next to records the public may not see."""
    source = f.SourceFactory(slug="viasna", name="Viasna", other_names="Вясна / Viasna 96")
    facility = f.FacilityFactory(slug="colony-1")
    journalist = f.OccupationFactory(name="journalist", slug="journalist")
    person = f.PersonFactory(
        display_name="Ihar Losik",
        slug="ihar-losik",
        birth_date=datetime.date(1992, 1, 1),
        birth_date_precision="year",
        citizenships=["BY", "PL"],
        role="journalist",
        role_be="журналіст",
        summary_pl="Dziennikarz.",
    )
    person.occupations.add(journalist)
    f.PersonNameFactory(person=person, name="Ігар Лосік", language="be", script="Cyrl")
    f.ExternalIdentifierFactory(person=person, identifier="4242")
    detention = f.DetentionFactory(person=person, detained_on=datetime.date(2020, 6, 25))
    f.ChargeFactory(detention=detention, article="342")
    f.VerdictFactory(detention=detention, kind="appeal", sentence_months=180)
    f.StayFactory(person=person, facility=facility)
    f.RecognitionFactory(person=person)
    withheld = f.PersonFactory(display_name="Zqwithheld Person", visibility=Visibility.WITHHELD)
    f.PersonFactory(display_name="Zqdraft Person", visibility=Visibility.DRAFT)
    envoy = f.ActorFactory(display_name="John Coale", slug="john-coale", role="US envoy")
    hidden_envoy = f.ActorFactory(display_name="Zqhidden Envoy", visibility=Visibility.WITHHELD)
    release = f.ReleaseFactory(
        slug="september-2025", summary="Fifty-two freed.", summary_ru="Освобождены 52."
    )
    release.envoys.add(envoy, hidden_envoy)
    f.ReleasedPersonFactory(release=release, person=person)
    f.ReleasedPersonFactory(release=release, person=withheld)
    second = f.ReleaseFactory(slug="june-2025", released_on=datetime.date(2025, 6, 21))
    for _ in range(2):
        f.ReleasedPersonFactory(release=second, person=f.PersonFactory(visibility="withheld"))
    f.NotableOmissionFactory(
        release=release, person=f.PersonFactory(slug="ales"), reported_by=source
    )
    item = f.BreakdownItemFactory(breakdown=f.ReportedBreakdownFactory(release=release))
    draft_release = f.ReleaseFactory(title="Zqdraft Release", is_published=False)
    deal = f.DealFactory(slug="belavia", announced_by=f.ActorFactory(visibility="withheld"))
    deal.releases.add(release, draft_release)
    f.ConcessionFactory(deal=deal)
    f.ClaimFactory(topic="Held now", claimed_by=source)
    f.ClaimFactory(topic="Freed", subject=release, claimed_by=None, claimed_by_person=withheld)
    f.ClaimFactory(topic="Envoy said", subject=person, claimed_by=None, claimed_by_person=envoy)
    f.ClaimFactory(topic="Zqsecret topic", subject=draft_release)
    for record in [person, detention, release, deal, item.breakdown, facility]:
        f.CitationFactory(source=source, content_object=record, quote="“Quoted” text, with, commas")
    f.CitationFactory(content_object=withheld, title="Zqsecret citation")


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def export(tmp_path, name="bundle.zip", as_of=AS_OF) -> bytes:
    out = tmp_path / name
    call_command("export_dataset", str(out), "--as-of", as_of, stdout=io.StringIO())
    return out.read_bytes()


def table(files, name):
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"].decode())))


def empty_the_database():
    """Delete every record, dependants first (the tables are declared in dependency order)."""
    for model in [*(t.model for t in reversed(TABLES)), Person]:
        model._base_manager.all().delete()


@pytest.fixture
def ledger(db):
    rich_ledger()


def test_the_bundle_is_a_valid_data_package(ledger, tmp_path):
    folder = tmp_path / "bundle"
    with zipfile.ZipFile(io.BytesIO(export(tmp_path))) as archive:
        archive.extractall(folder)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["as_of"] == package["created"] == AS_OF
    resources = {r["name"]: r for r in package["resources"]}
    assert {t.name for t in TABLES} | {"people-popolo"} == set(resources)
    patronymic = next(
        field for field in resources["people"]["schema"]["fields"] if field["name"] == "patronymic"
    )
    assert patronymic["description"] == Person._meta.get_field("patronymic").help_text


def test_every_table_has_rows_and_only_public_ones(ledger, tmp_path):
    files = unzip(export(tmp_path))
    for t in TABLES:
        assert table(files, t.name), f"{t.name}.csv is empty: the fixture misses a case"
    text = b"".join(files.values()).decode()
    assert "Zq" not in text and "zqhidden" not in text.lower()
    people = {row["slug"]: row for row in table(files, "people")}
    assert set(people) == {"ihar-losik", "ales", "john-coale"}
    assert people["john-coale"]["kind"] == "actor" and people["john-coale"]["status"] == ""
    assert people["ihar-losik"]["birth_date_precision"] == "year"
    releases = {row["slug"]: row for row in table(files, "releases")}
    assert releases["september-2025"]["named_count"] == "1"
    assert releases["september-2025"]["withheld_count"] == "1"
    assert releases["september-2025"]["envoys"] == "john-coale"
    [deal] = table(files, "deals")
    assert (deal["releases"], deal["announced_by"], deal["announced_by_name"]) == (
        "september-2025",
        "",
        WITHHELD_PERSON,
    )
    popolo = json.loads(files["data/people.json"])
    [losik] = [p for p in popolo["persons"] if p["id"] == "ihar-losik"]
    assert losik["birth_date"] == "1992"
    assert {"name": "Ігар Лосік", "note": "Belarusian, Cyrillic", "lang": "be-Cyrl"} in losik[
        "other_names"
    ]


def test_claims_and_citations_trace_each_figure_to_who_said_it(ledger, tmp_path):
    files = unzip(export(tmp_path))
    claims = {row["topic"]: row for row in table(files, "claims")}
    assert claims["Held now"]["claimed_by"] == "viasna" and claims["Held now"]["subject"] == ""
    assert claims["Freed"]["claimed_by_person_name"] == WITHHELD_PERSON
    assert (claims["Envoy said"]["subject_type"], claims["Envoy said"]["subject"]) == (
        "person",
        "ihar-losik",
    )
    citations = table(files, "citations")
    kinds = {row["record_type"] for row in citations}
    assert {"person", "detention", "release", "deal", "reportedbreakdown", "facility"} == kinds
    ids = {t.model._meta.model_name: {r["id"] for r in table(files, t.name)} for t in TABLES}
    assert all(row["record_id"] in ids[row["record_type"]] for row in citations)
    assert citations[0]["quote"] == "“Quoted” text, with, commas"


def test_urls_are_absolute_on_the_configured_site(ledger, tmp_path, settings):
    settings.SITE_BASE_URL = "https://ledger.example"
    files = unzip(export(tmp_path))
    [release] = [r for r in table(files, "releases") if r["slug"] == "september-2025"]
    assert release["url"] == "https://ledger.example/releases/september-2025/"
    assert release["api_url"] == "https://ledger.example/api/releases/september-2025/"
    assert all(
        r["record_url"].startswith("https://ledger.example/") for r in table(files, "citations")
    )


def test_the_same_records_and_as_of_give_the_same_bytes_and_hash(ledger, tmp_path):
    first = export(tmp_path, "a.zip")
    assert export(tmp_path, "b.zip") == first
    files = unzip(first)
    package = json.loads(files["datapackage.json"])
    lines = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name.split('/')[-1]}\n"
        for name, data in sorted(files.items())
        if name.startswith("data/")
    )
    assert package["content_hash"] == f"sha256:{hashlib.sha256(lines.encode()).hexdigest()}"
    later = json.loads(unzip(export(tmp_path, "c.zip", "2026-04-01"))["datapackage.json"])
    assert later["content_hash"] == package["content_hash"]  # the data did not change
    assert later["as_of"] == "2026-04-01T00:00:00Z"


@pytest.mark.parametrize("data", ["factories", "article"])
def test_round_trip_through_an_empty_database_is_identical(db, tmp_path, data):
    rich_ledger() if data == "factories" else f.load_article()
    SiteVersion.objects.update_or_create(pk=SiteVersion.ROW, defaults={"version": 500})
    first = export(tmp_path, "first.zip")
    empty_the_database()
    SiteVersion.objects.filter(pk=SiteVersion.ROW).update(version=3)  # a new database's
    call_command("import_dataset", str(tmp_path / "first.zip"), stdout=io.StringIO())
    second = export(tmp_path, "second.zip")
    if second != first:  # say which file differs, and where
        a, b = unzip(first), unzip(second)
        for name in sorted(a, key=lambda name: name == "datapackage.json"):
            assert a[name].decode().splitlines() == b[name].decode().splitlines(), name
    assert second == first
    assert json.loads(unzip(second)["datapackage.json"])["revision"] == 500


def test_import_refuses_a_database_that_holds_records(ledger, tmp_path):
    export(tmp_path)
    people = Person.private_objects.count()
    with pytest.raises(CommandError, match="already holds records .*empty database only"):
        call_command("import_dataset", str(tmp_path / "bundle.zip"))
    assert Person.private_objects.count() == people


def rewrite(bundle: bytes, path: str, edit) -> bytes:
    """The bundle with one file edited and its hash, size and the content hash made to match,
    as a careless tool would leave it: only the database can refuse it now."""
    from interchange.dataset.bundle import content_hash, sha256

    files = unzip(bundle)
    files[path] = edit(files[path].decode()).encode()
    package = json.loads(files["datapackage.json"])
    for resource in package["resources"]:
        data = files[resource["path"]]
        resource.update(hash=f"sha256:{sha256(data)}", bytes=len(data))
    package["content_hash"] = content_hash(
        {k: v for k, v in files.items() if k != "datapackage.json"}
    )
    files["datapackage.json"] = json.dumps(package).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_import_is_all_or_nothing_and_names_the_bad_cell(ledger, tmp_path):
    bundle = export(tmp_path)
    empty_the_database()
    # The last table breaks: every table before it was already written, and must be undone.
    broken = rewrite(
        bundle, "data/citations.csv", lambda text: text.replace(",day,", ",someday,", 1)
    )
    path = tmp_path / "broken.zip"
    path.write_bytes(broken)
    with pytest.raises(CommandError, match=r"citations\.csv line 2, published_on_precision"):
        call_command("import_dataset", str(path))
    assert not Person.private_objects.exists()
    bad_date = rewrite(bundle, "data/people.csv", lambda t: t.replace("1992-01-01", "1992-13-01"))
    path.write_bytes(bad_date)
    with pytest.raises(CommandError, match=r"people\.csv line \d+, birth_date"):
        call_command("import_dataset", str(path))


def test_import_refuses_a_changed_bundle(ledger, tmp_path):
    files = unzip(export(tmp_path))
    empty_the_database()
    files["data/people.csv"] = files["data/people.csv"].replace(b"Ihar", b"Igor")
    path = tmp_path / "changed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    with pytest.raises(CommandError, match="people.csv does not match the SHA-256"):
        call_command("import_dataset", str(path))
    (tmp_path / "not.zip").write_text("hello")
    with pytest.raises(CommandError, match="not a readable zip"):
        call_command("import_dataset", str(tmp_path / "not.zip"))


def test_build_reads_one_snapshot(ledger):
    files = build_bundle(datetime.datetime(2026, 3, 19, tzinfo=datetime.UTC))
    assert list(files)[0] == "datapackage.json"


def test_formula_cells_are_quoted_and_come_back_as_they_were(db, tmp_path):
    """A text cell a spreadsheet would run (CSV injection) is written with a leading `'`, as in
    every other export; the import takes exactly that quote off again."""
    names = ['=HYPERLINK("http://x.example")', "'=already quoted", "-Minus", "@SUM(1)"]
    for number, name in enumerate(names):
        f.PersonFactory(display_name=name, slug=f"formula-{number}", sort_name=name)
    first = export(tmp_path, "first.zip")
    people = {row["slug"]: row for row in table(unzip(first), "people")}
    written = [people[f"formula-{number}"]["name"] for number in range(len(names))]
    assert written == ["'" + name for name in names]
    empty_the_database()
    call_command("import_dataset", str(tmp_path / "first.zip"), stdout=io.StringIO())
    stored = Person.private_objects.filter(slug__startswith="formula-").order_by("slug")
    assert [person.display_name for person in stored] == names
    assert export(tmp_path, "second.zip") == first


def test_texts_in_each_language_and_the_readers_spellings_come_back(db, tmp_path):
    rich_ledger()
    export(tmp_path, "first.zip")
    empty_the_database()
    call_command("import_dataset", str(tmp_path / "first.zip"), stdout=io.StringIO())
    losik = Person.private_objects.get(slug="ihar-losik")
    assert (losik.role_be, losik.summary_pl, losik.name_be) == (
        "журналіст",
        "Dziennikarz.",
        "Ігар Лосік",
    )
    assert Release.private_objects.get(slug="september-2025").summary_ru == "Освобождены 52."

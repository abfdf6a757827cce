"""No cell of a public CSV runs as a spreadsheet formula (CSV injection, OWASP): a text cell
starting with =, +, -, @, a tab or a carriage return gets a leading '. Numbers and dates are not
text and stay as they are."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from interchange.csv_files.writer import neutralise
from tests import factories as f

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1)"]


def read_csv(client, url_name):
    response = client.get(reverse(url_name))
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(body)))


def test_people_named_as_formulas_are_neutralised(client):
    for name in FORMULAS:
        f.PersonFactory(display_name=name)
    minus = f.PersonFactory(display_name="Minus Role", role="-2+3", patronymic="\tcmd")
    f.PersonNameFactory(person=minus, name="@other")

    rows = {row["slug"]: row for row in read_csv(client, "prisoners:person-csv")}

    names = sorted(row["name"] for row in rows.values())
    assert names == sorted(["'" + name for name in FORMULAS] + ["Minus Role"])
    assert rows[minus.slug]["role"] == "'-2+3"
    assert rows[minus.slug]["patronymic"] == "'\tcmd"
    assert rows[minus.slug]["other_names"] == "'@other [en-Latn]"


def test_numbers_and_dates_are_left_alone():
    assert neutralise(-3) == "-3"
    assert neutralise(96) == "96"
    assert neutralise(datetime.date(2021, 3, 25)) == "2021-03-25"
    assert neutralise("-3") == "'-3"
    assert neutralise(None) == ""


def test_a_person_s_numeric_and_date_cells_stay_numbers(client):
    person = f.PersonFactory(display_name="Dated Person", birth_date=datetime.date(1980, 1, 2))
    f.DetentionFactory(person=person, detained_on=datetime.date(2021, 3, 25), sentence_months=96)

    [row] = read_csv(client, "prisoners:person-csv")

    assert row["birth_date"] == "1980-01-02"
    assert row["first_detained_on"] == "2021-03-25"
    assert row["longest_sentence_months"] == "96"


def test_release_and_deal_cells_are_neutralised(client):
    release = f.ReleaseFactory(title=FORMULAS[0], broker_description="+cmd")
    deal = f.DealFactory(title=FORMULAS[2])
    deal.releases.add(release)

    [release_row] = read_csv(client, "releases:release-csv")
    [deal_row] = read_csv(client, "releases:deal-csv")

    assert release_row["title"] == "'" + FORMULAS[0]
    assert release_row["broker_description"] == "'+cmd"
    assert release_row["reported_count"] == "52"
    assert deal_row["title"] == "'" + FORMULAS[2]

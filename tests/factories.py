"""factory_boy factories for every model: tests build what they need, fixtures are for seed data."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from prisoners import models as p
from releases import models as r


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")
    kind = p.SourceKind.INDEPENDENT_MEDIA
    country = "PL"


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Occupation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"occupation {n}")
    slug = factory.Sequence(lambda n: f"occupation-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Person

    display_name = factory.Sequence(lambda n: f"Prisoner Number{n}")
    slug = factory.Sequence(lambda n: f"prisoner-{n}")
    kind = p.PersonKind.PRISONER
    visibility = p.Visibility.PUBLISHED
    citizenships = ["BY"]


class ActorFactory(PersonFactory):
    display_name = factory.Sequence(lambda n: f"Official Number{n}")
    slug = factory.Sequence(lambda n: f"official-{n}")
    kind = p.PersonKind.ACTOR


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.PersonName

    person = factory.SubFactory(PersonFactory)
    name = factory.Sequence(lambda n: f"Variant {n}")
    language = p.Language.ENGLISH
    script = p.Script.LATIN


class DetentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Detention

    person = factory.SubFactory(PersonFactory)
    detained_on = datetime.date(2021, 3, 25)
    place = "Hrodna"

    @classmethod
    def _create(cls, model_class, *args, sentence_months=96, sentence_kind=None, **kwargs):
        """A detention with one first-instance verdict (`sentence_months=None`: no verdict yet)."""
        detention = super()._create(model_class, *args, **kwargs)
        if sentence_months is not None:
            p.Verdict.private_objects.create(
                detention=detention,
                decided_on=detention.detained_on,
                sentence_months=sentence_months,
                sentence_kind=sentence_kind or p.SentenceKind.PENAL_COLONY,
            )
            detention.refresh_from_db()
        return detention


class ChargeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Charge

    detention = factory.SubFactory(DetentionFactory)
    article = "130"
    part = "3"
    description = "inciting hatred"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Citation

    source = factory.SubFactory(SourceFactory)
    content_object = factory.SubFactory(PersonFactory)
    url = factory.Sequence(lambda n: f"https://example.org/story/{n}")
    title = "A report"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Claim

    topic = "Political prisoners held"
    statement = "More than 1,100 political prisoners are held."
    value = 1100
    value_qualifier = p.ValueQualifier.MORE_THAN
    claimed_by = factory.SubFactory(SourceFactory)


class ReleaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Release

    title = factory.Sequence(lambda n: f"Release {n}")
    slug = factory.Sequence(lambda n: f"release-{n}")
    is_published = True
    released_on = datetime.date(2025, 9, 11)
    reported_count = 52
    broker = "US"
    destinations = ["LT"]


class ReleasedPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.ReleasedPerson

    release = factory.SubFactory(ReleaseFactory)
    person = factory.SubFactory(PersonFactory)
    outcome = p.ReleaseOutcome.DEPORTED
    destination = "LT"


class ReportedBreakdownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.ReportedBreakdown

    release = factory.SubFactory(ReleaseFactory)
    label = "Foreign nationals"
    reported_by = factory.SubFactory(SourceFactory)
    total = 14


class BreakdownItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.BreakdownItem

    breakdown = factory.SubFactory(ReportedBreakdownFactory)
    label = "Lithuanian citizens"
    country = "LT"
    count = 6


class NotableOmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.NotableOmission

    release = factory.SubFactory(ReleaseFactory)
    person = factory.SubFactory(PersonFactory)
    reported_by = factory.SubFactory(SourceFactory)


class DealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Deal

    title = factory.Sequence(lambda n: f"Deal {n}")
    slug = factory.Sequence(lambda n: f"deal-{n}")
    is_published = True
    parties = ["US", "BY"]
    announced_on = datetime.date(2025, 9, 11)
    instrument = "OFAC Belarus General License No. 11"


class ConcessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.Concession

    deal = factory.SubFactory(DealFactory)
    kind = r.ConcessionKind.SANCTIONS_RELIEF
    beneficiary = "Belavia Belarusian Airlines"
    description = "Transactions involving Belavia authorised."


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Verdict

    detention = factory.SubFactory(DetentionFactory, sentence_months=None)
    kind = p.VerdictKind.FIRST_INSTANCE
    decided_on = datetime.date(2022, 2, 8)
    sentence_months = 96
    sentence_kind = p.SentenceKind.PENAL_COLONY


class FacilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Facility

    name = factory.Sequence(lambda n: f"Penal colony No. {n + 1}")
    slug = factory.Sequence(lambda n: f"penal-colony-{n + 1}")
    town = "Navapolatsk"


class StayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Stay

    person = factory.SubFactory(PersonFactory)
    facility = factory.SubFactory(FacilityFactory)
    reported_on = datetime.date(2025, 3, 27)


class RecognitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.Recognition

    person = factory.SubFactory(PersonFactory)
    recogniser = p.Recogniser.VIASNA
    recognised_on = datetime.date(2021, 4, 1)


def role_group(name):
    """Puts the user in one of the role groups the migrations create (docs/roles.md)."""

    @factory.post_generation
    def role(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=name))

    return role


class EditorFactory(factory.django.DjangoModelFactory):
    """A staff user in the Editors group created by the migration: what editors really have."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True
    role = role_group("Editors")


class PublisherFactory(EditorFactory):
    username = factory.Sequence(lambda n: f"publisher{n}")
    role = role_group("Publishers")


class AdministratorFactory(EditorFactory):
    """An administrator by role (the group), not a superuser."""

    username = factory.Sequence(lambda n: f"administrator{n}")
    role = role_group("Administrators")


def empty_inline_management_data(*prefixes):
    """Management-form fields for admin inlines submitted with no rows."""
    data = {}
    for prefix in prefixes:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


PERSON_ADMIN_INLINES = (
    "names",
    "detentions",
    "stays",
    "recognitions",
    "external_ids",
    "prisoners-citation-content_type-object_id",
    "prisoners-claim-subject_content_type-subject_object_id",
)


def load_article():
    """The seed as `manage.py seed` loads it: the fixture, its translations, then every derived
    status."""
    from django.core.management import call_command

    from interchange.seed_translations import apply_translations
    from prisoners.status import refresh_all_statuses

    call_command("loaddata", "article", "sanctions", verbosity=0)
    apply_translations()
    refresh_all_statuses()


class ExternalIdentifierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = p.ExternalIdentifier

    person = factory.SubFactory(PersonFactory)
    scheme = p.IdentifierScheme.VIASNA
    identifier = factory.Sequence(lambda n: str(1000 + n))


class SanctionsEntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.SanctionsEntity

    name = factory.Sequence(lambda n: f"Entity Number{n}")
    slug = factory.Sequence(lambda n: f"entity-{n}")
    kind = r.EntityKind.COMPANY
    country = "BY"
    is_published = True


class SanctionsActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = r.SanctionsAct
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Act Number{n}")
    slug = factory.Sequence(lambda n: f"act-{n}")
    authority = r.SanctionsAuthority.OFAC
    kind = r.SanctionsActKind.GENERAL_LICENCE
    issued_on = datetime.date(2025, 9, 11)
    is_published = True

    @factory.post_generation
    def entities(self, create, extracted, **kwargs):
        if create and extracted:
            self.entities.set(extracted)

    @factory.post_generation
    def delivers(self, create, extracted, **kwargs):
        if create and extracted:
            self.delivers.set(extracted)

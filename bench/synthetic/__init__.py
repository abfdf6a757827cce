"""Synthetic records for measuring the site at scale, and what marks them as synthetic.

`manage.py generate_synthetic` fills an empty database with made-up people, releases and deals
shaped like the real record (docs/performance.md). Nothing synthetic may ever be mistaken for a
real person or mixed with one, so every synthetic record carries a marker a query can test:

- every record with a slug (person, facility, source, occupation, release, deal) has a slug that
  starts with `syn-`; records without a slug hang off one that has (a detention off its person,
  a freed person off the release and the person), and every citation and claim points to a
  synthetic source, the first of which is named "Synthetic data (not real)";
- the summaries of people, releases and deals, the notes of facilities and the descriptions of
  sources say it, so a page read by a person says so too; citation links go to the reserved
  `.invalid` domain.

`non_synthetic_models()` uses the same rules to refuse to generate into a database that holds
anything else. The names are made in `names`, the records planned in `plan` (pure Python, the
same for the same seed) and written in bulk by `writer`.
"""

from django.apps import apps
from django.db.models import Q

from prisoners.models import Source

PREFIX = "syn-"
SOURCE_NAME = "Synthetic data (not real)"
URL_ROOT = "https://synthetic-data.invalid"
# The summary or note of every synthetic record a page shows: "... not a real person."
NOT_REAL = "Synthetic record made by generate_synthetic for performance tests: not a real {}."

#: For each model, the path to the slug that makes its rows synthetic. A model of either app that
#: is missing here counts as non-synthetic whenever it has rows: a new model must be added here
#: (and to the generator) before synthetic data can be mixed with it.
SLUG_PATHS = {
    "prisoners.occupation": ["slug"],
    "prisoners.person": ["slug"],
    "prisoners.personname": ["person__slug"],
    "prisoners.namekey": ["person__slug"],
    "prisoners.statusperiod": ["person__slug"],
    "prisoners.detention": ["person__slug"],
    "prisoners.verdict": ["detention__person__slug"],
    "prisoners.charge": ["detention__person__slug"],
    "prisoners.facility": ["slug"],
    "prisoners.stay": ["person__slug", "facility__slug"],
    "prisoners.recognition": ["person__slug"],
    "prisoners.externalidentifier": ["person__slug"],
    "prisoners.source": ["slug"],
    "prisoners.citation": ["source__slug"],
    "prisoners.claim": ["claimed_by__slug"],
    "releases.release": ["slug"],
    "releases.releasedperson": ["release__slug", "person__slug"],
    "releases.notableomission": ["release__slug", "person__slug", "reported_by__slug"],
    "releases.reportedbreakdown": ["release__slug", "reported_by__slug"],
    "releases.breakdownitem": ["breakdown__release__slug"],
    "releases.deal": ["slug"],
    "releases.concession": ["deal__slug"],
}


def synthetic_condition(model) -> Q | None:
    """The rows of `model` that are synthetic; None for a model with no rule."""
    paths = SLUG_PATHS.get(model._meta.label_lower)
    if paths is None:
        return None
    condition = Q()
    for path in paths:
        condition &= Q(**{f"{path}__startswith": PREFIX})
    return condition


def domain_models():
    """Every model of the two apps that holds records (history tables excluded)."""
    for app_label in ("prisoners", "releases"):
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in SLUG_PATHS or hasattr(model, "private_objects"):
                yield model


def all_rows(model):
    # NameKey and StatusPeriod have a plain `objects`; the others only the two named managers.
    return getattr(model, "private_objects", None) or model._default_manager


def non_synthetic_models() -> list[str]:
    """Names of the models that hold at least one row that is not synthetic."""
    found = []
    for model in domain_models():
        rows = all_rows(model).all()
        condition = synthetic_condition(model)
        if condition is not None:
            rows = rows.exclude(condition)
        if rows.exists():
            found.append(str(model._meta.verbose_name_plural))
    return found


def holds_synthetic() -> bool:
    return Source.private_objects.filter(slug__startswith=PREFIX).exists()

"""Hostile data for tests/deploy/test_hostile_input.py and tests/pages/test_bidi.py: a ledger
whose every text an editor can fill holds a payload, every public address from the URLconf, and
the checks run on what comes back."""

from html.parser import HTMLParser

from django.contrib import admin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from prisoners.models import PersonKind, Visibility
from tests import factories as f

XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]
# What must never reach an HTML page unescaped, whichever payload (or cut of it) was stored.
UNESCAPED = ["<script>alert", "<img src=x", 'href="javascript:', "href='javascript:"]
RLO = "\u202e"
FSI, PDI = "\u2068", "\u2069"
# A URL that URLField validation accepts, carrying markup: it must come out escaped.
MARKUP_URL = 'https://example.org/"><script>alert(1)</script>'
# The kinds of record a detail address names, found in the URL's name ("api:person-detail").
DETAIL_KINDS = [
    "person",
    "release",
    "deal",
    "facility",
    "source",
    "claim",
    "citation",
    "entity",
    "sanctions-act",
]


def build_ledger():
    """One published record of every kind, each tied to the others as on the real site."""
    person = f.PersonFactory(role="journalist", summary="A summary.", patronymic="Viktaravich")
    f.PersonNameFactory(person=person, note="A note.")
    detention = f.DetentionFactory(person=person, notes="Notes.")
    f.ChargeFactory(detention=detention)
    facility = f.FacilityFactory(postal_address="ul. 1\nTown", notes="Notes.")
    f.StayFactory(person=person, facility=facility, note="A note.")
    f.RecognitionFactory(person=person, note="A note.")
    f.ExternalIdentifierFactory(person=person, url="https://example.org/id")
    source = f.SourceFactory(other_names="Other", description="A description.")
    release = f.ReleaseFactory(
        summary="A summary.", broker_description="The broker", reported_count_source=source
    )
    actor = f.ActorFactory(role="envoy")
    release.envoys.add(actor)
    freed = f.ReleasedPersonFactory(release=release, person=person, note="A note.")
    breakdown = f.ReportedBreakdownFactory(release=release, reported_by=source, note="A note.")
    f.BreakdownItemFactory(breakdown=breakdown)
    f.NotableOmissionFactory(release=release, reported_by=source, note="A note.")
    deal = f.DealFactory(summary="A summary.", announced_by=actor, instrument_url="https://x.org")
    deal.releases.add(release)
    concession = f.ConcessionFactory(deal=deal)
    entity = f.SanctionsEntityFactory(note="A note.")
    act = f.SanctionsActFactory(
        summary="A summary.", official_url="https://x.org", entities=[entity], delivers=[concession]
    )
    for record in (person, detention, facility, release, freed, breakdown, deal, concession, act):
        f.CitationFactory(
            content_object=record, source=source, quote="A quote.", note="A note.", title="T"
        )
    claim = f.ClaimFactory(claimed_by=source, subject=person, assessment_note="A note.")
    f.ClaimFactory(claimed_by=None, claimed_by_person=actor, subject=release)
    f.CitationFactory(content_object=claim, source=source)
    occupation = f.OccupationFactory()
    person.occupations.add(occupation)
    assert actor.kind == PersonKind.ACTOR and person.visibility == Visibility.PUBLISHED
    return {
        "person": person,
        "release": release,
        "deal": deal,
        "facility": facility,
        "source": source,
        "claim": claim,
        "citation": claim.citations.first(),
        "entity": entity,
        "sanctions-act": act,
    }


def text_fields(model):
    """The text an editor types: char and text fields that are no slug, choice or URL."""
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.SlugField | models.URLField) or field.choices:
            continue
        if not field.editable or field.name in {"sort_name"}:
            continue
        yield field


def domain_models():
    """The models editors fill in the admin (derived ones, such as search keys, are not)."""
    return [
        model
        for model in admin.site._registry
        if model._meta.app_label in ("prisoners", "releases") and any(text_fields(model))
    ]


def fill_every_text_field(texts, url=MARKUP_URL):
    """Put one of `texts` (in turn, field after field) in every text field of every row,
    prefixed by the row's id so that unique fields stay unique, and cut to the field's length;
    `url` goes in every URL field."""
    texts, turn, filled = ([texts] if isinstance(texts, str) else texts), 0, []
    for model in domain_models():
        for pk in model._base_manager.values_list("pk", flat=True):
            values = {}
            for field in text_fields(model):
                text, turn = texts[turn % len(texts)], turn + 1
                values[field.name] = f"{pk} {text}"[: field.max_length or None]
            for field in model._meta.concrete_fields:
                if isinstance(field, models.URLField):
                    values[field.name] = url[: field.max_length]
            model._base_manager.filter(pk=pk).update(**values)
            filled.append((model.__name__, sorted(values)))
    return filled


def url_patterns(resolver=None, prefix="", namespace=""):
    """(route, name, pattern) of every address in the URLconf but the admin's."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith("admin/"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_patterns(pattern, route, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not route.startswith("admin/"):
            yield route, f"{namespace}{pattern.name}", pattern


def public_addresses(records):
    """{url name: path} for every named public address; a detail address gets the record of
    the kind its name says (by its slug or pk, whichever the route asks for)."""
    from django.urls import NoReverseMatch, reverse

    found = {}
    for _route, name, pattern in url_patterns():
        keys = list(pattern.pattern.regex.groupindex)
        if keys == ["format"]:
            continue  # the same address with a format suffix
        if not keys:
            try:
                found[name] = reverse(name)
            except NoReverseMatch:
                continue
            continue
        kind = next((kind for kind in DETAIL_KINDS if kind in name.split(":")[-1]), None)
        if kind is None or kind not in records or len(keys) != 1 or "format" in keys:
            continue
        record = records[kind]
        key = keys[0]
        value = record.pk if key in ("pk", "id") else getattr(record, key, record.pk)
        try:
            found[name] = reverse(name, kwargs={key: value})
        except NoReverseMatch:
            continue
    return found


def filter_parameters(name):
    """The query parameters of the FilterSet behind a public address (form field names)."""
    from django.urls import resolve, reverse

    try:
        match = resolve(reverse(name))
    except Exception:
        return []
    view = getattr(match.func, "view_class", None) or getattr(match.func, "cls", None)
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is None:
        return []
    return list(filterset_class().form.fields)


def body_of(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


class BidiIsolation(HTMLParser):
    """Finds a direction control outside bidi isolation: text not inside a `<bdi>`, an element
    with `dir`, or an element shown on its own (an option, a text box), and attribute values,
    unless first-strong and pop isolates enclose it."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}
    OWN_BOX = {"option", "textarea", "script", "style"}

    def __init__(self, control=RLO):
        super().__init__(convert_charrefs=True)
        self.control, self.stack, self.exposed = control, [], []

    def handle_starttag(self, tag, attrs):
        for attribute, value in attrs:
            if value and tag not in ("input", "textarea", "option") and not self.wrapped(value):
                self.exposed.append(f"<{tag} {attribute}=…>: {value[:80]!r}")
        if tag not in self.VOID:
            self.stack.append(tag == "bdi" or "dir" in dict(attrs) or tag in self.OWN_BOX)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.control in data and not any(self.stack) and not self.wrapped(data):
            self.exposed.append(repr(data[:80]))

    def wrapped(self, text):
        """Every control in `text` lies between an FSI and its PDI."""
        depth = 0
        for char in text:
            if char == FSI:
                depth += 1
            elif char == PDI:
                depth = max(0, depth - 1)
            elif char == self.control and depth == 0:
                return False
        return True


def exposed_controls(html, control=RLO):
    """What of `html` holds `control` outside bidi isolation."""
    checker = BidiIsolation(control)
    checker.feed(html)
    return checker.exposed

"""Closed vocabularies shared by the models, the filters, the import and the exports."""

from django.db import models


class SourceKind(models.TextChoices):
    GOVERNMENT = "government", "Government or official body"
    STATE_MEDIA = "state_media", "State or public media"
    INDEPENDENT_MEDIA = "independent_media", "Independent media"
    NGO = "ngo", "NGO or human-rights group"
    INTERNATIONAL_BODY = "international_body", "International body"
    AGENCY = "agency", "News or photo agency"
    OTHER = "other", "Other"


class PersonKind(models.TextChoices):
    PRISONER = "prisoner", "Political prisoner (current or former)"
    ACTOR = "actor", "Other actor (official, negotiator, public figure)"


class Visibility(models.TextChoices):
    DRAFT = "draft", "Draft: not public"
    PUBLISHED = "published", "Published"
    WITHHELD = "withheld", "Withheld: counted in figures, never named in public"


class Status(models.TextChoices):
    """A person's situation, derived from detentions and release outcomes (never typed by hand)."""

    HELD = "held", "Held"
    RELEASED_IN_COUNTRY = "released_in_country", "Released inside the country"
    DEPORTED = "deported", "Released and deported or transferred abroad"
    REFUSED_DEPORTATION = "refused_deportation", "Refused deportation, returned to custody"
    DECEASED = "deceased", "Deceased"
    UNKNOWN = "unknown", "Unknown"


class ReleaseOutcome(models.TextChoices):
    """What became of a person freed in a release. Used by `releases.ReleasedPerson`."""

    DEPORTED = "deported", "Deported or transferred abroad"
    REFUSED_RETURNED = "refused_returned", "Refused to leave, taken back into custody"
    RELEASED_IN_COUNTRY = "released_in_country", "Released inside the country"
    UNKNOWN = "unknown", "Unknown"


class Language(models.TextChoices):
    BELARUSIAN = "be", "Belarusian"
    RUSSIAN = "ru", "Russian"
    POLISH = "pl", "Polish"
    ENGLISH = "en", "English"
    LITHUANIAN = "lt", "Lithuanian"
    UKRAINIAN = "uk", "Ukrainian"
    GERMAN = "de", "German"
    FRENCH = "fr", "French"
    LATVIAN = "lv", "Latvian"
    OTHER = "und", "Other or undetermined"


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", "Cyrillic"
    LATIN = "Latn", "Latin"  # Belarusian in Latin script is Łacinka


class CriminalCode(models.TextChoices):
    BELARUS = "BY-CC", "Criminal Code of the Republic of Belarus"
    BELARUS_ADMIN = "BY-CAO", "Code of Administrative Offences of the Republic of Belarus"
    RUSSIA = "RU-CC", "Criminal Code of the Russian Federation"
    OTHER = "other", "Other"


class SentenceKind(models.TextChoices):
    PENAL_COLONY = "penal_colony", "Penal colony"
    PRISON = "prison", "Prison"
    RESTRICTED_FREEDOM = "restricted_freedom", "Restricted freedom (\u201chimia\u201d)"
    HOME_CONFINEMENT = "home_confinement", "Home confinement"
    FINE = "fine", "Fine"
    OTHER = "other", "Other"


class Regime(models.TextChoices):
    GENERAL = "general", "General regime"
    REINFORCED = "reinforced", "Reinforced regime"
    STRICT = "strict", "Strict regime"
    SPECIAL = "special", "Special regime"
    PRISON = "prison", "Prison regime"
    OPEN = "open", "Open-type correctional facility"


class DetentionEnd(models.TextChoices):
    PARDONED = "pardoned", "Pardoned"
    SENTENCE_SERVED = "sentence_served", "Sentence served"
    RELEASED_EARLY = "released_early", "Released early (health, parole, other)"
    ACQUITTED = "acquitted", "Acquitted or case closed"
    DIED = "died", "Died in custody"
    OTHER = "other", "Other"


class ValueQualifier(models.TextChoices):
    EXACTLY = "exactly", "exactly"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    ABOUT = "about", "about"
    FEWER_THAN = "fewer_than", "fewer than"


class Assessment(models.TextChoices):
    UNASSESSED = "unassessed", "Not assessed"
    CORROBORATED = "corroborated", "Corroborated by other sources"
    DISPUTED = "disputed", "Disputed by other sources"
    CONTRADICTED = "contradicted", "Contradicted by later reports"

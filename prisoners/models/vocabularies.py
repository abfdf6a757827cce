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
    RELEASED = "released", "Released; where to was not reported"
    DECEASED = "deceased", "Deceased"
    UNKNOWN = "unknown", "Unknown"


#: Statuses in which a person is behind bars (the `held_on` filter and the held-over-time chart).
IN_CUSTODY = (Status.HELD, Status.REFUSED_DEPORTATION)


class ReleaseOutcome(models.TextChoices):
    """What became of a person freed in a release. Used by `releases.ReleasedPerson`."""

    DEPORTED = "deported", "Deported or transferred abroad"
    REFUSED_RETURNED = "refused_returned", "Refused to leave, taken back into custody"
    RELEASED_IN_COUNTRY = "released_in_country", "Released inside the country"
    STAYED_VOLUNTARILY = "stayed_voluntarily", "Offered exile, stayed in the country by choice"
    EXIT_BAN = "exit_ban", "Released inside the country, barred from leaving it"
    UNKNOWN = "unknown", "Freed; what became of them was not reported"


class ReleaseKind(models.TextChoices):
    """The legal form of a release, as reported."""

    PARDON_EXPULSION = "pardon_expulsion", "Pardon with forced expulsion"
    PARDON = "pardon", "Pardon"
    TRANSFER = "transfer", "Transfer to a third state"
    EXCHANGE = "exchange", "Prisoner exchange"
    END_OF_TERM = "end_of_term", "End of term"
    PAROLE = "parole", "Parole (conditional early release)"
    AMNESTY = "amnesty", "Amnesty"
    HEALTH = "health", "Early release on health grounds"
    OTHER = "other", "Other"


class Standing(models.TextChoices):
    """How firmly a value stands: what a source said, what the editors inferred, or disputed."""

    REPORTED = "reported", "Reported by a source"
    INFERRED = "inferred", "Inferred: no source states it directly"
    CONTESTED = "contested", "Contested: sources disagree"


class Gender(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"


class VerdictKind(models.TextChoices):
    """A court decision in a case. An added sentence lengthens the term; the others set it."""

    FIRST_INSTANCE = "first_instance", "First-instance verdict"
    APPEAL = "appeal", "Appeal ruling"
    REVIEW = "review", "Supervisory review"
    ADDED = "added", "Added sentence (new conviction while serving)"


class ChargeQualifier(models.TextChoices):
    """The general-part article that qualifies a charge (Belarusian Criminal Code, Art. 13-16)."""

    PREPARATION = "preparation", "Preparation"
    ATTEMPT = "attempt", "Attempt"
    COMPLICITY = "complicity", "Complicity"


class ChargeStage(models.TextChoices):
    CHARGED = "charged", "Charged"
    CONVICTED = "convicted", "Convicted"
    DROPPED = "dropped", "Dropped"
    ACQUITTED = "acquitted", "Acquitted"


class FacilityKind(models.TextChoices):
    PENAL_COLONY = "penal_colony", "Penal colony"
    PRISON = "prison", "Prison"
    PRE_TRIAL = "pre_trial", "Pre-trial detention centre (SIZO)"
    TEMPORARY = "temporary", "Temporary detention facility"
    OPEN_COLONY = "open_colony", "Open-type correctional facility"
    PSYCHIATRIC = "psychiatric", "Psychiatric hospital"
    OTHER = "other", "Other"


class Recogniser(models.TextChoices):
    """Bodies whose recognition of political prisoners researchers follow."""

    VIASNA = "viasna", "Viasna Human Rights Centre"
    BELARUSIAN_HR = "belarusian_hr", "Joint statement of Belarusian human-rights organisations"
    MEMORIAL = "memorial", "Memorial"
    AMNESTY = "amnesty", "Amnesty International (prisoner of conscience)"
    CECC = "cecc", "Congressional-Executive Commission on China"
    OTHER = "other", "Other"


class IdentifierScheme(models.TextChoices):
    """Other databases of political prisoners, for matching records."""

    VIASNA = "viasna", "Viasna political prisoners database"
    OVD_INFO = "ovd_info", "OVD-Info"
    CECC = "cecc", "CECC political prisoner database"
    WIKIDATA = "wikidata", "Wikidata"
    OTHER = "other", "Other"


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

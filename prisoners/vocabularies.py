"""Closed vocabularies shared by the models, the filters, the import and the exports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    GOVERNMENT = "government", _("Government or official body")
    STATE_MEDIA = "state_media", _("State or public media")
    INDEPENDENT_MEDIA = "independent_media", _("Independent media")
    NGO = "ngo", _("NGO or human-rights group")
    INTERNATIONAL_BODY = "international_body", _("International body")
    AGENCY = "agency", _("News or photo agency")
    OTHER = "other", _("Other")


class PersonKind(models.TextChoices):
    PRISONER = "prisoner", _("Political prisoner (current or former)")
    ACTOR = "actor", _("Other actor (official, negotiator, public figure)")


class Visibility(models.TextChoices):
    DRAFT = "draft", _("Draft: not public")
    PUBLISHED = "published", _("Published")
    WITHHELD = "withheld", _("Withheld: counted in figures, never named in public")


class Status(models.TextChoices):
    """A person's situation, derived from detentions and release outcomes (never typed by hand)."""

    HELD = "held", _("Held")
    RELEASED_IN_COUNTRY = "released_in_country", _("Released inside the country")
    DEPORTED = "deported", _("Released and deported or transferred abroad")
    REFUSED_DEPORTATION = "refused_deportation", _("Refused deportation, returned to custody")
    RELEASED = "released", _("Released; where to was not reported")
    DECEASED = "deceased", _("Deceased")
    UNKNOWN = "unknown", _("Unknown")


#: Statuses in which a person is behind bars (the `held_on` filter and the held-over-time chart).
IN_CUSTODY = (Status.HELD, Status.REFUSED_DEPORTATION)
#: Out of custody, alive: the statuses a person is freed into.
FREED = (Status.RELEASED_IN_COUNTRY, Status.DEPORTED, Status.RELEASED)


class ReleaseOutcome(models.TextChoices):
    """What became of a person freed in a release. Used by `releases.ReleasedPerson`."""

    DEPORTED = "deported", _("Deported or transferred abroad")
    REFUSED_RETURNED = "refused_returned", _("Refused to leave, taken back into custody")
    RELEASED_IN_COUNTRY = "released_in_country", _("Released inside the country")
    STAYED_VOLUNTARILY = "stayed_voluntarily", _("Offered exile, stayed in the country by choice")
    EXIT_BAN = "exit_ban", _("Released inside the country, barred from leaving it")
    UNKNOWN = "unknown", _("Freed; what became of them was not reported")


class ReleaseKind(models.TextChoices):
    """The legal form of a release, as reported."""

    PARDON_EXPULSION = "pardon_expulsion", _("Pardon with forced expulsion")
    PARDON = "pardon", _("Pardon")
    TRANSFER = "transfer", _("Transfer to a third state")
    EXCHANGE = "exchange", _("Prisoner exchange")
    END_OF_TERM = "end_of_term", _("End of term")
    PAROLE = "parole", _("Parole (conditional early release)")
    AMNESTY = "amnesty", _("Amnesty")
    HEALTH = "health", _("Early release on health grounds")
    OTHER = "other", _("Other")


class Standing(models.TextChoices):
    """How firmly a value stands: what a source said, what the editors inferred, or disputed."""

    REPORTED = "reported", _("Reported by a source")
    INFERRED = "inferred", _("Inferred: no source states it directly")
    CONTESTED = "contested", _("Contested: sources disagree")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")


class VerdictKind(models.TextChoices):
    """A court decision in a case. An added sentence lengthens the term; the others set it."""

    FIRST_INSTANCE = "first_instance", _("First-instance verdict")
    APPEAL = "appeal", _("Appeal ruling")
    REVIEW = "review", _("Supervisory review")
    ADDED = "added", _("Added sentence (new conviction while serving)")


class ChargeQualifier(models.TextChoices):
    """The general-part article that qualifies a charge (Belarusian Criminal Code, Art. 13-16)."""

    PREPARATION = "preparation", _("Preparation")
    ATTEMPT = "attempt", _("Attempt")
    COMPLICITY = "complicity", _("Complicity")


class ChargeStage(models.TextChoices):
    CHARGED = "charged", _("Charged")
    CONVICTED = "convicted", _("Convicted")
    DROPPED = "dropped", _("Dropped")
    ACQUITTED = "acquitted", _("Acquitted")


class FacilityKind(models.TextChoices):
    PENAL_COLONY = "penal_colony", _("Penal colony")
    PRISON = "prison", _("Prison")
    PRE_TRIAL = "pre_trial", _("Pre-trial detention centre (SIZO)")
    TEMPORARY = "temporary", _("Temporary detention facility")
    OPEN_COLONY = "open_colony", _("Open-type correctional facility")
    PSYCHIATRIC = "psychiatric", _("Psychiatric hospital")
    OTHER = "other", _("Other")


class Recogniser(models.TextChoices):
    """Bodies whose recognition of political prisoners researchers follow."""

    VIASNA = "viasna", _("Viasna Human Rights Centre")
    BELARUSIAN_HR = "belarusian_hr", _("Joint statement of Belarusian human-rights organisations")
    MEMORIAL = "memorial", _("Memorial")
    AMNESTY = "amnesty", _("Amnesty International (prisoner of conscience)")
    CECC = "cecc", _("Congressional-Executive Commission on China")
    OTHER = "other", _("Other")


class IdentifierScheme(models.TextChoices):
    """Other databases of political prisoners, for matching records."""

    VIASNA = "viasna", _("Viasna political prisoners database")
    OVD_INFO = "ovd_info", _("OVD-Info")
    CECC = "cecc", _("CECC political prisoner database")
    WIKIDATA = "wikidata", _("Wikidata")
    OTHER = "other", _("Other")


class Language(models.TextChoices):
    BELARUSIAN = "be", _("Belarusian")
    RUSSIAN = "ru", _("Russian")
    POLISH = "pl", _("Polish")
    ENGLISH = "en", _("English")
    LITHUANIAN = "lt", _("Lithuanian")
    UKRAINIAN = "uk", _("Ukrainian")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    LATVIAN = "lv", _("Latvian")
    OTHER = "und", _("Other or undetermined")


class Script(models.TextChoices):
    CYRILLIC = "Cyrl", _("Cyrillic")
    LATIN = "Latn", _("Latin")  # Belarusian in Latin script is Łacinka


class CriminalCode(models.TextChoices):
    BELARUS = "BY-CC", _("Criminal Code of the Republic of Belarus")
    BELARUS_ADMIN = "BY-CAO", _("Code of Administrative Offences of the Republic of Belarus")
    RUSSIA = "RU-CC", _("Criminal Code of the Russian Federation")
    OTHER = "other", _("Other")


class SentenceKind(models.TextChoices):
    PENAL_COLONY = "penal_colony", _("Penal colony")
    PRISON = "prison", _("Prison")
    RESTRICTED_FREEDOM = "restricted_freedom", _("Restricted freedom (“himia”)")
    HOME_CONFINEMENT = "home_confinement", _("Home confinement")
    FINE = "fine", _("Fine")
    OTHER = "other", _("Other")


class Regime(models.TextChoices):
    GENERAL = "general", _("General regime")
    REINFORCED = "reinforced", _("Reinforced regime")
    STRICT = "strict", _("Strict regime")
    SPECIAL = "special", _("Special regime")
    PRISON = "prison", _("Prison regime")
    OPEN = "open", _("Open-type correctional facility")


class DetentionEnd(models.TextChoices):
    PARDONED = "pardoned", _("Pardoned")
    SENTENCE_SERVED = "sentence_served", _("Sentence served")
    RELEASED_EARLY = "released_early", _("Released early (health, parole, other)")
    ACQUITTED = "acquitted", _("Acquitted or case closed")
    DIED = "died", _("Died in custody")
    OTHER = "other", _("Other")


class ValueQualifier(models.TextChoices):
    EXACTLY = "exactly", _("exactly")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    FEWER_THAN = "fewer_than", _("fewer than")


class Assessment(models.TextChoices):
    UNASSESSED = "unassessed", _("Not assessed")
    CORROBORATED = "corroborated", _("Corroborated by other sources")
    DISPUTED = "disputed", _("Disputed by other sources")
    CONTRADICTED = "contradicted", _("Contradicted by later reports")
    # Reported second-hand (an article quoting an interview) where the original could not be found.
    UNVERIFIED = "unverified", _("Unverified: the original could not be found")

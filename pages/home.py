"""The home page and the page that documents the downloads."""

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from interchange.csv_files.people import PERSON_COLUMNS
from interchange.csv_files.releases import DEAL_COLUMNS, RELEASE_COLUMNS
from interchange.csv_files.sanctions import SANCTIONS_ACT_COLUMNS
from interchange.ftm_export import CONTENT_TYPE as FTM_CONTENT_TYPE
from interchange.ftm_export import FILE_NAME as FTM_FILE_NAME
from interchange.ftm_export import ftm_lines
from ledger.caching.derived import once_per_version
from pages.claims import claim_queryset, claims_side_by_side
from pages.lists import PageMetaMixin
from prisoners.models import Citation, Claim, Person, Status
from releases.models import Release


def recorded_figures():
    """How many people the ledger records, and how many of them held: two counts over every
    person, so the home page reads them once per version of the record (`once_per_version`)."""
    # Figures count withheld people too (never naming them): the one public use of
    # private_objects here, narrowed at once to `counted()`.
    counted = Person.private_objects.prisoners().counted()
    return {
        "recorded_held": counted.filter(
            status__in=[Status.HELD, Status.REFUSED_DEPORTATION]
        ).count(),
        "recorded_people": counted.count(),
    }


class HomeView(PageMetaMixin, TemplateView):
    template_name = "releases/home.html"
    page_description = _(
        "Who is held in Belarus, who was freed, when, in exchange for what, and on whose word: "
        "a sourced record of political prisoners, releases and sanctions deals."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        headline_claims = list(claim_queryset().headline())
        Citation.public_objects.attach_to(headline_claims)
        context.update(
            headline_topics=claims_side_by_side(headline_claims),
            featured=Claim.public_objects.featured_headline(),
            **once_per_version("home-figures", recorded_figures),
            latest_releases=Release.public_objects.with_list_details().order_by(
                "-released_on", "pk"
            )[:3],
        )
        return context


class DataDocsView(PageMetaMixin, TemplateView):
    """The CSV columns, documented from the same declarations that write the files."""

    template_name = "releases/data.html"
    page_title = _("Data and CSV columns")
    page_description = _(
        "Download Release Ledger's people, releases and deals as CSV, and what each column means."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(site_base_url=settings.SITE_BASE_URL, api_rate=settings.API_ANON_RATE)
        context["exports"] = [
            (_("People"), "prisoners:person-csv", "prisoners:person-xlsx", PERSON_COLUMNS),
            (_("Releases"), "releases:release-csv", "releases:release-xlsx", RELEASE_COLUMNS),
            (_("Deals"), "releases:deal-csv", "releases:deal-xlsx", DEAL_COLUMNS),
            (
                _("Sanctions acts"),
                "releases:sanctions-csv",
                "releases:sanctions-xlsx",
                SANCTIONS_ACT_COLUMNS,
            ),
        ]
        return context


def followthemoney_export(request):
    """The FollowTheMoney file (interchange.ftm_export), streamed."""
    response = StreamingHttpResponse(ftm_lines(), content_type=FTM_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{FTM_FILE_NAME}"'
    return response

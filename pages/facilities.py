"""Places of detention: a list with how many people the ledger has there now, and a page each."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from ledger.invisible_characters import isolated
from pages.citing import with_revision
from pages.lists import PageMetaMixin
from prisoners.models import Citation, Facility, Stay
from prisoners.wording import public_label


class FacilityListView(PageMetaMixin, ListView):
    template_name = "prisoners/facility_list.html"
    context_object_name = "facilities"
    page_title = _("Places of detention")
    page_description = _(
        "Prisons, colonies and detention centres where people in the ledger are or were held, "
        "with the address for letters."
    )

    def get_queryset(self):
        return Facility.public_objects.with_held_counts().order_by("name", "town")


class FacilityDetailView(PageMetaMixin, DetailView):
    template_name = "prisoners/facility_detail.html"
    context_object_name = "facility"

    def get_queryset(self):
        return with_revision(Facility.public_objects.with_held_counts())

    def get_page_meta(self):
        facility = self.object
        return {
            "page_title": public_label(facility),
            "page_description": _(
                "%(place)s (%(kind)s): who the ledger reports held there, with sources, and how "
                "to write to them."
            )
            % {"place": isolated(public_label(facility)), "kind": facility.get_kind_display()},
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        stays = list(
            Stay.public_objects.filter(facility=self.object)
            .select_related("person")
            .prefetch_related(
                Prefetch("person__stays", queryset=Stay.private_objects.select_related("facility"))
            )
            .order_by("person__sort_key", "pk")
        )
        Citation.public_objects.attach_to([*stays, self.object])
        # Held here now: by the person's own established current place. Reports that disagree
        # on where someone is are listed apart: the record does not say they are here.
        held_now = [stay for stay in stays if stay == stay.person.current_stay()]
        disputed = [stay for stay in stays if stay in stay.person.disputed_stays()]
        context.update(
            held_now=held_now,
            disputed=disputed,
            earlier=[stay for stay in stays if stay not in held_now and stay not in disputed],
        )
        return context

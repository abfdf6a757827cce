from django.views.generic import DetailView, ListView, TemplateView

from .models import Deal, Release


class HomeView(TemplateView):
    template_name = "releases/home.html"


class ReleaseListView(ListView):
    template_name = "releases/release_list.html"

    def get_queryset(self):
        return Release.public.with_counts()


class ReleaseDetailView(DetailView):
    template_name = "releases/release_detail.html"

    def get_queryset(self):
        return Release.public.with_counts()


class DealListView(ListView):
    template_name = "releases/deal_list.html"

    def get_queryset(self):
        return Deal.public.with_freed_totals()


class DealDetailView(DetailView):
    template_name = "releases/deal_detail.html"

    def get_queryset(self):
        return Deal.public.all()

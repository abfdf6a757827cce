from django.views.generic import DetailView, ListView

from .models import Person, Source


class PersonListView(ListView):
    template_name = "prisoners/person_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Person.public.prisoners()


class PersonDetailView(DetailView):
    template_name = "prisoners/person_detail.html"

    def get_queryset(self):
        return Person.public.prisoners()


class SourceListView(ListView):
    template_name = "prisoners/source_list.html"
    queryset = Source.objects.all()


class SourceDetailView(DetailView):
    template_name = "prisoners/source_detail.html"
    queryset = Source.objects.all()

from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks' synthetic ledger (`manage.py generate_synthetic`); not installed in
    production."""

    name = "bench"
    verbose_name = "Benchmarks"

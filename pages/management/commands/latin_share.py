"""Print the share of foreign-script words on every public page (issue 25, docs/languages.md)."""

from django.core.management.base import BaseCommand

from pages.latin_share import OVERALL_LIMIT, PAGE_LIMIT, crawl, overall


class Command(BaseCommand):
    help = (
        "Crawl every public page in the given languages and print the share of words left in a "
        "foreign script (Latin on be/ru pages, English on pl pages) outside marked text."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", default=["be", "ru", "pl"])
        parser.add_argument("--examples", action="store_true", help="List the words found.")

    def handle(self, *args, languages, examples, **options):
        for language in languages:
            shares = crawl(language)
            self.stdout.write(f"\n/{language}/  {'words':>6} {'foreign':>7} {'share':>6}  page")
            for share in sorted(shares, key=lambda share: -share.share):
                flag = "  !" if share.share > PAGE_LIMIT else ""
                self.stdout.write(
                    f"       {share.words:>6} {share.foreign:>7} {share.share:>6.1%}  "
                    f"{share.path}{flag}"
                )
                if examples and share.examples:
                    self.stdout.write("         " + ", ".join(share.examples))
            total = overall(shares)
            flag = "  !" if total > OVERALL_LIMIT else ""
            self.stdout.write(
                f"/{language}/ overall: {total:.1%} of words, {len(shares)} pages{flag}"
            )

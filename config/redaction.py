"""The one place every public answer passes through on its way out: people the public may not
see are not named in it, whatever text carried the name (`prisoners.mentions`).

Pages, the API, the feeds and the CSV exports are rendered by different code from different
fields; a summary, a quote, a claim or a note written by an editor can name anyone. Rather than
trust each of them to remember, this middleware reads every public answer that is text (HTML,
JSON, CSV, Atom, plain text), streamed ones line by line, and

- renders each `[[person:slug]]` reference as the person's name in the reader's language (a link
  on HTML pages) or as "[name withheld]";
- replaces every spelling of a person who may not be named with "[name withheld]".

It sits inside the page cache (a cached page was redacted when it was rendered, at the same site
version) and inside LocaleMiddleware (the reader's language is active). The admin is left alone:
editors see what was written. The dataset bundle and the spreadsheets, which are files rather
than text answers, apply the same `Mentions` where they are written.

What the visitor typed into a form comes back as typed (`<input ... value="...">`): showing a
typed name back as "[name withheld]" would tell anyone who tries names which ones are withheld.
"""

import re

from django.conf import settings

from prisoners.mentions import Mentions

TEXT_TYPES = ("text/", "application/json", "application/atom+xml", "application/xml")
UNREDACTED_PATHS = ("/admin/", "/static/")
INPUT = re.compile(r"(<input\b[^>]*>)", re.IGNORECASE)


class RedactionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not self.applies(request, response):
            return response
        mentions = Mentions.current()
        if (
            not mentions.patterns
            and not response.streaming
            and b"[[person:" not in response.content
        ):
            return response
        charset = response.charset or settings.DEFAULT_CHARSET
        html = response.get("Content-Type", "").startswith("text/html")
        if response.streaming:
            response.streaming_content = redacted_lines(
                response.streaming_content, mentions, charset
            )
        else:
            response.content = redacted(response.content.decode(charset), mentions, html).encode(
                charset
            )
        if response.has_header("Content-Length"):
            if response.streaming:
                del response.headers["Content-Length"]
            else:
                response.headers["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def applies(request, response):
        if request.path_info.startswith(UNREDACTED_PATHS):
            return False
        content_type = response.get("Content-Type", "")
        return content_type.startswith(TEXT_TYPES)


def redacted(text: str, mentions: Mentions, html: bool) -> str:
    if not html:
        return mentions.plain(text)
    parts = INPUT.split(text)
    # The odd parts are the inputs; the rest is the page.
    return "".join(part if index % 2 else mentions.html(part) for index, part in enumerate(parts))


def redacted_lines(chunks, mentions: Mentions, charset: str):
    """A streamed answer (a CSV export, a cached file), whole lines at a time: a name never
    spans a line, and a chunk may end inside one (or inside a character)."""
    rest = b""
    for chunk in chunks:
        chunk = rest + (chunk.encode(charset) if isinstance(chunk, str) else bytes(chunk))
        complete, newline, rest = chunk.rpartition(b"\n")
        if newline:
            yield mentions.plain((complete + newline).decode(charset)).encode(charset)
    if rest:
        yield mentions.plain(rest.decode(charset)).encode(charset)

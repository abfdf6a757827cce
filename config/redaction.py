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

What the visitor typed comes back as typed where a page echoes it: the search box and the
filters (`<input>`), the links that keep the query (`q=Maria+Kalesnikava`: the parameter, `=`, the
URL-encoded value; the API's next page too) and an element holding exactly the typed value
(`<bdi>Maria Kalesnikava</bdi>`: "Nobody matches …"). Showing a typed name back as
"[name withheld]" would tell anyone who tries names which ones are withheld. Only those forms:
a typed value does not unredact prose that happens to contain it, or typing a name would show
where it had been withheld. A CSV's header line is column names, never redacted.
"""

import re
from html import escape
from urllib.parse import quote, quote_plus

from django.conf import settings

from prisoners.mentions import Mentions

TEXT_TYPES = (
    "text/",
    "application/json",
    "application/atom+xml",
    "application/xml",
    # JSON lines: the FollowTheMoney export (interchange.ftm_export), redacted line by line.
    "application/x-ndjson",
    "application/jsonl",
    "application/json-seq",
)
UNREDACTED_PATHS = ("/admin/", "/static/")
#: A streamed answer is redacted this many bytes at a time (whole lines): the words of each
#: block are read at once (prisoners.hidden_spellings), so fewer, larger blocks cost less.
STREAM_BLOCK = 256 * 1024


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
        content_type = response.get("Content-Type", "")
        # A file echoes nothing the visitor typed, and a kept one is served to everyone.
        csv = "/csv" in content_type
        typed = None if csv else typed_forms(request)
        if response.streaming:
            response.streaming_content = redacted_lines(
                response.streaming_content, mentions, charset, typed, csv=csv
            )
            keep = getattr(response, "keep_redacted", None)
            if keep is not None:  # an export kept as a file (ledger.caching.exports)
                response.streaming_content = keep(response.streaming_content)
        else:
            text = response.content.decode(charset)
            response.content = redacted(text, mentions, content_type, typed).encode(charset)
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
        if getattr(response, "redacted", False):  # a kept export, written redacted
            return False
        # The server's own error pages (config.errors) hold no text of the record, and during a
        # database outage the spellings to redact could not be read anyway.
        if response.status_code >= 500:
            return False
        return response.get("Content-Type", "").startswith(TEXT_TYPES)


def typed_forms(request):
    """A pattern of the places a page echoes what the visitor typed (the module's docstring)."""
    forms = set()
    for key, values in request.GET.lists():
        for value in values:
            if value.strip():
                forms.add(f"<bdi>{escape(value)}</bdi>")
                forms.update(f"{quote_plus(key)}={encoded}" for encoded in url_forms(value))
    echoes = [
        r"<input\b[^>]*>",
        *(re.escape(form) for form in sorted(forms, key=len, reverse=True)),
    ]
    return re.compile("|".join(echoes), re.IGNORECASE)


def url_forms(value):
    return {quote_plus(value), quote(value), quote(value, safe="")}


def around_typed(text: str, typed, redact) -> str:
    """`redact` every part of `text` but the occurrences of what was typed."""
    if typed is None:
        return redact(text)
    pieces, last = [], 0
    for match in typed.finditer(text):
        pieces.append(redact(text[last : match.start()]))
        pieces.append(match.group())
        last = match.end()
    pieces.append(redact(text[last:]))
    return "".join(pieces)


def redacted(text: str, mentions: Mentions, content_type: str, typed=None) -> str:
    if content_type.startswith("text/html"):
        return around_typed(text, typed, mentions.html)
    if "/csv" in content_type:
        header, newline, rows = text.partition("\n")
        return header + newline + around_typed(rows, typed, mentions.plain)
    return around_typed(text, typed, mentions.plain)


def redacted_lines(chunks, mentions: Mentions, charset: str, typed=None, csv=False):
    """A streamed answer (a CSV export, a cached file), whole lines at a time: a name never
    spans a line, and a chunk may end inside one (or inside a character). A CSV's first line,
    its header, is left as it is."""
    rest, header = b"", csv

    def redact(data: bytes) -> bytes:
        return around_typed(data.decode(charset), typed, mentions.plain).encode(charset)

    for chunk in chunks:
        chunk = rest + (chunk.encode(charset) if isinstance(chunk, str) else bytes(chunk))
        if header:
            line, newline, chunk = chunk.partition(b"\n")
            if not newline:
                rest = line
                continue
            header = False
            yield line + newline
        if len(chunk) < STREAM_BLOCK:  # a few rows at a time would cost more per row
            rest = chunk
            continue
        complete, newline, rest = chunk.rpartition(b"\n")
        if newline:
            yield redact(complete + newline)
    if rest:
        yield rest if header else redact(rest)

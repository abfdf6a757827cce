"""File names that say what a download holds: `people-freed-2025-01-01-to-2025-12-31.csv`, not the
day it was downloaded. Built from the filters the list applied, in the order the FilterSet
declares them; a range (`freed_from`/`freed_to`) reads as one part; the sort order is no part."""

import datetime
import decimal

from django.db import models
from django_filters import OrderingFilter
from django_filters.constants import EMPTY_VALUES

from ledger.slugs import slug_for

MAX_LENGTH = 150
#: (first bound, second bound) -> how the pair is named in a file name.
RANGES = {
    ("freed_from", "freed_to"): "freed",
    ("detained_from", "detained_to"): "detained",
    ("sentence_min", "sentence_max"): "sentence-years",
    ("issued_from", "issued_to"): "issued",
}


def in_words(value) -> str:
    if isinstance(value, models.Model):
        return getattr(value, "slug", "") or slug_for(str(value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    return slug_for(str(value))


def file_stem(basename: str, filterset) -> str:
    data = filterset.form.cleaned_data
    parts, named = [basename], set()
    for name, filter_ in filterset.filters.items():
        if name in named or isinstance(filter_, OrderingFilter):
            continue
        pair = next((pair for pair in RANGES if name in pair), None)
        if pair is not None:
            named.update(pair)
            low, high = (data.get(bound) for bound in pair)
            low = None if low in EMPTY_VALUES else low
            high = None if high in EMPTY_VALUES else high
            if low is not None and high is not None:
                parts.append(f"{RANGES[pair]}-{in_words(low)}-to-{in_words(high)}")
            elif low is not None:
                parts.append(f"{RANGES[pair]}-from-{in_words(low)}")
            elif high is not None:
                parts.append(f"{RANGES[pair]}-to-{in_words(high)}")
            continue
        value = data.get(name)
        if value in EMPTY_VALUES:
            continue
        words = in_words(value)
        if words:
            parts.append(f"{'name' if name == 'q' else slug_for(name)}-{words}")
    stem = "-".join(parts)
    return stem[:MAX_LENGTH].rstrip("-")

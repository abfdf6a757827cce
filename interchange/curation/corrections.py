"""Readers' corrections: taking one in (throttled), and an editor closing it.

A suggestion never changes a record by itself and is never shown on the site. The editor who
accepts one edits the record and then closes the suggestion: closing it saves the record once
more with the suggestion's number as the history's reason, so the record's history links to it.
The contact a reader left is erased when the suggestion is closed, either way.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from interchange.curation.models import Correction, CorrectionStatus

#: At most this many suggestions an hour from one address (readers behind one NAT share it).
PER_HOUR = 10
WINDOW_SECONDS = 3600
#: The shared cache of rate counters (Redis in production: every worker counts together), kept
#: apart from the page cache so that culling pages never forgets a count.
THROTTLE_CACHE = "limits"
HISTORY_REASON_LENGTH = 100


def _counter_key(address):
    # Only a hash of the address is kept, and only for the hour.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"corrections:sent:{digest}"


def may_send(address):
    """Count one attempt from `address`; False once it passed PER_HOUR in the window."""
    cache = caches[THROTTLE_CACHE]
    key = _counter_key(address or "unknown")
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count <= PER_HOUR


def receive(record, what_is_wrong, source="", contact=""):
    return Correction.objects.create(
        record_type=ContentType.objects.get_for_model(record),
        record_id=record.pk,
        what_is_wrong=what_is_wrong,
        source=source,
        contact=contact,
    )


def _close(correction, status, user, note):
    correction.status = status
    correction.decision_note = note
    correction.closed_at = timezone.now()
    correction.closed_by = user
    correction.contact = ""
    correction.save()


def accept(correction, user, note=""):
    """Close an open suggestion as accepted; the record's history gets an entry naming it."""
    if correction.status != CorrectionStatus.OPEN:
        raise ValidationError(f"Suggestion {correction.pk} is already closed.")
    with transaction.atomic():
        record = correction.record_type.get_object_for_this_type(pk=correction.record_id)
        _close(correction, CorrectionStatus.ACCEPTED, user, note)
        reason = f"Reader's correction {correction.pk} accepted" + (f": {note}" if note else "")
        record._change_reason = reason[:HISTORY_REASON_LENGTH]
        record.save()


def dismiss(correction, user, reason):
    """Close an open suggestion as dismissed, with the reason (required)."""
    if correction.status != CorrectionStatus.OPEN:
        raise ValidationError(f"Suggestion {correction.pk} is already closed.")
    if not reason.strip():
        raise ValidationError("Say why the suggestion is dismissed.")
    _close(correction, CorrectionStatus.DISMISSED, user, reason.strip())

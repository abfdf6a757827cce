"""Where a merged person's old address goes: the survivor's, when it is public.

The page, the API and the feed each ask `public_survivor(slug)` when a slug finds no public
person, and answer 301 to the survivor's address of their own kind. A chain of merges (A into B,
then B into C) is followed to its end; a survivor that is not public (a draft, withheld) gets no
redirect, so an old address never reveals a withheld person's new one.
"""

from interchange.curation.models import PersonMerge
from prisoners.models import Person

#: Longer chains than this are a loop or an accident; nothing is followed past it.
LONGEST_CHAIN = 20


def public_survivor(slug):
    """The public person the merged record at `slug` now lives in, or None."""
    standing = PersonMerge.objects.standing()
    merge = standing.filter(loser__slug=slug).order_by("-merged_at", "-pk").first()
    if merge is None:
        return None
    survivor_id = merge.survivor_id
    for _step in range(LONGEST_CHAIN):
        later = standing.filter(loser_id=survivor_id).order_by("-merged_at", "-pk").first()
        if later is None:
            break
        survivor_id = later.survivor_id
    return Person.public_objects.filter(pk=survivor_id).first()

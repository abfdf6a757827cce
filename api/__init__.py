"""The read-only JSON API of the public record (Django REST framework, docs/open-data.md).

Every view starts from a model's `public_objects` and filters with the FilterSet its HTML list
uses; nested records (a person's detentions, a release's freed) are read from public querysets
too, and a person who may not be named appears only as `WITHHELD_PERSON`. The `releases` app adds
its own views in `api`; `api.urls` puts them all under /api/.
"""

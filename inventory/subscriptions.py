"""Writes for a user's weekly-digest subscriptions (their profile)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction

from inventory.models import DigestSubscription, Site


@transaction.atomic
def digest_subscriptions_set(
    *, user: User, sites: Iterable[Site], all_sites: bool, send_all_clear: bool
) -> list[DigestSubscription]:
    """Replace the user's subscriptions: every site (``all_sites``) or the sites given."""
    DigestSubscription.objects.filter(user=user).delete()
    targets: list[Site | None] = [None] if all_sites else list(sites)
    return DigestSubscription.objects.bulk_create(
        DigestSubscription(user=user, site=site, send_all_clear=send_all_clear) for site in targets
    )

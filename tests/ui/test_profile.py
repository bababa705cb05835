"""Users subscribe to the weekly digest per site in their profile."""

from __future__ import annotations

import pytest

from inventory.models import DigestSubscription, Site
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_profile_subscribes_to_chosen_sites_then_to_all(client):
    user = f.user("viewer")
    a = Site.objects.create(name="DC-A", code="dca")
    Site.objects.create(name="DC-B", code="dcb")
    client.force_login(user)
    page = client.get("/profile/")
    assert page.status_code == 200 and b"Not subscribed" in page.content
    resp = client.post("/profile/", {"sites": [a.pk]})
    assert resp.status_code == 302
    subs = list(DigestSubscription.objects.filter(user=user))
    assert [(s.site_id, s.send_all_clear) for s in subs] == [(a.pk, False)]
    client.post("/profile/", {"all_sites": "on", "send_all_clear": "on"})
    subs = list(DigestSubscription.objects.filter(user=user))
    assert [(s.site_id, s.send_all_clear) for s in subs] == [(None, True)]
    assert b"every site" in client.get("/profile/").content


def test_profile_refuses_unknown_site_and_needs_login(client):
    assert client.get("/profile/").status_code == 302
    user = f.user("viewer")
    client.force_login(user)
    resp = client.post("/profile/", {"sites": ["999999"]})
    assert resp.status_code == 400
    assert b"999999" in resp.content or b"valid choice" in resp.content
    assert not DigestSubscription.objects.filter(user=user).exists()

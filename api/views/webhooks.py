"""Webhook registrations (admin only, reads included: they carry the receivers' URLs)."""

from __future__ import annotations

from api import filters
from api.models import Webhook, WebhookDelivery
from api.permissions import ADMIN
from api.serializers.brief import BRIEF
from api.serializers.channels import WebhookDeliverySerializer, WebhookSerializer
from api.views.base import ModelViewSet, ReadOnlyModelViewSet

__all__ = ["WebhookDeliveryViewSet", "WebhookViewSet"]


class WebhookViewSet(ModelViewSet):
    queryset = Webhook.objects.all()
    serializer_class = WebhookSerializer
    brief_serializer_class = BRIEF[Webhook]
    filterset_class = filters.WebhookFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "name")
    read_role = ADMIN


class WebhookDeliveryViewSet(ReadOnlyModelViewSet):
    queryset = WebhookDelivery.objects.select_related("webhook")
    serializer_class = WebhookDeliverySerializer
    filterset_class = filters.WebhookDeliveryFilterSet
    ordering_fields = ("id", "created_at")
    read_role = ADMIN

"""Brief forms of every object: what ``?brief=true`` lists and what relations nest."""

from __future__ import annotations

from django.db import models
from rest_framework import serializers

from api.models import Webhook
from inventory.models import (
    Application,
    Cable,
    Cassette,
    Channel,
    ConnectorEnd,
    ConnectorModel,
    Device,
    MacEvent,
    MpoAdapter,
    Panel,
    Port,
    Rack,
    Room,
    Site,
)

__all__ = ["BRIEF", "brief_serializer"]


def brief_serializer(
    model: type[models.Model], route: str, name_field: str, extra: tuple[str, ...] = ()
) -> type[serializers.ModelSerializer]:
    """Build ``Brief<Model>Serializer``: id, url, display and the naming field."""
    meta = type(
        "Meta",
        (),
        {
            "model": model,
            "fields": ("id", "url", "display", name_field, *extra),
            "read_only_fields": ("id", name_field, *extra),
        },
    )
    attrs = {
        "Meta": meta,
        "url": serializers.HyperlinkedIdentityField(view_name=f"{route}-detail"),
        "display": serializers.CharField(source=name_field, read_only=True),
        "__doc__": f"The brief form of a {model._meta.verbose_name}.",
    }
    return type(f"Brief{model.__name__}Serializer", (serializers.ModelSerializer,), attrs)


BRIEF: dict[type[models.Model], type[serializers.ModelSerializer]] = {
    Site: brief_serializer(Site, "dcim-site", "name", ("code",)),
    Room: brief_serializer(Room, "dcim-room", "name"),
    Rack: brief_serializer(Rack, "dcim-rack", "name"),
    Panel: brief_serializer(Panel, "dcim-panel", "name"),
    ConnectorModel: brief_serializer(ConnectorModel, "dcim-connectormodel", "name", ("family",)),
    Application: brief_serializer(Application, "dcim-application", "name"),
    Device: brief_serializer(Device, "dcim-device", "name"),
    Port: brief_serializer(Port, "dcim-port", "name"),
    Cable: brief_serializer(Cable, "dcim-cable", "label"),
    Cassette: brief_serializer(Cassette, "dcim-cassette", "label"),
    MpoAdapter: brief_serializer(MpoAdapter, "dcim-adapter", "label"),
    ConnectorEnd: brief_serializer(ConnectorEnd, "dcim-connectorend", "label"),
    Channel: brief_serializer(Channel, "channel", "name", ("status",)),
    MacEvent: brief_serializer(MacEvent, "dcim-macevent", "action", ("created_at",)),
    Webhook: brief_serializer(Webhook, "extras-webhook", "name"),
}

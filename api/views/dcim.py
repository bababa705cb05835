"""The DCIM objects: each viewset is its queryset (with the joins its list needs),
its serializers and its FilterSet. Plant objects are created through the services."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import mixins

from api import filters
from api.permissions import TECHNICIAN
from api.serializers import channels as ch
from api.serializers import places, plant
from api.serializers.brief import BRIEF
from api.views.base import (
    BulkCreateMixin,
    BulkUpdateMixin,
    FibertraceViewSet,
    ModelViewSet,
    ReadOnlyModelViewSet,
)
from api.views.csv import CableCsvMixin, EndCsvMixin
from inventory.models import (
    Application,
    Cable,
    Cassette,
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

ENDS = Prefetch("ends", queryset=ConnectorEnd.objects.order_by("pk"))


class SiteViewSet(ModelViewSet):
    queryset = Site.objects.all()
    serializer_class = places.SiteSerializer
    brief_serializer_class = BRIEF[Site]
    filterset_class = filters.SiteFilterSet
    search_fields = ("name", "code")
    ordering_fields = ("id", "name", "code")


class RoomViewSet(ModelViewSet):
    queryset = Room.objects.select_related("site")
    serializer_class = places.RoomSerializer
    brief_serializer_class = BRIEF[Room]
    filterset_class = filters.RoomFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "name")


class RackViewSet(ModelViewSet):
    queryset = Rack.objects.select_related("room")
    serializer_class = places.RackSerializer
    brief_serializer_class = BRIEF[Rack]
    filterset_class = filters.RackFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "name", "u_height")


class PanelViewSet(ModelViewSet):
    queryset = Panel.objects.select_related("rack")
    serializer_class = places.PanelSerializer
    brief_serializer_class = BRIEF[Panel]
    filterset_class = filters.PanelFilterSet
    search_fields = ("name",)
    ordering_fields = ("id", "name", "slot_count")


class ConnectorModelViewSet(ModelViewSet):
    queryset = ConnectorModel.objects.all()
    serializer_class = places.ConnectorModelSerializer
    brief_serializer_class = BRIEF[ConnectorModel]
    filterset_class = filters.ConnectorModelFilterSet
    search_fields = ("maker", "name")
    ordering_fields = ("id", "maker", "name", "rated_cycles")


class ApplicationViewSet(ModelViewSet):
    queryset = Application.objects.all()
    serializer_class = places.ApplicationSerializer
    brief_serializer_class = BRIEF[Application]
    filterset_class = filters.ApplicationFilterSet
    search_fields = ("name", "description")
    ordering_fields = ("id", "name")


class DeviceViewSet(ModelViewSet):
    queryset = Device.objects.select_related("rack")
    serializer_class = places.DeviceSerializer
    brief_serializer_class = BRIEF[Device]
    filterset_class = filters.DeviceFilterSet
    search_fields = ("name", "role")
    ordering_fields = ("id", "name")


class _PlantViewSet(
    BulkCreateMixin,
    BulkUpdateMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.ListModelMixin,
    FibertraceViewSet,
):
    """Create through a service, update descriptive fields, no delete (retire or replace)."""


class CableViewSet(CableCsvMixin, _PlantViewSet):
    queryset = Cable.objects.prefetch_related(ENDS)
    serializer_class = plant.CableSerializer
    update_serializer_class = plant.CableUpdateSerializer
    brief_serializer_class = BRIEF[Cable]
    filterset_class = filters.CableFilterSet
    search_fields = ("label",)
    ordering_fields = ("id", "label", "length_m", "polarity", "kind")


class CassetteViewSet(_PlantViewSet):
    queryset = Cassette.objects.select_related("panel").prefetch_related(ENDS)
    serializer_class = plant.CassetteSerializer
    update_serializer_class = plant.CassetteUpdateSerializer
    brief_serializer_class = BRIEF[Cassette]
    filterset_class = filters.CassetteFilterSet
    search_fields = ("label",)
    ordering_fields = ("id", "label")


class AdapterViewSet(_PlantViewSet):
    queryset = MpoAdapter.objects.select_related("panel").prefetch_related(ENDS)
    serializer_class = plant.AdapterSerializer
    update_serializer_class = plant.AdapterUpdateSerializer
    brief_serializer_class = BRIEF[MpoAdapter]
    filterset_class = filters.AdapterFilterSet
    search_fields = ("label",)
    ordering_fields = ("id", "label")


class PortViewSet(_PlantViewSet):
    queryset = Port.objects.select_related("device", "application", "end")
    serializer_class = plant.PortSerializer
    update_serializer_class = plant.PortUpdateSerializer
    brief_serializer_class = BRIEF[Port]
    filterset_class = filters.PortFilterSet
    search_fields = ("name", "device__name")
    ordering_fields = ("id", "name")


class ConnectorEndViewSet(EndCsvMixin, ReadOnlyModelViewSet):
    """Connector ends are read-only: their mating changes only through MAC actions
    (the CSV import runs MACs, so technicians may use it)."""

    write_role = TECHNICIAN
    queryset = ConnectorEnd.objects.select_related(
        "connector_model", "cable", "cassette", "port", "mate", "adapter"
    )
    serializer_class = plant.ConnectorEndSerializer
    brief_serializer_class = BRIEF[ConnectorEnd]
    filterset_class = filters.ConnectorEndFilterSet
    search_fields = ("label",)
    ordering_fields = ("id", "label", "mating_cycles")


class MacEventViewSet(ReadOnlyModelViewSet):
    """The MAC log: read-only and immutable (the audit trail)."""

    queryset = MacEvent.objects.select_related("user", "end_a", "end_b", "adapter", "cable")
    serializer_class = ch.MacEventSerializer
    brief_serializer_class = BRIEF[MacEvent]
    filterset_class = filters.MacEventFilterSet
    search_fields = ("work_order", "note")
    ordering_fields = ("id", "created_at")

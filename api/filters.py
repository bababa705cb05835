"""FilterSets for every list: filters named after fields, with NetBox-style lookups.

``?name__in=a,b``, ``?mating_cycles__gte=400``, ``?site=3``… A bad value is a 400
(django-filter's DRF backend raises), never a silently unfiltered list.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from api.models import Webhook, WebhookDelivery
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

ID = ["exact", "in", "gte", "lte"]
TEXT = ["exact", "in", "icontains"]
CHOICE = ["exact", "in"]
NUMBER = ["exact", "gte", "lte"]
RELATION = ["exact", "in"]


class SiteFilterSet(filters.FilterSet):
    class Meta:
        model = Site
        fields = {"id": ID, "name": TEXT, "code": TEXT}


class RoomFilterSet(filters.FilterSet):
    class Meta:
        model = Room
        fields = {"id": ID, "name": TEXT, "site": RELATION}


class RackFilterSet(filters.FilterSet):
    class Meta:
        model = Rack
        fields = {"id": ID, "name": TEXT, "room": RELATION, "u_height": NUMBER}


class PanelFilterSet(filters.FilterSet):
    class Meta:
        model = Panel
        fields = {"id": ID, "name": TEXT, "rack": RELATION, "slot_count": NUMBER}


class ConnectorModelFilterSet(filters.FilterSet):
    class Meta:
        model = ConnectorModel
        fields = {
            "id": ID,
            "maker": TEXT,
            "name": TEXT,
            "brand": CHOICE,
            "family": CHOICE,
            "rated_cycles": NUMBER,
            "gender_field_changeable": ["exact"],
            "polarity_field_changeable": ["exact"],
        }


class ApplicationFilterSet(filters.FilterSet):
    class Meta:
        model = Application
        fields = {"id": ID, "name": TEXT, "connector": CHOICE, "gender": CHOICE, "polish": CHOICE}


class DeviceFilterSet(filters.FilterSet):
    class Meta:
        model = Device
        fields = {"id": ID, "name": TEXT, "rack": RELATION, "role": TEXT}


class PortFilterSet(filters.FilterSet):
    class Meta:
        model = Port
        fields = {"id": ID, "name": TEXT, "device": RELATION, "application": RELATION}


class CableFilterSet(filters.FilterSet):
    class Meta:
        model = Cable
        fields = {
            "id": ID,
            "label": TEXT,
            "kind": CHOICE,
            "polarity": CHOICE,
            "connector": CHOICE,
            "fiber_type": CHOICE,
            "status": CHOICE,
            "length_m": NUMBER,
        }


class CassetteFilterSet(filters.FilterSet):
    class Meta:
        model = Cassette
        fields = {
            "id": ID,
            "label": TEXT,
            "panel": RELATION,
            "polarity": CHOICE,
            "connector": CHOICE,
            "front_ports": NUMBER,
        }


class AdapterFilterSet(filters.FilterSet):
    class Meta:
        model = MpoAdapter
        fields = {"id": ID, "label": TEXT, "panel": RELATION, "type": CHOICE}


class ConnectorEndFilterSet(filters.FilterSet):
    mated = filters.BooleanFilter(method="filter_mated", label="Mated to another end")

    class Meta:
        model = ConnectorEnd
        fields = {
            "id": ID,
            "label": TEXT,
            "connector_model": RELATION,
            "gender": CHOICE,
            "polish": CHOICE,
            "key": CHOICE,
            "mating_cycles": NUMBER,
            "cable": RELATION,
            "cassette": RELATION,
            "port": RELATION,
            "adapter": RELATION,
        }

    def filter_mated(
        self, queryset: QuerySet[ConnectorEnd], name: str, value: bool
    ) -> QuerySet[ConnectorEnd]:
        return queryset.filter(mate__isnull=not value)


class ChannelFilterSet(filters.FilterSet):
    problem_code = filters.CharFilter(method="filter_problem_code", label="Has this problem code")

    class Meta:
        model = Channel
        fields = {
            "id": ID,
            "name": TEXT,
            "status": CHOICE,
            "a_port": RELATION,
            "b_port": RELATION,
            "loss_db": NUMBER,
            "validated_at": ["gte", "lte"],
        }

    def filter_problem_code(
        self, queryset: QuerySet[Channel], name: str, value: str
    ) -> QuerySet[Channel]:
        return queryset.filter(problem_codes__contains=[value])


class MacEventFilterSet(filters.FilterSet):
    end = filters.NumberFilter(method="filter_end", label="Either end of the MAC")

    class Meta:
        model = MacEvent
        fields = {
            "id": ID,
            "action": CHOICE,
            "created_at": ["gte", "lte"],
            "user": RELATION,
            "cable": RELATION,
            "adapter": RELATION,
            "work_order": TEXT,
        }

    def filter_end(self, queryset: QuerySet[MacEvent], name: str, value: int) -> QuerySet[MacEvent]:
        return queryset.filter(Q(end_a=int(value)) | Q(end_b=int(value)))


class WebhookFilterSet(filters.FilterSet):
    class Meta:
        model = Webhook
        fields = {"id": ID, "name": TEXT, "enabled": ["exact"]}


class WebhookDeliveryFilterSet(filters.FilterSet):
    class Meta:
        model = WebhookDelivery
        fields = {"id": ID, "webhook": RELATION, "event": CHOICE, "status": CHOICE}

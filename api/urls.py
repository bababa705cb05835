"""API routes (v1), NetBox style ``/api/v1/<app>/<objects>/``, and the OpenAPI schema."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api.routers import BulkRouter
from api.views import channels, dcim, webhooks
from api.views.macs import MAC_VIEWS
from api.views.polarity import ValidateView

dcim_router = BulkRouter(trailing_slash=True)
dcim_router.include_root_view = False
for prefix, viewset, basename in (
    ("sites", dcim.SiteViewSet, "dcim-site"),
    ("rooms", dcim.RoomViewSet, "dcim-room"),
    ("racks", dcim.RackViewSet, "dcim-rack"),
    ("panels", dcim.PanelViewSet, "dcim-panel"),
    ("connector-models", dcim.ConnectorModelViewSet, "dcim-connectormodel"),
    ("applications", dcim.ApplicationViewSet, "dcim-application"),
    ("devices", dcim.DeviceViewSet, "dcim-device"),
    ("ports", dcim.PortViewSet, "dcim-port"),
    ("cables", dcim.CableViewSet, "dcim-cable"),
    ("cassettes", dcim.CassetteViewSet, "dcim-cassette"),
    ("adapters", dcim.AdapterViewSet, "dcim-adapter"),
    ("connector-ends", dcim.ConnectorEndViewSet, "dcim-connectorend"),
    ("mac-events", dcim.MacEventViewSet, "dcim-macevent"),
):
    dcim_router.register(prefix, viewset, basename=basename)

channel_router = BulkRouter(trailing_slash=True)
channel_router.include_root_view = False
channel_router.register("", channels.ChannelViewSet, basename="channel")

extras_router = BulkRouter(trailing_slash=True)
extras_router.include_root_view = False
extras_router.register("webhooks", webhooks.WebhookViewSet, basename="extras-webhook")
extras_router.register(
    "webhook-deliveries", webhooks.WebhookDeliveryViewSet, basename="extras-webhookdelivery"
)

v1 = [
    path("dcim/", include(dcim_router.urls)),
    path(
        "channels/<int:pk>/fiber-map.svg", channels.FiberMapView.as_view(), name="channel-fiber-map"
    ),
    path("channels/", include(channel_router.urls)),
    path("extras/", include(extras_router.urls)),
    path("polarity/validate/", ValidateView.as_view(), name="polarity-validate"),
    *(
        path(f"macs/{name}/", view.as_view(), name=f"mac-{name}")
        for name, view in MAC_VIEWS.items()
    ),
]


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Answer unknown API paths in JSON, as every other API error is."""
    return JsonResponse({"detail": "Not found."}, status=404)


urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    re_path(r"^(?P<rest>.*)$", not_found),
]

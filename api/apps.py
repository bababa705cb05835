from django.apps import AppConfig


class ApiConfig(AppConfig):
    """REST API for DCIM integration."""

    name = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Register the schema extensions and turn integration signals into webhooks."""
        from api import (
            schema,  # noqa: F401  (registers the OpenAPI field extension)
            webhooks,
        )
        from inventory.signals import channel_status_changed, mac_recorded

        mac_recorded.connect(webhooks.on_mac_recorded, dispatch_uid="api.webhooks.mac")
        channel_status_changed.connect(
            webhooks.on_channel_status_changed, dispatch_uid="api.webhooks.channel"
        )

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """REST API for DCIM integration."""

    name = "api"
    default_auto_field = "django.db.models.BigAutoField"

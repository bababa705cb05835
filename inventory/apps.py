from django.apps import AppConfig


class InventoryConfig(AppConfig):
    """The fiber plant: places, catalogue, cables, ends, channels and the MAC log."""

    name = "inventory"
    default_auto_field = "django.db.models.BigAutoField"

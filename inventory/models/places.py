"""Where the plant is: sites, rooms/rows, racks and panels with numbered slots."""

from __future__ import annotations

from django.db import models

__all__ = ["Panel", "Rack", "Room", "Site"]


class Site(models.Model):
    """A data center building or campus."""

    name = models.CharField(max_length=100, unique=True)
    code = models.SlugField(max_length=30, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    """A data hall, room or row inside a site."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="rooms")
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["site__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="room_unique_name_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.site.code}/{self.name}"


class Rack(models.Model):
    """A rack or cabinet in a room."""

    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="racks")
    name = models.CharField(max_length=100)
    u_height = models.PositiveSmallIntegerField(default=42)

    class Meta:
        ordering = ["room__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["room", "name"], name="rack_unique_name_per_room"),
            models.CheckConstraint(
                condition=models.Q(u_height__gte=1, u_height__lte=60), name="rack_u_height_range"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Panel(models.Model):
    """A patch panel or enclosure with numbered slots for adapters and cassettes."""

    rack = models.ForeignKey(Rack, on_delete=models.PROTECT, related_name="panels")
    name = models.CharField(max_length=100)
    u_position = models.PositiveSmallIntegerField(null=True, blank=True)
    slot_count = models.PositiveSmallIntegerField(default=12)

    class Meta:
        ordering = ["rack__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["rack", "name"], name="panel_unique_name_per_rack"),
            models.CheckConstraint(
                condition=models.Q(slot_count__gte=1, slot_count__lte=288),
                name="panel_slot_count_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rack.name}/{self.name}"

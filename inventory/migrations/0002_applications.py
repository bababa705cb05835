"""Load the transceiver applications of the channel-spec contract (IEEE 802.3 figures).

Figures from shared/reference/fiber-polarity.md; admins may edit them afterwards.
Positions are looking into the port with the key up.
"""

from django.db import migrations

X4_TX, X4_RX = [1, 2, 3, 4], [9, 10, 11, 12]
X8_TX, X8_RX = list(range(1, 9)), list(range(9, 17))

APPLICATIONS = [
    ("10GBASE-SR", "LC", [1], [2], "UPC", [("OM3", 300, 2.6), ("OM4", 400, 2.9)]),
    ("25GBASE-SR", "LC", [1], [2], "UPC", [("OM3", 70, 1.8), ("OM4", 100, 1.9)]),
    ("40GBASE-SR4", "MPO-12", X4_TX, X4_RX, "UPC", [("OM3", 100, 1.9), ("OM4", 150, 1.5)]),
    ("100GBASE-SR4", "MPO-12", X4_TX, X4_RX, "UPC", [("OM3", 70, 1.8), ("OM4", 100, 1.9)]),
    ("100GBASE-DR", "LC", [1], [2], "UPC", [("OS2", 500, 3.0)]),
    (
        "400GBASE-SR8",
        "MPO-16",
        X8_TX,
        X8_RX,
        "UPC",
        [("OM3", 70, 1.8), ("OM4", 100, 1.9), ("OM5", 100, 1.9)],
    ),
    ("400GBASE-DR4", "MPO-12", X4_TX, X4_RX, "APC", [("OS2", 500, 3.0)]),
    ("800GBASE-SR8", "MPO-16", X8_TX, X8_RX, "UPC", [("OM4", 50, 1.8)]),
    ("800GBASE-DR8", "MPO-16", X8_TX, X8_RX, "APC", [("OS2", 500, 3.0)]),
]


def load(apps, schema_editor):
    Application = apps.get_model("inventory", "Application")
    for name, connector, tx, rx, polish, media in APPLICATIONS:
        Application.objects.update_or_create(
            name=name,
            defaults=dict(
                connector=connector,
                tx_positions=tx,
                rx_positions=rx,
                polish=polish,
                gender="male",
                media=[{"fiber_type": f, "reach_m": r, "budget_db": b} for f, r, b in media],
            ),
        )


def unload(apps, schema_editor):
    apps.get_model("inventory", "Application").objects.filter(
        name__in=[a[0] for a in APPLICATIONS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

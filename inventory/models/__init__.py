"""The inventory's models, split by subject (NetBox-style)."""

from inventory.models.alerts import *  # noqa: F403
from inventory.models.catalogue import *  # noqa: F403
from inventory.models.channels import *  # noqa: F403
from inventory.models.macs import *  # noqa: F403
from inventory.models.places import *  # noqa: F403
from inventory.models.plant import *  # noqa: F403

"""The technician web UI: one module per screen area, each view thin (parse, call, render)."""

from inventory.views.channels import *  # noqa: F403
from inventory.views.connectors import *  # noqa: F403
from inventory.views.dashboard import *  # noqa: F403
from inventory.views.lists import *  # noqa: F403
from inventory.views.macs import *  # noqa: F403
from inventory.views.planner import *  # noqa: F403
from inventory.views.profile import *  # noqa: F403
from inventory.views.search import *  # noqa: F403

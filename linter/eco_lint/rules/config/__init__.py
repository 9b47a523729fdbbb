"""CFG: the pytest, coverage, mypy, pyright and ruff settings."""

from . import cfg001 as cfg001
from . import cfg002 as cfg002
from . import cfg003 as cfg003
from . import cfg004 as cfg004
from . import cfg005 as cfg005
from . import cfg006 as cfg006

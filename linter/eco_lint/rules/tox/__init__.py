"""TOX: the tox envs in pyproject.toml."""

from . import tox001 as tox001
from . import tox002 as tox002
from . import tox003 as tox003
from . import tox004 as tox004
from . import tox005 as tox005
from . import tox006 as tox006

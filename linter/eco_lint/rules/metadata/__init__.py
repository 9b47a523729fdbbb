"""META: the ``[project]`` table of ``pyproject.toml``, and the Python
versions a project supports, read against the CPython release calendar
(:mod:`eco_lint.pythons`).
"""

from . import meta001 as meta001
from . import meta002 as meta002
from . import meta003 as meta003
from . import meta004 as meta004
from . import meta005 as meta005
from . import meta006 as meta006
from . import meta007 as meta007
from . import meta008 as meta008

"""PUB: the publish workflow, from a pushed tag to PyPI and a draft release."""

from . import pub001 as pub001
from . import pub002 as pub002
from . import pub003 as pub003
from . import pub004 as pub004
from . import pub005 as pub005
from . import pub006 as pub006
from . import pub007 as pub007
from ._workflow import other_publishers as other_publishers

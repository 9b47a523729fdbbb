"""DEP: dependency groups, the uv lock and the files it replaced."""

from . import dep001 as dep001
from . import dep002 as dep002
from . import dep003 as dep003
from . import dep004 as dep004
from . import dep005 as dep005

"""BLD: how the package is built."""

from . import bld001 as bld001
from . import bld002 as bld002
from . import bld003 as bld003
from . import bld004 as bld004
from . import bld005 as bld005

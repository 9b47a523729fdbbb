"""DRF: how far a project made from the template, or adopted into it, has
drifted from the render of the template version eco-lint carries.
"""

from . import drf001 as drf001
from . import drf002 as drf002
from . import drf003 as drf003
from . import drf004 as drf004
from . import drf005 as drf005

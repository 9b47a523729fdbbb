"""PCO: the pre-commit hooks in `.pre-commit-config.yaml`."""

from . import pco001 as pco001
from . import pco002 as pco002
from . import pco003 as pco003
from . import pco004 as pco004
from . import pco005 as pco005

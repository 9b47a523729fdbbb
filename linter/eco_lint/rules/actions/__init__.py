"""GHA: the GitHub Actions workflows under `.github/workflows/`."""

from . import gha001 as gha001
from . import gha002 as gha002
from . import gha003 as gha003
from . import gha004 as gha004
from . import gha005 as gha005
from . import gha006 as gha006
from . import gha007 as gha007
from . import gha008 as gha008
from . import gha009 as gha009
from . import gha010 as gha010
from . import gha011 as gha011
from . import gha012 as gha012
from . import gha013 as gha013
from . import gha014 as gha014

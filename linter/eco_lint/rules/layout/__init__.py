"""LAY: the files and folders at the top of the repository."""

from . import lay001 as lay001
from . import lay002 as lay002
from . import lay003 as lay003
from . import lay004 as lay004
from . import lay005 as lay005
from . import lay006 as lay006
from . import lay007 as lay007
from . import lay008 as lay008
from . import lay009 as lay009
from . import lay010 as lay010
from . import lay011 as lay011

"""DOC and REL: the Sphinx docs, Read the Docs, the changelog and the README.

One module per rule; ``_paths``, ``_sphinx``, ``_conf`` and ``_markdown``
read what several of them share.
"""

from . import doc001 as doc001
from . import doc002 as doc002
from . import doc003 as doc003
from . import doc004 as doc004
from . import rel001 as rel001
from . import rel002 as rel002

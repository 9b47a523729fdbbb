"""DOC and REL: the Sphinx docs, Read the Docs, the changelog and the README.

One module per rule. The readers of what they compare live beside them:
``_paths`` (which files), ``_readthedocs``, ``_sphinx`` (sphinx commands in
tox and on Read the Docs), ``_conf`` (``docs/conf.py``), ``_markdown``, and
``_render``, the render as an edit reads it when applied.
"""

from . import doc001 as doc001
from . import doc002 as doc002
from . import doc003 as doc003
from . import doc004 as doc004
from . import rel001 as rel001
from . import rel002 as rel002

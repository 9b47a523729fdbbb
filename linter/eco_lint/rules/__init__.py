"""The rules, one module per family. Importing this package registers them."""

from . import actions as actions
from . import build as build
from . import config as config
from . import deps as deps
from . import docs as docs
from . import drift as drift
from . import layout as layout
from . import metadata as metadata
from . import precommit as precommit
from . import publish as publish
from . import tox as tox

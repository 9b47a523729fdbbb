"""SHA-256 from CPython's own module rather than :mod:`hashlib`: importing
:mod:`hashlib` loads OpenSSL's library, which alone adds about 3.5 MB to
the memory of a check. The digests are the same.
"""

from __future__ import annotations

import importlib
import sys
import typing as t

if t.TYPE_CHECKING:
    from hashlib import sha256
else:
    try:
        sha256 = importlib.import_module(
            "_sha2" if sys.version_info >= (3, 12) else "_sha256"
        ).sha256
    except (ImportError, AttributeError):  # pragma: no cover - built without it
        from hashlib import sha256

__all__ = ["sha256"]

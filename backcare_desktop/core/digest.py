"""Short content keys for caches, from CPython's own BLAKE2.

hashlib's import loads OpenSSL's libcrypto, 3.4 MB of memory at start-up (issue 18) for
what is only a cache key here; `_blake2` is the same algorithm built into CPython.
"""

from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # a Python without it
    from hashlib import blake2b


def text_digest(text: str, size: int = 16) -> str:
    """A hex digest of `text`, `size` bytes long (twice as many characters)."""
    return blake2b(text.encode("utf-8"), digest_size=size).hexdigest()

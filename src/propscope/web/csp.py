"""The Content-Security-Policy the server sends, and the hashes that allow our inline styles.

No inline script at all (pages load ``/static/*.js``); the only inline stylesheets are our
own (an article page's label colours), each allowed by its sha256.  Both the guard middleware
(:mod:`propscope.web.security`, which sets the header) and page rendering
(:mod:`propscope.web.pages_support`, which hashes the styles it inlines) use this module.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

__all__ = ["content_security_policy", "csp_hash"]


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(style_hashes: Iterable[str] = ()) -> str:
    styles = " ".join(["'self'", *style_hashes])
    return ("default-src 'none'; script-src 'self'; "
            f"style-src {styles}; img-src 'self'; font-src 'self'; connect-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

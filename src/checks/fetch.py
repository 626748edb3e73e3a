"""Reports read over HTTP: a registry's ``needs.json`` given as a URL.

The core (:mod:`tradecraft.registry`) reads files only and is handed :func:`fetch_json` for a
URL, so that the pure layer holds no I/O beyond reading a path. Each URL is fetched once per run
and kept on disk (``$REPORT_CHECKS_CACHE`` moves the copy), revalidated with its ETag or
Last-Modified on the next run.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tradecraft.errors import InputError

#: Where fetched ``needs.json`` files are kept between runs (``$REPORT_CHECKS_CACHE`` moves it).
CACHE_ENV = "REPORT_CHECKS_CACHE"
#: How long a fetch may take, in seconds.
TIMEOUT = 30

_FETCHED: dict[str, Any] = {}


def fetch_json(url: str, cache: Path | None = None) -> Any:
    """The JSON at a URL: fetched once per run, kept on disk, revalidated with its ETag or
    Last-Modified (a ``304 Not Modified`` answer reuses the copy).

    An unreachable URL or an answer that is not JSON is one :class:`InputError` line; a stale
    copy is never used in its place.
    """
    if url in _FETCHED:
        return _FETCHED[url]
    folder = cache or Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "report-checks")
    stem = hashlib.sha256(url.encode()).hexdigest()[:32]
    body, meta = folder / f"{stem}.json", folder / f"{stem}.validators"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    validators: dict[str, str] = {}
    if body.is_file() and meta.is_file():
        try:
            validators = json.loads(meta.read_text())
        except (OSError, ValueError):
            validators = {}
    for header, name in (("If-None-Match", "ETag"), ("If-Modified-Since", "Last-Modified")):
        if validators.get(name):
            request.add_header(header, validators[name])
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
            content = response.read()
            fresh = {
                n: response.headers[n] for n in ("ETag", "Last-Modified") if response.headers[n]
            }
    except urllib.error.HTTPError as problem:
        if problem.code == 304 and body.is_file():
            content, fresh = body.read_bytes(), {}
        else:
            raise InputError(
                f"{url}: the server answered {problem.code} {problem.reason}"
            ) from None
    except (urllib.error.URLError, OSError, ValueError) as problem:
        reason = getattr(problem, "reason", problem)
        raise InputError(f"{url}: cannot fetch it ({reason}); check the address") from None
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise InputError(f"{url}: the answer is not JSON, so not a needs.json") from None
    if fresh:
        folder.mkdir(parents=True, exist_ok=True)
        body.write_bytes(content)
        meta.write_text(json.dumps(fresh))
    _FETCHED[url] = data
    return data

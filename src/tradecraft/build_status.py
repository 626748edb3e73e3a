"""Whether the build that wrote a ``needs.json`` failed, told by a file beside it.

Sphinx with ``-W --keep-going`` still writes ``needs.json`` when a page has a warning, without
the bad values (the directive drops them). ``report-checks lint`` over that file would then call
an invalid value missing. So the extension writes :data:`MARKER` into the output folder when a
build logs a warning or stops on an error, with the first message, and removes it when a build
(incremental or not) ends without one; ``lint`` reads it with :func:`failed_build` and says the
build failed instead of judging a file the build did not finish. No Sphinx import.
"""

from __future__ import annotations

import json
from pathlib import Path

#: The file beside ``needs.json`` that says the build failed, and with what.
MARKER = "build-failed.json"
#: The command that rebuilds the report, in this report and in every report the toolkit makes.
REBUILD = "tox -e html"


def record_failure(folder: str | Path, first: str, count: int) -> None:
    """Note in ``folder`` that the build failed: its first message and how many it logged."""
    path = Path(folder) / MARKER
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"first": first, "messages": count}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def record_success(folder: str | Path) -> None:
    """Note in ``folder`` that the build succeeded: remove the mark of an earlier failure."""
    (Path(folder) / MARKER).unlink(missing_ok=True)


def failed_build(needs: str | Path) -> str | None:
    """The one line ``lint`` gives for a ``needs.json`` whose build failed, or ``None``."""
    path = Path(needs)
    marker = path.parent / MARKER
    try:
        text = marker.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        text = ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    first = data.get("first") if isinstance(data, dict) else None
    count = data.get("messages") if isinstance(data, dict) else None
    what = f": {first}" if isinstance(first, str) and first else f" (see {marker})"
    more = (
        f" (and {count - 1} more)" if isinstance(count, int) and count > 1 else ""
    )  # the build listed them all
    return f"{path} comes from a build that failed{what}{more}; fix it and rebuild ({REBUILD})"

"""CONTRIBUTING's "Where to change what" names files that exist."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).parent.parent


def test_where_to_change_what_names_existing_files() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text()
    section = text.split("## Where to change what", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) >= 16
    missing = [
        path
        for row in rows
        if "not there yet" not in row
        for path in re.findall(r"`([\w./-]+/[\w./-]*)`", row)
        if not (REPO / path).exists()
    ]
    assert missing == []

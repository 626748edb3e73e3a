"""The report's MyST sources read line by line: which lines are prose, and what they cite.

Not a Markdown parser: a small state machine over fences that is enough to tell prose from
assessment directives (``:::{forecast}`` … ``:::``, ```` ```{judgement} ```` … of the six kinds),
code blocks, directive options, front matter and comments. Fences nest as in MyST: a fence closes
with the same character repeated at least as often and nothing else on the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assessments.vocabulary import KINDS

#: Regions a line can be in.
PROSE = "prose"
ASSESSMENT = "assessment"
CODE = "code"
OPTIONS = "options"
MARKUP = "markup"

#: Directives whose content is not prose (never scanned for hedges, citations or markers).
CODE_DIRECTIVES = frozenset(
    {"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math", "raw",
     "eval-rst", "mermaid", "graphviz", "csv-table", "list-table"}
)  # fmt: skip

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<name>[^}\s]+)\})?(?P<rest>.*)$")
_OPTION = re.compile(r"^\s*:[\w.-]+:(\s|$)")
_ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)")
_CITE = re.compile(r"(?:\{|:)(?:foot)?cite(?::[\w]+)*(?:\}|:)`(?P<keys>[^`]*)`")
_BRACED = re.compile(r"\{[^}]*\}")


@dataclass(frozen=True)
class Line:
    """One source line and the region it lies in."""

    lineno: int
    text: str
    region: str


@dataclass
class _Fence:
    char: str
    length: int
    region: str
    options: bool  # still in the directive's option lines


def scan(text: str) -> Iterator[Line]:
    """Every line of a MyST document with its region, numbered from 1."""
    stack: list[_Fence] = []
    lines = text.splitlines()
    index = 0
    if lines and lines[0].strip() == "---":  # front matter
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                for i in range(end + 1):
                    yield Line(i + 1, lines[i], MARKUP)
                index = end + 1
                break
    in_comment = False
    for index in range(index, len(lines)):
        line = lines[index]
        lineno = index + 1
        top = stack[-1] if stack else None
        match = _FENCE.match(line)
        if top is not None and match and _closes(match, top):
            stack.pop()
            yield Line(lineno, line, MARKUP)
            continue
        if top is not None and top.region == CODE:
            yield Line(lineno, line, CODE)
            continue
        if top is not None and top.options:
            if _OPTION.match(line):
                yield Line(lineno, line, OPTIONS)
                continue
            top.options = False
        if match and not (match["fence"][0] == "`" and "`" in match["rest"]):
            stack.append(_opened(match, top))
            yield Line(lineno, line, MARKUP)
            continue
        region = top.region if top is not None else PROSE
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            yield Line(lineno, line, MARKUP)
            continue
        if stripped.startswith("%") or re.match(r"^\(.+\)=$", stripped):
            yield Line(lineno, line, MARKUP)  # a MyST comment or a target label
            continue
        yield Line(lineno, line, region)


def _closes(match: re.Match[str], top: _Fence) -> bool:
    fence = match["fence"]
    return (
        fence[0] == top.char
        and len(fence) >= top.length
        and match["name"] is None
        and not match["rest"].strip()
    )


def _opened(match: re.Match[str], parent: _Fence | None) -> _Fence:
    fence, name = match["fence"], match["name"]
    if name is None and fence[0] != ":":
        return _Fence(fence[0], len(fence), CODE, False)  # a plain code block
    if name in CODE_DIRECTIVES:
        return _Fence(fence[0], len(fence), CODE, True)
    if name in KINDS or (parent is not None and parent.region == ASSESSMENT):
        return _Fence(fence[0], len(fence), ASSESSMENT, True)
    return _Fence(fence[0], len(fence), PROSE, name is not None)


def markdown_files(docs: Path) -> list[Path]:
    """Every ``*.md`` under ``docs``, sorted, leaving out build output and hidden folders."""
    found = []
    for path in docs.rglob("*.md"):
        parts = path.relative_to(docs).parts
        if any(part.startswith(("_build", ".")) for part in parts):
            continue
        found.append(path)
    return sorted(found)


def cited_keys(text: str) -> list[str]:
    """Citation keys in ``{cite}``/``{footcite}`` roles (any ``:p``/``:t`` variant) of a line."""
    keys = []
    for match in _CITE.finditer(text):
        for key in _BRACED.sub("", match["keys"]).split(","):
            if key.strip():
                keys.append(key.strip())
    return keys


def unsourced_markers(text: str) -> list[str]:
    """The texts of the ``{unsourced}`…``` markers of a line."""
    return [m["body"] for m in _ROLE.finditer(text) if m["name"] == "unsourced"]


def plain_prose(text: str) -> str:
    """A prose line without roles, inline code, link targets and HTML tags: what a reader reads."""
    text = _ROLE.sub(" ", text)
    text = re.sub(r"(`+).*?\1", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"<[^>\s]+>", " ", text)
    return text

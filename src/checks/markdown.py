"""The report's MyST sources read line by line: which lines are prose, and what they cite.

Not a Markdown parser: a small state machine over fence lines that is enough to tell prose from
assessment directives (``:::{forecast}`` … ``:::``, ```` ```{judgement} ```` … of the six kinds),
code blocks, directive options, front matter and comments. Fences nest as in MyST: a fence closes
with the same character repeated at least as often and nothing else on the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tradecraft.vocabulary import KINDS

#: Regions a line can be in.
PROSE = "prose"
ASSESSMENT = "assessment"
CODE = "code"
OPTIONS = "options"
MARKUP = "markup"

#: Directives whose content is not prose (never scanned for hedges, citations or markers).
CODE_DIRECTIVES = frozenset(
    {
        "code",
        "code-block",
        "code-cell",
        "sourcecode",
        "literalinclude",
        "math",
        "raw",
        "eval-rst",
        "mermaid",
        "graphviz",
        "csv-table",
        "list-table",
    }
)

#: Directives every MyST and Sphinx project has, besides ours and the code ones: a line opening
#: one of these with two colons is flagged (the build also knows the extensions' directives).
COMMON_DIRECTIVES = frozenset(
    {
        "admonition",
        "attention",
        "bibliography",
        "caution",
        "danger",
        "epigraph",
        "error",
        "figure",
        "footbibliography",
        "hint",
        "image",
        "important",
        "include",
        "note",
        "seealso",
        "sidebar",
        "table",
        "tip",
        "toctree",
        "topic",
        "warning",
    }
)

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,}|:{3,})\s*(?:\{(?P<name>[^}\s]+)\})?(?P<rest>.*)$")
_FENCE_LINE = re.compile(r"\n[ \t]*(?:```|~~~|:::)")
_TARGET = re.compile(r"^\(.+\)=$")
#: The option lines right after a directive's opening (each ends with a newline).
_OPTION_BLOCK = re.compile(r"(?:[ \t]*:[\w.-]+:(?:[ \t][^\n]*)?\n)*")
_ROLE = re.compile(r"\{(?P<name>[\w:.-]+)\}(?P<ticks>`+)(?P<body>.*?)(?P=ticks)")
_CITE = re.compile(r"(?:\{|:)(?:foot)?cite(?::[\w]+)*(?:\}|:)`(?P<keys>[^`]*)`")
_BRACED = re.compile(r"\{[^}]*\}")


#: ``(line number from 1, text, region)``.
Line = tuple[int, str, str]


@dataclass
class _Fence:
    char: str
    length: int
    region: str
    options: bool  # whether option lines may follow the opening


#: ``(number of the first line, the lines, region)``: a run of lines in one region.
Segment = tuple[int, list[str], str]


def segments(text: str) -> list[Segment]:
    """The document as runs of consecutive lines sharing a region, in order.

    Only fence lines and the option lines after an opening are looked at one by one (found by a
    regular expression over the whole text), so long documents are split quickly. Comments and
    target labels inside prose are left to :func:`lines_of`.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"  # so that every line, the last one too, ends with a newline
    lines = text.split("\n")
    lines.pop()
    result: list[Segment] = []
    start = 0
    if lines and lines[0].strip() == "---":  # front matter
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is not None:
            result.append((1, lines[: end + 1], MARKUP))
            start = end + 1
    stack: list[_Fence] = []
    region = PROSE
    run = start  # first line of the current run

    def flush(upto: int) -> None:
        if upto > run:
            result.append((run + 1, lines[run:upto], region))

    for index, offset in _fence_lines(text):
        if index < run:
            continue  # an option line already consumed
        line = lines[index]
        match = _FENCE.match(line)
        if match is None:
            continue
        top = stack[-1] if stack else None
        if top is not None and _closes(match, top):
            flush(index)
            result.append((index + 1, [line], MARKUP))
            stack.pop()
            region = stack[-1].region if stack else PROSE
            run = index + 1
            continue
        if region == CODE or (match["fence"][0] == "`" and "`" in match["rest"]):
            continue  # content of a code block, or not a fence at all
        flush(index)
        result.append((index + 1, [line], MARKUP))
        opened = _opened(match, top)
        stack.append(opened)
        region = opened.region
        run = index + 1
        if opened.options:
            newline = text.find("\n", offset)
            block = _OPTION_BLOCK.match(text, newline + 1) if newline >= 0 else None
            count = block.group().count("\n") if block else 0
            if count:
                result.append((run + 1, lines[run : run + count], OPTIONS))
                run += count
    flush(len(lines))
    return result


def _fence_lines(text: str) -> list[tuple[int, int]]:
    """``(index from 0, offset)`` of the lines starting with three backticks, tildes or colons."""
    found = []
    position = line = 0
    # searching "\n" + text for a newline then a fence is much faster than a ^ in MULTILINE mode;
    # a match at p in the padded text is the line starting at p in the text
    for match in _FENCE_LINE.finditer("\n" + text):
        start = match.start()
        line += text.count("\n", position, start)
        position = start
        found.append((line, start))
    return found


def lines_of(segment: Segment) -> Iterator[Line]:
    """The lines of a segment with their regions, comments and target labels marked as markup."""
    first, lines, region = segment
    if region not in (PROSE, ASSESSMENT):
        for offset, line in enumerate(lines):
            yield (first + offset, line, region)
        return
    in_comment = False
    for offset, line in enumerate(lines):
        stripped = line.strip()
        if in_comment or stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            yield (first + offset, line, MARKUP)
        elif stripped.startswith("%") or (stripped.endswith(")=") and _TARGET.match(stripped)):
            yield (first + offset, line, MARKUP)  # a MyST comment or a target label
        else:
            yield (first + offset, line, region)


def scan(text: str) -> Iterator[Line]:
    """``(lineno, text, region)`` of every line of a MyST document, numbered from 1."""
    for segment in segments(text):
        yield from lines_of(segment)


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


def is_directive(name: str) -> bool:
    """Whether ``name`` is a directive the report can use: our kinds, code and common ones."""
    return name in KINDS or name in CODE_DIRECTIVES or name in COMMON_DIRECTIVES


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

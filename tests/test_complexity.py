"""Code a newcomer can follow: no function of src/ is graded E or worse by radon (issue 19).

``radon cc`` prints its grades but exits 0 whatever they are, so this test is the gate. An E
(complexity 31-40) is a function to split into named steps, as ``rules.check_need`` was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from radon.complexity import cc_rank, cc_visit

SRC = Path(__file__).parent.parent / "src"


def blocks(code: str) -> Iterator[tuple[str, int]]:
    """``(name, complexity)`` of every function, method and class, as ``radon cc`` lists them."""
    for block in cc_visit(code):
        yield block.fullname, block.complexity
        for method in getattr(block, "methods", ()):
            yield method.fullname, method.complexity


def test_no_function_is_graded_e_or_worse() -> None:
    graded = [
        f"{path.relative_to(SRC)}: {name} is {cc_rank(complexity)} ({complexity})"
        for path in sorted(SRC.rglob("*.py"))
        for name, complexity in blocks(path.read_text(encoding="utf-8"))
        if cc_rank(complexity) in "EF"
    ]
    assert graded == [], "split these into named steps: " + "; ".join(graded)

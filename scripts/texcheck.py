"""Stop a PDF build early, with the install command, when TeX Live is missing."""

from __future__ import annotations

import shutil
import sys

DEBIAN_PACKAGES = (
    "texlive-latex-recommended texlive-fonts-recommended texlive-latex-extra tex-gyre latexmk"
)


def main() -> int:
    """Exit 1 with one line naming what to install if latexmk or pdflatex is not on PATH."""
    missing = [tool for tool in ("latexmk", "pdflatex") if shutil.which(tool) is None]
    if missing:
        print(
            f"tox -e pdf needs TeX Live ({' and '.join(missing)} not found); on Debian/Ubuntu: "
            f"sudo apt-get update && sudo apt-get install -y {DEBIAN_PACKAGES}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Refresh the Korean translation: extract strings (lupdate), then compile them (lrelease).

    python scripts/update_translations.py

Edit ``resources/translations/mnist_studio_ko.ts`` (by hand or with Qt Linguist:
``pyside6-linguist resources/translations/mnist_studio_ko.ts``) between the two steps; lupdate keeps
existing translations and marks new strings unfinished.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "mnist_studio_ko.ts"


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "mnist_studio" / "ui").rglob("*.py"))
    bindir = Path(sys.executable).parent
    subprocess.run([str(bindir / "pyside6-lupdate"), *sources, "-no-obsolete", "-ts", str(TS)], check=True)
    subprocess.run([str(bindir / "pyside6-lrelease"), str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Convert ../shared/data/pendigits-orig.tra (UNIPEN text) into the compact resources/pendigits.npz.

    python scripts/build_pendigits_npz.py [path/to/pendigits-orig.tra]

Source: Pen-Based Recognition of Handwritten Digits, E. Alpaydin and F. Alimoglu, UCI Machine Learning
Repository (1998), CC BY 4.0. Checks the counts (7,494 digits, 30 writers, every digit 0-9 present).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mnist_studio.digits.pendigits import parse_unipen  # noqa: E402


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else ROOT.parent / "shared" / "data" / "pendigits-orig.tra"
    data = parse_unipen(src)
    assert len(data) == 7494, len(data)
    assert sorted(set(data.writers.tolist())) == list(range(1, 31))
    assert np.bincount(data.labels, minlength=10).min() > 700
    out = ROOT / "resources" / "pendigits.npz"
    tmp = out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, points=data.points, stroke_starts=data.stroke_starts,
                        digit_starts=data.digit_starts, labels=data.labels, writers=data.writers)
    tmp.replace(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB): {len(data)} digits, "
          f"{len(data.stroke_starts)} strokes, {len(data.points)} points")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

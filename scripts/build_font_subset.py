"""Build the shipped Hangul font: a subset of Nanum Gothic (SIL OFL 1.1) covering the UI's Korean.

    python scripts/build_font_subset.py [--source-dir /usr/share/fonts/truetype/nanum] [--check]

Source fonts: Debian's ``fonts-nanum`` (``apt-get download fonts-nanum && dpkg-deb -x fonts-nanum_*.deb x``,
then ``--source-dir x/usr/share/fonts/truetype/nanum``), or any folder holding ``NanumGothic.ttf`` and
``NanumGothicBold.ttf``. The subset keeps:

* every character of every translation in ``resources/translations/*.ts`` (so all UI strings render),
* the 2,350 Hangul syllables of KS X 1001 (the common set; what EUC-KR encodes) as a margin for new
  strings, run names and file names, plus the Hangul compatibility jamo,
* ASCII, Latin-1 and the punctuation the UI uses (so the font alone can draw a whole label).

"Nanum Gothic" is a Reserved Font Name under the OFL, so the subset (a Modified Version) is renamed
"MNIST Studio Hangul". Output: ``resources/fonts/MNISTStudioHangul-{Regular,Bold}.ttf`` and ``OFL.txt``.
``--check`` only verifies that the shipped fonts cover every character of the translations (CI-friendly).
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "resources" / "fonts"
FAMILY = "MNIST Studio Hangul"
OUTPUTS = {"Regular": ("NanumGothic.ttf", "MNISTStudioHangul-Regular.ttf"),
           "Bold": ("NanumGothicBold.ttf", "MNISTStudioHangul-Bold.ttf")}
EXTRA = "…–—·•“”‘’«»×✕✓→←↑↓°±%‰€"


def translation_text() -> str:
    parts = []
    for ts in sorted((ROOT / "resources" / "translations").glob("*.ts")):
        for node in ET.parse(ts).getroot().iter():
            if node.tag in ("translation", "source", "numerusform") and node.text:
                parts.append(node.text)
    return "".join(parts)


def ks_x_1001_syllables() -> str:
    """The 2,350 Hangul syllables of KS X 1001: EUC-KR rows 0xB0-0xC8, columns 0xA1-0xFE."""
    return "".join(bytes([row, col]).decode("euc_kr") for row in range(0xB0, 0xC9) for col in range(0xA1, 0xFF))


def wanted_characters() -> set[str]:
    chars = set(translation_text()) | set(ks_x_1001_syllables()) | set(EXTRA)
    chars |= {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x3131, 0x318F)}  # Hangul compatibility jamo
    return {c for c in chars if c.isprintable() or c == " "}


def rename(font, style: str) -> None:
    names = font["name"]
    ps_name = f"{FAMILY.replace(' ', '')}-{style}"
    for name_id in (1, 2, 3, 4, 6, 16, 17, 21, 22):  # every language's record (the Korean ones name Nanum)
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, FAMILY), (2, style), (3, f"{ps_name};subset of Nanum Gothic"),
                           (4, f"{FAMILY} {style}" if style != "Regular" else FAMILY), (6, ps_name)):
        names.setName(value, name_id, 3, 1, 0x409)  # Windows, Unicode BMP, English
        names.setName(value, name_id, 1, 0, 0)  # Macintosh, Roman, English
    if "CFF " in font:
        font["CFF "].cff.fontNames = [ps_name]


def build(source_dir: Path) -> dict:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    FONTS.mkdir(parents=True, exist_ok=True)
    text = "".join(sorted(wanted_characters()))
    report = {}
    for style, (src_name, out_name) in OUTPUTS.items():
        src = source_dir / src_name
        if not src.is_file():
            raise SystemExit(f"{src} not found: pass --source-dir (see this script's docstring)")
        options = subset.Options()
        options.layout_features = ["*"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.hinting = False  # Nanum's TrueType instructions are most of its size; Qt/FreeType autohint
        font = TTFont(src)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        rename(font, style)
        out = FONTS / out_name
        tmp = out.with_suffix(".tmp")
        font.save(tmp)
        tmp.replace(out)
        report[out_name] = {"bytes": out.stat().st_size, "glyphs": len(font.getGlyphOrder())}
    licence = source_dir.parent.parent.parent / "doc" / "fonts-nanum" / "copyright"
    header = ("MNIST Studio Hangul is a subset of Nanum Gothic, renamed as the SIL Open Font License requires\n"
              "(\"Nanum Gothic\" is a Reserved Font Name). Built by scripts/build_font_subset.py.\n\n"
              "Copyright (c) 2010, NAVER Corporation (http://www.nhncorp.com),\n"
              "with Reserved Font Name Nanum, Naver Nanum, NanumGothic, Naver NanumGothic, NanumMyeongjo,\n"
              "Naver NanumMyeongjo, NanumBrush, Naver NanumBrush, NanumPen, Naver NanumPen, Naver NanumGothicEco,\n"
              "NanumGothicEco, Naver NanumMyeongjoEco, NanumMyeongjoEco, Naver NanumGothicLight,\n"
              "NanumGothicLight, NanumBarunGothic, Naver NanumBarunGothic.\n\n")
    if licence.is_file():  # Debian's copyright file carries the full OFL text
        body = licence.read_text(encoding="utf-8")
        body = "\n".join(line[1:] if line.startswith(" ") else line for line in body.splitlines()
                         if line.strip() != ".") if "License: OFL-1.1" in body else body
        (FONTS / "OFL.txt").write_text(header + body + "\n", encoding="utf-8")
    return report


def _is_hangul(c: str) -> bool:
    return "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"


def missing_characters() -> dict[str, str]:
    from fontTools.ttLib import TTFont

    needed = {c for c in translation_text() if _is_hangul(c) or " " < c <= "~"}
    missing = {}
    for _, out_name in OUTPUTS.values():
        cmap = TTFont(FONTS / out_name).getBestCmap()
        lacking = "".join(sorted(c for c in needed if ord(c) not in cmap))
        if lacking:
            missing[out_name] = lacking
    return missing


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--source-dir", type=Path, default=Path("/usr/share/fonts/truetype/nanum"))
    p.add_argument("--check", action="store_true", help="only check the shipped fonts cover the translations")
    args = p.parse_args()
    if not args.check:
        for name, info in build(args.source_dir).items():
            print(f"{name}: {info['glyphs']} glyphs, {info['bytes'] / 1024:.0f} KiB")
    missing = missing_characters()
    for name, chars in missing.items():
        print(f"{name} lacks: {chars}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Make scanned copies of our own corpus documents: image-only PDFs, as a
commune or a CAF publishes a signed convention, for the OCR tests.

    pip install -r tools/scans/requirements.txt     # Pillow and reportlab, pinned
    apt-get install poppler-utils                   # pdftoppm
    python3 tools/scans/make_scans.py               # writes tests/scans/

Each scan is made from a PDF with a text layer: one of the corpus PDFs
(`corpus/convention-short-*.pdf`), or a corpus text (`corpus/kinds/avenant-*.txt`,
`corpus/convention-*.txt`) first set in Times on A4 with reportlab. Every page
is rasterized by pdftoppm in grey levels, tilted by under a degree, blurred a
little as a scanner's optics do, speckled with dust, then written as a JPEG
image in a PDF that has no text at all (Pillow's PDF writer). Its gold file is
the original's, with `file` renamed. The PDF it was made from, with its text
layer, is kept under the same name in `text-layer/`, so that
`tools/scans/score.sh` scores the same documents read both ways. One more file, a single page at 60 dpi,
is too poor to read: ctg must answer it with `pdf.ocr_unreadable`.

Everything is drawn from one seed (`--seed`, default 20): the same seed, the
same pinned Pillow and the same poppler give the same bytes. The scans are
committed, so that the tests need neither Pillow nor ImageMagick.
"""
import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent.parent

# (output name, source, dpi, noise). Noise "light" is a clean office scan;
# "heavy" is a worn photocopy scanned at low resolution; "unreadable" the page
# nobody can read.
SCANS = [
    ("scan-convention-short-a", "corpus/convention-short-a.pdf", 300, "light"),
    ("scan-convention-short-b", "corpus/convention-short-b.pdf", 200, "light"),
    ("scan-convention-short-b-noisy-110dpi", "corpus/convention-short-b.pdf", 110, "heavy"),
    ("scan-convention-signataires-bloc", "corpus/convention-signataires-bloc.txt", 200, "light"),
    ("scan-avenant-bassin-de-brive-2022", "corpus/kinds/avenant-bassin-de-brive-2022.txt", 200, "light"),
    ("scan-avenant-mond-arverne-2020", "corpus/kinds/avenant-mond-arverne-2020.txt", 150, "light"),
    ("scan-unreadable-60dpi", "corpus/convention-short-a.pdf", 60, "unreadable"),
]

NOISE = {
    # tilt (degrees, at most), blur radius, dust specks per megapixel, JPEG quality
    "light": {"tilt": 0.8, "blur": 0.6, "specks": 40, "quality": 55, "grey": 0},
    "heavy": {"tilt": 0.9, "blur": 0.8, "specks": 400, "quality": 35, "grey": 25},
    "unreadable": {"tilt": 0.9, "blur": 1.2, "specks": 1500, "quality": 20, "grey": 60},
}

# A fixed date in the PDF's info dictionary, so that reruns give the same bytes.
FIXED_DATE = time.gmtime(1735689600)  # 2025-01-01


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seed", type=int, default=20, help="random seed [default: 20]")
    p.add_argument("--out", type=Path, default=ROOT / "tests" / "scans",
                   help="folder for the scans and their gold files [default: tests/scans]")
    return p.parse_args()


def typeset(text_path, pdf_path):
    """Sets a corpus text on A4 pages in Times, one paragraph per line of the
    text, wrapped, with a page number at the foot of each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    font, size, leading = "Times-Roman", 11, 14.5
    width, height = A4
    left, right, top, bottom = 2.5 * cm, 2.5 * cm, 2.5 * cm, 2.5 * cm
    c = canvas.Canvas(str(pdf_path), pagesize=A4, invariant=1)
    lines = []
    for paragraph in text_path.read_text(encoding="utf-8").splitlines():
        words, line = paragraph.split(), ""
        if not words:
            lines.append("")
            continue
        for word in words:
            candidate = f"{line} {word}" if line else word
            if stringWidth(candidate, font, size) <= width - left - right:
                line = candidate
            else:
                lines.append(line)
                line = word
        lines.append(line)
    per_page = int((height - top - bottom) // leading)
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)]
    for number, page in enumerate(pages, 1):
        y = height - top
        c.setFont(font, size)
        for line in page:
            c.drawString(left, y, line)
            y -= leading
        c.setFont(font, 9)
        c.drawCentredString(width / 2, bottom / 2, f"{number}/{len(pages)}")
        c.showPage()
    c.save()


def rasterize(pdf_path, dpi, folder):
    """The pages of a PDF as grey images, by pdftoppm."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(pdf_path), str(folder / "p")],
                   check=True)
    return [Image.open(p) for p in sorted(folder.glob("p-*.pgm"))]


def degrade(page, rng, noise, dpi):
    """Tilts, blurs, greys and speckles one page."""
    n = NOISE[noise]
    page = page.convert("L")
    angle = rng.uniform(-n["tilt"], n["tilt"])
    page = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    page = page.filter(ImageFilter.GaussianBlur(n["blur"] * dpi / 300))
    if n["grey"]:
        # a photocopy's grey background, and faded ink
        page = page.point(lambda v: n["grey"] + v * (255 - n["grey"]) // 255)
    draw = ImageDraw.Draw(page)
    w, h = page.size
    specks = int(n["specks"] * w * h / 1e6)
    for _ in range(specks):
        x, y = rng.randrange(w), rng.randrange(h)
        r = rng.choice([0, 0, 0, 1, 1, 2]) * max(1, dpi // 150)
        shade = rng.randrange(0, 120)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=shade)
    return page


def image_pdf(pages, dpi, quality, path):
    """Writes the pages as JPEG images in a PDF without any text."""
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:],
                  resolution=float(dpi), quality=quality, creationDate=FIXED_DATE,
                  modDate=FIXED_DATE, producer="tools/scans/make_scans.py",
                  title=path.stem)
    path.write_bytes(buffer.getvalue())


def gold(source, name, noise, dpi, out):
    """The original's gold file, renamed; none for the unreadable page."""
    if noise == "unreadable":
        return
    original = json.loads((ROOT / source).with_suffix(".gold.json").read_text(encoding="utf-8"))
    original["file"] = f"{name}.pdf"
    original["notes"] = (f"Scan of {source} made by tools/scans/make_scans.py at {dpi} dpi, "
                         f"{noise} noise; the facts are the original's. "
                         + original.get("notes", ""))
    (out / f"{name}.gold.json").write_text(
        json.dumps(original, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    args = parse_args()
    if shutil.which("pdftoppm") is None:
        sys.exit("error: pdftoppm is missing; install poppler-utils (apt-get install poppler-utils)")
    (args.out / "text-layer").mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, source, dpi, noise in SCANS:
            work = tmp / name
            work.mkdir()
            pdf = ROOT / source
            if source.endswith(".txt"):
                pdf = work / (Path(source).stem + ".pdf")
                typeset(ROOT / source, pdf)
            if noise != "unreadable":
                shutil.copy(pdf, args.out / "text-layer" / f"{name}.pdf")
            pages = rasterize(pdf, dpi, work)
            if noise == "unreadable":
                pages = pages[:1]
            pages = [degrade(p, rng, noise, dpi) for p in pages]
            target = args.out / f"{name}.pdf"
            image_pdf(pages, dpi, NOISE[noise]["quality"], target)
            gold(source, name, noise, dpi, args.out)
            print(f"{target}: {len(pages)} pages, {dpi} dpi, {noise}, "
                  f"{target.stat().st_size // 1024} KB", file=sys.stderr)


if __name__ == "__main__":
    main()

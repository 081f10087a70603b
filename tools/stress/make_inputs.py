#!/usr/bin/env python3
"""Hostile inputs for `ctg extract`, made from a seed (Python 3 standard library).

Every input of issue 18, so that a slow or stuck path can be found again:

  text/    machine-made texts that once took time quadratic in their size:
           caf-de            "Caf de Caf de ..."
           dates             "12/12/2012 12/12/2012 ..."
           caf-list          "CAF du Cher et CAF de l'Aisne et ..."
           names             capitalized given names and surnames, no punctuation
           combining         one letter followed by combining accents
           one-line          ordinary press text on one line
           cr-only           press text whose lines end with CR alone
           each at every size of --sizes (MB), named <case>-<size>mb.txt
  pdf/     damaged PDFs (byte flips, truncations, a broken xref, nesting a
           hundred thousand deep, a deflate bomb) beside the intact one
  walk/    a folder with a symlink loop to itself (dot -> .) and to its parent
           (sub/up -> ..), a FIFO named b.txt, a link zero.txt -> /dev/zero,
           names with a backslash and with bytes that are not UTF-8, and a
           UTF-16 text without a byte-order mark (little and big endian)

The same seed and sizes give the same bytes. `tools/stress/run.py` runs ctg on
them and prints the time per MB and the peak memory of each; `cargo test
--test stress` runs small versions of each case.

Usage: make_inputs.py OUT [--seed N] [--sizes 0.1,1,2,5] [--cases one-line]
                        [--pdfs N] [--only text|pdf|walk]

The 60 MB line of the issue: make_inputs.py OUT --only text --cases one-line
--sizes 60 (under the default --max-bytes, 64 MiB).
"""

import argparse
import os
import random
import zlib
from pathlib import Path

MB = 1_000_000

GIVEN = """Anne Paul Marie Jean Claire Michel Isabelle Pierre Sophie Laurent
Nathalie Philippe Sylvie Alain Catherine Patrick Christine Thierry Valérie
Éric Hélène Gérard Martine François Delphine Bernard Céline Olivier Agnès
Jacques Émilie Christophe Brigitte Nicolas Sandrine Stéphane Chantal Didier
Aurélie Frédéric""".split()

SURNAMES = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy
Moreau Simon Laurent Lefèbvre Michel Garcia David Bertrand Roux Vincent Fournier
Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez
Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas
CHARASSE AUBERGER HENNEBELLE""".split()

# Ordinary press text: sentences of the kind the corpus holds, shuffled by the
# seed into paragraphs.
SENTENCES = [
    "La Communauté de communes du Pays de Lapalisse et la Caisse d'allocations "
    "familiales de l'Allier ont signé le mardi 5 novembre 2024 une convention "
    "territoriale globale.",
    "Le document a été paraphé par Michel Auberger, président de "
    "l'intercommunalité, et par Isabelle Charasse, directrice de la Caf de l'Allier.",
    "Conclue pour cinq ans, la convention couvre la période 2024-2028.",
    "Elle prend le relais du contrat enfance jeunesse, dont les derniers "
    "financements avaient été versés en 2023.",
    "Le diagnostic, conduit au printemps auprès de 310 familles, a fait ressortir "
    "quatre priorités : la petite enfance, l'enfance et la jeunesse, le soutien à "
    "la parentalité et l'accès aux droits.",
    "Concrètement, la micro-crèche de Périgny passera de 10 à 12 places.",
    "Un lieu d'accueil enfants-parents itinérant fera étape une matinée par "
    "semaine au Breuil et à Saint-Prix.",
    "« Nos villages sont petits, mais les besoins des familles sont les mêmes "
    "qu'ailleurs », a résumé le président.",
    "Le 09/12/2021, dans la salle des mariages de l'hôtel de ville, le maire, Paul "
    "Verhaeghe, et Marc Hennebelle, directeur de la Caf du Nord, ont signé la "
    "Convention territoriale globale de Bailleul.",
    "Le conseil municipal avait approuvé le texte par délibération du 18 novembre 2021.",
    "La convention est conclue pour une durée de 4 ans, du 1er janvier 2022 au "
    "31 décembre 2025.",
    "Un premier comité de pilotage est prévu au printemps 2025 pour faire le point "
    "sur les actions engagées.",
    "Côté accès aux droits, un conseiller de la Caf tiendra une permanence "
    "mensuelle à la mairie du Breuil.",
    "Publié le jeudi 7 novembre 2024 à 17 h 40 | Par Claire Dumontet",
    "Sur la photo : Isabelle Charasse et Michel Auberger (au centre), entourés des "
    "maires du territoire, après la signature.",
]


def repeat_to(unit: str, size: int) -> bytes:
    """`unit` repeated until `size` bytes (cut on a character boundary)."""
    data = (unit * (size // len(unit.encode()) + 1)).encode()[:size]
    return data.decode("utf-8", "ignore").encode()


def names(rng: random.Random, size: int) -> bytes:
    words = []
    total = 0
    while total < size:
        word = rng.choice(GIVEN) + " " + rng.choice(SURNAMES) + " "
        words.append(word)
        total += len(word.encode())
    return "".join(words).encode()[:size].decode("utf-8", "ignore").encode()


def press(rng: random.Random, size: int, line_end: str) -> bytes:
    """Paragraphs of shuffled press sentences, lines ended by `line_end`."""
    out = []
    total = 0
    while total < size:
        paragraph = " ".join(rng.sample(SENTENCES, rng.randint(2, 6)))
        piece = paragraph + line_end
        out.append(piece)
        total += len(piece.encode())
    return "".join(out).encode()[:size].decode("utf-8", "ignore").encode()


def combining(size: int) -> bytes:
    """One letter, then combining acute accents (2 bytes each) up to `size`."""
    return ("e" + "\u0301" * ((size - 1) // 2)).encode()


TEXT_CASES = {
    "caf-de": lambda rng, size: repeat_to("Caf de ", size),
    "dates": lambda rng, size: repeat_to("12/12/2012 ", size),
    "caf-list": lambda rng, size: repeat_to("CAF du Cher et CAF de l'Aisne et ", size),
    "names": names,
    "combining": lambda rng, size: combining(size),
    "one-line": lambda rng, size: press(rng, size, " "),
    "cr-only": lambda rng, size: press(rng, size, "\r"),
}


def size_name(mb: float) -> str:
    return f"{mb:g}mb"


def make_texts(out: Path, seed: int, sizes: list, cases: list) -> None:
    folder = out / "text"
    folder.mkdir(parents=True, exist_ok=True)
    for case, make in TEXT_CASES.items():
        if case not in cases:
            continue
        for mb in sizes:
            rng = random.Random(f"{seed}-{case}-{mb}")
            (folder / f"{case}-{size_name(mb)}.txt").write_bytes(make(rng, int(mb * MB)))


def pdf(objects: list) -> bytes:
    """A PDF of the given object bodies (numbered from 1, the catalog first)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def text_pdf(lines: list, stream: bytes = None, filters: bytes = b"") -> bytes:
    """A one-page PDF showing `lines` in Helvetica (or the content `stream`)."""
    if stream is None:
        ops = ["BT /F1 11 Tf 14 TL 60 780 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1", "replace")
    return pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} {filters.decode()} >>\nstream\n".encode()
        + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def deflate_zeros(n: int) -> bytes:
    """zlib of `n` zero bytes, compressed in chunks (a few MB of memory)."""
    z = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = []
    for _ in range(n // len(chunk)):
        parts.append(z.compress(chunk))
    parts.append(z.flush())
    return b"".join(parts)


def make_pdfs(out: Path, seed: int, count: int) -> None:
    folder = out / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-pdf")
    good = text_pdf([
        "CONVENTION TERRITORIALE GLOBALE 2024-2027",
        "Entre la Caisse d'allocations familiales de la Sarthe et la Commune",
        "de Sable-sur-Sarthe, representee par son Maire, Monsieur Paul DURAND.",
        "Fait a Sable-sur-Sarthe, le 12 mars 2024.",
    ])
    (folder / "good.pdf").write_bytes(good)
    for i in range(count):
        damaged = bytearray(good)
        if i % 2 == 0:
            for _ in range(rng.randint(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            name = f"flip-{i:03d}.pdf"
        else:
            damaged = damaged[: rng.randrange(16, len(damaged))]
            name = f"truncated-{i:03d}.pdf"
        (folder / name).write_bytes(bytes(damaged))
    broken_xref = good.replace(b"0000000", b"9999999")
    (folder / "broken-xref.pdf").write_bytes(broken_xref)
    nested = b"[" * 100_000 + b"]" * 100_000
    (folder / "nested.pdf").write_bytes(text_pdf([], stream=nested))
    bomb = deflate_zeros(256 << 20)
    (folder / "bomb.pdf").write_bytes(text_pdf([], stream=bomb, filters=b"/Filter /FlateDecode"))


def make_walk(out: Path, seed: int) -> None:
    """The folder traps; made with bytes paths, so that non-UTF-8 names work."""
    folder = out / "walk"
    (folder / "sub").mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-walk")
    good = " ".join(rng.sample(SENTENCES, 4)) + "\n"
    (folder / "good.txt").write_text(good, encoding="utf-8")
    (folder / "sub" / "inner.txt").write_text(good, encoding="utf-8")
    links = {
        folder / "dot": ".",
        folder / "sub" / "up": "..",
        folder / "zero.txt": "/dev/zero",
    }
    for link, target in links.items():
        if link.is_symlink():
            link.unlink()
        os.symlink(target, link)
    fifo = folder / "b.txt"
    if not fifo.exists():
        os.mkfifo(fifo)
    raw = bytes(folder)
    with open(os.path.join(raw, b"back\\slash.txt"), "wb") as f:
        f.write(good.encode())
    with open(os.path.join(raw, b"latin1-\xe9t\xe9.txt"), "wb") as f:
        f.write(good.encode())
    (folder / "utf16le-nobom.txt").write_bytes(good.encode("utf-16-le"))
    (folder / "utf16be-nobom.txt").write_bytes(good.encode("utf-16-be"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sizes", default="0.1,1,2,5",
                        help="sizes of the texts in MB, comma-separated")
    parser.add_argument("--cases", default=",".join(TEXT_CASES),
                        help="text cases to make, comma-separated")
    parser.add_argument("--pdfs", type=int, default=40, help="damaged PDFs to make")
    parser.add_argument("--only", choices=["text", "pdf", "walk"], action="append",
                        help="make only these kinds (repeatable)")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    kinds = args.only or ["text", "pdf", "walk"]
    if "text" in kinds:
        cases = [c for c in args.cases.split(",") if c]
        unknown = set(cases) - set(TEXT_CASES)
        if unknown:
            parser.error(f"unknown case(s) {sorted(unknown)}; known: {list(TEXT_CASES)}")
        make_texts(args.out, args.seed, sizes, cases)
    if "pdf" in kinds:
        make_pdfs(args.out, args.seed, args.pdfs)
    if "walk" in kinds:
        make_walk(args.out, args.seed)


if __name__ == "__main__":
    main()

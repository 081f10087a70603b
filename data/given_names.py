#!/usr/bin/env python3
"""Regenerate ctg's lists of given names (data/given_names.tsv, data/given_names_fr.tsv).

ctg uses the lists as one signal among others that capitalized words are a
person's name ("Anne Roux") rather than a body ("Mutualité Sociale
Agricole"); a name missing from them still counts with a civility, a role or
a surname in capitals. Two sources, each a pinned wheel from PyPI:

- given_names.tsv: the PyPI package Faker 40.63.0 (MIT licence), the given
  names of its person providers written in the Latin script (French officials
  bear given names of many origins: its French-language lists alone miss
  Delphine or Sabrina).
- given_names_fr.tsv: the first names that nam_dict.txt (Jörg Michael,
  2007-2008, GNU Free Documentation License 1.2 or later), shipped in the PyPI
  package gender-guesser 0.4.0, marks as used in France. Faker's lists miss
  names most French officials of today bear: Hervé, Arnaud, Sylvain, Régis,
  Maryvonne, Armelle. The file keeps that licence (see its header).

    python3 data/given_names.py            # download the wheels with pip, write the files
    python3 data/given_names.py --check    # compare, write nothing

The wheels are verified against the sha256 pinned below; the output depends
only on their bytes. Needs Python 3 with pip (to download) and nothing else.
"""

import argparse
import ast
import hashlib
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGE = "faker"
VERSION = "40.63.0"
WHEEL = "faker-40.63.0-py3-none-any.whl"
PINNED_SHA256 = "36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232"
NAM_PACKAGE = "gender-guesser"
NAM_VERSION = "0.4.0"
NAM_WHEEL = "gender_guesser-0.4.0-py2.py3-none-any.whl"
NAM_SHA256 = "7cb01ce5d8d43b94573498bc02c959b622872abd399622ca67d1b73ba6e7e222"
NAM_FILE = "gender_guesser/data/nam_dict.txt"
LISTS = [
    "first_names", "first_names_female", "first_names_male", "first_names_nonbinary",
    "first_names_unisex",
]
HERE = os.path.dirname(os.path.abspath(__file__))


def download(directory, package, version, wheel):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{package}=={version}", "--no-deps",
         "--only-binary", ":all:", "-d", directory, "-q"],
        check=True,
    )
    return os.path.join(directory, wheel)


def verified(wheel, pinned):
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != pinned:
        sys.exit(f"{wheel}: sha256 {digest}, expected {pinned}; refusing it")
    return wheel


def names_of(source):
    """The string items of the module's first-name tuples, lists or dicts."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            if not any(t in LISTS for t in targets):
                continue
            value = node.value
            items = value.keys if isinstance(value, ast.Dict) else getattr(value, "elts", [])
            for item in items:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    found.add(unicodedata.normalize("NFC", item.value.strip()))
    return found


def latin(name):
    """Letters of the Latin script only (with accents), hyphens, apostrophes, spaces."""
    return all(
        c in " -'’" or (c.isalpha() and unicodedata.name(c, "").startswith("LATIN"))
        for c in name
    )


def build(wheel):
    verified(wheel, PINNED_SHA256)
    names = set()
    with zipfile.ZipFile(wheel) as z:
        providers = sorted(
            n for n in z.namelist()
            if n.startswith("faker/providers/person/") and n.endswith("/__init__.py")
            and n.count("/") == 4
        )
        for path in providers:
            names |= names_of(z.read(path).decode("utf-8"))
    names = sorted(n for n in names if len(n) >= 2 and latin(n) and n[0].isupper())
    header = f"# given names of the person providers of {PACKAGE}=={VERSION} (Latin script), MIT licence; regenerate with data/given_names.py\nname\n"
    return header + "".join(f"{n}\n" for n in names)


def france_column(lines):
    """The column of nam_dict.txt's frequencies for France: the '|' under the
    country's name in the header's list of countries."""
    for i, line in enumerate(lines):
        if line.startswith("#") and line[1:].strip().startswith("France"):
            return lines[i + 1].index("|")
    sys.exit(f"{NAM_FILE}: no column for France in the header")


def build_france(wheel):
    """The names nam_dict.txt gives a frequency in France (1, rare, to D)."""
    verified(wheel, NAM_SHA256)
    with zipfile.ZipFile(wheel) as z:
        lines = z.read(NAM_FILE).decode("utf-8").split("\n")
    column = france_column(lines)
    names = set()
    for line in lines:
        if line.startswith("#") or len(line) <= column or line[29] == "+":
            continue
        # columns 0-1 the gender, 3-28 the name, 29 a sort mark ('-' for the
        # plain spelling of a name also listed expanded with '+')
        name = unicodedata.normalize("NFC", line[3:29].strip())
        if line[column].strip() and name and latin(name) and name[0].isupper():
            names.add(name)
    header = (
        f"# first names used in France, from nam_dict.txt (c) 2007-2008 Jorg Michael, in {NAM_PACKAGE}=={NAM_VERSION};\n"
        "# subject to the GNU Free Documentation License 1.2 or later (no Invariant Sections, no Cover Texts);\n"
        "# regenerate with data/given_names.py\n"
        "name\n"
    )
    return header + "".join(f"{n}\n" for n in sorted(names))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheels", help="a folder holding the two wheels (verified)")
    ap.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    ap.add_argument("--dir", default=HERE, help="where the files are (default: data/)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = a.wheels or tmp
        faker = os.path.join(folder, WHEEL) if a.wheels else download(tmp, PACKAGE, VERSION, WHEEL)
        nam = os.path.join(folder, NAM_WHEEL) if a.wheels else download(tmp, NAM_PACKAGE, NAM_VERSION, NAM_WHEEL)
        files = {"given_names.tsv": build(faker), "given_names_fr.tsv": build_france(nam)}
    status = 0
    for name, text in files.items():
        path = os.path.join(a.dir, name)
        if a.check:
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            print(f"{name} is up to date" if same else f"{name} differs")
            status |= 0 if same else 1
            continue
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        names = sum(1 for line in text.splitlines() if not line.startswith("#")) - 1
        print(f"wrote {path}: {names} names")
    return status


if __name__ == "__main__":
    sys.exit(main())

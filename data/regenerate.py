#!/usr/bin/env python3
"""Regenerate ctg's compact copy of the French official geographic code.

Source: the npm package @etalab/decoupage-administratif, pinned at 6.0.0
(data under Licence Ouverte / Etalab Open Licence 2.0; code under MIT).

    python3 data/regenerate.py                    # fetch from the npm registry
    python3 data/regenerate.py --tarball pkg.tgz  # use a downloaded .tgz
    python3 data/regenerate.py --check            # compare, write nothing

The tarball is always verified against the integrity pinned below (and,
when the registry is contacted, against the registry metadata too). The
output depends only on the tarball's bytes: running twice gives identical
files. Python 3 standard library only.
"""

import argparse
import base64
import hashlib
import io
import json
import os
import sys
import tarfile
import unicodedata
import urllib.request

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
METADATA_URL = "https://registry.npmjs.org/@etalab%2fdecoupage-administratif/6.0.0"
# Pinned from the registry metadata of 6.0.0 (dist.integrity / dist.shasum).
PINNED_INTEGRITY = (
    "sha512-XavYsFlbcM/prKr8hNHPKER94IHw/dsxNM4nxjWMYk6PLFACpEedvn/7wK8Baozm0dCYhWWcf+7bcWpA5pmCaQ=="
)
PINNED_SHASUM = "0330556cf07e21fff21111e5775a316ec18b9636"

DATA_FILES = {
    "communes": "package/data/communes.json",
    "epci": "package/data/epci.json",
    "departements": "package/data/departements.json",
    "regions": "package/data/regions.json",
}

# The package's commune "type" values -> the COG's short type codes.
COMMUNE_TYPES = {
    "commune-actuelle": "COM",
    "commune-deleguee": "COMD",
    "commune-associee": "COMA",
    "arrondissement-municipal": "ARM",
}
TYPE_RANK = {"COM": 0, "COMD": 1, "COMA": 2, "ARM": 3}

# INSEE "type de nom en clair" (TNCC), which the package calls typeLiaison:
# tncc -> (article before the bare name, "charnière" used after "de").
TNCC = {
    0: ("", "de"),
    1: ("", "d'"),
    2: ("le", "du"),
    3: ("la", "de la"),
    4: ("les", "des"),
    5: ("l'", "de l'"),
    6: ("aux", "des"),
    7: ("las", "de las"),
    8: ("los", "de los"),
}

COLUMNS = {
    "communes.tsv": ["type", "insee", "name", "departement", "region", "parent",
                     "population", "epci", "tncc"],
    "epci.tsv": ["siren", "type", "name", "departements", "members", "population"],
    "departements.tsv": ["code", "name", "region", "chef_lieu", "tncc", "article",
                         "charniere", "zone"],
    "regions.tsv": ["code", "name", "chef_lieu", "tncc", "article", "charniere", "zone"],
}


class DataError(Exception):
    pass


def fail(msg):
    raise DataError(msg)


# --------------------------------------------------------------------------
# Fetching and verifying


def http_get(url):
    req = urllib.request.Request(url, headers={
        "User-Agent": "ctg-data-regenerate/1 (python urllib)",
        "Accept": "application/json, application/octet-stream, */*",
    })
    with urllib.request.urlopen(req, timeout=120) as resp:
        return resp.read()


def fetch_metadata():
    meta = json.loads(http_get(METADATA_URL).decode("utf-8"))
    if meta.get("name") != PACKAGE or meta.get("version") != VERSION:
        fail("registry metadata is for %r@%r, expected %s@%s"
             % (meta.get("name"), meta.get("version"), PACKAGE, VERSION))
    dist = meta.get("dist") or {}
    if not dist.get("tarball"):
        fail("registry metadata names no dist.tarball")
    if dist.get("integrity") and dist["integrity"] != PINNED_INTEGRITY:
        fail("registry dist.integrity %s differs from the pinned %s"
             % (dist["integrity"], PINNED_INTEGRITY))
    if dist.get("shasum") and dist["shasum"] != PINNED_SHASUM:
        fail("registry dist.shasum %s differs from the pinned %s"
             % (dist["shasum"], PINNED_SHASUM))
    return dist


def verify(blob, integrity, shasum):
    """Check blob against an SRI string (sha512-...) and/or a sha1 hex."""
    checked = False
    if integrity:
        for token in integrity.split():
            algo, _, b64 = token.partition("-")
            if algo not in ("sha512", "sha384", "sha256", "sha1"):
                continue
            got = base64.b64encode(hashlib.new(algo, blob).digest()).decode("ascii")
            if got != b64:
                fail("INTEGRITY MISMATCH: tarball %s is %s-%s, expected %s"
                     % (algo, algo, got, token))
            checked = True
    if shasum:
        got = hashlib.sha1(blob).hexdigest()
        if got != shasum.lower():
            fail("SHASUM MISMATCH: tarball sha1 is %s, expected %s" % (got, shasum))
        checked = True
    if not checked:
        fail("no usable integrity or shasum to verify the tarball against")


def load_tarball(path):
    if path:
        with open(path, "rb") as f:
            blob = f.read()
        verify(blob, PINNED_INTEGRITY, PINNED_SHASUM)
        return blob
    dist = fetch_metadata()
    blob = http_get(dist["tarball"])
    verify(blob, dist.get("integrity"), dist.get("shasum"))
    verify(blob, PINNED_INTEGRITY, PINNED_SHASUM)
    return blob


def read_json_files(blob):
    out = {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        names = set(tar.getnames())
        for key, member in DATA_FILES.items():
            if member not in names:
                fail("%s not found in the tarball (it has: %s)"
                     % (member, ", ".join(sorted(n for n in names if n.endswith(".json")))))
            f = tar.extractfile(member)
            out[key] = json.loads(f.read().decode("utf-8"))
            if not isinstance(out[key], list):
                fail("%s is not a JSON array" % member)
    return out


# --------------------------------------------------------------------------
# Building the tables


def text(value, what):
    if not isinstance(value, str) or not value:
        fail("missing or empty %s: %r" % (what, value))
    value = unicodedata.normalize("NFC", value)
    if any(ch in value for ch in "\t\r\n"):
        fail("%s contains a tab or line break: %r" % (what, value))
    return value


def optional_int(value, what):
    if value is None:
        return ""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        fail("bad %s: %r" % (what, value))
    return str(value)


def tncc_of(rec, what):
    t = rec.get("typeLiaison")
    if t is None:
        return None
    if t not in TNCC:
        fail("unknown typeLiaison %r for %s" % (t, what))
    return t


def build(raw):
    communes_raw = raw["communes"]
    current = {}
    for r in communes_raw:
        if r.get("type") not in COMMUNE_TYPES:
            fail("unknown commune type %r in %r" % (r.get("type"), r))
        if r["type"] == "commune-actuelle":
            code = text(r.get("code"), "commune code")
            if code in current:
                fail("duplicate current commune %s" % code)
            current[code] = r

    # EPCI membership (the package gives it on the EPCI side only).
    epci_of = {}
    epci_rows = []
    seen_siren = set()
    for e in raw["epci"]:
        siren = text(e.get("code"), "EPCI code")
        if not (len(siren) == 9 and siren.isdigit()):
            fail("EPCI code is not a 9-digit SIREN: %r" % siren)
        if siren in seen_siren:
            fail("duplicate EPCI %s" % siren)
        seen_siren.add(siren)
        members = set()
        for m in e.get("membres") or []:
            code = text(m.get("code"), "EPCI member code")
            if code not in current:
                fail("EPCI %s member %s is not a current commune" % (siren, code))
            if code in epci_of and epci_of[code] != siren:
                fail("commune %s is in two EPCI: %s and %s" % (code, epci_of[code], siren))
            epci_of[code] = siren
            members.add(code)
        if not members:
            fail("EPCI %s has no member" % siren)
        deps = sorted({current[c]["departement"] for c in members})
        epci_rows.append([
            siren,
            text(e.get("type"), "EPCI type"),
            text(e.get("nom"), "EPCI name"),
            ",".join(deps),
            ",".join(sorted(members)),
            optional_int(e.get("populationMunicipale"), "EPCI population"),
        ])
    epci_rows.sort(key=lambda row: row[0])

    commune_rows = []
    seen = set()
    for r in communes_raw:
        kind = COMMUNE_TYPES[r["type"]]
        code = text(r.get("code"), "commune code")
        if (code, kind) in seen:
            fail("duplicate %s %s" % (kind, code))
        seen.add((code, kind))
        if kind == "COM":
            parent = ""
        elif kind == "ARM":
            parent = text(r.get("commune"), "parent of ARM %s" % code)
        else:
            parent = text(r.get("chefLieu"), "parent of %s %s" % (kind, code))
        if parent and parent not in current:
            fail("%s %s: parent %s is not a current commune" % (kind, code, parent))
        tncc = tncc_of(r, "commune %s" % code)
        commune_rows.append([
            kind,
            code,
            text(r.get("nom"), "name of %s" % code),
            text(r.get("departement"), "departement of %s" % code),
            text(r.get("region"), "region of %s" % code),
            parent,
            optional_int(r.get("population"), "population of %s" % code),
            epci_of.get(code, "") if kind == "COM" else "",
            "" if tncc is None else str(tncc),
        ])
    commune_rows.sort(key=lambda row: (row[1], TYPE_RANK[row[0]]))

    region_codes = set()
    region_rows = []
    for r in raw["regions"]:
        code = text(r.get("code"), "region code")
        region_codes.add(code)
        t = tncc_of(r, "region %s" % code)
        art, charn = TNCC[t] if t is not None else ("", "")
        region_rows.append([
            code,
            text(r.get("nom"), "region name"),
            text(r.get("chefLieu"), "chef-lieu of region %s" % code),
            "" if t is None else str(t), art, charn,
            text(r.get("zone"), "zone of region %s" % code),
        ])
    region_rows.sort(key=lambda row: row[0])

    dep_codes = set()
    dep_rows = []
    for r in raw["departements"]:
        code = text(r.get("code"), "departement code")
        dep_codes.add(code)
        region = text(r.get("region"), "region of departement %s" % code)
        if region not in region_codes:
            fail("departement %s: unknown region %s" % (code, region))
        t = tncc_of(r, "departement %s" % code)
        art, charn = TNCC[t] if t is not None else ("", "")
        dep_rows.append([
            code,
            text(r.get("nom"), "departement name"),
            region,
            text(r.get("chefLieu"), "chef-lieu of departement %s" % code),
            "" if t is None else str(t), art, charn,
            text(r.get("zone"), "zone of departement %s" % code),
        ])
    dep_rows.sort(key=lambda row: row[0])

    for row in commune_rows:
        if row[3] not in dep_codes:
            fail("commune %s %s: unknown departement %s" % (row[0], row[1], row[3]))
        if row[4] not in region_codes:
            fail("commune %s %s: unknown region %s" % (row[0], row[1], row[4]))

    return {
        "communes.tsv": commune_rows,
        "epci.tsv": epci_rows,
        "departements.tsv": dep_rows,
        "regions.tsv": region_rows,
    }


def render(columns, rows):
    lines = ["\t".join(columns)]
    for row in rows:
        if len(row) != len(columns):
            fail("row has %d fields, expected %d: %r" % (len(row), len(columns), row))
        lines.append("\t".join(row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tarball", metavar="PATH",
                    help="use this already downloaded %s-%s .tgz (still verified)"
                    % (PACKAGE, VERSION))
    ap.add_argument("--out", metavar="DIR", default=os.path.dirname(os.path.abspath(__file__)),
                    help="output directory (default: the directory of this script)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if the files in --out differ")
    args = ap.parse_args(argv)

    try:
        blob = load_tarball(args.tarball)
        tables = build(read_json_files(blob))
    except DataError as exc:
        print("regenerate.py: ERROR: %s" % exc, file=sys.stderr)
        return 2

    outputs = {name: render(COLUMNS[name], rows) for name, rows in tables.items()}
    outputs["VERSION"] = ("%s@%s %s\n" % (PACKAGE, VERSION, PINNED_INTEGRITY)).encode("utf-8")

    differ = []
    total = 0
    for name in sorted(outputs):
        data = outputs[name]
        path = os.path.join(args.out, name)
        old = None
        if os.path.exists(path):
            with open(path, "rb") as f:
                old = f.read()
        status = "unchanged" if old == data else ("new" if old is None else "changed")
        if old != data:
            differ.append(name)
        if not args.check and old != data:
            tmp = path + ".tmp"
            with open(tmp, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        rows = data.count(b"\n") - 1 if name.endswith(".tsv") else data.count(b"\n")
        total += len(data)
        print("%-18s %7d rows %10d bytes  %s" % (name, rows, len(data), status))
    print("%-18s %7s      %10d bytes" % ("total", "", total))
    print("source: %s@%s %s" % (PACKAGE, VERSION, PINNED_INTEGRITY))
    if args.check and differ:
        print("regenerate.py: --check: differs: %s" % ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

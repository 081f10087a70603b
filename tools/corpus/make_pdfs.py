#!/usr/bin/env python3
"""Generate the two sample CTG conventions of the corpus as real PDF files.

    pip install reportlab
    python3 tools/corpus/make_pdfs.py            # writes corpus/convention-short-*.pdf

The output is deterministic: reportlab runs with invariant=1 (fixed creation
date and document id) and uses the Vera TrueType fonts shipped inside the
reportlab package, so reruns give byte-identical files on any machine.

Layout is done by hand (no platypus) so that we control what a text extractor
sees: a header and a "Page N sur M" footer repeated on every page, a word
hyphenated across a line end (soft hyphens U+00AD in the source mark where a
word may be split), real ligature characters (U+FB01 "fi", U+FB02 "fl"), a
two-column signature block and an annex table of member communes.
"""
import os
import sys

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
import reportlab

FONT_DIR = os.path.join(os.path.dirname(reportlab.__file__), "fonts")
pdfmetrics.registerFont(TTFont("Vera", os.path.join(FONT_DIR, "Vera.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Bold", os.path.join(FONT_DIR, "VeraBd.ttf")))
pdfmetrics.registerFont(TTFont("Vera-Italic", os.path.join(FONT_DIR, "VeraIt.ttf")))

SHY = "\u00ad"  # soft hyphen: a place where the wrapper may split a word
PAGE_W, PAGE_H = A4
MARGIN_L = 2.3 * cm
MARGIN_R = 2.3 * cm
TOP = PAGE_H - 2.6 * cm
BOTTOM = 2.4 * cm
TEXT_W = PAGE_W - MARGIN_L - MARGIN_R

STYLES = {
    "title": ("Vera-Bold", 14, 19),
    "subtitle": ("Vera-Bold", 11, 15),
    "h": ("Vera-Bold", 10.5, 15),
    "p": ("Vera", 10, 13.6),
    "small": ("Vera-Italic", 9, 12),
}


def width(text, font, size):
    return pdfmetrics.stringWidth(text.replace(SHY, ""), font, size)


def wrap(text, font, size, max_w):
    """Greedy word wrap; a word that does not fit may be split at a soft hyphen."""
    lines, cur = [], ""
    for word in text.split(" "):
        cand = word if not cur else cur + " " + word
        if width(cand, font, size) <= max_w:
            cur = cand
            continue
        split_done = False
        if SHY in word and cur:
            parts = word.split(SHY)
            for i in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:i]) + "-"
                if width(cur + " " + head, font, size) <= max_w:
                    lines.append(cur + " " + head)
                    cur = "".join(parts[i:])
                    split_done = True
                    break
        if not split_done:
            if cur:
                lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return [l.replace(SHY, "") for l in lines]


class Layout:
    """Turns blocks into pages of drawing operations (two passes: pages are
    counted before drawing so the footer can say "Page N sur M")."""

    def __init__(self):
        self.pages = [[]]
        self.y = TOP

    def need(self, h):
        if self.y - h < BOTTOM:
            self.new_page()

    def new_page(self):
        self.pages.append([])
        self.y = TOP

    def text_line(self, x, text, style, align="left", w=TEXT_W):
        font, size, leading = STYLES[style]
        self.need(leading)
        self.y -= leading
        self.pages[-1].append(("text", x, self.y, text, font, size, align, w))

    def para(self, text, style="p", indent=0, first=None):
        font, size, leading = STYLES[style]
        w = TEXT_W - indent
        lines = wrap(text, font, size, w - (width(first, font, size) if first else 0))
        for i, line in enumerate(lines):
            if i == 0 and first:
                self.text_line(MARGIN_L + indent, first + line, style)
            else:
                x = MARGIN_L + indent + (width(first, font, size) if first else 0)
                self.text_line(x, line, style)

    def space(self, h):
        self.y -= h

    def block(self, kind, *args):
        if kind == "title":
            for line in wrap(args[0], *STYLES["title"][:2], TEXT_W):
                self.text_line(MARGIN_L, line, "title", align="center")
        elif kind == "subtitle":
            for line in wrap(args[0], *STYLES["subtitle"][:2], TEXT_W):
                self.text_line(MARGIN_L, line, "subtitle", align="center")
        elif kind == "h":
            self.need(STYLES["h"][2] + 2 * STYLES["p"][2])  # keep with next
            self.space(4)
            self.text_line(MARGIN_L, args[0], "h")
        elif kind == "p":
            self.para(args[0])
            self.space(4)
        elif kind == "bullets":
            for item in args[0]:
                self.para(item, indent=0.5 * cm, first="\u2013 ")
            self.space(4)
        elif kind == "space":
            self.space(args[0])
        elif kind == "pagebreak":
            self.new_page()
        elif kind == "sig":
            left, right = args
            rows = max(len(left), len(right))
            leading = STYLES["p"][2]
            self.need(rows * leading + 2.2 * cm)
            col_w = TEXT_W / 2
            for i in range(rows):
                self.y -= leading
                for j, col in enumerate((left, right)):
                    if i < len(col):
                        font = "Vera-Bold" if i == 0 else "Vera"
                        self.pages[-1].append(
                            ("text", MARGIN_L + j * col_w, self.y, col[i], font, 10, "left", col_w))
            self.space(2.2 * cm)  # room for the handwritten signatures
        elif kind == "table":
            header, rows, col_ws = args
            row_h = 16
            self.space(6)
            def draw_row(cells, bold):
                self.need(row_h)
                self.y -= row_h
                x = MARGIN_L
                for cell, cw in zip(cells, col_ws):
                    self.pages[-1].append(("rect", x, self.y, cw, row_h))
                    self.pages[-1].append(("text", x + 5, self.y + 4.5, cell,
                                           "Vera-Bold" if bold else "Vera", 9.5, "left", cw))
                    x += cw
            draw_row(header, True)
            for r in rows:
                if self.y - row_h < BOTTOM:
                    self.new_page()
                    draw_row(header, True)
                draw_row(r, False)
            self.space(6)
        else:
            raise ValueError(kind)


def render(path, doc):
    lay = Layout()
    for b in doc["blocks"]:
        lay.block(*b)
    n = len(lay.pages)
    c = canvas.Canvas(path, pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(doc["meta_title"])
    c.setAuthor(doc["meta_author"])
    c.setSubject("Convention territoriale globale")
    c.setCreator("ctg corpus tools/corpus/make_pdfs.py")
    c.setProducer("ReportLab")
    for i, ops in enumerate(lay.pages, start=1):
        # running header
        c.setFont("Vera-Italic", 8.5)
        c.drawString(MARGIN_L, PAGE_H - 1.5 * cm, doc["header"])
        c.setLineWidth(0.4)
        c.line(MARGIN_L, PAGE_H - 1.65 * cm, PAGE_W - MARGIN_R, PAGE_H - 1.65 * cm)
        for op in ops:
            if op[0] == "text":
                _, x, y, text, font, size, align, w = op
                c.setFont(font, size)
                if align == "center":
                    c.drawCentredString(PAGE_W / 2, y, text)
                else:
                    c.drawString(x, y, text)
            elif op[0] == "rect":
                _, x, y, w, h = op
                c.rect(x, y, w, h, stroke=1, fill=0)
        # running footer
        c.line(MARGIN_L, 1.75 * cm, PAGE_W - MARGIN_R, 1.75 * cm)
        c.setFont("Vera", 8.5)
        c.drawString(MARGIN_L, 1.3 * cm, doc["footer"])
        c.drawRightString(PAGE_W - MARGIN_R, 1.3 * cm, "Page %d sur %d" % (i, n))
        c.showPage()
    c.save()
    return n


# ---------------------------------------------------------------------------
# Convention A: Caf de la Sarthe / Communauté de communes du Pays Fléchois
# ---------------------------------------------------------------------------
FLECHOIS = [
    ("La Flèche", "72154"),
    ("Arthezé", "72009"),
    ("Bazouges Cré sur Loir", "72025"),
    ("Bousse", "72044"),
    ("La Chapelle-d'Aligné", "72061"),
    ("Clermont-Créans", "72084"),
    ("Courcelles-la-Forêt", "72100"),
    ("Crosmières", "72110"),
    ("La Fontaine-Saint-Martin", "72135"),
    ("Ligron", "72163"),
    ("Mareil-sur-Loir", "72185"),
    ("Oizé", "72226"),
    ("Thorée-les-Pins", "72357"),
    ("Villaines-sous-Malicorne", "72377"),
]

CONV_A = {
    "file": "convention-short-a.pdf",
    "meta_title": "Convention territoriale globale 2024-2027 - Pays Fléchois",
    "meta_author": "Caf de la Sarthe",
    "header": "Convention territoriale globale \u2013 Caf de la Sarthe / Communauté de communes du Pays Fléchois",
    "footer": "CTG 2024-2027 \u2013 Pays Fléchois",
    "blocks": [
        ("title", "CONVENTION TERRITORIALE GLOBALE"),
        ("subtitle", "de services aux familles du Pays Fléchois"),
        ("space", 14),
        ("h", "Entre :"),
        ("p", "La Caisse d'allocations familiales de la Sarthe, dont le siège est situé au Mans, "
              "représentée par son Président, Monsieur Alain Fourmy, et par sa Directrice, "
              "Madame Catherine Hardy, ci-après dénommée « la Caf »,"),
        ("h", "Et :"),
        ("p", "La Communauté de communes du Pays Fléchois, dont le siège est situé à La Flèche, "
              "représentée par son Président, Monsieur Hervé Lebrun, dûment habilité à signer la "
              "présente convention, ci-après dénommée « la Communauté de communes »,"),
        ("p", "Vu le Code de la sécurité sociale ;"),
        ("p", "Vu la convention d'objectifs et de gestion (COG) 2023-2027 conclue entre l'État et "
              "la Caisse nationale des allocations familiales ;"),
        ("p", "Vu la délibération du conseil communautaire du 12 mars 2024 ;"),
        ("p", "Vu la décision de la commission d'action sociale de la Caf du 16 avril 2024 ;"),
        ("h", "Préambule"),
        ("p", "La convention territoriale globale (CTG) est une démarche stratégique partenariale "
              "qui a pour objet d'élaborer le projet social du territoire et d'organiser "
              "concrètement l'offre globale de service des partenaires. Elle s'appuie sur un "
              "diagnostic partagé réalisé en 2023 avec les com\u00admunes, les associations et les "
              "profes\u00adsionnels de l'enfance, et remplace pro\u00adgres\u00adsivement les "
              "contrats enfance jeunesse. Elle donne aux partenaires un cadre de con\ufb01ance "
              "pour le \ufb01nancement des équipements et des services aux familles."),
        ("h", "Il est convenu ce qui suit :"),
        ("h", "Article 1 \u2013 Objet"),
        ("p", "La présente convention a pour objet de dé\u00adfinir le projet straté\u00adgique global du "
              "territoire, d'identifier les besoins priori\u00adtaires des familles et de préciser "
              "les engagements réciproques des signataires."),
        ("h", "Article 2 \u2013 Périmètre"),
        ("p", "La convention s'applique à l'ensemble du territoire de la Communauté de communes, "
              "composé des quatorze communes dont la liste figure en annexe 1."),
        ("h", "Article 3 \u2013 Axes d'intervention"),
        ("p", "Au vu du diagnostic partagé, les signataires retiennent les axes suivants :"),
        ("bullets", [
            "Axe 1 : la petite enfance, par le maintien de l'offre d'accueil individuel et la "
            "création d'un multi-accueil de 20 places à La Flèche ;",
            "Axe 2 : l'enfance et la jeunesse, par la coordination des accueils de loisirs et le "
            "soutien aux initiatives des jeunes de 11 à 17 ans ;",
            "Axe 3 : le soutien à la parentalité, notamment par un lieu d'accueil enfants-parents ;",
            "Axe 4 : l'animation de la vie sociale, avec l'accompagnement du centre social "
            "intercommunal ;",
            "Axe 5 : l'accès aux droits et l'inclusion numérique, en lien avec les espaces "
            "France services.",
        ]),
        ("h", "Article 4 \u2013 Engagements des partenaires"),
        ("p", "La Caf s'engage à mobiliser ses finan\u00adcements de droit commun et les bonus "
              "territoire au profit des équipements du territoire, à mettre à disposition ses "
              "données et à participer aux instances de pilotage. La Communauté de communes "
              "s'engage à conduire le plan d'actions, à désigner un chargé de coopération et à "
              "associer les communes membres à la démarche."),
        ("h", "Article 5 \u2013 Durée"),
        ("p", "La présente convention est conclue pour une durée de quatre ans, du 1er janvier "
              "2024 au 31 décembre 2027. Elle ne peut être renouvelée par tacite reconduction."),
        ("h", "Article 6 \u2013 Pilotage et évaluation"),
        ("p", "Un comité de pilotage, coprésidé par le Président de la Communauté de communes et "
              "la Directrice de la Caf, se réunit au moins une fois par an. Il examine l'état "
              "d'avan\u00adcement des actions et les indica\u00adteurs d'évaluation définis en annexe 2. "
              "Un comité technique prépare ses travaux."),
        ("h", "Article 7 \u2013 Modification et résiliation"),
        ("p", "Toute modification fait l'objet d'un avenant signé par les parties. En cas de "
              "non-respect de ses engagements par l'une des parties, la convention peut être "
              "résiliée par l'autre partie à l'expiration d'un délai de trois mois suivant "
              "l'envoi d'une lettre recommandée avec accusé de réception."),
        ("space", 8),
        ("p", "Fait à La Flèche, le 28 juin 2024, en trois exemplaires."),
        ("space", 6),
        ("sig",
         ["Pour la Caf de la Sarthe", "Le Président,", "Alain Fourmy", "",
          "La Directrice,", "Catherine Hardy"],
         ["Pour la Communauté de communes", "du Pays Fléchois", "Le Président,", "Hervé Lebrun"]),
        ("pagebreak",),
        ("h", "Annexe 1 \u2013 Liste des communes membres"),
        ("p", "Communes membres de la Communauté de communes du Pays Fléchois au 1er janvier 2024 :"),
        ("table", ["Commune", "Code INSEE"], [[n, c] for n, c in FLECHOIS], [9 * cm, 4 * cm]),
        ("h", "Annexe 2 \u2013 Indicateurs de suivi"),
        ("bullets", [
            "nombre de places d'accueil du jeune enfant pour 100 enfants de moins de 3 ans ;",
            "taux de fréquentation des accueils de loisirs ;",
            "nombre de familles accueillies au lieu d'accueil enfants-parents ;",
            "nombre de rendez-vous des droits réalisés.",
        ]),
    ],
}

# ---------------------------------------------------------------------------
# Convention B: Caf de la Haute-Corse / Communauté de communes de Marana-Golo
# ---------------------------------------------------------------------------
MARANA = [
    ("Borgo", "2B042"),
    ("Biguglia", "2B037"),
    ("Bigorno", "2B036"),
    ("Campitello", "2B055"),
    ("Lento", "2B140"),
    ("Lucciana", "2B148"),
    ("Monte", "2B166"),
    ("Olmo", "2B192"),
    ("Scolca", "2B274"),
    ("Vignale", "2B350"),
]

CONV_B = {
    "file": "convention-short-b.pdf",
    "meta_title": "CTG Marana-Golo 2025-2028",
    "meta_author": "Caf de la Haute-Corse",
    "header": "Convention territoriale globale \u2013 Caf de la Haute-Corse",
    "footer": "CTG Communauté de communes de Marana-Golo",
    "blocks": [
        ("title", "CONVENTION TERRITORIALE GLOBALE"),
        ("subtitle", "Communauté de communes de Marana-Golo \u2013 2025-2028"),
        ("space", 14),
        ("h", "Entre :"),
        ("p", "La Caisse d'allocations familiales de la Haute-Corse, dont le siège est à Bastia, "
              "représentée par son Président, Monsieur Dominique Mariani, et par sa Directrice, "
              "Madame Laetitia Orsini, ci-après désignée « la Caf »,"),
        ("h", "Et :"),
        ("p", "La Communauté de communes de Marana-Golo, dont le siège est à Borgo, représentée "
              "par sa Présidente, Madame Marie-Dominique Raffalli, ci-après désignée « la "
              "Communauté de communes »,"),
        ("p", "Vu la délibération du conseil communautaire du 18 décembre 2024 autorisant la "
              "Présidente à signer la présente convention ;"),
        ("p", "Vu la décision de la commission d'action sociale de la Caf du 10 décembre 2024 ;"),
        ("h", "Préambule"),
        ("p", "Le territoire de Marana-Golo connaît une croissance démographique soutenue, portée "
              "par l'arrivée de jeunes ménages sur la plaine littorale. La présente convention "
              "fait suite au contrat enfance jeunesse (CEJ) 2018-2021, puis à une année de "
              "transition, et organise le passage à une démarche de projet partagée. Le "
              "diagnostic re\ufb02ète trois besoins principaux : le manque de "
              "places d'accueil, l'isolement des familles des villages de montagne et "
              "mécon\u00adnais\u00adsance des droits."),
        ("h", "Article 1 \u2013 Objet de la convention"),
        ("p", "La présente convention définit le cadre de la coopération entre la Caf et la "
              "Communauté de communes pour le développement des services aux familles du "
              "territoire, composé des dix communes listées en annexe."),
        ("h", "Article 2 \u2013 Champs d'intervention"),
        ("p", "Les partenaires s'engagent à agir sur les champs suivants :"),
        ("bullets", [
            "Petite enfance : créer une crèche intercommunale à Lucciana et développer l'accueil "
            "individuel ;",
            "Enfance : structurer l'accueil périscolaire et l'accueil de loisirs du mercredi dans "
            "l'ensemble des écoles ;",
            "Jeunesse : ouvrir un espace jeunes à Biguglia et soutenir la formation au BAFA ;",
            "Parentalité : proposer des actions de soutien aux parents et une médiation familiale "
            "de proximité ;",
            "Accès aux droits : organiser des permanences de la Caf et accompagner les familles "
            "dans leurs démarches ;",
            "Handicap : favoriser l'inclusion des enfants en situation de handicap dans les "
            "structures d'accueil.",
        ]),
        ("h", "Article 3 \u2013 Engagements financiers"),
        ("p", "La Caf maintient ses prestations de service et verse les bonus territoire aux "
              "équipements éligibles. La Communauté de communes s'engage à maintenir son "
              "effort financier en faveur de l'enfance et de la jeunesse pendant toute la durée "
              "de la convention."),
        ("h", "Article 4 \u2013 Durée"),
        ("p", "La présente convention prend effet le 1er janvier 2025. Elle est conclue pour une "
              "durée de 48 mois, soit jusqu'au 31 décembre 2028."),
        ("h", "Article 5 \u2013 Suivi et évaluation"),
        ("p", "Un comité de pilotage réunit les signataires au moins une fois par an. Il "
              "s'appuie sur les travaux d'un comité technique composé des services de la "
              "Communauté de communes, des communes membres et de la Caf. Une évaluation "
              "finale est réalisée au cours du dernier semestre de la convention, afin de "
              "préparer son éventuel renou\u00advellement."),
        ("h", "Article 6 \u2013 Communication"),
        ("p", "Les signataires s'engagent à faire mention de leur partenariat dans toutes les "
              "actions de communi\u00adcation relatives aux services financés dans le cadre de "
              "la présente convention, notamment par l'apposition de leurs logos respectifs."),
        ("h", "Article 7 \u2013 Résiliation"),
        ("p", "En cas de non-respect par l'une des parties de ses engagements, la convention "
              "peut être résiliée de plein droit par l'autre partie, à l'expiration d'un délai "
              "de trois mois suivant l'envoi d'une lettre recom\u00admandée avec demande d'avis "
              "de réception valant mise en demeure."),
        ("space", 8),
        ("p", "Fait à Borgo, le 3 février 2025, en deux exemplaires originaux."),
        ("space", 6),
        ("sig",
         ["Pour la Caisse d'allocations familiales", "de la Haute-Corse", "",
          "Le Président", "Dominique Mariani", "", "La Directrice", "Laetitia Orsini"],
         ["Pour la Communauté de communes", "de Marana-Golo", "",
          "La Présidente", "Marie-Dominique Raffalli"]),
        ("pagebreak",),
        ("h", "Annexe \u2013 Communes du territoire"),
        ("table", ["Commune", "Code INSEE"], [[n, c] for n, c in MARANA], [9 * cm, 4 * cm]),
    ],
}


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = os.path.normpath(os.path.join(here, "..", "..", "corpus"))
    if len(sys.argv) > 1:
        out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for doc in (CONV_A, CONV_B):
        path = os.path.join(out_dir, doc["file"])
        n = render(path, doc)
        print("%s: %d pages" % (path, n))


if __name__ == "__main__":
    main()

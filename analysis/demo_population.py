"""The demo population: who answers and how (weights and probabilities), and the
effects planted in it (:data:`PLANTED`; see :mod:`analysis.demo_data`)."""

from __future__ import annotations

from dataclasses import dataclass

LIFE_PHASE_WEIGHTS = {"vor-geburt": 0.07, "0-1": 0.13, "1-3": 0.19, "3-6": 0.28, "6-10": 0.33}
CHILD_AGE_WEIGHTS = {5: 0.04, 6: 0.17, 7: 0.2, 8: 0.2, 9: 0.19, 10: 0.14, 11: 0.04, 12: 0.02}

#: Probability of knowing an offer meant for the family's life phase.
KNOWN = {
    "babybegruessung": 0.85,
    "familienhebamme": 0.55,
    "elterncafe": 0.55,
    "krabbelgruppe": 0.6,
    "sprachfoerderung-kita": 0.35,
    "familienzentrum": 0.75,
    "erziehungsberatung": 0.45,
    "schulsozialarbeit": 0.7,
    "hausaufgabenhilfe": 0.5,
    "jugendclub": 0.55,
    "but-zuschuss": 0.4,
    "ferienangebote": 0.65,
}
#: Probability of using an offer one knows.
USED_IF_KNOWN = {
    "babybegruessung": 0.8,
    "familienhebamme": 0.4,
    "elterncafe": 0.25,
    "krabbelgruppe": 0.45,
    "sprachfoerderung-kita": 0.55,
    "familienzentrum": 0.45,
    "erziehungsberatung": 0.25,
    "schulsozialarbeit": 0.55,
    "hausaufgabenhilfe": 0.4,
    "jugendclub": 0.45,
    "but-zuschuss": 0.45,
    "ferienangebote": 0.5,
}
BARRIER_WEIGHTS = {
    "kein-bedarf": 0.3,
    "passt-nicht": 0.15,
    "oeffnungszeiten": 0.12,
    "entfernung": 0.1,
    "nicht-gewusst-wie": 0.09,
    "sprache": 0.08,
    "kosten": 0.06,
    "warteliste": 0.04,
    "scham": 0.04,
    "anderes": 0.02,
}
ELTERNCAFE_BARRIERS = {
    "oeffnungszeiten": 0.45,
    "kein-bedarf": 0.15,
    "passt-nicht": 0.1,
    "sprache": 0.07,
    "entfernung": 0.06,
    "kosten": 0.05,
    "nicht-gewusst-wie": 0.04,
    "scham": 0.04,
    "warteliste": 0.02,
    "anderes": 0.02,
}


@dataclass(frozen=True)
class PlantedEffects:
    """The effects the demo data contains (see the module docstring)."""

    familienzentrum_known: float = 0.75
    familienzentrum_language_gap: float = -0.25
    schulsozialarbeit_district: str = "lindenhof"
    schulsozialarbeit_used_if_known_there: float = 0.15
    schulsozialarbeit_used_if_known_elsewhere: float = 0.55
    elterncafe_top_barrier: str = "oeffnungszeiten"
    elterncafe_top_barrier_share: float = 0.45


PLANTED = PlantedEffects()

WISHES = {
    "de": [
        "Mehr Spielplätze mit Schaukeln",
        "Dass die Schule schöner wird",
        "Ein Schwimmbad im Viertel",
        "Mehr Bäume und Blumen",
        "Sichere Wege zur Schule",
        "Einen Bolzplatz für alle",
        "Dass niemand ausgelacht wird",
        "Mehr Platz zum Spielen draußen",
        "Einen Jugendraum mit Musik",
        "Saubere Spielplätze ohne Scherben",
    ],
    "en": ["More playgrounds", "A safe way to school", "A football pitch near my home"],
    "tr": ["Daha fazla oyun parkı", "Okul yolu güvenli olsun", "Mahallemize bir havuz"],
    "ar": ["ملاعب أكثر للأطفال", "طريق آمن إلى المدرسة", "حديقة كبيرة فيها أشجار"],
    "uk": ["Більше дитячих майданчиків", "Безпечна дорога до школи", "Басейн у нашому районі"],
    "ru": ["Больше детских площадок", "Безопасная дорога в школу", "Футбольное поле рядом с домом"],
}
#: Relative weights of some choice values in generic multiple-choice answers.
CHOICE_PREFERENCE = {"schule": 4.0, "hort": 1.5, "kita": 0.5, "zuhause": 0.1}

PARENT_TEXTS = [
    "Kinderbetreuung auch am Nachmittag",
    "Mehr Angebote am Wochenende",
    "Beratung auf Arabisch",
    "Günstigere Ferienangebote",
    "Infos in einfacher Sprache",
    "Einen Kitaplatz in unserer Nähe",
]

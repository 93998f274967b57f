"""Building the choices of a questionnaire: named lists, choices written in place, the
yes/no pair and the site's lists (offers, districts, life phases)."""

from __future__ import annotations

from collections.abc import Collection

from survey_app.questionnaire.languages import yes_no_labels
from survey_app.questionnaire.media import read_audio, require_alt
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import RESERVED_ATTRIBUTES, SITE_LISTS, Choice
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.reader import IDENTIFIER, VALUE, Reader
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.text import Text

CHOICE_KEYS = ("value", "label", "image", "image_alt", "attributes", "audio")


class ChoiceBuilder:
    """Reads choices; pictures and recordings are checked against the names the loader
    listed (None skips that look)."""

    def __init__(
        self,
        reader: Reader,
        pictures: Collection[str] | None,
        recordings: Collection[str] | None,
    ) -> None:
        self.reader = reader
        self.report = reader.report
        self.pictures = pictures
        self.recordings = recordings

    def choice_lists(self, node: Node | None) -> dict[str, list[Choice]]:
        """The ``choice_lists`` mapping: each valid name with its choices."""
        lists = self.reader.mapping(node, "choice_lists")
        result: dict[str, list[Choice]] = {}
        if lists is None:
            return result
        for name, list_node in lists.entries.items():
            where = lists.where_of(name)
            if name in SITE_LISTS:
                self.report.error(where, "reserved_list_name", name=name)
                continue
            if not IDENTIFIER.fullmatch(name):
                self.report.error(where, "bad_list_name", name=name)
                continue
            result[name] = self.in_place(list_node, term("choice_list", name=name))
        return result

    def in_place(self, node: Node, what: Term) -> list[Choice]:
        """A list of choices written out (each value once)."""
        elements = self.reader.sequence(node, what)
        if node.kind == "seq" and not elements:
            self.report.error(node.where, "no_choices", what=what)
        built = [(self._choice(element, what), element) for element in elements]
        return self.reader.unique(built, "duplicate_choice", list=what)

    def _choice(self, node: Node, what: Term) -> Choice | None:
        reader = self.reader
        entry = reader.record(node, term("a_choice_of", what=what), CHOICE_KEYS, ("value", "label"))
        if entry is None:
            return None
        value = reader.identifier(entry.get("value"), term("choice_value_in", what=what), VALUE)
        label = reader.text(entry.get("label"), term("key_of_choice", key="label", id=value))
        image, images = self._images(entry.get("image"), value)
        image_alt = reader.text(
            entry.get("image_alt"), term("key_of_choice", key="image_alt", id=value)
        )
        attributes = self._attributes(entry.get("attributes"), value)
        audio = read_audio(
            reader,
            entry.get("audio"),
            self.recordings,
            term("key_of_choice", key="audio", id=value),
        )
        require_alt(reader, entry, image, image_alt, term("choice", id=value))
        if value is None or label is None:
            return None
        return Choice(value, label, image, image_alt, attributes, audio, images)

    def _images(self, node: Node | None, value: str | None) -> tuple[str | None, Text | None]:
        """The choice's picture: one file, or ``{lang: file}`` (one per language, the
        default language's used where a language has none)."""
        if node is None or node.kind != "map":
            return self._image(node), None
        what = term("key_of_choice", key="image", id=value)
        files: dict[str, str] = {}
        for lang, entry in node.entries.items():
            where = node.where_of(lang)
            tag = self.reader.language(Node("scalar", where, value=lang, text=lang), what)
            languages = self.reader.languages
            if tag is not None and languages is not None and tag not in languages:
                self.report.error(where, "audio_language_undeclared", what=what, lang=tag)
                continue
            name = self._image(entry)
            if tag is not None and name is not None:
                files[tag] = name
        if not files:
            return None, None
        default = files.get(self.reader.default_language) or next(iter(files.values()))
        return default, Text(files) if len(set(files.values())) > 1 else None

    def _image(self, node: Node | None) -> str | None:
        name = self.reader.string(node, "image")
        if name is None or node is None:
            return None
        if "/" in name or "\\" in name or name.startswith("."):
            self.report.error(node.where, "image_has_folder", name=name)
        elif self.pictures is not None and name not in self.pictures:
            self.report.error(node.where, "image_missing", name=name)
        return name

    def _attributes(self, node: Node | None, value: str | None) -> dict[str, str]:
        attributes = self.reader.mapping(node, term("key_of_choice", key="attributes", id=value))
        result: dict[str, str] = {}
        if attributes is None:
            return result
        for key, attribute in attributes.entries.items():
            where = attributes.where_of(key)
            if (
                key in RESERVED_ATTRIBUTES
                or key.startswith("ankommen")
                or not IDENTIFIER.fullmatch(key)
            ):
                self.report.error(
                    where, "bad_attribute", key=key, value=value, reserved=RESERVED_ATTRIBUTES
                )
                continue
            text = self.reader.string(attribute, term("attribute_of_choice", key=key, id=value))
            if text is not None:
                result[key] = text
        return result


def yes_no_choices(languages: list[str]) -> list[Choice]:
    """The two choices of a yes/no question, labelled in each language."""
    labels = {lang: yes_no_labels(lang) for lang in languages}
    return [
        Choice("yes", Text({lang: pair[0] for lang, pair in labels.items()})),
        Choice("no", Text({lang: pair[1] for lang, pair in labels.items()})),
    ]


def site_choices(site: Site, name: str) -> list[Choice]:
    """The choices of the site list ``name`` (``offers``, ``districts``, ``life_phases``)."""
    if name == "offers":
        return [
            Choice(
                offer.id,
                offer.name,
                attributes={
                    "category": offer.category or "",
                    "life_phases": " ".join(offer.life_phases),
                    "districts": " ".join(offer.districts),
                },
            )
            for offer in site.offers
        ]
    if name == "districts":
        return [Choice(district.id, district.name) for district in site.districts]
    return [
        Choice(
            phase.id,
            phase.name,
            attributes={
                key: str(value)
                for key, value in (("from_age", phase.from_age), ("to_age", phase.to_age))
                if value is not None
            },
        )
        for phase in site.life_phases
    ]

"""Building a :class:`Questionnaire` from the tree of a questionnaire file.

This module checks the shape of each entry (keys, types, ids, texts, expressions);
:mod:`survey_app.questionnaire.checks` then checks how the entries fit together.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from survey_app.questionnaire.checks import Parts, check_all, check_translations, site_language_gaps
from survey_app.questionnaire.languages import yes_no_labels
from survey_app.questionnaire.locations import ExpressionUse, Locations
from survey_app.questionnaire.media import read_audio, require_alt
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import (
    AUDIENCES,
    CHOICE_TYPES,
    QUESTION_TYPES,
    RESERVED_ATTRIBUTES,
    SITE_LISTS,
    Band,
    Choice,
    EquityGroup,
    Page,
    Question,
    Questionnaire,
    Score,
)
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, Where, closest
from survey_app.questionnaire.reader import IDENTIFIER, SLUG, VALUE, Reader
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.text import Text

TOP_KEYS = (
    "id",
    "version",
    "site",
    "audience",
    "languages",
    "default_language",
    "title",
    "description",
    "consent",
    "choice_lists",
    "scores",
    "pages",
)
TOP_REQUIRED = ("id", "version", "audience", "languages", "title", "pages")
PAGE_KEYS = ("id", "title", "relevant", "questions")
QUESTION_KEYS = (
    "id",
    "type",
    "label",
    "hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "choices",
    "choice_filter",
    "rows",
    "min",
    "max",
    "points",
    "low_label",
    "high_label",
    "role",
    "equity_group",
    "appearance",
    "default",
    "audio",
)
EXPRESSION_KEYS = ("relevant", "constraint", "choice_filter")
CHOICE_KEYS = ("value", "label", "image", "image_alt", "attributes", "audio")
SCORE_KEYS = ("id", "label", "items", "method", "reverse", "factor", "bands")
BAND_KEYS = ("id", "label", "below")
SCORE_METHODS = ("sum", "mean")

_ANSWERED = tuple(t for t in QUESTION_TYPES if t != "note")
#: Which question types may use a key; keys not listed here work for every type.
TYPES_FOR_KEY: dict[str, tuple[str, ...]] = {
    "choices": tuple(t for t in CHOICE_TYPES if t != "yes_no"),
    "choice_filter": tuple(t for t in CHOICE_TYPES if t != "yes_no"),
    "rows": ("matrix",),
    "min": ("integer", "decimal"),
    "max": ("integer", "decimal"),
    "points": ("rating", "smiley", "dot_vote"),
    "low_label": ("rating",),
    "high_label": ("rating",),
    "required": _ANSWERED,
    "required_message": _ANSWERED,
    "constraint": _ANSWERED,
    "constraint_message": _ANSWERED,
    "default": tuple(t for t in _ANSWERED if t not in ("matrix", "dot_vote")),
}
#: XLSForm spellings people will try, and the ankommen type to use instead.
TYPE_HINTS = {
    "select_one": "single_choice",
    "select_multiple": "multiple_choice",
    "string": "text",
    "int": "integer",
    "number": "integer",
    "textarea": "long_text",
    "boolean": "yes_no",
    "likert": "rating",
}


SiteLoader = Callable[[str, Where], "Site | None"]


class QuestionnaireBuilder:
    """Reads a questionnaire tree; ``build()`` returns the model or None on errors."""

    def __init__(
        self,
        root: Node,
        report: Report,
        load_site: SiteLoader,
        base_dir: Path | None,
        fallback_dir: Path | None = None,
    ) -> None:
        self.root = root
        #: Where ``pictograms/`` is looked for: the file's folder, then the fallback.
        self.picture_dirs = [d for d in (base_dir, fallback_dir) if d is not None]
        self.report = report
        self.reader = Reader(report)
        self.load_site = load_site
        self.locations = Locations(top=root)
        self.site: Site | None = None
        self.site_named = False
        self.choice_lists: dict[str, list[Choice]] = {}
        self.question_ids: dict[str, int] = {}

    def build(self, path: str, content_hash: str) -> Questionnaire | None:
        """The questionnaire, or None when an error was reported."""
        root = self.reader.mapping(self.root, term("questionnaire_file"))
        if root is None:
            return None
        reader = self.reader
        reader.keys(root, TOP_KEYS, TOP_REQUIRED, term("the_questionnaire"), "eltern-0-10")
        questionnaire_id = reader.identifier(root.get("id"), "id", SLUG)
        version = reader.string(root.get("version"), "version")
        audience = reader.choice_of(root.get("audience"), "audience", AUDIENCES)
        self._languages(root)
        site_file = reader.string(root.get("site"), "site")
        self.site_named = site_file is not None
        if site_file is not None:
            self.site = self.load_site(site_file, root.where_of("site"))
        title = reader.text(root.get("title"), "title")
        description = reader.text(root.get("description"), "description")
        consent = reader.text(root.get("consent"), "consent")
        self._choice_lists(root.get("choice_lists"))
        pages = self._pages(root.get("pages"))
        scores = self._scores(root.get("scores"), pages)
        check_all(Parts(pages, scores, self.locations, self.question_ids, self.report))
        languages = reader.languages or []
        check_translations(reader.texts, languages, self.report)
        if self.site is not None and (gaps := site_language_gaps(self.site, languages)):
            self.report.warning(root.where_of("site"), "site_languages_missing", languages=gaps)
        if self.report.has_errors or None in (questionnaire_id, version, audience, title):
            return None
        return Questionnaire(
            id=questionnaire_id,  # type: ignore[arg-type]
            version=version,  # type: ignore[arg-type]
            title=title,  # type: ignore[arg-type]
            audience=audience,  # type: ignore[arg-type]
            languages=list(reader.languages or []),
            default_language=reader.default_language,
            pages=pages,
            description=description,
            consent=consent,
            choice_lists=self.choice_lists,
            scores=scores,
            site=self.site,
            site_file=site_file,
            path=path,
            content_hash=content_hash,
        )

    # --- top level --------------------------------------------------------------------

    def _languages(self, root: Node) -> None:
        reader = self.reader
        languages = reader.languages_list(root.get("languages"))
        default = reader.language(root.get("default_language"), "default_language")
        if default is not None and languages and default not in languages:
            self.report.error(
                root.where_of("default_language"),
                "default_not_in_languages",
                default=default,
                languages=languages,
            )
        reader.languages = languages if "languages" in root.entries else None
        reader.default_language = default or (languages[0] if languages else "")

    def _choice_lists(self, node: Node | None) -> None:
        lists = self.reader.mapping(node, "choice_lists")
        if lists is None:
            return
        for name, list_node in lists.entries.items():
            where = lists.where_of(name)
            if name in SITE_LISTS:
                self.report.error(where, "reserved_list_name", name=name)
                continue
            if not IDENTIFIER.fullmatch(name):
                self.report.error(where, "bad_list_name", name=name)
                continue
            self.choice_lists[name] = self._choices_in_place(
                list_node, term("choice_list", name=name)
            )

    def _choices_in_place(self, node: Node, what: Term) -> list[Choice]:
        elements = self.reader.sequence(node, what)
        if node.kind == "seq" and not elements:
            self.report.error(node.where, "no_choices", what=what)
        built = [(self._choice(element, what), element) for element in elements]
        return self.reader.unique(built, "duplicate_choice", list=what)

    def _choice(self, node: Node, what: Term) -> Choice | None:
        reader = self.reader
        entry = reader.mapping(node, term("a_choice_of", what=what))
        if entry is None:
            return None
        reader.keys(entry, CHOICE_KEYS, ("value", "label"), term("a_choice_of", what=what))
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
            self.picture_dirs,
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
        elif self.picture_dirs and not any(
            (folder / "pictograms" / name).is_file() for folder in self.picture_dirs
        ):
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

    # --- pages and questions ------------------------------------------------------------

    def _pages(self, node: Node | None) -> list[Page]:
        page_nodes = self.reader.sequence(node, "pages")
        if node is not None and node.kind == "seq" and not page_nodes:
            self.report.error(node.where, "pages_empty")
        self._number_questions(page_nodes)
        built = [(self._page(page_node), page_node) for page_node in page_nodes]
        return self.reader.unique(built, "duplicate_page")

    def _number_questions(self, page_nodes: list[Node]) -> None:
        """Note each question id's position first: references are checked against it."""
        for page_node in page_nodes:
            questions = page_node.get("questions") if page_node.kind == "map" else None
            for question_node in (
                questions.elements if questions is not None and questions.kind == "seq" else []
            ):
                id_node = question_node.get("id") if question_node.kind == "map" else None
                if (
                    id_node is not None
                    and id_node.kind == "scalar"
                    and id_node.text not in self.question_ids
                ):
                    self.question_ids[id_node.text.strip()] = len(self.question_ids)

    def _page(self, node: Node) -> Page | None:
        reader = self.reader
        entry = reader.mapping(node, term("a_page"))
        if entry is None:
            return None
        reader.keys(entry, PAGE_KEYS, ("id", "questions"), term("a_page"))
        page_id = reader.identifier(entry.get("id"), "id", VALUE)
        title = reader.text(entry.get("title"), term("key_of_page", key="title", id=page_id))
        relevant = reader.expression(
            entry.get("relevant"), term("key_of_page", key="relevant", id=page_id)
        )
        questions_node = entry.get("questions")
        question_nodes = reader.sequence(
            questions_node, term("key_of_page", key="questions", id=page_id)
        )
        if questions_node is not None and questions_node.kind == "seq" and not question_nodes:
            self.report.error(entry.where_of("questions"), "page_no_questions", id=page_id)
        questions = [
            q for q in (self._question(q_node) for q_node in question_nodes) if q is not None
        ]
        if page_id is None:
            return None
        if relevant is not None:
            first = min(
                (self.question_ids.get(q.id, 0) for q in questions), default=len(self.question_ids)
            )
            use = ExpressionUse(
                relevant, entry.where_of("relevant"), "relevant", page_id, first, True
            )
            self.locations.expressions.append(use)
        return Page(page_id, title, relevant, questions, entry.where.line)

    def _question(self, node: Node) -> Question | None:
        reader = self.reader
        entry = reader.mapping(node, term("a_question"))
        if entry is None:
            return None
        reader.keys(entry, QUESTION_KEYS, ("id", "type", "label"), term("a_question"))
        question_id = reader.identifier(entry.get("id"), "id")
        duplicate = question_id in self.locations.questions
        if duplicate:
            first = self.locations.questions[question_id].where.line  # type: ignore[index]
            self.report.error(
                entry.where_of("id"), "duplicate_question", id=question_id, first=first
            )
        elif question_id is not None:
            self.locations.questions[question_id] = entry
        kind = self._question_type(entry)
        name = term("question", id=question_id)

        def of(key: str) -> Term:
            return term("key_of_question", key=key, id=question_id)

        if kind is not None:
            self._type_keys(entry, kind, name)
        label = reader.text(entry.get("label"), of("label"))
        fields = {
            "hint": reader.text(entry.get("hint"), of("hint")),
            "required": bool(reader.boolean(entry.get("required"), "required")),
            "required_message": reader.text(entry.get("required_message"), of("required_message")),
            "constraint_message": reader.text(
                entry.get("constraint_message"), of("constraint_message")
            ),
            "low_label": reader.text(entry.get("low_label"), of("low_label")),
            "high_label": reader.text(entry.get("high_label"), of("high_label")),
            "role": reader.string(entry.get("role"), "role"),
            "appearance": reader.string(entry.get("appearance"), "appearance"),
            "default": reader.string(entry.get("default"), "default"),
            "audio": read_audio(reader, entry.get("audio"), self.picture_dirs, of("audio")),
        }
        expressions = {key: reader.expression(entry.get(key), of(key)) for key in EXPRESSION_KEYS}
        choices, choice_list = self._question_choices(entry, kind, "choices", name)
        rows, row_list = self._question_choices(entry, kind, "rows", name)
        bounds = self._bounds(entry, kind, name)
        points = self._points(entry, kind, choices, name)
        equity_group = self._equity_group(entry.get("equity_group"), name)
        if question_id is None or kind is None or label is None or duplicate:
            return None
        position = self.question_ids.get(question_id, 0)
        for key, expression in expressions.items():
            if expression is not None:
                use = ExpressionUse(expression, entry.where_of(key), key, question_id, position)
                self.locations.expressions.append(use)
        return Question(
            id=question_id,
            type=kind,
            label=label,
            choices=choices,
            choice_list=choice_list,
            rows=rows,
            row_list=row_list,
            min=bounds[0],
            max=bounds[1],
            points=points,
            equity_group=equity_group,
            line=entry.where.line,
            **expressions,
            **fields,
        )

    def _question_type(self, entry: Node) -> str | None:
        node = entry.get("type")
        kind = self.reader.string(node, "type")
        if kind is None or node is None:
            return None
        if kind not in QUESTION_TYPES:
            hint = term("hint_use_type", type=TYPE_HINTS[kind]) if kind in TYPE_HINTS else ""
            self.report.error(
                node.where,
                "unknown_type",
                kind=kind,
                hint=hint,
                near="" if hint else closest(kind, QUESTION_TYPES),
                types=QUESTION_TYPES,
            )
            return None
        return kind

    def _type_keys(self, entry: Node, kind: str, name: Term) -> None:
        for key, types in TYPES_FOR_KEY.items():
            if key in entry.entries and kind not in types:
                self.report.error(
                    entry.where_of(key), "key_not_for_type", key=key, kind=kind, name=name
                )
        needs = {
            "choices": CHOICE_TYPES,
            "rows": ("matrix",),
            "points": ("rating", "smiley", "dot_vote"),
        }
        for key, types in needs.items():
            if kind in types and kind != "yes_no" and key not in entry.entries:
                self.report.error(entry.where, "type_needs_key", name=name, kind=kind, key=key)

    def _question_choices(
        self, entry: Node, kind: str | None, key: str, name: Term
    ) -> tuple[list[Choice], str | None]:
        """The choices (or rows) and the name of their list (None when written in place)."""
        if kind == "yes_no" and key == "choices":
            return self._yes_no_choices(), None
        node = entry.get(key)
        if node is None or kind is None or kind not in TYPES_FOR_KEY[key]:
            return [], None
        if node.kind == "seq":
            return self._choices_in_place(
                node, term("key_of_question", key=key, id=_id(name))
            ), None
        list_name = self.reader.string(node, key)
        if list_name is None:
            return [], None
        if list_name in SITE_LISTS:
            return self._site_choices(list_name, node.where), list_name
        if list_name not in self.choice_lists:
            known = [*self.choice_lists, *SITE_LISTS]
            self.report.error(
                node.where, "no_such_list", key=key, list=list_name, near=closest(list_name, known)
            )
            return [], None
        return list(self.choice_lists[list_name]), list_name

    def _yes_no_choices(self) -> list[Choice]:
        languages = self.reader.languages or [self.reader.default_language]
        labels = {lang: yes_no_labels(lang) for lang in languages}
        return [
            Choice("yes", Text({lang: pair[0] for lang, pair in labels.items()})),
            Choice("no", Text({lang: pair[1] for lang, pair in labels.items()})),
        ]

    def _site_choices(self, name: str, where: Where) -> list[Choice]:
        if self.site is None:
            if not self.site_named:  # else the site file's own problem is reported
                self.report.error(where, "site_list_without_site", name=name)
            return []
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
                for offer in self.site.offers
            ]
        if name == "districts":
            return [Choice(district.id, district.name) for district in self.site.districts]
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
            for phase in self.site.life_phases
        ]

    def _bounds(
        self, entry: Node, kind: str | None, name: Term
    ) -> tuple[float | None, float | None]:
        if kind not in ("integer", "decimal"):
            return None, None
        read = self.reader.integer if kind == "integer" else self.reader.number
        low = read(entry.get("min"), "min") if "min" in entry.entries else None
        high = read(entry.get("max"), "max") if "max" in entry.entries else None
        if low is not None and high is not None and low > high:
            self.report.error(entry.where_of("max"), "max_below_min", name=name, high=high, low=low)
        return low, high

    def _points(
        self, entry: Node, kind: str | None, choices: list[Choice], name: Term
    ) -> int | None:
        if kind not in ("rating", "smiley", "dot_vote") or "points" not in entry.entries:
            return None
        where = entry.where_of("points")
        points = self.reader.integer(entry.get("points"), "points")
        if points is None:
            return None
        if kind == "rating" and not 2 <= points <= 11:
            self.report.error(where, "rating_points", name=name, points=points)
        elif kind == "smiley" and points not in (3, 5):
            self.report.error(where, "smiley_points", name=name, points=points)
        elif kind == "smiley" and choices and len(choices) != points:
            self.report.error(where, "smiley_choices", name=name, points=points, count=len(choices))
        elif kind == "dot_vote" and points < 1:
            self.report.error(where, "dot_vote_points", name=name)
        return points

    def _equity_group(self, node: Node | None, name: Term) -> EquityGroup | None:
        def of(key: str) -> Term:
            return term("key_of_question", key=key, id=_id(name))

        entry = self.reader.mapping(node, of("equity_group"))
        if entry is None:
            return None
        self.reader.keys(
            entry, ("label", "members", "not_stated"), ("label", "members"), of("equity_group")
        )
        label = self.reader.text(entry.get("label"), of("equity_group label"))
        members = self.reader.strings(entry.get("members"), of("equity_group members"))
        if "members" in entry.entries and not members:
            self.report.error(entry.where_of("members"), "equity_no_members", name=name)
        not_stated = []
        if "not_stated" in entry.entries:
            not_stated = self.reader.strings(entry.get("not_stated"), of("equity_group not_stated"))
        if label is None or not members:
            return None
        return EquityGroup(label, members, list(not_stated or []))

    # --- scores ---------------------------------------------------------------------

    def _scores(self, node: Node | None, pages: list[Page]) -> list[Score]:
        questions = {question.id: question for page in pages for question in page.questions}
        built = [
            (self._score(element, questions), element)
            for element in self.reader.sequence(node, "scores")
        ]
        return self.reader.unique(built, "duplicate_score")

    def _score(self, node: Node, questions: dict[str, Question]) -> Score | None:
        reader = self.reader
        entry = reader.mapping(node, term("a_score"))
        if entry is None:
            return None
        reader.keys(entry, SCORE_KEYS, ("id", "label", "items"), term("a_score"))
        score_id = reader.identifier(entry.get("id"), "id")

        def of(key: str) -> Term:
            return term("key_of_score", key=key, id=score_id)

        label = reader.text(entry.get("label"), of("label"))
        items = reader.strings(entry.get("items"), of("items"))
        if entry.get("items") is not None and not items:
            self.report.error(entry.where_of("items"), "score_no_items", id=score_id)
        method = (
            reader.choice_of(entry.get("method"), "method", SCORE_METHODS)
            if "method" in entry.entries
            else "sum"
        )
        reverse = reader.strings(entry.get("reverse"), of("reverse"))
        for item in reverse:
            if item not in items:
                self.report.error(
                    entry.where_of("reverse"), "reverse_not_in_items", id=score_id, item=item
                )
        factor = reader.number(entry.get("factor"), "factor") if "factor" in entry.entries else 1
        bands = self._bands(entry.get("bands"), score_id)
        if score_id is None or label is None or method is None or factor is None:
            return None
        self.locations.scores[score_id] = entry
        ranges = {
            item: question.numeric_range()
            for item in items
            if (question := questions.get(item)) is not None
            and question.numeric_range() is not None
        }
        return Score(
            score_id, label, items, method, reverse, factor, bands, ranges, entry.where.line
        )

    def _bands(self, node: Node | None, score_id: str | None) -> list[Band]:
        bands: list[Band] = []
        elements = self.reader.sequence(node, term("key_of_score", key="bands", id=score_id))
        for index, element in enumerate(elements):
            entry = self.reader.mapping(element, term("a_band"))
            if entry is None:
                continue
            self.reader.keys(entry, BAND_KEYS, ("id", "label"), term("band_of_score", id=score_id))
            band_id = self.reader.identifier(entry.get("id"), "id", VALUE)
            label = self.reader.text(
                entry.get("label"), term("key_of_band", key="label", id=band_id)
            )
            below = (
                self.reader.number(entry.get("below"), "below")
                if "below" in entry.entries
                else None
            )
            last = index == len(elements) - 1
            if below is None and not last and "below" not in entry.entries:
                self.report.error(entry.where, "band_needs_below", id=band_id)
            if (
                below is not None
                and bands
                and bands[-1].below is not None
                and below <= bands[-1].below
            ):
                self.report.error(
                    entry.where_of("below"),
                    "band_below_order",
                    id=band_id,
                    below=below,
                    previous=bands[-1].below,
                )
            if band_id in (band.id for band in bands):
                self.report.error(
                    entry.where_of("id"), "duplicate_band", id=band_id, score=score_id
                )
                continue
            if band_id is not None and label is not None:
                bands.append(Band(band_id, label, below))
        return bands


def _id(name: Term) -> str | None:
    """The id inside a ``question`` term."""
    return dict(name.params).get("id")

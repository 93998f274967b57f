"""Building a :class:`Questionnaire` from the tree of a questionnaire file.

Step 2 of :func:`survey_app.questionnaire.pipeline.convert`: it checks the shape of
each entry (keys, types, ids, texts, expressions) and hands what it read to step 3
(:func:`survey_app.questionnaire.pipeline.check`) as a :class:`Built`. It opens no
file: the site and the media folders' listings come with the :class:`Source`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from survey_app.questionnaire.build_choices import ChoiceBuilder, site_choices, yes_no_choices
from survey_app.questionnaire.build_questions import (
    EXPRESSION_KEYS,
    QUESTION_KEYS,
    TYPES_FOR_KEY,
    check_type_keys,
    id_in,
    question_type,
)
from survey_app.questionnaire.build_questions import bounds as read_bounds
from survey_app.questionnaire.build_questions import equity_group as read_equity_group
from survey_app.questionnaire.build_questions import points as read_points
from survey_app.questionnaire.build_scores import build_scores
from survey_app.questionnaire.locations import ExpressionUse, Locations
from survey_app.questionnaire.media import read_audio
from survey_app.questionnaire.messages import Term, term
from survey_app.questionnaire.model import (
    AUDIENCES,
    SITE_LISTS,
    Choice,
    Page,
    Question,
    Questionnaire,
    Score,
)
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, Where, closest
from survey_app.questionnaire.reader import SLUG, VALUE, Reader, TextUse
from survey_app.questionnaire.site import Site
from survey_app.questionnaire.source import Source

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


@dataclass
class Built:
    """What the builder read, handed to the checks as it is.

    ``questionnaire`` is None when a required part is missing; the checks decide whether
    it is kept. ``texts`` are every translated text with its place, ``locations`` where
    expressions, questions and scores are written, ``question_ids`` each id's position.
    """

    root: Node
    questionnaire: Questionnaire | None
    pages: list[Page] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)
    locations: Locations = field(default_factory=Locations)
    question_ids: dict[str, int] = field(default_factory=dict)
    texts: list[TextUse] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    site: Site | None = None


def build_questionnaire(root: Node, source: Source, report: Report) -> Built:
    """Build a questionnaire from a tree (from YAML or a workbook); no checks, no files.

    The site and the media folders' listings come with ``source``.
    """
    return QuestionnaireBuilder(root, source, report).build()


class QuestionnaireBuilder:
    """Reads a questionnaire tree; ``build()`` returns what it read as :class:`Built`."""

    def __init__(self, root: Node, source: Source, report: Report) -> None:
        self.root = root
        self.source = source
        self.report = report
        #: Reads the top keys; the languages are known only after them.
        self.reader = Reader(report)
        self.choices = ChoiceBuilder(self.reader, source.pictures, source.recordings)
        self.locations = Locations(top=root)
        self.site: Site | None = None
        self.site_named = False
        self.choice_lists: dict[str, list[Choice]] = {}
        self.question_ids: dict[str, int] = {}

    def build(self) -> Built:
        """Everything read from the tree (the model None when a required part is missing)."""
        root = self.reader.mapping(self.root, term("questionnaire_file"))
        if root is None:
            return Built(self.root, None)
        top = self.reader
        top.keys(root, TOP_KEYS, TOP_REQUIRED, term("the_questionnaire"), "eltern-0-10")
        questionnaire_id = top.identifier(root.get("id"), "id", SLUG)
        version = top.string(root.get("version"), "version")
        audience = top.choice_of(root.get("audience"), "audience", AUDIENCES)
        reader = self.reader = self._languages(root)
        self.choices = ChoiceBuilder(reader, self.source.pictures, self.source.recordings)
        site_file = reader.string(root.get("site"), "site")
        self.site_named = site_file is not None
        if site_file is not None:
            self.site = self._site(site_file, root.where_of("site"))
        title = reader.text(root.get("title"), "title")
        description = reader.text(root.get("description"), "description")
        consent = reader.text(root.get("consent"), "consent")
        self.choice_lists = self.choices.choice_lists(root.get("choice_lists"))
        pages = self._pages(root.get("pages"))
        scores = build_scores(reader, root.get("scores"), pages, self.locations)
        built = Built(
            root,
            None,
            pages,
            scores,
            self.locations,
            self.question_ids,
            reader.texts,
            reader.languages or [],
            self.site,
        )
        if None in (questionnaire_id, version, audience, title):
            return built
        built.questionnaire = Questionnaire(
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
            path=self.source.path,
            content_hash=self.source.content_hash,
        )
        return built

    # --- top level --------------------------------------------------------------------

    def _languages(self, root: Node) -> Reader:
        """A reader for the rest of the file, knowing its languages and default language."""
        languages = self.reader.languages_list(root.get("languages"))
        default = self.reader.language(root.get("default_language"), "default_language")
        if default is not None and languages and default not in languages:
            self.report.error(
                root.where_of("default_language"),
                "default_not_in_languages",
                default=default,
                languages=languages,
            )
        return Reader(
            self.report,
            languages if "languages" in root.entries else None,
            default or (languages[0] if languages else ""),
        )

    def _site(self, name: str, where: Where) -> Site | None:
        """The site file ``name`` as the loader found it (its problems are reported)."""
        found = self.source.sites.get(name)
        if found is None or not found.found:
            looked = found.looked if found is not None else name
            self.report.error(where, "site_not_found", file=name, looked=looked)
            return None
        self.report.extend(found.problems)
        if found.site is None:
            self.report.error(where, "site_has_errors", file=name)
        return found.site

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
        entry = reader.record(node, term("a_page"), PAGE_KEYS, ("id", "questions"))
        if entry is None:
            return None
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
        entry = reader.record(node, term("a_question"), QUESTION_KEYS, ("id", "type", "label"))
        if entry is None:
            return None
        question_id = reader.identifier(entry.get("id"), "id")
        duplicate = question_id in self.locations.questions
        if duplicate:
            first = self.locations.questions[question_id].where.line  # type: ignore[index]
            self.report.error(
                entry.where_of("id"), "duplicate_question", id=question_id, first=first
            )
        elif question_id is not None:
            self.locations.questions[question_id] = entry
        kind = question_type(self.reader, entry)
        name = term("question", id=question_id)

        def of(key: str) -> Term:
            return term("key_of_question", key=key, id=question_id)

        if kind is not None:
            check_type_keys(self.reader, entry, kind, name)
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
            "audio": read_audio(reader, entry.get("audio"), self.source.recordings, of("audio")),
        }
        expressions = {key: reader.expression(entry.get(key), of(key)) for key in EXPRESSION_KEYS}
        choices, choice_list = self._question_choices(entry, kind, "choices", name)
        rows, row_list = self._question_choices(entry, kind, "rows", name)
        bounds = read_bounds(self.reader, entry, kind, name)
        points = read_points(self.reader, entry, kind, choices, name)
        equity_group = read_equity_group(self.reader, entry.get("equity_group"), name)
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

    def _question_choices(
        self, entry: Node, kind: str | None, key: str, name: Term
    ) -> tuple[list[Choice], str | None]:
        """The choices (or rows) and the name of their list (None when written in place)."""
        if kind == "yes_no" and key == "choices":
            languages = self.reader.languages or [self.reader.default_language]
            return yes_no_choices(languages), None
        node = entry.get(key)
        if node is None or kind is None or kind not in TYPES_FOR_KEY[key]:
            return [], None
        if node.kind == "seq":
            return self.choices.in_place(
                node, term("key_of_question", key=key, id=id_in(name))
            ), None
        list_name = self.reader.string(node, key)
        if list_name is None:
            return [], None
        if list_name in SITE_LISTS:
            if self.site is None:
                if not self.site_named:  # else the site file's own problem is reported
                    self.report.error(node.where, "site_list_without_site", name=list_name)
                return [], list_name
            return site_choices(self.site, list_name), list_name
        if list_name not in self.choice_lists:
            known = [*self.choice_lists, *SITE_LISTS]
            self.report.error(
                node.where, "no_such_list", key=key, list=list_name, near=closest(list_name, known)
            )
            return [], None
        return list(self.choice_lists[list_name]), list_name

"""Building a :class:`Site` from the tree of a site file."""

from __future__ import annotations

from typing import Any

from survey_app.questionnaire.messages import term
from survey_app.questionnaire.nodes import Node
from survey_app.questionnaire.problems import Report, closest
from survey_app.questionnaire.reader import VALUE, Reader
from survey_app.questionnaire.site import Category, District, LifePhase, Offer, Site

SITE_KEYS = (
    "municipality",
    "languages",
    "default_language",
    "branding",
    "districts",
    "life_phases",
    "categories",
    "offers",
)
OFFER_KEYS = ("id", "name", "description", "category", "life_phases", "districts")


def build_site(root: Node, path: str, report: Report) -> tuple[Site | None, Reader]:
    """The site described by ``root``; None when it has errors (all are reported)."""
    reader = Reader(report)
    if reader.record(root, term("the_site_file"), SITE_KEYS, ("municipality", "languages")) is None:
        return None, reader
    languages = reader.languages_list(root.get("languages"))
    default = reader.language(root.get("default_language"), "default_language")
    if default is not None and default not in languages:
        report.error(
            root.where_of("default_language"),
            "default_not_in_languages",
            default=default,
            languages=languages,
        )
    reader = Reader(
        report,
        languages if "languages" in root.entries else None,
        default or (languages[0] if languages else ""),
    )
    municipality = reader.text(root.get("municipality"), "municipality")
    districts = [
        District(id_, name)
        for id_, name in _named_entries(reader, root.get("districts"), "districts", ("id", "name"))
    ]
    phases = _life_phases(reader, root.get("life_phases"))
    categories = [
        Category(id_, name)
        for id_, name in _named_entries(
            reader, root.get("categories"), "categories", ("id", "name")
        )
    ]
    offers = _offers(reader, root.get("offers"), districts, phases, categories)
    branding = _branding(reader, root.get("branding"))
    if report.has_errors or municipality is None:
        return None, reader
    site = Site(
        path=path,
        municipality=municipality,
        languages=languages,
        branding=branding,
        districts=districts,
        life_phases=phases,
        categories=categories,
        offers=offers,
        default_language=reader.default_language,
    )
    return site, reader


def _entries(
    reader: Reader, node: Node | None, what: str, keys: tuple[str, ...]
) -> list[tuple[str, Node]]:
    """(id, mapping) for each well-formed entry of a list of ``id:``-mappings."""
    seen: dict[str, int] = {}
    result = []
    for element in reader.sequence(node, what):
        entry = reader.record(element, term("entry_of", what=what), keys, ("id", "name"))
        if entry is None:
            continue
        id_ = reader.identifier(entry.get("id"), term("entry_of", what=what), VALUE)
        if id_ is None:
            continue
        if id_ in seen:
            reader.report.error(
                entry.where_of("id"), "duplicate_site_id", key=id_, list=what, first=seen[id_]
            )
            continue
        seen[id_] = entry.where_of("id").line
        result.append((id_, entry))
    return result


def _named_entries(
    reader: Reader, node: Node | None, what: str, keys: tuple[str, ...]
) -> list[tuple[str, Any]]:
    named = []
    for id_, entry in _entries(reader, node, what, keys):
        name = reader.text(entry.get("name"), term("key_of_entry", key="name", id=id_, list=what))
        if name is not None:
            named.append((id_, name))
    return named


def _life_phases(reader: Reader, node: Node | None) -> list[LifePhase]:
    phases = []
    for id_, entry in _entries(reader, node, "life_phases", ("id", "name", "from_age", "to_age")):
        name = reader.text(
            entry.get("name"), term("key_of_entry", key="name", id=id_, list="life_phases")
        )
        from_age = (
            reader.integer(entry.get("from_age"), "from_age")
            if "from_age" in entry.entries
            else None
        )
        to_age = (
            reader.integer(entry.get("to_age"), "to_age") if "to_age" in entry.entries else None
        )
        if to_age is not None and from_age is None:
            reader.report.error(entry.where_of("to_age"), "to_age_without_from_age", id=id_)
        if from_age is not None and to_age is not None and to_age <= from_age:
            reader.report.error(
                entry.where_of("to_age"),
                "to_age_not_greater",
                to_age=to_age,
                from_age=from_age,
                id=id_,
            )
        if name is not None:
            phases.append(LifePhase(id_, name, from_age, to_age))
    return phases


def _offers(
    reader: Reader,
    node: Node | None,
    districts: list[District],
    phases: list[LifePhase],
    categories: list[Category],
) -> list[Offer]:
    offers = []
    district_ids = [district.id for district in districts]
    phase_ids = [phase.id for phase in phases]
    category_ids = [category.id for category in categories]
    for id_, entry in _entries(reader, node, "offers", OFFER_KEYS):
        name = reader.text(entry.get("name"), term("key_of_offer", key="name", id=id_))
        description = reader.text(
            entry.get("description"), term("key_of_offer", key="description", id=id_)
        )
        category = (
            reader.string(entry.get("category"), "category")
            if "category" in entry.entries
            else None
        )
        if category is not None and category not in category_ids:
            reader.report.error(
                entry.where_of("category"),
                "unknown_category",
                id=id_,
                category=category,
                near=closest(category, category_ids),
            )
        offer_phases = _references(reader, entry, "life_phases", phase_ids, id_)
        offer_districts = _offer_districts(reader, entry, district_ids, id_)
        if name is not None:
            offers.append(Offer(id_, name, description, category, offer_phases, offer_districts))
    return offers


def _offer_districts(
    reader: Reader, entry: Node, district_ids: list[str], offer_id: str
) -> list[str]:
    node = entry.get("districts")
    if node is not None and node.kind == "scalar" and node.text == "all":
        return list(district_ids)
    return _references(reader, entry, "districts", district_ids, offer_id)


def _references(
    reader: Reader, entry: Node, key: str, known: list[str], offer_id: str
) -> list[str]:
    values = []
    what = term("key_of_offer", key=key, id=offer_id)
    for node in reader.sequence(entry.get(key), what):
        value = reader.string(node, term("entry_of", what=what))
        if value is None:
            continue
        if value not in known:
            reader.report.error(
                node.where,
                "offer_unknown_reference",
                id=offer_id,
                value=value,
                key=key,
                near=closest(value, known),
            )
        elif value in values:
            reader.report.error(
                node.where, "offer_reference_twice", value=value, key=key, id=offer_id
            )
        else:
            values.append(value)
    return values


def _branding(reader: Reader, node: Node | None) -> dict[str, Any]:
    if node is None:
        return {}
    branding = reader.mapping(node, "branding")
    return branding.plain() if branding is not None else {}

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.checks import WARNING
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db.models import Model
from django.test import override_settings

import orderkit
from orderkit.checks import check_kit, check_registrations, check_settings
from orderkit.registry import registry
from tests.helpers import Register, kit_for, only
from tests.testapp.models import Annex, Board, Card, Chapter, Label, Oddity, Playlist, Song, Track

DOCS = Path(__file__).resolve().parent.parent / "docs"


# A valid registration


def test_valid_registration_passes() -> None:
    kit = kit_for(
        Card,
        order_field="position",
        group_by=("board",),
        toggles=("is_done",),
        relations=("labels",),
    )
    assert check_kit(kit) == []


def test_toggles_mapping_passes() -> None:
    kit = kit_for(
        Chapter, order_field="number", toggles={"is_published": "testapp.publish_chapter"}
    )
    assert check_kit(kit) == []


def test_empty_registration_passes() -> None:
    assert check_kit(kit_for(Oddity)) == []


# orderkit.E001 is a name that is not a field


def test_unknown_order_field_is_e001() -> None:
    kit = kit_for(Oddity, order_field="rank")
    error = only(check_kit(kit))
    assert error.id == "orderkit.E001"
    assert error.msg == "order_field 'rank' is not a field of testapp.Oddity."
    assert error.hint
    assert error.obj is type(kit)


def test_reverse_relation_as_order_field_is_e001() -> None:
    error = only(check_kit(kit_for(Board, order_field="card")))
    assert error.id == "orderkit.E001"
    assert error.msg == "order_field 'card' is not a field of testapp.Board."


def test_unknown_toggle_is_e011() -> None:
    error = only(check_kit(kit_for(Oddity, toggles=("is_active",))))
    assert error.id == "orderkit.E011"
    assert error.msg == "toggles names 'is_active', which is not a field of testapp.Oddity."
    assert error.hint == "Name BooleanFields of testapp.Oddity."


# orderkit.E002 is an order_field that is not an integer field


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("name", "a CharField"),
        ("flag", "a BooleanField"),
        ("id", "a BigAutoField"),
        ("board", "a ForeignKey"),
    ],
)
def test_order_field_that_is_not_an_integer_field_is_e002(name: str, kind: str) -> None:
    error = only(check_kit(kit_for(Oddity, order_field=name)))
    assert error.id == "orderkit.E002"
    assert error.msg == f"testapp.Oddity.{name} is {kind}; order_field must be an integer field."
    assert error.hint


# orderkit.W001 is an order_field with a default


def test_order_field_with_default_is_w001() -> None:
    kit = kit_for(Oddity, order_field="count")
    warning = only(check_kit(kit))
    assert warning.id == "orderkit.W001"
    assert warning.level == WARNING
    assert warning.msg.startswith("testapp.Oddity.count has a default (0),")
    assert warning.hint == (
        "Remove the default from testapp.Oddity.count (add null=True if the column needs it)."
    )
    assert warning.obj is type(kit)


def test_order_field_without_default_has_no_warning() -> None:
    assert check_kit(kit_for(Chapter, order_field="number")) == []


# orderkit.E003 is a toggle that is not a BooleanField


def test_non_boolean_toggle_is_e003() -> None:
    kit = kit_for(Oddity, toggles=("flag", "name"))
    error = only(check_kit(kit))
    assert error.id == "orderkit.E003"
    assert error.msg == "testapp.Oddity.name is a CharField; toggles must be BooleanFields."
    assert error.hint == "Remove 'name' from toggles, or make it a BooleanField."
    assert error.obj is type(kit)


def test_non_boolean_toggle_in_mapping_is_e003() -> None:
    error = only(check_kit(kit_for(Oddity, toggles={"count": "testapp.change_oddity"})))
    assert error.id == "orderkit.E003"
    assert "testapp.Oddity.count" in error.msg


# orderkit.E004 is a relation that is not a many-to-many relation


@pytest.mark.parametrize(
    ("model", "name", "kind"),
    [
        (Oddity, "board", "a ForeignKey"),
        (Board, "card", "a ManyToOneRel"),
        (Board, "card_set", "a ManyToOneRel"),
        (Oddity, "flag", "a BooleanField"),
        (Oddity, "tags", "not a field"),
    ],
    ids=["foreign-key", "reverse-foreign-key", "reverse-accessor", "plain-field", "unknown"],
)
def test_relation_that_is_not_many_to_many_is_e004(
    model: type[Model], name: str, kind: str
) -> None:
    kit = kit_for(model, relations=(name,))
    error = only(check_kit(kit))
    assert error.id == "orderkit.E004"
    assert error.msg == (
        f"relations names {name!r}, which is {kind} of {model._meta.label}, "
        "not a many-to-many relation."
    )
    assert error.hint
    assert error.obj is type(kit)


def test_forward_many_to_many_relation_passes() -> None:
    assert check_kit(kit_for(Oddity, relations=("labels",))) == []


@pytest.mark.parametrize(
    "name",
    ["cards", "oddity_set", "oddity"],
    ids=["related-name", "default-accessor", "query-name"],
)
def test_reverse_many_to_many_relation_passes(name: str) -> None:
    assert check_kit(kit_for(Label, relations=(name,))) == []


# orderkit.E005 is a wrong group_by


def test_many_to_many_group_by_is_e005() -> None:
    kit = kit_for(Card, order_field="position", group_by=("labels",))
    error = only(check_kit(kit))
    assert error.id == "orderkit.E005"
    assert error.msg == "group_by names 'labels', which is not a field of testapp.Card."
    assert error.hint
    assert error.obj is type(kit)


def test_unknown_group_by_is_e005() -> None:
    error = only(check_kit(kit_for(Card, order_field="position", group_by=("column",))))
    assert error.id == "orderkit.E005"
    assert error.msg == "group_by names 'column', which is not a field of testapp.Card."


def test_group_by_without_order_field_is_e012() -> None:
    kit = kit_for(Oddity, group_by=("board",))
    error = only(check_kit(kit))
    assert error.id == "orderkit.E012"
    assert error.msg == "OddityKit (testapp.Oddity) sets group_by but no order_field."
    assert error.hint == "Set order_field, or remove group_by."
    assert error.obj is type(kit)


# orderkit.E010 is a column in a parent model's table


def test_inherited_order_field_is_e010() -> None:
    kit = kit_for(Annex, order_field="count")
    messages = check_kit(kit)
    error = [message for message in messages if message.id == "orderkit.E010"]
    assert only(error).msg == (
        "order_field names 'count', which testapp.Annex inherits from testapp.Oddity "
        "(multi-table inheritance): its column is in the parent's table."
    )
    assert only(error).hint == (
        "Register testapp.Oddity itself, or give testapp.Annex a field of its own."
    )
    assert only(error).obj is type(kit)


def test_inherited_group_by_is_e010() -> None:
    error = only(check_kit(kit_for(Annex, order_field="rank", group_by=("board",))))
    assert error.id == "orderkit.E010"
    assert error.msg.startswith("group_by names 'board', which testapp.Annex inherits from")


def test_fields_of_the_child_models_own_table_pass() -> None:
    assert check_kit(kit_for(Annex, order_field="rank")) == []


def test_group_by_without_order_field_is_reported_once() -> None:
    messages = check_kit(kit_for(Oddity, group_by=("board", "name")))
    assert [message.id for message in messages] == ["orderkit.E012"]


# orderkit.E007 is an option of the wrong type


@pytest.mark.parametrize("option", ["group_by", "toggles", "relations", "editable"])
def test_string_instead_of_tuple_is_e007(option: str) -> None:
    kit = kit_for(Oddity, **{option: "flag"})
    error = only(check_kit(kit))
    assert error.id == "orderkit.E007"
    assert error.msg == f"OddityKit.{option} must be a tuple of field names, not 'flag'."
    assert error.hint == f'Write {option} = ("flag",) for a single name.'
    assert error.obj is type(kit)


@pytest.mark.parametrize("option", ["group_by", "toggles", "relations", "editable"])
def test_a_string_that_names_no_field_gets_no_tuple_of_it_proposed(option: str) -> None:
    error = only(check_kit(kit_for(Oddity, **{option: "flga"})))
    assert error.id == "orderkit.E007"
    assert "flga" not in str(error.hint)
    assert error.hint == f"Write {option} as a tuple of names of testapp.Oddity's fields."


@pytest.mark.parametrize("option", ["group_by", "toggles", "relations", "editable"])
def test_non_string_names_are_e007(option: str) -> None:
    kit = kit_for(Oddity, **{option: ("flag", 2)})
    error = only(check_kit(kit))
    assert error.id == "orderkit.E007"
    assert error.msg == f"OddityKit.{option} must be a tuple of field names, not ('flag', 2)."
    assert error.hint == f"List the names as strings in {option}."


def test_non_string_order_field_is_e014() -> None:
    kit = kit_for(Oddity, order_field=1)
    error = only(check_kit(kit))
    assert error.id == "orderkit.E014"
    assert error.msg == "OddityKit.order_field must be a field name, not 1."
    assert error.hint == 'Name the integer field, e.g. order_field = "position".'
    assert error.obj is type(kit)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_move_between_groups_that_is_not_a_boolean_is_e020(value: object) -> None:
    kit = kit_for(Card, order_field="position", group_by=("board",), move_between_groups=value)
    error = only(check_kit(kit))
    assert error.id == "orderkit.E020"
    assert error.msg == f"CardKit.move_between_groups must be True or False, not {value!r}."
    assert error.obj is type(kit)


def test_move_between_groups_set_to_a_boolean_passes() -> None:
    kit = kit_for(Card, order_field="position", group_by=("board",), move_between_groups=True)
    assert check_kit(kit) == []


def test_type_errors_are_reported_alone() -> None:
    kit = kit_for(Oddity, order_field=1, group_by="board", toggles=("name",))
    messages = check_kit(kit)
    assert [message.id for message in messages] == ["orderkit.E007", "orderkit.E014"]


def test_every_problem_of_a_kit_is_reported() -> None:
    kit = kit_for(
        Oddity,
        order_field="name",
        group_by=("column",),
        toggles=("count",),
        relations=("board",),
    )
    messages = check_kit(kit)
    assert [message.id for message in messages] == [
        "orderkit.E002",
        "orderkit.E005",
        "orderkit.E003",
        "orderkit.E004",
    ]


# orderkit.E018 and E019: editable names a field that is not, or not a CharField


def test_editable_char_field_passes() -> None:
    assert check_kit(kit_for(Card, editable=("title",))) == []


def test_unknown_editable_field_is_e018() -> None:
    error = only(check_kit(kit_for(Oddity, editable=("title",))))
    assert error.id == "orderkit.E018"
    assert error.msg == "editable names 'title', which is not a field of testapp.Oddity."
    assert error.hint == "Name CharFields of testapp.Oddity."


@pytest.mark.parametrize(
    ("model", "name", "kind"),
    [
        (Oddity, "count", "an IntegerField"),
        (Oddity, "id", "its primary key"),
        (Chapter, "id", "its primary key with editable=False"),
    ],
)
def test_editable_field_that_is_not_an_editable_char_field_is_e019(
    model: type[Model], name: str, kind: str
) -> None:
    error = only(check_kit(kit_for(model, editable=(name,))))
    assert error.id == "orderkit.E019"
    label = model._meta.label
    assert error.msg == (
        f"{label}.{name} is {kind}; editable must name CharFields that forms may edit."
    )
    assert error.hint == f"Remove {name!r} from editable."


# Through the registry and Django's check framework


def test_project_registrations_pass() -> None:
    assert check_registrations() == []


def test_project_passes_check_command() -> None:
    out = StringIO()
    call_command("check", stdout=out)
    assert "System check identified no issues" in out.getvalue()


def test_check_command_reports_a_bad_registration(register: Register) -> None:
    register(Oddity, order_field="name")
    with pytest.raises(SystemCheckError, match=r"orderkit\.E002"):
        call_command("check", stdout=StringIO())


def test_duplicate_registration_is_e006(register: Register) -> None:
    register(Oddity, toggles=("flag",))
    register(Oddity, toggles=("flag",))
    error = only(check_registrations())
    assert error.id == "orderkit.E006"
    assert error.msg == "testapp.Oddity is registered with orderkit more than once."
    assert error.hint
    assert error.obj is Oddity


def test_duplicate_registration_is_reported_once(register: Register) -> None:
    for _ in range(3):
        register(Oddity, toggles=("flag",))
    assert [message.id for message in check_registrations()] == ["orderkit.E006"]


def test_removed_registration_is_no_longer_a_duplicate(register: Register) -> None:
    register(Oddity, toggles=("flag",))
    register(Oddity, toggles=("flag",))
    registry.remove(Oddity)
    assert check_registrations() == []


def test_registered_kit_is_checked(register: Register) -> None:
    kit = register(Oddity, order_field="name")
    error = only(check_registrations())
    assert error.id == "orderkit.E002"
    assert error.obj is type(kit)


def test_app_configs_leave_out_other_apps(register: Register) -> None:
    register(Oddity, order_field="name")
    assert check_registrations(app_configs=[apps.get_app_config("ponies")]) == []


def test_app_configs_include_their_apps(register: Register) -> None:
    register(Oddity, order_field="name")
    messages = check_registrations(app_configs=[apps.get_app_config("testapp")])
    assert [message.id for message in messages] == ["orderkit.E002"]


def test_duplicates_of_other_apps_are_left_out(register: Register) -> None:
    register(Oddity, toggles=("flag",))
    register(Oddity, toggles=("flag",))
    assert check_registrations(app_configs=[apps.get_app_config("ponies")]) == []


@pytest.mark.parametrize("value", [None, 3, object()])
def test_option_that_is_not_a_collection_is_e007(value: object) -> None:
    error = only(check_kit(kit_for(Oddity, relations=value)))
    assert error.id == "orderkit.E007"
    assert error.msg == f"OddityKit.relations must be a tuple of field names, not {value!r}."
    assert error.hint == "List the names as strings in relations."


@pytest.mark.parametrize("permission", [3, None, "publish_chapter", "a.b.c"])
def test_toggle_permission_that_is_not_app_label_codename_is_e013(permission: object) -> None:
    kit = kit_for(Chapter, toggles={"is_published": permission})
    error = only(check_kit(kit))
    assert error.id == "orderkit.E013"
    assert error.msg == (
        f"ChapterKit.toggles gives 'is_published' the permission {permission!r}, which is "
        "not an 'app_label.codename' string."
    )
    assert error.hint


def test_many_to_many_is_not_an_order_field() -> None:
    error = only(check_kit(kit_for(Oddity, order_field="labels")))
    assert error.id == "orderkit.E001"


def test_article_before_a_vowel() -> None:
    error = only(check_kit(kit_for(Oddity, toggles=("count",))))
    assert error.msg == "testapp.Oddity.count is an IntegerField; toggles must be BooleanFields."


def test_settings_that_are_not_a_dict_are_e008() -> None:
    with override_settings(ORDERKIT=[("RETRIES", 1)]):
        error = only(check_settings())
    assert error.id == "orderkit.E008"
    assert error.msg == "settings.ORDERKIT must be a dict."


def test_unknown_settings_are_e015() -> None:
    with override_settings(ORDERKIT={"RETRY": 1, "RETRIES": 1}):
        error = only(check_settings())
    assert error.id == "orderkit.E015"
    assert error.msg == "settings.ORDERKIT has unknown keys ['RETRY']."
    assert error.hint == (
        "The known keys are ['ESCAPE_HTML', 'LOCK_TIMEOUT', 'LOG_ENTRIES', 'MAX_BODY_BYTES', "
        "'MAX_ORDER_LENGTH', 'RETRIES']; remove the others."
    )


def test_each_bad_setting_is_e016() -> None:
    with override_settings(ORDERKIT={"RETRIES": -1, "LOG_ENTRIES": 1}):
        messages = check_settings()
    assert [message.id for message in messages] == ["orderkit.E016", "orderkit.E016"]


def test_bad_settings_are_e016() -> None:
    with override_settings(ORDERKIT={"RETRIES": -1}):
        error = only(check_settings())
    assert error.id == "orderkit.E016"
    assert (
        error.msg
        == 'settings.ORDERKIT["RETRIES"] must be a whole number of retries (0 or more), not -1.'
    )
    assert error.hint


def test_good_settings_pass() -> None:
    assert check_settings() == []


def test_each_check_id_is_one_literal_in_the_code_and_listed_in_the_docs() -> None:
    """One ID per problem: each is written once, as a literal, and documented."""
    root = Path(orderkit.__file__).parent
    written = [
        found
        for path in root.rglob("*.py")
        for found in re.findall(r'id="(orderkit\.[EW]\d{3})"', path.read_text())
    ]
    assert len(written) == len(set(written)), sorted(written)
    documented = set(re.findall(r"orderkit\.[EW]\d{3}", (DOCS / "registration.md").read_text()))
    documented |= set(re.findall(r"orderkit\.[EW]\d{3}", (DOCS / "admin.md").read_text()))
    assert set(written) <= documented


# orderkit.W003 is a through model registered in order but grouped by neither side


@pytest.mark.parametrize("group_by", [(), ("playlist", "song")], ids=["none", "both"])
def test_a_through_kit_grouped_by_neither_side_is_w003(
    monkeypatch: pytest.MonkeyPatch, group_by: tuple[str, ...]
) -> None:
    monkeypatch.setattr(registry.get(Track), "group_by", group_by)
    warning = only(check_kit(registry.get(Playlist)))
    assert warning.id == "orderkit.W003"
    assert warning.level == WARNING
    assert warning.msg == (
        "The links of testapp.Playlist.songs are in no order: their through model "
        "testapp.Track is registered with order_field 'position' but grouped by "
        f"{group_by!r}, not by its foreign key to one side."
    )
    assert warning.hint == (
        "Register testapp.Track with group_by = ('playlist',) to keep each playlist's links "
        "in order (see docs/ordered-links.md), or leave out its order_field."
    )


@pytest.mark.parametrize("group_by", [("playlist",), ("song",)], ids=["owner", "other-side"])
def test_a_through_kit_grouped_by_one_side_passes_from_both_sides(
    monkeypatch: pytest.MonkeyPatch, group_by: tuple[str, ...]
) -> None:
    """Grouped by the playlist, it orders each playlist's songs; a song's playlists, seen
    from the other side, are plain links, which is no mistake."""
    monkeypatch.setattr(registry.get(Track), "group_by", group_by)
    assert check_kit(registry.get(Playlist)) == []
    assert check_kit(kit_for(Song, relations=("playlists",))) == []


def test_a_through_kit_without_an_order_field_passes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get(Track), "order_field", None)
    monkeypatch.setattr(registry.get(Track), "group_by", ())
    assert check_kit(registry.get(Playlist)) == []

"""Every admin URL, filled with real objects of the translator's and other locales, and a
snapshot of everything a translator must not change.

`admin_routes()` walks Django's URL resolver, so a view added tomorrow is in the matrix without
anyone listing it. `concrete_paths()` fills each route's parameters from one *target* at a time
(a page or snippet of some locale, with its translation, revision, workflow state…), so one
route yields one address per target: the translator's own German object and the French and
English ones they must not touch. `snapshot()` captures what visitors and subscribers see,
who may do what, and everything of other locales; the matrix compares it before and after each
request.
"""

import json
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.forms.models import model_to_dict
from django.urls import URLPattern, URLResolver, get_resolver

from wagtail.models import (
    DraftStateMixin,
    GroupPagePermission,
    Page,
    Revision,
    TaskState,
    WorkflowPage,
    WorkflowState,
)
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
)

from translation.groups import translatable_snippet_models

# Columns that saving a draft revision updates on the row; everything else is live content.
BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",  # adding a page to one's own section
    "wagtail_admin_comments",
}
# Signing out would end the translator's session for every address after it; "failwhale" is
# Wagtail's deliberate error page for checking that error reports arrive.
SKIPPED = {"admin/logout/", "admin/failwhale/"}
# Writes every request may make: the session, login throttling, Wagtail's editing sessions.
HARMLESS_TABLES = ("django_session", "axes_", "wagtailadmin_editingsession")
PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    """One admin URL pattern: its full route text and its namespaced name."""

    route: str
    name: str

    @property
    def params(self) -> list[str]:
        return [m["name"] for m in PARAM.finditer(self.route)] + [
            m["name"] for m in REGEX_GROUP.finditer(self.route)
        ]


def admin_routes() -> list[Route]:
    """Every URL pattern under /admin/, from the resolver (first registration wins)."""
    found: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespaces: list[str]) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                spaces = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, prefix + str(pattern.pattern), spaces)
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith("admin/"):
                    name = ":".join([*namespaces, pattern.name or ""])
                    found.setdefault(route, Route(route, name))

    walk(get_resolver().url_patterns, "", [])
    return list(found.values())


@dataclass
class Target:
    """An object the translator might act on, and the values of every URL parameter for it."""

    label: str
    obj: Model
    values: dict[str, str] = field(default_factory=dict)


def _content_type(obj: Model) -> ContentType:
    return ContentType.objects.get_for_model(type(obj))


def target_for(label: str, obj: Model, destination: Page, extra: dict[str, str]) -> Target:
    """Parameter values pointing at `obj` (and its translation, revision, workflow…)."""
    ct = _content_type(obj)
    values = {
        name: str(obj.pk)
        for name in ("pk", "page_id", "parent_page_id", "page_to_move_id", "page_pk", "object_id")
    }
    values |= dict.fromkeys(("app_label", "content_type_app_name", "app_name"), ct.app_label)
    values |= dict.fromkeys(("model_name", "content_type_model_name"), ct.model)
    values["destination_id"] = str(destination.pk)
    revision = Revision.objects.for_instance(obj).order_by("-pk").first()
    if revision is not None:
        values["revision_id"] = str(revision.pk)
    translation = Translation.objects.filter(
        source__object_id=obj.translation_key, target_locale_id=obj.locale_id
    ).first()
    if translation is not None:
        values["translation_id"] = str(translation.pk)
        values["translation_source_id"] = str(translation.source_id)
        segment = StringSegment.objects.filter(source=translation.source).first()
        values["string_segment_id"] = str(segment.pk) if segment else "0"
        overridable = OverridableSegment.objects.filter(source=translation.source).first()
        values["overridable_segment_id"] = str(overridable.pk) if overridable else "0"
    state = WorkflowState.objects.for_instance(obj).order_by("-pk").first()
    if state is not None:
        values["workflow_state_id"] = str(state.pk)
        task_state = TaskState.objects.filter(workflow_state=state).order_by("-pk").first()
        if task_state is not None:
            values["task_state_id"] = str(task_state.pk)
            values["task_id"] = str(task_state.task_id)
        values["workflow_pk"] = str(state.workflow_id)
    values |= {"revision_id_a": "earliest", "revision_id_b": "latest"}
    return Target(label, obj, {**extra, **values})


def fill(route: Route, values: dict[str, str]) -> str | None:
    """The address of `route` with `values`, or None when a parameter has no value."""
    if any(name not in values for name in route.params):
        return None
    # Regex groups first: `(?P<pk>…)` would otherwise be read as a `<pk>` converter.
    path = REGEX_GROUP.sub(lambda m: values[m["name"]], route.route)
    path = PARAM.sub(lambda m: values[m["name"]], path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".").replace(".*", "anything")
    return "/" + path


def concrete_paths(routes: list[Route], targets: list[Target]) -> dict[str, list[str]]:
    """Route → its distinct addresses, one per target that can fill it."""
    paths: dict[str, list[str]] = {}
    for route in routes:
        filled = [fill(route, target.values) for target in targets] if route.params else []
        found = sorted({path for path in filled if path}) or (
            [] if route.params else [fill(route, {})]
        )
        if found:
            paths[route.route] = found
    return paths


def _row(obj: Model) -> str:
    data = obj.serializable_data() if hasattr(obj, "serializable_data") else model_to_dict(obj)
    kept = {k: v for k, v in data.items() if k not in BOOKKEEPING}
    return json.dumps(kept, sort_keys=True, cls=DjangoJSONEncoder)


def _draftable_models() -> list[type]:
    return [Page, *[m for m in translatable_snippet_models() if issubclass(m, DraftStateMixin)]]


def snapshot(own_locale_id: int) -> dict[str, object]:
    """What a translator of `own_locale_id` must never change, keyed by a readable name.

    - every live page and snippet: its live revision, publish date and row content;
    - everything of another locale: rows, drafts, revisions, translations, strings;
    - permissions: groups, their members and permissions, the review workflow's assignments.
    """
    shot: dict[str, object] = {}
    for model in _draftable_models():
        objects = model.objects.all()
        if model is Page:
            objects = objects.filter(depth__gt=1).specific()
        for obj in objects:
            own = obj.locale_id == own_locale_id
            key = f"{model.__name__} {obj.pk} ({obj.locale.language_code})"
            live = (obj.live, obj.live_revision_id, obj.last_published_at)
            shot[f"{key} publication"] = live
            if obj.live or not own:
                shot[f"{key} content"] = _row(obj)
            if not own:
                shot[f"{key} draft"] = (obj.latest_revision_id, obj.has_unpublished_changes)
    for model in translatable_snippet_models():
        if issubclass(model, DraftStateMixin):
            continue
        for obj in model.objects.exclude(locale_id=own_locale_id):
            shot[f"{model.__name__} {obj.pk} content"] = _row(obj)
    shot["objects of other locales"] = sorted(
        (model.__name__, pk)
        for model in [Page, *translatable_snippet_models()]
        for pk in model.objects.exclude(locale_id=own_locale_id).values_list("pk", flat=True)
    )
    shot["revisions of other locales"] = sorted(
        Revision.objects.filter(
            object_id__in=[str(pk) for _name, pk in shot["objects of other locales"]]
        ).values_list("pk", "content_type_id", "object_id")
    )
    shot["scheduled revisions"] = Revision.objects.filter(approved_go_live_at__isnull=False).count()
    shot["translations of other locales"] = sorted(
        Translation.objects.exclude(target_locale_id=own_locale_id).values_list("pk", "enabled")
    )
    shot["strings of other locales"] = sorted(
        StringTranslation.objects.exclude(locale_id=own_locale_id).values_list("pk", "data")
    )
    shot["group permissions"] = sorted(Group.permissions.through.objects.values_list())
    shot["group page permissions"] = sorted(GroupPagePermission.objects.values_list())
    shot["group members"] = sorted(get_user_model().groups.through.objects.values_list())
    shot["user flags"] = sorted(
        get_user_model().objects.values_list("pk", "is_superuser", "is_staff", "is_active")
    )
    shot["workflow assignments"] = sorted(WorkflowPage.objects.values_list())
    return shot


def differences(before: dict, after: dict) -> list[str]:
    """Readable keys whose values changed, appeared or vanished."""
    keys = set(before) | set(after)
    return sorted(key for key in keys if before.get(key) != after.get(key))


def wrote(queries) -> bool:
    """Whether the captured queries changed a table other than the harmless bookkeeping ones."""
    for query in queries.captured_queries:
        sql = query["sql"].lstrip().upper()
        if sql.startswith(("INSERT", "UPDATE", "DELETE")) and not any(
            table.upper() in sql[:80] for table in HARMLESS_TABLES
        ):
            return True
    return False

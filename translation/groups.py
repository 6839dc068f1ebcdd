"""Partner translator groups and the communications staff group, with their permissions.

Translators of a locale may edit pages only below that locale's home page and snippets only in
that locale (enforced by `translation.wagtail_hooks`, since snippet permissions are per model).
Staff have full editorial rights. Whether translators publish is `TRANSLATORS_CAN_PUBLISH`;
when they may not, a "Translation review" workflow on each locale's home page sends their work
to staff for approval.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from wagtail.models import (
    Collection,
    DraftStateMixin,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.models import get_snippet_models

from translation.conf import locale_root, target_locales, translators_can_publish
from translation.models import GlossaryTerm, TranslationGroup
from translation.workflow_names import REVIEW_TASK, REVIEW_WORKFLOW

PROJECT_APPS = ("home", "network", "events", "newsletters")
STAFF_APPS = ("newsletters",)
STAFF_PAGE_PERMISSIONS = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
MEDIA_MODELS = ("wagtailimages.image", "wagtaildocs.document")


def project_snippet_models() -> list[type]:
    """Snippets of our own apps (Wagtail's and third-party snippets are not editorial content)."""
    return [model for model in get_snippet_models() if model._meta.app_label in PROJECT_APPS]


def translatable_snippet_models() -> list[type]:
    """The snippets partners translate: every project snippet that has a locale."""
    return [model for model in project_snippet_models() if issubclass(model, TranslatableMixin)]


def language_name(locale: Locale) -> str:
    """The language's own name, capitalised ("Deutsch", "Français"): partners recognise it."""
    try:
        name = get_language_info(locale.language_code)["name_local"]
    except KeyError:
        name = locale.get_display_name() or locale.language_code
    return name[:1].upper() + name[1:]


def translator_group_name(locale: Locale) -> str:
    """The group's name, in the site's source language so every admin sees the same name."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Translators (%(language)s)") % {"language": language_name(locale)}


def staff_group_name() -> str:
    """The name of the group that approves translations and publishes."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Communications staff")


def _model_permissions(model: type, actions) -> list[Permission]:
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _replace_permissions(model: type, group: Group, target: dict, permission_ids: set) -> None:
    """Make `permission_ids` on `target` the group's only `model` permissions (idempotent)."""
    model.objects.filter(group=group).exclude(permission_id__in=permission_ids, **target).delete()
    for permission_id in permission_ids:
        model.objects.get_or_create(group=group, permission_id=permission_id, **target)


def _set_page_permissions(group: Group, page: Page | None, actions) -> None:
    """Make `actions` on `page`'s subtree the group's only page permissions (none without one)."""
    wanted = {perm.pk for perm in _model_permissions(Page, actions)} if page else set()
    _replace_permissions(GroupPagePermission, group, {"page": page}, wanted)


def _set_collection_permissions(group: Group, actions: list[str]) -> None:
    """Image and document permissions on the root collection (so per-language PDFs can be added)."""
    wanted = set()
    for label in MEDIA_MODELS:
        wanted |= {perm.pk for perm in _model_permissions(apps.get_model(label), actions)}
    root = Collection.get_first_root_node()
    _replace_permissions(GroupCollectionPermission, group, {"collection": root}, wanted)


@dataclass
class SetupReport:
    """What `setup_translator_groups` did, for the command's output and for tests."""

    staff_group: Group | None = None
    translator_groups: dict[str, Group] = field(default_factory=dict)
    workflow: Workflow | None = None
    missing_roots: list[str] = field(default_factory=list)


def _marked_group(name: str, **marker) -> Group:
    """The group `TranslationGroup` marks with `marker`; else the group `name`, marked now."""
    found = TranslationGroup.objects.filter(**marker).first()
    if found is not None:
        return found.group
    group = Group.objects.get_or_create(name=name)[0]
    TranslationGroup.objects.create(group=group, **marker)
    return group


def ensure_staff_group() -> Group:
    """The communications staff group with full editorial rights (not users, groups or sites)."""
    group = _marked_group(staff_group_name(), role=TranslationGroup.Role.STAFF)
    permissions = [
        _permission("wagtailadmin.access_admin"),
        _permission("wagtail_localize.submit_translation"),
    ]
    for model in project_snippet_models():
        actions = ["add", "change", "delete", "view"]
        if issubclass(model, DraftStateMixin):
            actions.append("publish")
        permissions += _model_permissions(model, actions)
    permissions += _model_permissions(GlossaryTerm, ["add", "change", "delete", "view"])
    # Staff manage the newsletter audience and sending (subscribers, imports, suppression list,
    # sends), which are admin viewsets rather than snippets.
    permissions += Permission.objects.filter(content_type__app_label__in=STAFF_APPS)
    group.permissions.set(permissions)
    _set_page_permissions(group, Page.get_first_root_node(), STAFF_PAGE_PERMISSIONS)
    _set_collection_permissions(group, ["add", "change", "choose", "delete"])
    return group


def ensure_translator_group(locale: Locale, can_publish: bool) -> tuple[Group, Page | None]:
    """One locale's translator group: its tree, its snippets, uploads; publish if allowed."""
    group = _marked_group(
        translator_group_name(locale), role=TranslationGroup.Role.TRANSLATORS, locale=locale
    )
    permissions = [_permission("wagtailadmin.access_admin")]
    for model in translatable_snippet_models():
        actions = ["change", "view"]
        if can_publish and issubclass(model, DraftStateMixin):
            actions.append("publish")
        permissions += _model_permissions(model, actions)
    group.permissions.set(permissions)
    root = locale_root(locale)
    page_actions = ("add", "change", "publish") if can_publish else ("add", "change")
    _set_page_permissions(group, root, page_actions)
    _set_collection_permissions(group, ["add", "choose"])
    return group, root


def ensure_review_workflow(staff: Group) -> Workflow:
    """The "Translation review" workflow: one approval task done by communications staff."""
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.set([staff])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


@transaction.atomic
def setup_translator_groups(can_publish: bool | None = None) -> SetupReport:
    """Create or update every group, permission and workflow assignment (safe to re-run)."""
    if can_publish is None:
        can_publish = translators_can_publish()
    report = SetupReport()
    report.staff_group = ensure_staff_group()
    report.workflow = ensure_review_workflow(report.staff_group)
    for locale in target_locales():
        group, root = ensure_translator_group(locale, can_publish)
        report.translator_groups[locale.language_code] = group
        if root is None:
            report.missing_roots.append(locale.language_code)
            continue
        if can_publish:
            WorkflowPage.objects.filter(page=root, workflow=report.workflow).delete()
        else:
            WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": report.workflow})
    return report


def translator_locale_ids(user) -> frozenset[int] | None:
    """The locales a partner translator may work in; None for anyone else (superusers, staff,
    users in no translator group), whose Wagtail permissions apply. Cached on the user."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return None
    cached = getattr(user, "_translation_locale_ids", False)
    if cached is not False:
        return cached
    roles = list(TranslationGroup.objects.filter(group__user=user).values_list("role", "locale_id"))
    if not roles or any(role == TranslationGroup.Role.STAFF for role, _locale in roles):
        result = None
    else:
        result = frozenset(locale_id for _role, locale_id in roles if locale_id)
    user._translation_locale_ids = result
    return result


def may_work_in_locale(user, locale_id: int | None) -> bool:
    """Whether `user` may edit content of `locale_id` (always, unless a restricted translator)."""
    allowed = translator_locale_ids(user)
    return allowed is None or locale_id in allowed


def _reachable_users(**filters):
    """Active users with an email address, matching `filters`."""
    return get_user_model().objects.filter(is_active=True, **filters).exclude(email="").distinct()


def translators_of(locale: Locale):
    """Active users with an email address in `locale`'s translator group(s)."""
    return _reachable_users(
        groups__translation_role__role=TranslationGroup.Role.TRANSLATORS,
        groups__translation_role__locale=locale,
    )


def staff_members():
    """Active communications staff with an email address."""
    return _reachable_users(groups__translation_role__role=TranslationGroup.Role.STAFF)

"""App config of the partner translation workflow: groups, allow-list, review, launch, reports."""

from django.apps import AppConfig


class TranslationWorkflowConfig(AppConfig):
    """Partners translate pages into their own language, and nothing else."""

    name = "translation"
    label = "translation_workflow"
    verbose_name = "Translation workflow"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from translation import hardening, markup, redirects, signals, workflow_names  # noqa: F401

        workflow_names.connect()

"""What Wagtail does when a review workflow is approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`).

Wagtail imports this setting while its models are still loading, so this module imports
nothing of Wagtail at the top; the work is `translation.launch.finish_workflow`.
"""


def finish_workflow(workflow_state, user=None) -> None:
    """Publish the approved revision, except a translation of a page not launched yet."""
    from translation.launch import finish_workflow as finish  # models are loaded by now

    finish(workflow_state, user=user)

"""The partner translator groups and one demo translator per demo language.

So a newcomer can try the partner workflow after `make run`; the logins are printed with the
admin's and kept in the demo credentials file.
"""

import secrets

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

from demo import builders as demo
from translation.groups import setup_translator_groups

DEMO_TRANSLATORS = {"de": "Greta", "fr": "Florence"}


def translator_username(code: str) -> str:
    return f"translator-{code}"


def _known_passwords() -> dict[str, str]:
    path = demo.credentials_path()
    if not path.exists():
        return {}
    logins = {}
    for line in path.read_text().splitlines():
        username, _, password = line.strip().partition(":")
        if password:
            logins[username] = password
    return logins


def _remember(username: str, password: str) -> None:
    path = demo.credentials_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = path.read_text().splitlines() if path.exists() else []
    lines = [line for line in lines if not line.startswith(f"{username}:")]
    path.write_text("\n".join([*lines, f"{username}:{password}"]) + "\n")
    path.chmod(0o600)


def build_translators(context: demo.DemoContext) -> None:
    """Create the groups and the demo translators (idempotent; existing accounts are kept)."""
    report = setup_translator_groups()
    context.note(
        f"translator groups: {', '.join(sorted(report.translator_groups))}; "
        f"staff group: {report.staff_group}"
    )
    known = _known_passwords()
    users = get_user_model()
    for code, first_name in DEMO_TRANSLATORS.items():
        group = report.translator_groups.get(code)
        if group is None:
            continue  # the language is not enabled on this site
        username = translator_username(code)
        user = users.objects.filter(username=username).first()
        password = known.get(username)
        if user is None:
            password = secrets.token_urlsafe(12)
            user = users.objects.create_user(
                username,
                email=f"{username}@stem-pd-net.example",
                password=password,
                first_name=first_name,
            )
            _remember(username, password)
            context.created += 1
        user.groups.add(group)
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = code  # partners work in their own admin language
            profile.save(update_fields=["preferred_language"])
        context.logins.append((username, password))

"""The container image is the built wheel and the deploy files beside it, nothing of the source
tree, and its steps are the README's. `tests/production/test_containerfile.py` replays them."""

import shlex

from tests.production import containerfile
from tests.production.readme import release_steps, services

# What the image may take from the build context: the wheel `make dist` writes, and the files the
# README's working directory holds beside the installed package.
DEPLOY_FILES = {"dist/stem_pd_net-*.whl", "requirements/constraints.txt", "gunicorn.conf.py"}


def test_the_image_copies_the_built_wheel_and_deploy_files_but_no_source_folder():
    copied = {source for sources, _destination in containerfile.copies() for source in sources}
    assert copied == DEPLOY_FILES
    assert containerfile.arguments("ADD") == []


def test_the_image_installs_the_wheel_with_the_pinned_constraints():
    steps = [step.strip() for step in containerfile.build_script().split("&&")]
    wheel = steps[0].removeprefix("set -- ")
    installs = [shlex.split(step) for step in steps if step.startswith("pip install")]
    assert len(installs) == 1
    assert installs[0][-1] == "$1[s3]" and wheel.endswith("/stem_pd_net-*.whl")
    assert installs[0][installs[0].index("-c") + 1] == "constraints.txt"


def test_the_build_and_the_documented_release_commands_are_the_release_steps():
    built = [
        step.strip()
        for step in containerfile.build_script().split("&&")
        if step.strip().startswith("stempd ")
    ]
    released = [c for c in containerfile.documented_commands() if "db_worker" not in c]
    assert built == ["stempd compile_translations", "stempd collectstatic --no-input"]
    assert sorted(built + released) == sorted(release_steps())


def test_the_image_serves_with_gunicorn_conf_and_runs_the_readme_worker():
    assert containerfile.command()[:3] == ["gunicorn", "--config", "gunicorn.conf.py"]
    assert services()["worker"] in containerfile.documented_commands()
    assert containerfile.environment()["DJANGO_SETTINGS_MODULE"] == "stempd.settings.production"

"""The Containerfile's steps replayed without a container engine: its image serves the site.

Where podman or docker runs, `podman build` is the real proof; CI has neither, so this does what
the engine would, in order: the image's environment and nothing else, the COPY steps into an
empty working directory, the RUN script itself (up to creating the unprivileged user, which needs
root), the release commands its header documents, and its CMD. The container's absolute paths
become folders of a temporary directory. The smoke test's virtualenv, a fresh install of the same
wheel with the same constraints, stands in for the base image's Python: the RUN script's
`pip install` adds the `s3` extra to it, and a second fresh install would repeat the first.
"""

import os
import re
import shutil
import signal
import subprocess
from pathlib import Path

import polib
import pytest
import redis

from tests.ports import free_port

from . import containerfile
from .stack import KEPT, ROOT, Visitor

pytestmark = pytest.mark.production_smoke

REDIS_URL = "redis://127.0.0.1:6379/11"  # its own cache, nothing of the other sites'


class Image:
    """The container's file system, mapped into `root`, and the commands run inside it."""

    def __init__(self, root: Path, python: Path, wheel_folder: Path) -> None:
        self.root = root
        self.python = python  # the base image's interpreter, a virtualenv
        self.wheel_folder = wheel_folder
        self.workdir = self.path(containerfile.workdir())
        self.workdir.mkdir(parents=True)
        self.env = {key: value for key, value in os.environ.items() if key.startswith(KEPT)}
        self.env["PATH"] = f"{self.python / 'bin'}:{self.env.get('PATH', '/usr/bin:/bin')}"
        for name, value in containerfile.environment().items():
            self.env[name] = self.translate(value)

    def path(self, container_path: str) -> Path:
        return self.root / container_path.lstrip("/")

    def translate(self, text: str) -> str:
        """`text` with the container's absolute paths pointing into `root`."""
        copied_to = [to for _sources, to in containerfile.copies() if to.startswith("/")]
        for container_path in [self.var_dir_in_image, containerfile.workdir(), *copied_to]:
            folder = container_path.rstrip("/")
            text = text.replace(folder, str(self.path(folder)))
        return text

    @property
    def var_dir_in_image(self) -> str:
        return containerfile.environment()["VAR_DIR"]

    @property
    def var_dir(self) -> Path:
        return self.path(self.var_dir_in_image)

    def copy(self, sources: list[str], destination: str) -> None:
        """A COPY step; `dist/` of the build context is where the smoke test built the wheel."""
        absolute = destination.startswith("/")
        target = self.path(destination) if absolute else self.workdir / destination
        target.mkdir(parents=True, exist_ok=True)
        for source in sources:
            context, pattern = ROOT, source
            if source.startswith("dist/"):
                context, pattern = self.wheel_folder, source.removeprefix("dist/")
            matches = list(context.glob(pattern))
            assert matches, source
            for match in matches:
                shutil.copy(match, target)

    def run(self, script: str, **environ: str) -> str:
        result = subprocess.run(  # noqa: S603 - the image's own script
            ["/bin/sh", "-c", script],  # RUN's shell form
            cwd=self.workdir,
            env={**self.env, **environ},
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert result.returncode == 0, f"{script}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        return result.stdout


@pytest.fixture
def image(tmp_path, built, stack, released):
    """The image built (after the smoke site's release steps, which read the catalogues' state):
    its COPY steps and its RUN script, up to the root-only user creation."""
    image = Image(tmp_path, stack.venv, built[1].parent)
    for sources, destination in containerfile.copies():
        image.copy(sources, destination)
    script = containerfile.build_script().split(" && useradd ", 1)[0]
    assert script != containerfile.build_script()
    image.build_output = image.run(image.translate(script))
    (image.var_dir / "media").mkdir(parents=True, exist_ok=True)
    return image


def test_the_image_the_containerfile_builds_serves_the_site(image, stack, released):
    """Nothing but the copied files in the working directory after the build (no source folder,
    no database file); then the release commands the header documents, and the CMD."""
    site_packages = next(image.python.glob("lib/python3*/site-packages"))
    assert sorted(path.name for path in image.workdir.iterdir()) == [
        "constraints.txt",
        "gunicorn.conf.py",
    ]
    assert "catalogue(s) compiled." in image.build_output
    assert (site_packages / "stempd/locale/de/LC_MESSAGES/django.mo").is_file()
    assert list((image.var_dir / "static/css").glob("site.*.css"))
    assert not (site_packages / "var").exists()

    # `--env-file .env`: the site's settings, as the other production tests give them.
    settings = {key: value for key, value in stack.env.items() if not key.startswith(KEPT)}
    settings["REDIS_URL"] = REDIS_URL
    for command in containerfile.documented_commands():
        if "db_worker" not in command:
            image.run(command, **settings)
    cmd = containerfile.command()
    port = free_port()
    cmd[cmd.index("--bind") + 1] = f"127.0.0.1:{port}"  # `-p 8000:8000`, on a free port
    log = (image.root / "web.log").open("w")
    web = subprocess.Popen(  # noqa: S603 - the image's own command
        [str(image.python / "bin" / cmd[0]), *cmd[1:]],
        cwd=image.workdir,
        env={**image.env, **settings},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        site = Visitor(f"http://127.0.0.1:{port}")
        site.wait_until_up(web, "the image's gunicorn did not start")
        for path in ["/en/", "/de/", "/tr/", "/admin/login/", "/sitemap.xml"]:
            assert site.get(path)[0] == 200, path
        _status, _headers, page = site.get("/de/")
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', page).group(1)
        assert site.get(css)[0] == 200
        catalogue = polib.pofile(str(site_packages / "stempd/locale/de/LC_MESSAGES/django.po"))
        assert catalogue.find("Skip to main content").msgstr in page
    finally:
        os.killpg(web.pid, signal.SIGTERM)
        web.wait(30)
        redis.Redis.from_url(REDIS_URL).flushdb()

"""`deploy/Containerfile` read as a container engine reads it, so tests can check and replay its
steps where no container engine runs."""

import json
import re
import shlex

from .stack import ROOT

CONTAINERFILE = ROOT / "deploy" / "Containerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order: comment lines dropped, continued lines joined."""
    found, logical = [], ""
    for line in CONTAINERFILE.read_text().splitlines():
        if line.lstrip().startswith("#"):
            continue
        if line.endswith("\\"):
            logical += line[:-1]
            continue
        logical += line
        if logical.strip():
            keyword, _, arguments = logical.strip().partition(" ")
            found.append((keyword.upper(), " ".join(arguments.split())))
        logical = ""
    return found


def arguments(keyword: str) -> list[str]:
    return [args for name, args in instructions() if name == keyword]


def environment() -> dict[str, str]:
    """Every `ENV name=value` of the image."""
    pairs = [pair for args in arguments("ENV") for pair in shlex.split(args)]
    return dict(pair.split("=", 1) for pair in pairs)


def workdir() -> str:
    return arguments("WORKDIR")[-1]


def copies() -> list[tuple[list[str], str]]:
    """(sources in the build context, destination) of every COPY."""
    found = []
    for args in arguments("COPY"):
        *sources, destination = shlex.split(args)
        found.append((sources, destination))
    return found


def build_script() -> str:
    """The image's one RUN step, a `/bin/sh -c` script."""
    (script,) = arguments("RUN")
    return script


def command() -> list[str]:
    """What the container runs unless told otherwise (the web process)."""
    return json.loads(arguments("CMD")[-1])


def documented_commands() -> list[str]:
    """The `stempd …` commands the header tells operators to run in the image."""
    header = CONTAINERFILE.read_text().split("\nFROM ", 1)[0]
    return re.findall(r"stem-pd-net (stempd [^#\n]*?)\s+#", header)

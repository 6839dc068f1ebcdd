"""Mail headers that must reach mailbox providers exactly as their RFC writes them.

`List-Unsubscribe` (RFC 2369) is a list of angle-bracketed URIs. Python's e-mail policies, which
Django uses to serialise messages, fold a long unknown header as RFC 2047 encoded words, and
providers that read the raw header then offer no unsubscribe button. `UriListHeader` is a `str`
with a `name` and a `fold(policy=...)` method, which `email.policy.EmailPolicy` stores as it is
and lets fold itself: verbatim, breaking only after the comma between two URIs. Django and
anymail's ESP APIs read it as the plain string it also is.
"""

from collections.abc import Sequence
from email.policy import Policy


class UriListHeader(str):
    """A header whose value is `<uri>, <uri>`: never encoded, folded only between URIs."""

    name: str
    uris: tuple[str, ...]

    def __new__(cls, name: str, uris: Sequence[str]) -> "UriListHeader":
        bracketed = tuple(f"<{uri}>" for uri in uris)
        for uri in bracketed:
            if not uri.isascii() or any(c.isspace() or c in ",<>" for c in uri[1:-1]):
                raise ValueError(f"{name} needs ASCII URIs without spaces, commas or brackets")
        header = super().__new__(cls, ", ".join(bracketed))
        header.name = name
        header.uris = bracketed
        return header

    def __getnewargs__(self) -> tuple[str, tuple[str, ...]]:  # copy and pickle
        return self.name, tuple(uri[1:-1] for uri in self.uris)

    def fold(self, *, policy: Policy) -> str:
        """The header's lines as the policy writes them, breaking only after a comma."""
        limit = policy.max_line_length or 998
        lines = [f"{self.name}: {self.uris[0]}" if self.uris else f"{self.name}: "]
        for uri in self.uris[1:]:
            if len(lines[-1]) + len(", ") + len(uri) <= limit:
                lines[-1] += f", {uri}"
            else:
                lines[-1] += ","
                lines.append(f" {uri}")
        return policy.linesep.join(lines) + policy.linesep

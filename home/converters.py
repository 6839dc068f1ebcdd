"""URL converters shared by the apps' public routes."""

from django.urls import register_converter

MAX_ID = 2**63 - 1  # the largest primary key any of our databases stores


class ObjectIdConverter:
    """A database id in a URL; longer digit strings are no match (a 404, not an overflow)."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    """Make `<object_id:pk>` available to every URLconf (called from `HomeConfig.ready`)."""
    register_converter(ObjectIdConverter, "object_id")

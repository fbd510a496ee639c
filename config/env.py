"""Read settings from the environment, failing loudly on values we cannot use.

A variable that is unset or blank takes its default; without a default it is required.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _read(name: str) -> str:
    return os.environ.get(name, "").strip()


def _missing(name: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Set the environment variable {name}.")


def env_str(name: str, default: str | None = None) -> str:
    value = _read(name)
    if value:
        return value
    if default is None:
        raise _missing(name)
    return default


def env_bool(name: str, default: bool) -> bool:
    value = _read(name).lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, not {value!r}.")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list: `DJANGO_ALLOWED_HOSTS=example.org,www.example.org`."""
    items = [item.strip() for item in _read(name).split(",") if item.strip()]
    if items:
        return items
    if default is None:
        raise _missing(name)
    return list(default)


def env_int(name: str, default: int) -> int:
    """A positive whole number: `MINUTES_UPLOAD_MAX_MB=20`."""
    value = _read(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise ImproperlyConfigured(f"{name} must be a positive whole number, not {value!r}.")
    return number

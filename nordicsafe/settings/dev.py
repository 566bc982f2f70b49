"""The embedded default for a developer machine (``make run``)."""

import os
import secrets

from nordicsafe.settings import base, inherit

inherit(globals(), base)


def secret_key_from_var_dir() -> str:
    """This machine's own key, drawn on the first start into ``var/secret_key`` (never in the
    repository: a published key would let anyone forge the portal's signed links)."""
    path = base.VAR_DIR / "secret_key"
    if not path.exists():
        # Written whole under another name, then linked into place: of processes starting at
        # once (web, worker, beat), one key wins and nobody reads half a file.
        draft = path.with_name(f"secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


DEBUG = True
SECRET_KEY = base.SECRET_KEY or secret_key_from_var_dir()
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

"""The session cookie's signing, made cheap for cookies seen before.

Flask's session cookie is signed JSON (itsdangerous).  Checking a signature costs a
key derivation, an HMAC and three base64 decodings — about a sixth of a question page's
CPU time — and a respondent sends the same cookie with every request until the session
changes.  So:

- :class:`KeyKeepingSigner` derives each key once, not on every cookie;
- :class:`RememberingSerializer` remembers each cookie it has verified (exactly those
  bytes, for this serializer's keys) with its payload and the time it was signed.  The
  same cookie again is not verified again: its payload is decoded afresh from the
  remembered JSON (so no request sees another's objects) and its age is checked against
  ``max_age`` as itsdangerous checks it.  Any other cookie is verified as before.

No Flask here.
"""

from __future__ import annotations

import time
from typing import Any

from itsdangerous import SignatureExpired, TimestampSigner, URLSafeTimedSerializer
from itsdangerous.encoding import want_bytes

#: Verified cookies kept per serializer (each a few hundred bytes).
MAX_REMEMBERED = 4096


class KeyKeepingSigner(TimestampSigner):
    """itsdangerous' signer, deriving each key once instead of on every cookie."""

    _derived: dict[tuple[Any, ...], bytes] = {}

    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        """The derived key (an HMAC of the secret and the salt), computed once."""
        secret = self.secret_keys[-1] if secret_key is None else secret_key
        key = (secret, self.salt, self.key_derivation, self.digest_method)
        derived = self._derived.get(key)
        if derived is None:
            if len(self._derived) > 64:
                self._derived.clear()
            derived = self._derived[key] = super().derive_key(secret_key)
        return derived


class RememberingSerializer(URLSafeTimedSerializer):
    """A timed serializer that verifies each distinct signed value once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: signed value -> (its payload as the serializer's JSON, when it was signed)
        self._verified: dict[bytes, tuple[str, int]] = {}

    def loads(  # type: ignore[override]
        self,
        s: str | bytes,
        max_age: int | None = None,
        return_timestamp: bool = False,
        salt: str | bytes | None = None,
    ) -> Any:
        """As :meth:`URLSafeTimedSerializer.loads`; a value verified before is not
        verified again (its age still is)."""
        if return_timestamp or salt is not None:
            return super().loads(s, max_age=max_age, return_timestamp=return_timestamp, salt=salt)
        signed = want_bytes(s)
        remembered = self._verified.get(signed)
        if remembered is None:
            payload, when = super().loads(signed, max_age=max_age, return_timestamp=True)
            remembered = (self.serializer.dumps(payload), int(when.timestamp()))
            if len(self._verified) >= MAX_REMEMBERED:
                self._verified.clear()
            self._verified[signed] = remembered
            return payload
        text, signed_at = remembered
        if max_age is not None:
            age = int(time.time()) - signed_at
            if age > max_age or age < 0:
                raise SignatureExpired(f"Signature age {age} outside 0..{max_age} seconds")
        return self.serializer.loads(text)

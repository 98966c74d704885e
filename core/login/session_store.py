"""Django's database sessions (SESSION_ENGINE) that also know when a session was last saved:
its stored expiry minus the session age. core.login.sessions measures inactivity with it, so
no request has to write anything just to count."""

import datetime

from django.contrib.sessions.backends import db


class SessionStore(db.SessionStore):
    stored_expiry: datetime.datetime | None = None

    def load(self):
        stored = self._get_session_from_db()
        self.stored_expiry = stored.expire_date if stored else None
        return self.decode(stored.session_data) if stored else {}

    async def aload(self):
        stored = await self._aget_session_from_db()
        self.stored_expiry = stored.expire_date if stored else None
        return self.decode(stored.session_data) if stored else {}

    def last_saved(self) -> datetime.datetime | None:
        """When the session was last written (None for a session that is not stored)."""
        self._get_session()
        if self.stored_expiry is None:
            return None
        return self.stored_expiry - datetime.timedelta(seconds=self.get_session_cookie_age())

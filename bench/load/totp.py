"""The authenticator app of the simulated staff: the code of the current 30-second step.

django-otp takes each step's code once per device (a code used before is refused), so two
sessions of one person cannot log in with the same code: the second waits for the next step,
as a person with the app in their hand would. One lock per person keeps the codes in order.
"""

import time

import gevent
from django_otp.oath import hotp
from gevent.lock import Semaphore

# Not within this many seconds of a step's end: the server must see the same step.
EDGE_SECONDS = 1.5


class AuthenticatorApp:
    def __init__(self, *, key: str, step: int = 30, t0: int = 0, digits: int = 6):
        self.key = bytes.fromhex(key)
        self.step, self.t0, self.digits = step, t0, digits
        self.lock = Semaphore()
        self.last_used = -1

    def fresh_code(self) -> tuple[int, str]:
        """(step, code) of a step not used yet; sleeps (gevent) until there is one."""
        while True:
            elapsed = time.time() - self.t0
            now, into = int(elapsed // self.step), elapsed % self.step
            if now > self.last_used and into < self.step - EDGE_SECONDS:
                return now, f"{hotp(self.key, now, self.digits):0{self.digits}d}"
            gevent.sleep(self.step - into + 0.1)

    def used(self, step: int) -> None:
        self.last_used = max(self.last_used, step)

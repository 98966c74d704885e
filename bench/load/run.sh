#!/usr/bin/env bash
# `make load`: the load test of bench/README.md ("Load test"). Everything runs on this machine:
# a fresh PostgreSQL database with the demo data, gunicorn on 127.0.0.1, locust headless.
#
#   LOAD_USERS (50)  LOAD_SPAWN_RATE (5 per second)  LOAD_TIME (5m)  LOAD_WORKERS (4)
#   LOAD_PORT (8765)  LOAD_THINK_MIN/LOAD_THINK_MAX (1/3 seconds between two pages)
#   LOAD_DATABASE_URL (postgres://postgres@127.0.0.1:5432/foerdertal_load; dropped each run)
#
# Writes bench/out/load_*.csv and load-locust.log (locust), load-result.md (the summary, also
# printed) and load-gunicorn.log; exits non-zero when a request failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=${BIN:-.venv/bin}
OUT=bench/out
LOAD_USERS=${LOAD_USERS:-50}
LOAD_SPAWN_RATE=${LOAD_SPAWN_RATE:-5}
LOAD_TIME=${LOAD_TIME:-5m}
LOAD_WORKERS=${LOAD_WORKERS:-4}
LOAD_PORT=${LOAD_PORT:-8765}
export LOAD_THINK_MIN=${LOAD_THINK_MIN:-1}
export LOAD_THINK_MAX=${LOAD_THINK_MAX:-3}
HOST="http://127.0.0.1:${LOAD_PORT}"

export DJANGO_SETTINGS_MODULE=bench.load.settings
export DATABASE_URL=${LOAD_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/foerdertal_load}
export ALLOWED_HOSTS=127.0.0.1
SECRET_KEY=$("$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))')
export SECRET_KEY
# Mails are background tasks (django-tasks-db) and no worker runs; none may leave anyway.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export LOAD_ACCOUNTS="$OUT/load-accounts.json"

mkdir -p "$OUT"
rm -rf "$OUT"/load_*.csv "$OUT"/load-*.log "$OUT/load-result.md" "$OUT/load-failures"

if "$BIN/python" -c "import urllib.request as u; u.urlopen('$HOST/', timeout=2)" 2>/dev/null; then
  echo "Something answers on $HOST already; stop it or choose another LOAD_PORT." >&2
  exit 1
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && [ -d /etc/postgresql ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
fi

echo "== database, demo data, second factors, static files"
"$BIN/python" bench/load/prepare.py database
"$BIN/python" manage.py migrate --no-input -v 0
"$BIN/python" manage.py seed_demo --force
"$BIN/python" bench/load/prepare.py accounts "$LOAD_ACCOUNTS"
"$BIN/python" bench/load/prepare.py static

echo "== gunicorn on $HOST ($LOAD_WORKERS workers)"
"$BIN/gunicorn" config.wsgi --bind "127.0.0.1:${LOAD_PORT}" --workers "$LOAD_WORKERS" \
  --no-control-socket --capture-output --error-logfile "$OUT/load-gunicorn.log" &
GUNICORN_PID=$!
WATCH_PID=
stop_gunicorn() {
  if [ -n "$WATCH_PID" ] && kill -0 "$WATCH_PID" 2>/dev/null; then
    kill -TERM "$WATCH_PID"
    wait "$WATCH_PID" 2>/dev/null || true
  fi
  if kill -0 "$GUNICORN_PID" 2>/dev/null; then
    kill -TERM "$GUNICORN_PID"
    wait "$GUNICORN_PID" 2>/dev/null || true
  fi
}
trap stop_gunicorn EXIT
trap "exit 130" INT TERM

for _ in $(seq 60); do
  "$BIN/python" -c "import urllib.request as u; u.urlopen('$HOST/konto/anmelden/', timeout=2)" \
    2>/dev/null && break
  kill -0 "$GUNICORN_PID" 2>/dev/null || { echo "gunicorn did not start:" >&2; cat "$OUT/load-gunicorn.log" >&2; exit 1; }
  sleep 0.5
done

echo "== locust: $LOAD_USERS users, $LOAD_SPAWN_RATE/s, $LOAD_TIME"
LOADAVG_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)
# CPU time of the machine, of gunicorn, of the database's backends and of locust (cpu.py)
CPU_BEFORE=$("$BIN/python" bench/load/cpu.py machine)
"$BIN/python" bench/load/cpu.py postgres "$OUT/load-postgres.cpu" &
WATCH_PID=$!
TIMEFORMAT='%U %S'
set +e
{ time "$BIN/locust" -f bench/load/locustfile.py --headless --only-summary \
  --users "$LOAD_USERS" --spawn-rate "$LOAD_SPAWN_RATE" --run-time "$LOAD_TIME" \
  --host "$HOST" --csv "$OUT/load" --stop-timeout 10 >"$OUT/load-locust.log" 2>&1; } \
  2>"$OUT/load-locust.cpu"
LOCUST_STATUS=$?
set -e
CPU_AFTER=$("$BIN/python" bench/load/cpu.py machine)
SERVER_CPU=$("$BIN/python" bench/load/cpu.py tree "$GUNICORN_PID")
stop_gunicorn

grep -E "ERROR|Traceback|Exception" "$OUT/load-locust.log" | head -20 || true
"$BIN/python" bench/load/summary.py "$OUT/load_stats.csv" --failures "$OUT/load_failures.csv" \
  --started "$STARTED" --loadavg-before "$LOADAVG_BEFORE" --users "$LOAD_USERS" \
  --spawn-rate "$LOAD_SPAWN_RATE" --run-time "$LOAD_TIME" --workers "$LOAD_WORKERS" \
  --think "${LOAD_THINK_MIN}-${LOAD_THINK_MAX}" --locust-status "$LOCUST_STATUS" \
  --cpu-before "$CPU_BEFORE" --cpu-after "$CPU_AFTER" --server-cpu "$SERVER_CPU" \
  --database-cpu "$(cat "$OUT/load-postgres.cpu" 2>/dev/null || echo 0)" \
  --locust-cpu "$(cat "$OUT/load-locust.cpu")" \
  --output "$OUT/load-result.md"

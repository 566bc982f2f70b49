#!/usr/bin/env bash
# The whole portal on this machine: web server, Celery worker and beat. Ctrl-C stops all three.
#   scripts/run.sh         (make run) as its visitors see it: nordicsafe.settings.run, debugging
#                          off, the collected static files, gunicorn
#   scripts/run.sh --dev   (make dev) for development: nordicsafe.settings.dev, Django's debug
#                          pages, static files from the source folders, runserver reloading on
#                          every change
# Both migrate and seed the demo data (idempotent) first.
set -euo pipefail
set -m  # each background job gets its own process group, so stopping one stops its children
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var/log

if [[ ${1:-} == --dev ]]; then
  export DJANGO_SETTINGS_MODULE=nordicsafe.settings.dev
  web=("$PY" manage.py runserver 127.0.0.1:8000)
  collect=false  # static files come from the source folders
  mode="for development (debug pages, reload on change; 'make run' shows it as visitors see it)"
else
  export DJANGO_SETTINGS_MODULE=nordicsafe.settings.run
  # Production's server. One process: the local-memory cache of the embedded default is then
  # one for the whole web server, as Redis is for several.
  web=(.venv/bin/gunicorn nordicsafe.wsgi:application --bind 127.0.0.1:8000 --workers 1
    --threads 4 --graceful-timeout 5 --no-control-socket --access-logfile -)
  collect=true
  mode="as its visitors see it ('make dev' for debug pages and reload on change)"
fi

$PY manage.py migrate --no-input
$PY manage.py seed_demo
if $collect; then
  $PY manage.py collectstatic --no-input --verbosity 0
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the worker, beat and web server..."
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  # A Celery worker whose pool processes got the signal too can hang in its warm shutdown: what
  # still runs after 15 seconds is killed (its unfinished tasks are delivered again: acks_late).
  for _ in {1..15}; do
    running=false
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && running=true; done
    $running || break
    sleep 1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A nordicsafe worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A nordicsafe beat --loglevel=INFO >var/log/beat.log 2>&1 &
pids+=($!)

cat <<TEXT

  Nordic Safe Cities is running at http://127.0.0.1:8000/
  $mode
  (English: http://127.0.0.1:8000/en/  Svenska: http://127.0.0.1:8000/sv/  admin: /admin/)

  Demo logins (password for all: nordic-safe-demo)
    secretariat@nordicsafecities.org   secretariat (enrols two-factor authentication on first visit to /admin/)
    coordinator.oslo@nordicsafecities.org   coordinator of Oslo (likewise .stockholm, .kobenhavn, .helsinki, ...)
    citizen@example.org                member of the public

  Emails land in var/mail/, written by the Celery worker (log: var/log/worker.log).
  Ctrl-C stops the web server, the worker and beat.

TEXT
"${web[@]}" &
pids+=($!)
wait -n "${pids[@]}"

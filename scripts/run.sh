#!/usr/bin/env bash
# The whole portal on this machine: web server, Celery worker and beat. Ctrl-C stops all three.
set -euo pipefail
set -m  # each background job gets its own process group, so stopping one stops its children
cd "$(dirname "$0")/.."
PY=.venv/bin/python
mkdir -p var/log

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the worker, beat and web server..."
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/celery -A nordicsafe worker --loglevel=INFO --concurrency=2 >var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A nordicsafe beat --loglevel=INFO >var/log/beat.log 2>&1 &
pids+=($!)

cat <<TEXT

  Nordic Safe Cities is running at http://127.0.0.1:8000/
  (English: http://127.0.0.1:8000/en/  Svenska: http://127.0.0.1:8000/sv/  admin: /admin/)

  Demo logins (password for all: nordic-safe-demo)
    secretariat@nordicsafecities.org   secretariat (enrols two-factor authentication on first visit to /admin/)
    coordinator.oslo@nordicsafecities.org   coordinator of Oslo (likewise .stockholm, .kobenhavn, .helsinki, ...)
    citizen@example.org                member of the public

  Emails land in var/mail/, written by the Celery worker (log: var/log/worker.log).
  Ctrl-C stops the web server, the worker and beat.

TEXT
$PY manage.py runserver 127.0.0.1:8000 &
pids+=($!)
wait -n "${pids[@]}"

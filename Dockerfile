FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=nordicsafe.settings.production \
    VAR_DIR=/app/var

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext libpq5 \
    && rm -rf /var/lib/apt/lists/* \
    && pip install --no-cache-dir "uv==0.13.9" \
    && useradd --create-home --uid 1000 portal

WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN SECRET_KEY=build ALLOWED_HOSTS=build SMTP_HOST=build python manage.py collectstatic --no-input \
    && mkdir -p /app/var/media && chown -R portal /app/var

USER portal
EXPOSE 8000
# gunicorn serves the portal and, through WhiteNoise, its static files; uploaded media is served
# by the front in docker-compose.yml (deploy/Caddyfile) from the volume mounted at var/media.
CMD ["gunicorn", "nordicsafe.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]

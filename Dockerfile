# The registry's web service: gunicorn behind your proxy, static files served by whitenoise.
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY requirements/base.txt ./requirements/base.txt
# Install the dependencies only, exactly as locked (versions and hashes); the application
# runs from its source folder below, where templates/ and locale/ sit beside the packages
# as settings expect.
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --require-hashes -r requirements/base.txt

FROM python:3.11-slim
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.base \
    STATIC_ROOT=/app/staticfiles
RUN useradd --system --uid 1000 --home-dir /app --shell /usr/sbin/nologin registry
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY manage.py ./
COPY config ./config
COPY core ./core
COPY registry ./registry
COPY bouwstenen ./bouwstenen
COPY templates ./templates
COPY locale ./locale
COPY docker/entrypoint.sh /usr/local/bin/entrypoint.sh
# collectstatic needs a key to import the settings; this one is thrown away with the layer.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --no-input -v0 \
    && chown -R registry:registry /app
USER registry
EXPOSE 8000
ENTRYPOINT ["/usr/local/bin/entrypoint.sh"]
# --limit-request-line: gunicorn's own maximum. Its default (4,094) answered a list
# request with many filters and sort keys with an HTML 414 before the API could judge it.
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--limit-request-line", "8190", "--access-logfile", "-"]

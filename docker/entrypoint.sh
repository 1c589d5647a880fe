#!/bin/sh
# Bring the schema and the reference data up to date, then start the web server.
set -e
python manage.py migrate --no-input
python manage.py load_reference_data
# The database cache's table (CACHE_URL=database); does nothing for the other caches.
python manage.py createcachetable
exec "$@"

#!/usr/bin/env bash
# The API contract: lint the committed OpenAPI document with the NL API Design Rules
# (Spectral), then fuzz the running API with Schemathesis, anonymously and with a token.
# Fails on any Spectral error and on any Schemathesis failure.
#
#   bash .ci/api-contract.sh              # from the repository root, or anywhere
#   SCHEMATHESIS_MAX_EXAMPLES=200 bash .ci/api-contract.sh   # fuzz harder
set -euo pipefail
cd "$(dirname "$0")/.."

REPO="$PWD"
SHARED="${SHARED_DIR:-$(dirname "$REPO")/shared}"
RULESET="$SHARED/checks/adr-ruleset.yaml"
PYTHON="$REPO/.venv/bin/python"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-25}"
# A hard stop per run, so a hanging server can never stall CI.
RUN_TIMEOUT="${SCHEMATHESIS_TIMEOUT:-420}"

echo "== OpenAPI: Spectral with the ADR ruleset ($RULESET)"
if [ ! -f "$RULESET" ]; then
    echo "Ruleset niet gevonden: $RULESET (de map shared/ hoort naast de clone)" >&2
    exit 1
fi
# Pinned in .ci/package-lock.json; node_modules stays out of git.
npm ci --prefix .ci --no-audit --no-fund --loglevel=error
.ci/node_modules/.bin/spectral lint -r "$RULESET" openapi.yaml --fail-severity error

echo "== API: a fresh registry (SQLite unless API_CONTRACT_DATABASE_URL says otherwise) on 127.0.0.1"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

PORT="${API_CONTRACT_PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
export DJANGO_SETTINGS_MODULE=config.settings.base
export DATABASE_URL="${API_CONTRACT_DATABASE_URL:-sqlite:///$WORK/db.sqlite3}"
export STATIC_ROOT="$WORK/static"
export SECRET_KEY="contract-$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(40))')"
export DEBUG=false
# Plain http on the loopback: no redirect to https, no secure-only cookies.
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
# The fuzzer sends thousands of requests; 429 is tested in the suite, not here.
export API_THROTTLE_ANON=100000/minute API_THROTTLE_USER=100000/minute
# Nor the brake on failed authentication, which the fuzzer may trip on purpose.
export API_THROTTLE_AUTH_FAILURES=100000/minute
export LOG_LEVEL=WARNING
# Hypothesis keeps caches in ./.hypothesis by default; keep the working tree clean.
export HYPOTHESIS_STORAGE_DIRECTORY="$WORK/hypothesis"

"$PYTHON" manage.py migrate --no-input -v0
"$PYTHON" manage.py load_reference_data >/dev/null
"$PYTHON" manage.py load_demo >/dev/null
"$PYTHON" manage.py collectstatic --no-input -v0
REGISTRY_PASSWORD="$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))')" \
    "$PYTHON" manage.py add_member contract-publicist GM0363 --role publicist >/dev/null
TOKEN="$("$PYTHON" manage.py create_api_token contract-publicist 2>/dev/null)"

# Real identifiers of the demo catalogue, so the fuzzer also reaches existing records (half
# of the time; the other half stays random): the blocks the token may write (Amsterdam's),
# the blocks Amsterdam reuses (its reuse records), a few of others (to relate to and to
# record reuse of), and organisation codes. Without them nearly every call on
# /bouwstenen/{uuid}/... would be a 404, and the writes would never succeed.
"$PYTHON" - "$WORK" <<'PY'
import sys
from pathlib import Path

import django

django.setup()
from bouwstenen.models import Bouwsteen  # noqa: E402

work = Path(sys.argv[1])
own = Bouwsteen.objects.filter(organisatie__code="GM0363")
reused = Bouwsteen.objects.filter(hergebruik__organisatie__code="GM0363")
others = (
    Bouwsteen.objects.published()
    .exclude(organisatie__code="GM0363")
    .exclude(pk__in=reused.values("pk"))
    .order_by("naam")[:3]
)
uuids = {str(u) for qs in (own, reused, others) for u in qs.values_list("uuid", flat=True)}
(work / "bouwstenen.dict").write_text("".join(f'"{u}"\n' for u in sorted(uuids)))
(work / "organisaties.dict").write_text('"GM0363"\n"GM0344"\n')
PY
# The run's configuration: the committed one plus the dictionaries (paths relative to it).
cp .ci/schemathesis.toml "$WORK/schemathesis.toml"
cat >>"$WORK/schemathesis.toml" <<'TOML'

[dictionaries.bouwstenen]
from-file = "bouwstenen.dict"

[dictionaries.organisaties]
from-file = "organisaties.dict"

[parameters]
"path.uuid" = { dictionary = "bouwstenen", probability = 0.5 }
"path.naar" = { dictionary = "bouwstenen", probability = 0.5 }
"body.naar" = { dictionary = "bouwstenen", probability = 0.5 }
"path.organisatie" = { dictionary = "organisaties", probability = 0.5 }
"body.organisatie" = { dictionary = "organisaties", probability = 0.5 }
TOML

# As in production (Dockerfile): request lines up to gunicorn's maximum reach the API,
# which answers a bad parameter with its own 400; the default limit (4,094) answered a
# generated list request with many filters with gunicorn's HTML 414.
"$REPO/.venv/bin/gunicorn" config.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
    --limit-request-line 8190 --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
SCHEMA_URL="http://127.0.0.1:$PORT/api/v1/openapi.json"
up() { "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$SCHEMA_URL" 2>/dev/null; }
for _ in $(seq 1 50); do
    up && break
    sleep 0.2
done
up || {
    echo "De server kwam niet op:" >&2
    cat "$WORK/server.log" >&2
    exit 1
}

# One worker: with several, Schemathesis 4.32 on Python 3.11 sometimes fails inside its own
# coverage phase ("AST constructor recursion depth mismatch"), which is no API failure.
fuzz() {
    local label="$1"
    shift
    echo "== Schemathesis ($label, at most $MAX_EXAMPLES examples per operation)"
    timeout "$RUN_TIMEOUT" "$REPO/.venv/bin/schemathesis" \
        --config-file "$WORK/schemathesis.toml" \
        run "$SCHEMA_URL" \
        --checks all \
        --max-examples "$MAX_EXAMPLES" \
        --seed "${SCHEMATHESIS_SEED:-20261127}" \
        --workers 1 \
        --no-color \
        "$@"
}

status=0
fuzz "anoniem" || status=$?
fuzz "met token" -H "Authorization: Token $TOKEN" || status=$?
if [ "$status" -ne 0 ]; then
    echo "--- server log" >&2
    tail -n 50 "$WORK/server.log" >&2
fi
exit "$status"

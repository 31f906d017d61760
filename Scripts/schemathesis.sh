#!/bin/sh
# Runs Schemathesis (PyPI) against /openapi.json of a real `ctriage serve --demo` on a throwaway state
# directory: every documented operation is called with generated valid and invalid input; the run fails on
# any 5xx, an undocumented status code or content type, or a response that does not match its schema.
set -eu
BIN=${BIN:-.build/debug/ctriage}
PORT=${PORT:-18099}
EXAMPLES=${EXAMPLES:-50}
command -v st >/dev/null 2>&1 || python3 -m pip install -q schemathesis
STATE=$(mktemp -d /tmp/ctriage-schemathesis-XXXXXX)
chmod 755 "$STATE"  # the embedded cluster runs as the postgres user
"$BIN" serve --demo --state-dir "$STATE" --port "$PORT" --log-level warning >"$STATE/serve.log" 2>&1 &
PID=$!
trap 'kill -INT $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$STATE"' EXIT INT TERM
# Seeding the demo studies takes a while in a debug build.
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/health" >/dev/null || { echo "the server did not come up:"; tail -20 "$STATE/serve.log"; exit 1; }
# An administrator API token, made through the API itself by the demo administrator's session.
curl -sf -c "$STATE/cookies" -H 'Content-Type: application/json' \
    -d '{"name":"admin","password":"admin-demo-2020"}' "http://127.0.0.1:$PORT/api/v1/session" >"$STATE/login.json"
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$STATE/login.json")
curl -sf -b "$STATE/cookies" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
    -d '{"name":"schemathesis","role":"admin"}' "http://127.0.0.1:$PORT/api/v1/users" >"$STATE/user.json"
TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["api_token"])' "$STATE/user.json")
# STOW-RS takes multipart/related DICOM, which Schemathesis cannot generate ("Serialization not possible"); it is
# covered by DICOMWebTests, the FuzzRequests target and make dicomweb-check instead.
st run "http://127.0.0.1:$PORT/openapi.json" -H "Authorization: Bearer $TOKEN" --max-examples "$EXAMPLES" \
    --exclude-name-regex '^POST /dicomweb/' \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance

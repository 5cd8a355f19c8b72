#!/usr/bin/env bash
# Renders the deploy/ templates with the values of an env file (see deploy/strongroom.env):
#   deploy/render.sh VALUES.env OUTDIR
# Only ${SR_...} names are replaced, so nginx's own $variables stay as they are.
set -euo pipefail
values="$1" out="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v envsubst >/dev/null || { echo "envsubst is missing (apt-get install gettext-base)" >&2; exit 2; }
set -a
# shellcheck disable=SC1090
source "$values"
set +a
names="$(grep -oE '^SR_[A-Z0-9_]+' "$values" | sed 's/^/$/' | tr '\n' ' ')"
mkdir -p "$out"
for template in haproxy.cfg nginx-strongroom.conf nginx-strongroom-proxy.conf strongroom.yml; do
  envsubst "$names" < "$here/$template" > "$out/$template"
  if grep -qE '\$\{SR_[A-Z0-9_]+\}' "$out/$template"; then
    echo "$values: no value for $(grep -oE '\$\{SR_[A-Z0-9_]+\}' "$out/$template" | head -n 1) in $template" >&2
    exit 2
  fi
done

#!/usr/bin/env bash
# Starts the centre's SIP edge (Kamailio with cad112.cfg) in the foreground, logging to stderr.
# The settings a centre changes come from the environment (see docs/telephony.md):
#   SIP_LISTEN       address:port for SIP over UDP and TCP       (default 0.0.0.0:5060)
#   CONTROL_LISTEN   address:port of the CAD's control API (TCP) (default 127.0.0.1:5081)
#   CAD_EVENTS_URL   the CAD's event endpoint                    (default http://127.0.0.1:3000/api/telephony/events)
#   CAD_ROUTE_URL    the CAD's routing question                  (default: CAD_EVENTS_URL with /route for /events)
#   CAD_TOKEN        = the CAD's TELEPHONY_TOKEN                 (required)
#   HOME_CENTRE      the centre code of calls and positions that name none (default lj)
#   CAD_ADDRESS      the CAD node's address, the only one the control API answers (default 127.0.0.1)
#   CENTRE_DOMAIN    the SIP domain positions register in       (default reco.local)
#   POSITIONS_NET    CIDR the positions' phones register from   (default 127.0.0.0/8)
#   OVERFLOW_URI     where calls go when no position is registered (default: none, 480)
#   RING_MS          how long positions ring before the call is offered again (default 30000)
#   RUN_DIR          Kamailio's runtime directory                (default /run/cad112-kamailio)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
: "${CAD_TOKEN:?set CAD_TOKEN to the TELEPHONY_TOKEN of the CAD}"
run_dir=${RUN_DIR:-/run/cad112-kamailio}
mkdir -p "$run_dir"
args=(-DD -E -M 32 -m 256 -f "$here/cad112.cfg" -Y "$run_dir" -w "$run_dir"
  -l "udp:${SIP_LISTEN:-0.0.0.0:5060}" -l "tcp:${SIP_LISTEN:-0.0.0.0:5060}" -l "tcp:${CONTROL_LISTEN:-127.0.0.1:5081}"
  -A "CAD_TOKEN=\"$CAD_TOKEN\"")
[ -n "${CAD_EVENTS_URL:-}" ] && args+=(-A "CAD_EVENTS_URL=\"$CAD_EVENTS_URL\"")
route_url=${CAD_ROUTE_URL:-${CAD_EVENTS_URL:+${CAD_EVENTS_URL%/events}/route}}
[ -n "$route_url" ] && args+=(-A "CAD_ROUTE_URL=\"$route_url\"")
[ -n "${HOME_CENTRE:-}" ] && args+=(-A "HOME_CENTRE=\"$(echo "$HOME_CENTRE" | tr '[:upper:]' '[:lower:]')\"")
[ -n "${CAD_ADDRESS:-}" ] && args+=(-A "CAD_ADDRESS=\"$CAD_ADDRESS\"")
[ -n "${CENTRE_DOMAIN:-}" ] && args+=(-A "CENTRE_DOMAIN=\"$CENTRE_DOMAIN\"")
[ -n "${POSITIONS_NET:-}" ] && args+=(-A "POSITIONS_NET=\"$POSITIONS_NET\"")
[ -n "${OVERFLOW_URI:-}" ] && args+=(-A "OVERFLOW_URI=\"$OVERFLOW_URI\"")
[ -n "${RING_MS:-}" ] && args+=(-A "RING_MS=$RING_MS")
exec kamailio "${args[@]}"

#!/usr/bin/env bash
# The .deb as a server installs it, for real (root, dpkg): .ci/run runs this after mvn -B verify.
# dpkg -i; o365watch --version; an offline sync as the system user in a site of its own; systemd-analyze
# verify on the installed units; man pages and completion in place; dpkg -r leaves nothing behind but
# the site's data. Prints "N passed, 0 failed" or stops at the first failure (exit 1).
set -euo pipefail
cd "$(dirname "$0")/.."

deb="$(ls target/o365watch_*_all.deb 2>/dev/null | head -n 1)"
if [ -z "$deb" ]; then
  echo "deb-test: no target/o365watch_*_all.deb (mvn -B package builds it)" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "deb-test: must run as root (dpkg -i)" >&2
  exit 1
fi

passed=0
ok() { passed=$((passed + 1)); echo "deb-test: ok: $*"; }
fail() { echo "deb-test: FAILED: $*" >&2; echo "$passed passed, 1 failed"; exit 1; }

site=/srv/o365watch-debtest
before="$(mktemp)"
after="$(mktemp)"
trap 'rm -f "$before" "$after"' EXIT
# every file outside the usual churn, before the package: what dpkg -r must come back to (but the site)
snapshot() { find /usr /etc /var/lib /var/cache /srv -xdev \( -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache/apt \
  -o -path /var/cache/debconf -o -path /var/cache/man -o -path /var/lib/systemd \) -prune -o -print 2>/dev/null | sort; }
snapshot >"$before"
had_user=no
getent passwd o365watch >/dev/null && had_user=yes

dpkg -i "$deb" >/dev/null || fail "dpkg -i $deb"
ok "dpkg -i $(basename "$deb")"

out="$(o365watch --version)" || fail "o365watch --version"
case "$out" in
  "o365watch "*) ok "o365watch --version: $(echo "$out" | tr '\n' ';')" ;;
  *) fail "o365watch --version printed: $out" ;;
esac

getent passwd o365watch >/dev/null || fail "no system user o365watch"
ok "system user o365watch ($(getent passwd o365watch | cut -d: -f6))"

for page in o365watch o365watch-sync o365watch-check; do
  [ -f "/usr/share/man/man1/$page.1" ] || fail "no man page $page(1)"
done
ok "man pages in /usr/share/man/man1 ($(ls /usr/share/man/man1/o365watch*.1 | wc -l))"
[ -f /usr/share/bash-completion/completions/o365watch ] || fail "no bash completion"
bash -c 'source /usr/share/bash-completion/completions/o365watch && complete -p o365watch' >/dev/null || fail "completion does not load"
ok "bash completion loads"

# a site of its own, with the shipped versions as its store; the offline sync as the system user
mkdir -p "$site"
cp -r /usr/share/o365watch/snapshots "$site/"
chown -R o365watch:o365watch "$site"
sync_out="$(cd "$site" && runuser -u o365watch -- env HOME=/var/lib/o365watch o365watch sync --offline 2>&1)" \
  || fail "offline sync as o365watch: $sync_out"
case "$sync_out" in
  *"Worldwide: applied 2019112700 (first sync)"*) ;;
  *) fail "offline sync printed: $sync_out" ;;
esac
[ -d "$site/generated/worldwide/nftables" ] || fail "the sync wrote no nftables output"
[ "$(stat -c %U "$site/o365watch.lock")" = o365watch ] || fail "o365watch.lock is not the system user's"
ok "offline sync as o365watch in $site"

units=(/usr/lib/systemd/system/o365watch-*.service /usr/lib/systemd/system/o365watch-*.timer)
[ -e "${units[0]}" ] || fail "no units installed"
verify="$(systemd-analyze verify --man=no "${units[@]}" 2>&1)" || fail "systemd-analyze verify: $verify"
if echo "$verify" | grep -q o365watch; then
  fail "systemd-analyze verify: $verify"
fi
ok "systemd-analyze verify ${units[*]##*/}"

dpkg -r o365watch >/dev/null || fail "dpkg -r o365watch"
ok "dpkg -r o365watch"
command -v o365watch >/dev/null && fail "o365watch is still on the PATH"
snapshot >"$after"
# what is new since before the install: only the site's data (the test's site, the user's home)
left="$(comm -13 "$before" "$after" | grep -v -e "^$site" -e '^/var/lib/o365watch' || true)"
[ -z "$left" ] || fail "dpkg -r left behind: $left"
ok "dpkg -r left nothing but the site data ($site, /var/lib/o365watch)"

# the machine as it was: dpkg's record of the package, the test's site, and the user and its home when the test made them
dpkg -P o365watch >/dev/null
rm -rf "$site"
if [ "$had_user" = no ]; then
  rm -rf /var/lib/o365watch
  userdel o365watch 2>/dev/null || true
fi
echo "$passed passed, 0 failed"

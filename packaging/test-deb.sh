#!/usr/bin/env bash
# Builds envroi's Debian package and tests it as installed: the package is
# unpacked into a throw-away root (`dpkg -x`, no system change), then the
# installed binary runs `--version`, `check` and `report` on the installed
# example scenarios, the desktop entry is validated, the MIME type file is
# compiled by `update-mime-database`, and the man pages, completions,
# icons and licences are checked to be there. Prints the package's and the
# stripped binary's sizes. Needs cargo-deb, desktop-file-utils and
# shared-mime-info (installed when missing and allowed).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v desktop-file-validate >/dev/null || need+=(desktop-file-utils)
command -v update-mime-database >/dev/null || need+=(shared-mime-info)
if [ "${#need[@]}" -gt 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
# CI lints the project's own builds through clippy's driver; the packager
# and the release build it runs are built as they are.
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS
if ! cargo deb --version >/dev/null 2>&1; then
    cargo install cargo-deb --locked --version 3.8.0
fi

echo "== building the package"
cargo deb --strip -- --locked
version="$(cargo metadata --no-deps --format-version 1 --locked \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["packages"][0]["version"])')"
deb="$(ls -t "${CARGO_TARGET_DIR:-target}"/debian/envroi_"${version}"-*.deb | head -n 1)"
echo "package: $deb"

root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
bin="$root/usr/bin/envroi"
doc="$root/usr/share/doc/envroi"
fail() { echo "package test failed: $*" >&2; exit 1; }

echo "== the installed binary"
[ "$("$bin" --version)" = "envroi $version" ] || fail "--version says $("$bin" --version)"
"$bin" check "$doc"/examples/*.ron
"$bin" report "$doc/examples/baseline.ron" --summary-csv "$root/summary.csv" >"$root/report.txt"
grep -q "NPV" "$root/report.txt" || fail "report printed no NPV"
[ -s "$root/summary.csv" ] || fail "report wrote no summary CSV"
if readelf -S "$bin" | grep -q '\.debug_'; then fail "the binary is not stripped"; fi

echo "== desktop entry, MIME type, icons, man pages, completions, licences"
desktop-file-validate "$root/usr/share/applications/envroi.desktop"
grep -qx 'Icon=envroi' "$root/usr/share/applications/envroi.desktop" || fail "desktop entry icon"
grep -q 'MimeType=application/x-envroi-scenario;' "$root/usr/share/applications/envroi.desktop" \
    || fail "desktop entry MIME type"
update-mime-database "$root/usr/share/mime"
grep -rq 'application/x-envroi-scenario' "$root/usr/share/mime/globs2" || fail "MIME glob"
for size in 16 24 32 48 64 128 256 512; do
    [ -s "$root/usr/share/icons/hicolor/${size}x${size}/apps/envroi.png" ] || fail "icon ${size}"
done
[ -s "$root/usr/share/icons/hicolor/scalable/apps/envroi.svg" ] || fail "scalable icon"
for page in envroi envroi-check envroi-report envroi-compare envroi-sensitivity envroi-breakeven envroi-montecarlo; do
    ls "$root/usr/share/man/man1/$page.1"* >/dev/null 2>&1 || fail "man page $page"
done
[ -s "$root/usr/share/bash-completion/completions/envroi" ] || fail "bash completion"
[ -s "$root/usr/share/zsh/vendor-completions/_envroi" ] || fail "zsh completion"
[ -s "$root/usr/share/fish/vendor_completions.d/envroi.fish" ] || fail "fish completion"
for file in LICENSE-MIT LICENSE-APACHE copyright; do
    [ -s "$doc/$file" ] || fail "$file"
done
[ "$(ls "$doc"/examples/*.ron | wc -l)" -ge 5 ] || fail "example scenarios"

echo "== sizes"
echo "package: $(stat -c %s "$deb") bytes; installed binary (stripped): $(stat -c %s "$bin") bytes"
echo "package test passed"

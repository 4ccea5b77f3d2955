#!/usr/bin/env bash
# Builds, tests and demonstrates the extension. Every subcommand installs what it needs
# (Debian packages, the wasm target, the pinned wasm-bindgen CLI, npm packages) and skips
# what is already there, so a second run is quick.
#
#   ./build.sh          build the unpacked extension into dist/chrome
#   ./build.sh demo     build, start the fake Functionize, and show the extension working
#   ./build.sh test     run every test
#   ./build.sh fuzz     run the parsers' property tests far longer than the test run does
#   ./build.sh package  zip the extension for the Chrome and Firefox stores into dist/
#   ./build.sh icons    draw the PNG icons again from extension/icons/icon.svg
#   ./build.sh www      build the project's web page, with a live demo of the popup, into dist/www
set -euo pipefail

cd "$(dirname "$0")"
ROOT=$PWD
TOOLS=$ROOT/.tools
CRATE=functionize-report-links
WASM_NAME=functionize_report_links
TARGET=wasm32-unknown-unknown

step() { printf '\n== %s\n' "$*"; }

# The wasm-bindgen CLI must match the crate exactly; Cargo.toml pins it with `=`.
wasm_bindgen_version() {
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml
}

need_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return
  step "installing ${missing[*]}"
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}

need_rust() {
  rustup target list --installed | grep -qx "$TARGET" || rustup target add "$TARGET"
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
}

need_wasm_bindgen() {
  local version
  version=$(wasm_bindgen_version)
  if [[ "$("$TOOLS/bin/wasm-bindgen" --version 2>/dev/null)" != "wasm-bindgen $version" ]]; then
    step "installing wasm-bindgen-cli $version (a few minutes, once)"
    # Without --locked: with it, one of the CLI's pinned dependencies is missing from the registry.
    cargo install wasm-bindgen-cli --version "$version" --root "$TOOLS" --force
  fi
}

need_npm() {
  local stamp=node_modules/.installed-from
  if [[ ! -f $stamp ]] || ! cmp -s package-lock.json "$stamp"; then
    step "installing npm packages"
    npm ci --no-audit --no-fund
    cp package-lock.json "$stamp"
  fi
}

build() {
  need_rust
  need_wasm_bindgen
  need_npm

  step "building the wasm"
  cargo build --release --target "$TARGET" -p "$CRATE"
  rm -rf extension/pkg
  "$TOOLS/bin/wasm-bindgen" --target web --no-typescript --out-dir extension/pkg \
    "target/$TARGET/release/$WASM_NAME.wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "extension/pkg/${WASM_NAME}_bg.wasm" -o "extension/pkg/${WASM_NAME}_bg.wasm"

  step "assembling dist/chrome"
  rm -rf dist/chrome
  mkdir -p dist
  cp -r extension dist/chrome
  # The content script is injected into every report page; it ships minified, its readable
  # source stays in extension/.
  node_modules/.bin/terser extension/content.js --compress --mangle -o dist/chrome/content.js
  echo "built dist/chrome ($(wc -c <"dist/chrome/pkg/${WASM_NAME}_bg.wasm") bytes of wasm)"
}

build_fake() {
  cargo build --release -p fake-functionize
}

# What the extension may weigh, in bytes (1 KB = 1,000 bytes): the wasm as `gzip -9` packs it,
# since that is near what a store and a browser's cache hold, and the content script as it
# ships (minified), since it is injected into every report page as it is.
WASM_GZ_BUDGET=120000
CONTENT_BUDGET=8000

check_sizes() {
  step "size budget"
  local wasm_gz content
  wasm_gz=$(gzip -9 -c "dist/chrome/pkg/${WASM_NAME}_bg.wasm" | wc -c)
  content=$(wc -c <dist/chrome/content.js)
  echo "wasm: $wasm_gz bytes gzipped (budget $WASM_GZ_BUDGET)"
  echo "content script: $content bytes (budget $CONTENT_BUDGET)"
  if ((wasm_gz > WASM_GZ_BUDGET || content > CONTENT_BUDGET)); then
    echo "over budget: see the README's section on size for what was cut before" >&2
    return 1
  fi
}

need_browser() {
  # The fonts let screenshots show Japanese names and emoji instead of empty boxes.
  need_apt chromium chromium-driver fonts-noto-cjk fonts-noto-color-emoji
}

# Debian's Firefox ESR, for the smoke test that runs the same build in Firefox; a virtual X
# display and a key presser, for the test that presses the extension's shortcut for real.
need_test_tools() {
  need_apt firefox-esr xvfb xdotool
}

demo() {
  need_browser
  build
  build_fake
  step "starting the demo"
  node tests/e2e/demo.mjs
}

test_all() {
  need_browser
  need_test_tools
  need_rust

  step "formatting"
  cargo fmt --all -- --check

  step "lints (native and wasm32)"
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy -p "$CRATE" --target "$TARGET" --all-targets -- -D warnings

  step "native tests"
  cargo test --workspace

  build
  check_sizes
  step "Firefox's linter"
  node tests/lint/web-ext-lint.mjs
  build_www
  build_fake

  step "wasm tests in headless Chromium"
  CHROMEDRIVER=/usr/bin/chromedriver \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER="$TOOLS/bin/wasm-bindgen-test-runner" \
    cargo test -p "$CRATE" --target "$TARGET" --lib

  step "end-to-end tests in Chromium"
  node --test --test-concurrency=1 tests/e2e/*.test.mjs

  step "the keyboard shortcut pressed in Chromium, on a virtual display"
  xvfb-run -a node --test tests/desktop/*.test.mjs

  step "smoke test in Firefox"
  node --test tests/firefox/*.test.mjs
}

bench() {
  need_browser
  build
  build_fake
  step "benchmark in Chromium (BENCH_SIZES=${BENCH_SIZES:=10,1000,5000}, BENCH_LATENCY_MS=${BENCH_LATENCY_MS:=80})"
  BENCH_SIZES=$BENCH_SIZES BENCH_LATENCY_MS=$BENCH_LATENCY_MS node tests/bench/bench.mjs
}

# The web page: www/ as it is, the screenshots the end-to-end tests took for the README, and
# the shipped popup (HTML, CSS, loader, wasm) with a stand-in for the extension APIs.
build_www() {
  step "building dist/www"
  rm -rf dist/www
  mkdir -p dist/www/demo dist/www/screenshots
  cp www/index.html www/privacy.html www/style.css dist/www/
  cp docs/page-button.png docs/popup.png dist/www/screenshots/
  cp -r dist/chrome/popup.html dist/chrome/popup.css dist/chrome/common.css \
    dist/chrome/popup.js dist/chrome/pkg dist/chrome/icons www/demo-shim.js dist/www/demo/
  # The popup's words come from the extension's catalog, which the shim reads from here.
  printf 'globalThis.demoMessages = %s;\n' "$(cat dist/chrome/_locales/en/messages.json)" \
    >dist/www/demo/messages.js
  sed -i 's|<script type="module" src="popup.js"></script>|<script src="messages.js"></script>\n  <script src="demo-shim.js"></script>\n  &|' \
    dist/www/demo/popup.html
  grep -q 'demo-shim.js' dist/www/demo/popup.html
  echo "built dist/www"
}

# One zip per store, the same files in both: the manifest serves both browsers.
package() {
  build
  step "packaging"
  local version
  version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
  for browser in chrome firefox; do
    node_modules/.bin/web-ext build --source-dir dist/chrome --artifacts-dir dist \
      --filename "functionize-report-links-$browser-$version.zip" --overwrite-dest
  done
}

fuzz() {
  need_rust
  step "property tests of every parser, ${FUZZ_CASES:=100000} cases each"
  PROPTEST_CASES=$FUZZ_CASES cargo test --release -p "$CRATE" --test parsers_never_panic
}

case "${1:-build}" in
  build) build ;;
  demo) demo ;;
  test) test_all ;;
  fuzz) fuzz ;;
  bench) bench ;;
  package) package ;;
  www)
    build
    build_www
    ;;
  icons)
    need_browser
    need_npm
    node tests/icons/render.mjs
    ;;
  *)
    echo "usage: ./build.sh [build|demo|test|fuzz|bench|package|icons|www]" >&2
    exit 2
    ;;
esac

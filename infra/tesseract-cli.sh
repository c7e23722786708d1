#!/usr/bin/env bash
# Installs Debian's native tesseract CLI with the Turkish and English data, for bench/ocr-throughput.ts
# (the baseline that tesseract.js is measured against). Idempotent: exits 0 at once when `tesseract`
# runs and lists tur and eng. As root it installs with apt-get; otherwise it prints the command and
# exits 2, so the bench can tell "not installed" from "failed".
set -euo pipefail

log() { printf 'tesseract-cli: %s\n' "$*" >&2; }
PACKAGES=(tesseract-ocr tesseract-ocr-tur tesseract-ocr-eng)

has_languages() {
  command -v tesseract >/dev/null || return 1
  local langs
  langs=$(tesseract --list-langs 2>/dev/null) || return 1
  grep -qx tur <<<"$langs" && grep -qx eng <<<"$langs"
}

if has_languages; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  log "the native tesseract CLI with tur and eng is not installed; as root, run:"
  log "  apt-get update && apt-get install -y --no-install-recommends ${PACKAGES[*]}"
  exit 2
fi
log "installing ${PACKAGES[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
has_languages || { log "tesseract installed, but tur or eng is missing from --list-langs"; exit 1; }
log "installed: $(tesseract --version 2>&1 | head -1)"

#!/usr/bin/env bash
# Run by .ci/run before anything else: JuryDesk installed the way users install it.
# Builds the sdist and the wheel (from the sdist, with `build` from PyPI in a throwaway venv),
# installs the wheel ALONE into a clean venv (its runtime dependencies, no extras, no
# editable checkout), and runs the main job there (scripts/smoke.py) in a temporary data
# directory. A runtime dependency that only the test extras provided fails here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/jurydesk-wheel.XXXXXX)"
trap 'rm -rf "$work"' EXIT
PYTHON="${PYTHON:-python3}"
started=$SECONDS
"$PYTHON" -m venv "$work/build-env"
"$work/build-env/bin/python" -m pip install --quiet build
"$work/build-env/bin/python" -m build --outdir "$work/dist" "$root" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
ls "$work/dist"/jurydesk-*.tar.gz >/dev/null  # the sdist too
echo ".ci: built $(cd "$work/dist" && echo *) in $((SECONDS - started)) s" >&2
"$PYTHON" -m venv "$work/clean"
"$work/clean/bin/python" -m pip install --quiet "$work"/dist/jurydesk-*.whl
# Run from an unrelated folder: nothing of the checkout is importable there.
(cd "$work" && "$work/clean/bin/python" "$root/scripts/smoke.py")
echo ".ci: the wheel smoke took $((SECONDS - started)) s" >&2

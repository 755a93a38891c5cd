#!/usr/bin/env bash
# Builds the Python wheel, installs it into a fresh virtualenv and runs python/tests against the
# CLI named by $1 (default target/release/dossier). Run from anywhere; used by .ci/run.
#
#   python/ci.sh [PATH/TO/dossier]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=$(realpath "${1:-target/release/dossier}")
test -x "$cli" || { echo "error: $cli is not the dossier CLI (cargo build -p dossier first)" >&2; exit 2; }

# maturin lives in a build environment of its own; the wheel is tested in another, created
# afresh each run, so that nothing but the wheel's own files can make the tests pass.
build_env=target/python/build-env
if [ ! -x "$build_env/bin/maturin" ]; then
  python3 -m venv "$build_env"
  "$build_env/bin/pip" install -q 'maturin>=1.16,<2'
fi
rm -rf target/python/wheels target/python/test-env
CARGO_TARGET_DIR=$PWD/target "$build_env/bin/maturin" build --release --strip -m python/Cargo.toml -o target/python/wheels
python3 -m venv target/python/test-env
# The Spark job's test runs real Spark in local mode (pyspark from PyPI, on the machine's Java).
target/python/test-env/bin/pip install -q target/python/wheels/dossier-*.whl 'pyspark>=4,<5' 'pyarrow' 'pandas<3' mypy
export SPARK_LOCAL_IP=127.0.0.1
# From outside the repository, so that `import dossier` can only find the installed wheel.
# The type stubs (dossier/_dossier.pyi) must say what the extension has: stubtest compares them.
(cd target/python && test-env/bin/python -m mypy.stubtest dossier._dossier)
(cd target/python && DOSSIER_BIN="$cli" test-env/bin/python -m unittest discover -s "$OLDPWD/python/tests" -v)

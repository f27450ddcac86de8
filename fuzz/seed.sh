#!/usr/bin/env bash
# Seed corpora for the fuzz targets from the repository's own scripts and lessons, and
# the inputs kept in tests/fuzz_regressions/ (fuzz/corpus/ is not in git).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/python_frontend fuzz/corpus/lesson_loader
cp tests/conformance/*.py tests/asyncio_extra/*.py tests/fuzz_regressions/python/* fuzz/corpus/python_frontend/
cp lessons/*.toml tests/fuzz_regressions/lessons/* fuzz/corpus/lesson_loader/
echo "python_frontend: $(ls fuzz/corpus/python_frontend | wc -l) inputs, lesson_loader: $(ls fuzz/corpus/lesson_loader | wc -l) inputs"

#!/usr/bin/env bash
# Checks terraform/ without the AWS provider: formatting, module consistency, and the variable validations run by
# terraform itself (see check.py). Ends with "terraform: N passed, N failed, N skipped"; exits 1 on a failure.
set -euo pipefail
cd "$(dirname "$0")"
exec python3 check.py

#!/usr/bin/env bash
# What CI does with the content, the same on GitHub (.github/workflows/kunskapsbank.yml) and GitLab
# (.gitlab-ci.yml), so that tests/test_ci_files.py tests it here:
#   check          kunskapsbank check; the reports for GitLab (Code Quality, JUnit) and for SARIF
#                  viewers go to build/reports/, the log gets GitHub's workflow commands on GitHub
#                  (marks on the pull request's lines) and the readable text elsewhere
#   build [MAPP]   the site into MAPP (default: site/), which checks the content once more
# Exit 1 when the content has errors. Expects `kunskapsbank` on PATH (or in $KUNSKAPSBANK).
set -euo pipefail
cd "$(dirname "$0")/.."
kunskapsbank=${KUNSKAPSBANK:-kunskapsbank}
reports=build/reports

# Exit 1 is the content's errors, reported by the last run; anything else (2: a usage error) stops here.
report() {
  "$kunskapsbank" check --format "$1" --output "$reports/$2" >/dev/null || [ $? -eq 1 ]
}

case "${1:-}" in
  check)
    mkdir -p "$reports"
    report gitlab code-quality.json
    report junit junit.xml
    report sarif kunskapsbank.sarif
    if [ "${GITHUB_ACTIONS:-}" = true ]; then
      exec "$kunskapsbank" check --format github
    fi
    exec "$kunskapsbank" check
    ;;
  build)
    exec "$kunskapsbank" build -d "${2:-site}"
    ;;
  *)
    echo "användning: $0 check|build [MAPP]" >&2
    exit 2
    ;;
esac

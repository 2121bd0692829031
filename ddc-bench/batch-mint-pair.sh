#!/usr/bin/env bash
# ddc batch-mint paired with plain JDBC writing the same certificates' rows (BatchMintBaseline),
# both timed as whole processes by farm-bench, A B A B ... (ddc-bench/README.md).
# Usage: ddc-bench/batch-mint-pair.sh CERTS.jsonl [RUNS]   (from the repository root, after
#        mvn -o -q -pl ddc-bench -am package -DskipTests; the ddc launcher builds the CLI)
# The input is one JSON line per certificate whose "to" is did:ddc:alice or did:ddc:bob.
set -euo pipefail
in=$(realpath "$1")
runs=${2:-3}
root=$(pwd)
w=$(mktemp -d /tmp/ddc-pair.XXXXXX)
cd "$w"
for who in operator uni alice bob; do "$root/ddc" keygen --out $who.pem --pub $who.pub.pem >/dev/null; done
"$root/ddc" init --ledger template.db --origin bench.ddc.io/pair --key operator.pem >/dev/null
"$root/ddc" account add --ledger template.db --key operator.pem --role platform --did did:ddc:uni \
  --name Uni --pub uni.pub.pem >/dev/null
for who in alice bob; do
  "$root/ddc" account add --ledger template.db --key operator.pem --role consumer --did did:ddc:$who \
    --name $who --pub $who.pub.pem --leader did:ddc:uni >/dev/null
done
farm-bench -n "$runs" --timeout 3600 \
  --vs "sh -c 'exec java -cp $root/ddc-bench/target/benchmarks.jar io.ddc.bench.BatchMintBaseline $in $w/base.db >>$w/b.log 2>&1'" \
  -- sh -c "rm -f run.db*; cp template.db run.db; exec $root/ddc batch-mint --ledger run.db --key uni.pem --in $in >>$w/a.log 2>&1"
tail -n 1 "$w/a.log" "$w/b.log"

#!/usr/bin/env bash
# A PostgreSQL cluster on loopback for tests and trials: a primary on PORT, a streaming replica of it
# on PORT+1 (pg_basebackup -R) and pgbouncer in transaction mode on PORT+2, in front of the primary.
# Debian's binaries, run as the postgres user (initdb and pgbouncer refuse root), under DIR.
#
#   Scripts/pg-cluster.sh start DIR PORT     # prints the three URLs as shell exports
#   Scripts/pg-cluster.sh stop DIR
#
# The superuser is `marsad` with trust authentication on 127.0.0.1 only: never for a real server
# (docs/deploy.md describes one). fsync is off: a crashed test cluster is simply made again.
set -euo pipefail

command=${1:?start|stop}
dir=${2:?directory}
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x "$pg_bin/initdb" ]] || { echo "pg-cluster: no PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }

# From /: the postgres user may not enter the caller's directory.
as_postgres() { (cd / && runuser -u postgres -- "$@"); }

stop() {
    if [[ -f "$dir/pgbouncer.pid" ]]; then
        kill "$(cat "$dir/pgbouncer.pid")" 2>/dev/null || true
        rm -f "$dir/pgbouncer.pid"
    fi
    for node in replica primary; do
        if [[ -f "$dir/$node/postmaster.pid" ]]; then
            as_postgres "$pg_bin/pg_ctl" -D "$dir/$node" -m fast stop >/dev/null 2>&1 ||
                as_postgres "$pg_bin/pg_ctl" -D "$dir/$node" -m immediate stop >/dev/null 2>&1 || true
        fi
    done
}

start_node() { # NODE PORT
    as_postgres "$pg_bin/pg_ctl" -D "$dir/$1" -l "$dir/$1.log" -w -t 60 \
        -o "-p $2 -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
}

start() {
    local port=${1:?port}
    stop
    rm -rf "$dir"
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    as_postgres "$pg_bin/initdb" -D "$dir/primary" -U marsad -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    start_node primary "$port"
    # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile; -C -S
    # make a replication slot, so the primary keeps every WAL segment until the replica has it (without
    # one, the test suite's churn of databases recycled WAL that a lagging replica still needed).
    as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U marsad -D "$dir/replica" -R -X stream -C -S marsad_replica
    start_node replica $((port + 1))
    if command -v pgbouncer >/dev/null; then
        start_pgbouncer "$port" $((port + 2))
    fi
    echo "export MARSAD_TEST_POSTGRES=postgres://marsad@127.0.0.1:$port/postgres"
    echo "export MARSAD_TEST_POSTGRES_REPLICA=postgres://marsad@127.0.0.1:$((port + 1))/postgres"
    if command -v pgbouncer >/dev/null; then
        echo "export MARSAD_TEST_PGBOUNCER=postgres://marsad@127.0.0.1:$((port + 2))/postgres"
    fi
}

start_pgbouncer() { # PRIMARY_PORT PORT
    echo '"marsad" ""' >"$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=127.0.0.1 port=$1
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $2
unix_socket_dir = $dir
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
pidfile = $dir/pgbouncer.pid
logfile = $dir/pgbouncer.log
EOF
    chown postgres:postgres "$dir/userlist.txt" "$dir/pgbouncer.ini"
    as_postgres pgbouncer -d "$dir/pgbouncer.ini"
    for _ in $(seq 50); do
        [[ -f "$dir/pgbouncer.pid" ]] && return 0
        sleep 0.1
    done
    echo "pg-cluster: pgbouncer did not start; see $dir/pgbouncer.log" >&2
    exit 1
}

case "$command" in
    start) start "${3:?port}" ;;
    stop) stop ;;
    *) echo "pg-cluster: start DIR PORT | stop DIR" >&2; exit 2 ;;
esac

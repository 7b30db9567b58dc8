#!/bin/sh
# Fault tests of store_write_atomic: each case makes one step of a save fail
# for real (full tmpfs, read-only mount, another user's folder) or by
# injection (libfiu, our own preload shim), then checks that the old file is
# byte-identical and that no temporary file is left (store-tool checks the
# error, its step and the leftovers).
#   faults.sh CASE STORE_TOOL SHIM_SO
# Exit 77 (skipped) when the platform cannot do the case, saying why.
set -u
case_=$1
tool=$2
shim=$3

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*"; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/ap-store-faults.XXXXXX") || exit 99
X=$(mktemp -d "${TMPDIR:-/tmp}/ap-store-expect.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$W" 2>/dev/null; rm -rf "$W" "$X"' EXIT
P=$W/plan.yaml

OLD='old contents: "the plan as it was"
second line, no trailing newline'
NEW='new contents, longer than the old ones so that a partial write would
show: 0123456789012345678901234567890123456789012345678901234567890123456789
'
printf '%s' "$OLD" >"$X/old"
printf '%s' "$NEW" >"$X/new"

# Preloaded libraries must be allowed to come before the ASan runtime.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
export ASAN_OPTIONS

prepare() {
	"$tool" put "$P" "$OLD" || fail "could not write the old file"
	cmp "$X/old" "$P" || fail "old file written wrongly"
}

old_intact() {
	cmp "$X/old" "$P" || fail "the old file changed"
	echo "ok: old file byte-identical, no temporary file left"
}

need_unshare() {
	why=$(unshare -rm true 2>&1) ||
		skip "unshare -rm is not permitted here: $why"
	why=$(unshare -rm sh -c 'mount -t tmpfs -o size=64k tmpfs "$1"' \
		sh "$W" 2>&1) ||
		skip "cannot mount a tmpfs in a user namespace: $why"
}

need_fiu() {
	command -v fiu-run >/dev/null ||
		skip "fiu-run not found (Debian package fiu-utils)"
	# libfiu's preload wraps malloc/calloc/realloc, which AddressSanitizer
	# replaces too: the program crashes before main.
	if ldd "$tool" 2>/dev/null | grep -q libasan; then
		skip "libfiu's preload cannot run under AddressSanitizer"
	fi
}

fiu() {
	fiu-run -x -f "" -c "$1" "$tool" expect-fail "$P" "$NEW" "$2" "$3"
}

case $case_ in
enospc)
	need_unshare
	unshare -rm sh -c '
		mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
		exec "$2" enospc "$1"' sh "$W" "$tool" ||
		fail "enospc scenario"
	;;
erofs)
	need_unshare
	unshare -rm sh -c '
		set -e
		mount -t tmpfs -o size=64k tmpfs "$1"
		"$2" put "$1/plan.yaml" "$(cat "$3/old")"
		mount -o remount,ro "$1"
		"$2" expect-fail "$1/plan.yaml" "$(cat "$3/new")" EROFS \
			"creating the temporary file"
		cmp "$3/old" "$1/plan.yaml"' sh "$W" "$tool" "$X" ||
		fail "erofs scenario"
	echo "ok: EROFS reported, old file byte-identical"
	;;
eacces)
	prepare
	if [ "$(id -u)" = 0 ]; then
		# Root ignores folder permissions: save as nobody instead.
		as_nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
		command -v setpriv >/dev/null || skip "setpriv not found"
		chmod 0755 "$W"
		$as_nobody "$tool" >/dev/null 2>&1
		[ $? = 2 ] || skip "cannot run $tool as uid 65534 via setpriv"
	else
		as_nobody=
		chmod 0500 "$W"
	fi
	$as_nobody "$tool" expect-fail "$P" "$NEW" EACCES \
		"creating the temporary file" || fail "eacces"
	old_intact
	;;
fiu-fsync)
	need_fiu
	prepare
	fiu "enable name=posix/io/sync/fsync,failinfo=5" EIO \
		"syncing the temporary file" || fail "fsync EIO"
	old_intact
	;;
fiu-close)
	need_fiu
	prepare
	fiu "enable name=posix/io/oc/close,failinfo=5" EIO \
		"closing the temporary file" || fail "close EIO"
	old_intact
	;;
fiu-write-eio)
	need_fiu
	prepare
	fiu "enable name=posix/io/rw/write,failinfo=5" EIO \
		"writing the temporary file" || fail "write EIO"
	old_intact
	;;
fiu-write-enospc)
	# A file system without fallocate reports a full disk on write.
	need_fiu
	prepare
	fiu "enable name=posix/io/rw/write,failinfo=28" ENOSPC \
		"writing the temporary file" || fail "write ENOSPC"
	old_intact
	;;
fiu-write-retry)
	need_fiu
	big=$(head -c 100000 /dev/zero | tr '\0' 'x')
	printf '%s' "$big" >"$X/big"
	fiu-run -x -f "" -c \
		"enable_random name=posix/io/rw/write,probability=0.7,failinfo=4" \
		"$tool" put "$P" "$big" || fail "save with EINTR on write"
	cmp "$X/big" "$P" || fail "bytes differ after EINTR"
	fiu-run -x -f "" -c "enable name=posix/io/rw/write/reduce" \
		"$tool" put "$P" "$NEW" || fail "save with short writes"
	cmp "$X/new" "$P" || fail "bytes differ after short writes"
	echo "ok: EINTR and short writes retried, bytes equal"
	;;
shim-rename)
	prepare
	AP_SHIM_RENAMEAT=5 LD_PRELOAD="$shim" "$tool" expect-fail "$P" "$NEW" \
		EIO "renaming the temporary file over it" || fail "rename EIO"
	old_intact
	;;
shim-dirsync)
	# The rename has happened: the new bytes are in place, the error is
	# still reported so that the caller saves again.
	prepare
	AP_SHIM_DIRSYNC=5 LD_PRELOAD="$shim" "$tool" expect-fail "$P" "$NEW" \
		EIO "syncing its folder (the new contents are in place but may not survive a crash)" ||
		fail "folder fsync EIO"
	cmp "$X/new" "$P" || fail "new bytes not in place"
	echo "ok: folder fsync failure reported, no temporary file left"
	;;
*)
	fail "unknown case $case_"
	;;
esac
exit 0
